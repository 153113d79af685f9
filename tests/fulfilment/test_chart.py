"""The dashboard chart's geometry: round scales, one bar per month, totals for the text."""

from __future__ import annotations

from datetime import date

import pytest

from shop.fulfilment.chart import (
    LEFT,
    UNITS_BOTTOM,
    VALUE_BOTTOM,
    VALUE_TOP,
    nice_scale,
    shipped_chart,
)
from shop.fulfilment.statements import MonthTotal


@pytest.mark.parametrize(("maximum", "unit", "ticks", "expected"), [
    (0, 100, 4, (100, 400)),
    (6500, 100, 4, (2000, 8000)),  # € 65 → steps of € 20, top € 80
    (123_456, 100, 4, (50_000, 200_000)),
    (7, 1, 2, (5, 10)),
    (2, 1, 2, (1, 2)),
])
def test_nice_scale(maximum, unit, ticks, expected):
    assert nice_scale(maximum, unit, ticks) == expected


def test_bars_are_scaled_to_the_largest_month():
    months = [MonthTotal(date(2026, m, 1), cents, units)
              for m, cents, units in ((1, 0, 0), (2, 40_000, 4), (3, 20_000, 1))]

    chart = shipped_chart(months)

    assert [t.value for t in chart.value_ticks] == [0, 10_000, 20_000, 30_000, 40_000]
    assert [t.value for t in chart.units_ticks] == [0, 2, 4]
    first, second, third = chart.bars
    assert first.x > LEFT and first.value_height == 0 and first.units_height == 0
    assert (second.value_y, second.value_height) == (VALUE_TOP, VALUE_BOTTOM - VALUE_TOP)
    assert third.value_height == (VALUE_BOTTOM - VALUE_TOP) / 2
    assert third.units_y == UNITS_BOTTOM - third.units_height
    assert (chart.total_cents, chart.total_units) == (60_000, 5)
    assert chart.best == months[1]


def test_an_empty_year_draws_flat_bars_and_has_no_best_month():
    chart = shipped_chart([MonthTotal(date(2026, m, 1), 0, 0) for m in range(1, 13)])

    assert len(chart.bars) == 12
    assert all(bar.value_height == 0 for bar in chart.bars)
    assert chart.best is None
