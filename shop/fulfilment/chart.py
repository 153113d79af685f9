"""Geometry of the dashboard chart: shipped value and units over the last twelve months.

Only numbers live here; templates/coop/_chart.html draws them as inline SVG, with the words
(title, description, labels) in the reader's language and a table with the same figures.
Horizontal positions are percentages of the chart's width and vertical ones are pixels, so
the chart fills a phone or a desktop column while its text keeps a readable size.
"""

from __future__ import annotations

from dataclasses import dataclass

from shop.fulfilment.statements import MonthTotal

HEIGHT = 310
LEFT, RIGHT = 15.0, 99.0  # the plot's edges, in percent of the width
VALUE_TOP, VALUE_BOTTOM = 34, 168
UNITS_TOP, UNITS_BOTTOM = 214, 270
LABEL_Y = 292
VALUE_TICKS, UNITS_TICKS = 4, 2


@dataclass(frozen=True)
class Bar:
    month: MonthTotal
    x: float
    width: float
    value_y: float
    value_height: float
    units_y: float
    units_height: float

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    value_ticks: list[Tick]
    units_ticks: list[Tick]
    height: int = HEIGHT
    left: float = LEFT
    right: float = RIGHT
    value_top: int = VALUE_TOP
    value_bottom: int = VALUE_BOTTOM
    units_top: int = UNITS_TOP
    units_bottom: int = UNITS_BOTTOM
    label_y: int = LABEL_Y

    @property
    def total_cents(self) -> int:
        return sum(bar.month.gross_cents for bar in self.bars)

    @property
    def total_units(self) -> int:
        return sum(bar.month.units for bar in self.bars)

    @property
    def best(self) -> MonthTotal | None:
        """The month with the most value shipped (the latest, on a tie), if any."""
        shipped = [bar.month for bar in self.bars if bar.month.gross_cents > 0]
        return max(reversed(shipped), key=lambda m: m.gross_cents) if shipped else None


def nice_scale(maximum: int, unit: int = 1, ticks: int = VALUE_TICKS) -> tuple[int, int]:
    """A round step and top for an axis reaching `maximum` in `ticks` steps.

    Steps are 1, 2 or 5 times a power of ten of `unit` (cents → whole euros on the axis).
    """
    if maximum <= 0:
        return unit, unit * ticks
    raw = -(-maximum // ticks)
    magnitude = unit
    while magnitude * 10 <= raw:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if magnitude * factor >= raw:
            step = magnitude * factor
            return step, step * ticks
    raise AssertionError("unreachable")


def _ticks(top_value: int, step: int, top_y: int, bottom_y: int) -> list[Tick]:
    span = bottom_y - top_y
    return [Tick(round(bottom_y - span * v / top_value, 1), v)
            for v in range(0, top_value + 1, step)]


def shipped_chart(months: list[MonthTotal]) -> Chart:
    """Bars for value (top panel) and units (bottom panel), one slot per month."""
    value_step, value_top = nice_scale(max((m.gross_cents for m in months), default=0), 100)
    units_step, units_top = nice_scale(max((m.units for m in months), default=0), 1,
                                        UNITS_TICKS)
    slot = (RIGHT - LEFT) / max(len(months), 1)
    bar_width = round(slot * 0.62, 2)
    bars = []
    for i, month in enumerate(months):
        value_h = (VALUE_BOTTOM - VALUE_TOP) * month.gross_cents / value_top
        units_h = (UNITS_BOTTOM - UNITS_TOP) * month.units / units_top
        bars.append(Bar(month, round(LEFT + i * slot + (slot - bar_width) / 2, 2), bar_width,
                        round(VALUE_BOTTOM - value_h, 1), round(value_h, 1),
                        round(UNITS_BOTTOM - units_h, 1), round(units_h, 1)))
    return Chart(bars, _ticks(value_top, value_step, VALUE_TOP, VALUE_BOTTOM),
                 _ticks(units_top, units_step, UNITS_TOP, UNITS_BOTTOM))
