"""Monthly statements: shipped lines, refunds as negative lines, VAT, commission, amount due."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from shop.extensions import db
from shop.fulfilment import services
from shop.fulfilment.errors import InvalidMonth
from shop.fulfilment.models import Fulfilment, FulfilmentStatus
from shop.fulfilment.statements import (
    month_bounds,
    refund_shares,
    round_half_away,
    shipped_by_month,
    statement_for,
)
from shop.payments.gateway import RefundInfo
from shop.payments.models import Refund
from shop.payments.services import record_refunds
from tests.fixtures.orders import paid_order

S = FulfilmentStatus


def at(text: str) -> datetime:
    """A UTC instant from 'YYYY-MM-DD HH:MM'."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def ship(member, order, cooperative, when: datetime) -> Fulfilment:
    fulfilment = db.session.scalar(select(Fulfilment).where(
        Fulfilment.order_id == order.id, Fulfilment.cooperative_id == cooperative.id))
    for to in (S.ACCEPTED, S.READY):
        services.advance(member, fulfilment.id, to)
        db.session.commit()
    services.advance(member, fulfilment.id, S.SHIPPED, carrier="brt", tracking_code="BRT0001",
                     now=when)
    db.session.commit()
    return fulfilment


def refund(order, amount_cents: int, when: datetime, refund_id: str) -> None:
    record_refunds(f"pi_test_{order.id}", [RefundInfo(refund_id, amount_cents, "succeeded")],
                   actor="test")
    db.session.scalar(select(Refund).where(Refund.provider_refund_id == refund_id)) \
        .created_at = when
    db.session.commit()


def rows(statement):
    return [(line.kind, line.day, line.sku, line.quantity, line.gross_cents, line.vat_cents)
            for line in statement.lines]


def test_statement_totals_are_the_shipped_lines_minus_refunds_to_the_cent(catalog):
    c = catalog
    # Order A: 3 biscuits (€ 6,50, 10%) and a cake (€ 28,00, 10%): goods 4750 + shipping 690.
    order_a = paid_order([(c.biscuits, 3), (c.cake, 1)])
    order_b = paid_order([(c.biscuits, 1)])
    ship(c.bake_member, order_a, c.bake, at("2026-03-05 10:00"))
    ship(c.bake_member, order_b, c.bake, at("2026-03-20 15:00"))
    refund(order_a, 1000, at("2026-03-25 09:00"), "re_a")

    statement = statement_for(c.bake_member, 2026, 3)

    b, k = c.biscuits.sku, c.cake.sku
    assert rows(statement) == [
        ("sale", date(2026, 3, 5), b, 3, 1950, 177),
        ("sale", date(2026, 3, 5), k, 1, 2800, 255),
        ("sale", date(2026, 3, 20), b, 1, 650, 59),
        # 1000 × 4750 / 5440 = 873 for the cooperative, split 358 + 515 by goods value.
        ("refund", date(2026, 3, 25), b, 0, -358, -33),
        ("refund", date(2026, 3, 25), k, 0, -515, -47),
    ]
    assert statement.gross_cents == 1950 + 2800 + 650 - 873 == 4527
    assert statement.vat_cents == 177 + 255 + 59 - 33 - 47 == 411
    assert statement.net_cents == 4116
    assert statement.commission_bp == 2000
    assert statement.commission_cents == 823  # 20% of 4116 = 823.2
    assert statement.amount_due_cents == 3293
    assert statement.units == 5


