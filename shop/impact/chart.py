"""Geometry of the public impact chart: hours of work and kilos recovered per month.

Same layout as the cooperatives' shipped chart (shop.fulfilment.chart): x in percent of the
width, y in pixels, two panels; templates/storefront/_impact_chart.html draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from shop.fulfilment.chart import (
    HEIGHT,
    LABEL_Y,
    LEFT,
    RIGHT,
    UNITS_BOTTOM,
    UNITS_TICKS,
    UNITS_TOP,
    VALUE_BOTTOM,
    VALUE_TICKS,
    VALUE_TOP,
    Tick,
    nice_scale,
)
from shop.impact.public import MonthFigures


@dataclass(frozen=True)
class ImpactBar:
    month: MonthFigures
    x: float
    width: float
    hours_y: float
    hours_height: float
    kilos_y: float
    kilos_height: float

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class ImpactChart:
    bars: list[ImpactBar]
    hours_ticks: list[Tick]
    kilos_ticks: list[Tick]
    height: int = HEIGHT
    left: float = LEFT
    right: float = RIGHT
    hours_top: int = VALUE_TOP
    kilos_top: int = UNITS_TOP
    label_y: int = LABEL_Y


def _ticks(top: int, step: int, top_y: int, bottom_y: int) -> list[Tick]:
    return [Tick(round(bottom_y - (bottom_y - top_y) * v / top, 1), v)
            for v in range(0, top + 1, step)]


def impact_chart(months: list[MonthFigures]) -> ImpactChart:
    """Hours (minutes / 60, axis in whole hours) above, kilos (grams, axis in kg) below."""
    hours_step, hours_top = nice_scale(max((m.minutes for m in months), default=0), 60,
                                       VALUE_TICKS)
    kilos_step, kilos_top = nice_scale(max((m.grams for m in months), default=0), 1000,
                                       UNITS_TICKS)
    slot = (RIGHT - LEFT) / max(len(months), 1)
    width = round(slot * 0.62, 2)
    bars = []
    for i, month in enumerate(months):
        h = (VALUE_BOTTOM - VALUE_TOP) * max(month.minutes, 0) / hours_top
        k = (UNITS_BOTTOM - UNITS_TOP) * max(month.grams, 0) / kilos_top
        bars.append(ImpactBar(month, round(LEFT + i * slot + (slot - width) / 2, 2), width,
                              round(VALUE_BOTTOM - h, 1), round(h, 1),
                              round(UNITS_BOTTOM - k, 1), round(k, 1)))
    return ImpactChart(bars,
                       [Tick(t.y, t.value // 60) for t in
                        _ticks(hours_top, hours_step, VALUE_TOP, VALUE_BOTTOM)],
                       [Tick(t.y, t.value // 1000) for t in
                        _ticks(kilos_top, kilos_step, UNITS_TOP, UNITS_BOTTOM)])
