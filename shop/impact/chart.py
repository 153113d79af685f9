"""The public impact chart: hours of paid work above, kilos recovered below, per month.

The geometry is the cooperatives' shipped chart (shop.fulfilment.chart.bar_chart) with other
measures: minutes on an axis of whole hours, grams on an axis of whole kilos.
"""

from __future__ import annotations

from operator import attrgetter

from shop.fulfilment.chart import Chart, bar_chart
from shop.impact.public import MonthFigures


def impact_chart(months: list[MonthFigures]) -> Chart:
    return bar_chart(months, top=attrgetter("minutes"), top_unit=60,
                     bottom=attrgetter("grams"), bottom_unit=1000)