def test_months_are_milan_months_and_refunds_count_once(catalog):
    c = catalog
    late_feb = paid_order([(c.apron, 1)])  # shipped 28 Feb 23:30 in Milan
    early_mar = paid_order([(c.apron, 1)])  # shipped 1 Mar 00:30 in Milan (still Feb in UTC)
    refunded_before = paid_order([(c.apron, 1)])
    ship(c.sew_member, late_feb, c.sew, at("2026-02-28 22:30"))
    ship(c.sew_member, early_mar, c.sew, at("2026-02-28 23:30"))
    refund(refunded_before, 3250, at("2026-02-10 12:00"), "re_before")  # before it shipped…
    ship(c.sew_member, refunded_before, c.sew, at("2026-03-02 12:00"))  # …counts when it did
    refund(late_feb, 500, at("2026-03-10 12:00"), "re_late")  # February's sale, March's refund
    refund(early_mar, 500, at("2026-04-01 08:00"), "re_april")  # April's business

    february = statement_for(c.sew_member, 2026, 2)
    march = statement_for(c.sew_member, 2026, 3)

    a = c.apron.sku
    assert rows(february) == [("sale", date(2026, 2, 28), a, 1, 3250, 586)]
    # 3250 of 3250 + 690 shipping → 3250 × 3250 / 3940 = 2681; 500 × 3250 / 3940 = 412.
    assert rows(march) == [
        ("sale", date(2026, 3, 1), a, 1, 3250, 586),
        ("sale", date(2026, 3, 2), a, 1, 3250, 586),
        ("refund", date(2026, 3, 2), a, 0, -2681, -483),
        ("refund", date(2026, 3, 10), a, 0, -412, -74),
    ]
    assert (march.gross_cents, march.vat_cents, march.net_cents) == (3407, 615, 2792)
    assert (march.commission_cents, march.amount_due_cents) == (698, 2094)


def test_another_cooperatives_sales_never_reach_a_statement(catalog):
    c = catalog
    order = paid_order([(c.apron, 1), (c.spoon, 2)])
    ship(c.sew_member, order, c.sew, at("2026-03-05 10:00"))
    ship(c.wood_member, order, c.wood, at("2026-03-05 11:00"))

    assert [line.sku for line in statement_for(c.sew_member, 2026, 3).lines] == [c.apron.sku]
    assert [line.sku for line in statement_for(c.wood_member, 2026, 3).lines] == [c.spoon.sku]
    assert statement_for(c.bake_member, 2026, 3).lines == []


def test_refund_shares_add_up_exactly():
    class Line:
        def __init__(self, gross):
            self.gross_cents = gross

    lines = [Line(333), Line(333), Line(334)]
    # 101 × 333/1000 = 33.633 twice, 101 × 334/1000 = 33.734: the two largest remainders win.
    assert [share for _, share in refund_shares(101, 1000, lines)] == [34, 33, 34]
    assert [s for _, s in refund_shares(5440, 5440, [Line(1950), Line(2800)])] == [1950, 2800]


@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (5, 2, 3), (-5, 2, -3), (4, 2, 2), (7, 3, 2), (-7, 3, -2), (0, 9, 0)])
def test_round_half_away(numerator, denominator, expected):
    assert round_half_away(numerator, denominator) == expected


def test_month_bounds_follow_milan_time_and_refuse_nonsense():
    assert month_bounds(2026, 3) == (at("2026-02-28 23:00"), at("2026-03-31 22:00"))
    assert month_bounds(2026, 12)[1] == at("2026-12-31 23:00")
    for year, month in ((2026, 13), (2026, 0), (1999, 5), (99999, 1)):
        with pytest.raises(InvalidMonth):
            month_bounds(year, month)


def test_shipped_by_month_gives_twelve_months_for_the_chart(catalog):
    c = catalog
    order = paid_order([(c.apron, 2)])
    ship(c.sew_member, order, c.sew, at("2026-03-05 10:00"))

    months = shipped_by_month(c.sew_member, date(2026, 5, 17))

    assert [m.first_day for m in months][:2] == [date(2025, 6, 1), date(2025, 7, 1)]
    assert months[-1].first_day == date(2026, 5, 1)
    assert [(m.first_day, m.gross_cents, m.units) for m in months if m.units] == [
        (date(2026, 3, 1), 6500, 2)]
