"""Geometry of the dashboard chart: shipped value and units over the last twelve months.

Only numbers live here; templates/coop/_chart.html draws them as inline SVG, with the words
(title, description, labels) in the reader's language and a table with the same figures.
Horizontal positions are percentages of the chart's width and vertical ones are pixels, so
the chart fills a phone or a desktop column while its text keeps a readable size.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

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
    return bar_chart(months)


def bar_chart(months, *, top=attrgetter("gross_cents"), top_unit: int = 100,
              bottom=attrgetter("units"), bottom_unit: int = 1) -> Chart:
    """The same two panels for any items (months, cooperatives), one slot per item, in the
    order given: `top` (by default value in cents, axis in euros) and `bottom` (by default
    units). The units say what one axis step is a multiple of (60 minutes, 1000 grams)."""
    value_step, value_top = nice_scale(max((top(m) for m in months), default=0), top_unit)
    units_step, units_top = nice_scale(max((bottom(m) for m in months), default=0),
                                       bottom_unit, UNITS_TICKS)
    slot = (RIGHT - LEFT) / max(len(months), 1)
    bar_width = round(slot * 0.62, 2)
    bars = []
    for i, month in enumerate(months):
        value_h = (VALUE_BOTTOM - VALUE_TOP) * max(top(month), 0) / value_top
        units_h = (UNITS_BOTTOM - UNITS_TOP) * max(bottom(month), 0) / units_top
        bars.append(Bar(month, round(LEFT + i * slot + (slot - bar_width) / 2, 2), bar_width,
                        round(VALUE_BOTTOM - value_h, 1), round(value_h, 1),
                        round(UNITS_BOTTOM - units_h, 1), round(units_h, 1)))
    return Chart(bars, _ticks(value_top, value_step, VALUE_TOP, VALUE_BOTTOM),
                 _ticks(units_top, units_step, UNITS_TOP, UNITS_BOTTOM))


# Sales by cooperative: one horizontal bar per cooperative, its name above it, so long
# names stay readable on a phone. Widths are percentages, heights pixels, as above.
ROW_HEIGHT, ROW_TOP, ROW_BAR = 46, 30, 18
H_LEFT, H_RIGHT = 1.0, 82.0


@dataclass(frozen=True)
class Row:
    item: object  # anything with name, gross_cents, units
    label_y: int
    bar_y: int
    width: float


@dataclass(frozen=True)
class RowChart:
    rows: list[Row]
    ticks: list[Tick]  # Tick.y holds the x position (percent) here
    height: int
    left: float = H_LEFT
    right: float = H_RIGHT
    bar_height: int = ROW_BAR

    @property
    def total_cents(self) -> int:
        return sum(row.item.gross_cents for row in self.rows)

    @property
    def total_units(self) -> int:
        return sum(row.item.units for row in self.rows)

    @property
    def best(self):
        sold = [row.item for row in self.rows if row.item.gross_cents > 0]
        return max(sold, key=lambda item: item.gross_cents) if sold else None


def cooperative_chart(totals) -> RowChart:
    """Bars of value shipped per cooperative, on a round scale starting at zero."""
    step, top = nice_scale(max((t.gross_cents for t in totals), default=0), 100)
    span = H_RIGHT - H_LEFT
    rows = [Row(t, ROW_TOP + i * ROW_HEIGHT, ROW_TOP + i * ROW_HEIGHT + 8,
                round(span * t.gross_cents / top, 2)) for i, t in enumerate(totals)]
    ticks = [Tick(round(H_LEFT + span * v / top, 2), v) for v in range(0, top + 1, step)]
    return RowChart(rows, ticks, ROW_TOP + len(totals) * ROW_HEIGHT + 24)
