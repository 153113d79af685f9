"""The impact ledger: one entry per paid order and refund, chained, verifiable by anyone."""

from __future__ import annotations

import json
import threading

from sqlalchemy import func, select

from shop.catalog.models import Product, Variant
from shop.extensions import db
from shop.impact.figures import order_impact
from shop.impact.ledger import chain_hash, record_refund, verify_ledger
from shop.impact.models import GENESIS_HASH, ImpactEntry, ImpactEntryLine
from shop.orders.models import Order
from shop.payments.models import Payment, Refund
from tests.fixtures.orders import paid_order, placed_order


def variants(*ids):
    return [db.session.get(Variant, i) for i in ids]


def test_a_paid_order_appends_one_entry_equal_to_its_line_snapshots(app, rctx, goods):
    apron, board = variants(goods.apron_id, goods.board_id)
    order = paid_order([(apron, 2), (board, 1)])

    entries = db.session.scalars(select(ImpactEntry)).all()
    assert len(entries) == 1
    entry = entries[0]
    payload = json.loads(entry.payload)
    assert payload["order"] == order.number
    assert payload["cooperatives"] == {"filo": {"minutes": 180, "grams": 800},
                                       "legno": {"minutes": 150, "grams": 1800}}
    assert (entry.seq, entry.prev_hash) == (1, GENESIS_HASH)
    assert entry.hash == chain_hash(GENESIS_HASH, entry.payload)
    impact = order_impact(order)
    assert (impact.minutes, impact.grams) == (330, 2600)
    assert "Giulia" not in entry.payload and "@" not in entry.payload


def test_line_snapshots_do_not_follow_later_product_changes(app, rctx, goods):
    apron, = variants(goods.apron_id)
    order = placed_order([(apron, 1)])
    db.session.get(Product, apron.product_id).impact_minutes_per_unit = 999
    db.session.commit()

    assert [line.impact_minutes_per_unit for line in order.lines] == [90]


def test_an_unpaid_order_is_not_in_the_ledger(app, rctx, goods):
    apron, = variants(goods.apron_id)
    placed_order([(apron, 3)])

    assert db.session.scalar(select(func.count(ImpactEntry.id))) == 0


def refund(order: Order, cents: int, refund_id: str) -> None:
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id))
    db.session.add(Refund(payment_id=payment.id, provider_refund_id=refund_id,
                          amount_cents=cents))
    db.session.commit()


def net(order_id: int) -> dict[int, tuple[int, int]]:
    rows = db.session.execute(
        select(ImpactEntryLine.cooperative_id, func.sum(ImpactEntryLine.minutes),
               func.sum(ImpactEntryLine.grams))
        .join(ImpactEntry).where(ImpactEntry.order_id == order_id)
        .group_by(ImpactEntryLine.cooperative_id)).all()
    return {cid: (int(m), int(g)) for cid, m, g in rows}


def test_refunds_subtract_their_share_and_a_full_refund_leaves_nothing(app, rctx, goods):
    apron, board = variants(goods.apron_id, goods.board_id)
    order = paid_order([(apron, 2), (board, 1)])
    total = order.total_cents

    refund(order, total // 4, "re_1")  # a quarter back
    assert net(order.id) == {goods.filo_id: (135, 600), goods.legno_id: (113, 1350)}

    refund(order, total - total // 4, "re_2")  # the rest
    assert net(order.id) == {goods.filo_id: (0, 0), goods.legno_id: (0, 0)}
    kinds = db.session.scalars(select(ImpactEntry.kind).order_by(ImpactEntry.seq)).all()
    assert kinds == ["order", "refund", "refund"]
    assert verify_ledger() == (3, None)


def test_a_refund_of_an_order_never_counted_adds_nothing(app, rctx, goods):
    apron, = variants(goods.apron_id)
    order = placed_order([(apron, 1)])

    assert record_refund(order, 100) is None


def test_changing_any_stored_entry_is_caught_and_named(app, rctx, goods):
    apron, board = variants(goods.apron_id, goods.board_id)
    for _ in range(3):
        paid_order([(apron, 1), (board, 1)])
    assert verify_ledger() == (3, None)

    second = db.session.scalar(select(ImpactEntry).where(ImpactEntry.seq == 2))
    second.payload = second.payload.replace('"minutes":90', '"minutes":900')
    db.session.commit()

    count, bad = verify_ledger()
    assert (count, bad.seq) == (3, 2)
    assert "hash" in bad.reason


def test_changing_the_figures_beside_the_payload_is_caught(app, rctx, goods):
    apron, = variants(goods.apron_id)
    paid_order([(apron, 1)])
    line = db.session.scalar(select(ImpactEntryLine))
    line.minutes = 5000
    db.session.commit()

    assert verify_ledger()[1].seq == 1


def test_flask_impact_verify_reports_the_first_bad_entry(app, runner, goods):
    with app.test_request_context():
        apron, = variants(goods.apron_id)
        paid_order([(apron, 1)])
        paid_order([(apron, 1)])
    ok = runner.invoke(args=["impact", "verify"])
    assert (ok.exit_code, ok.output.strip()) == (
        0, "The impact ledger holds: 2 entries, chain intact.")

    with app.test_request_context():
        first = db.session.scalar(select(ImpactEntry).where(ImpactEntry.seq == 1))
        first.hash = "f" * 64
        db.session.commit()
    bad = runner.invoke(args=["impact", "verify"])
    assert bad.exit_code == 1
    assert "Entry 1 is not valid" in bad.output


def test_concurrent_payments_keep_one_chain_with_no_fork_and_no_gap(app, goods):
    with app.test_request_context():
        apron, = variants(goods.apron_id)
        orders = [placed_order([(apron, 1)]).id for _ in range(8)]
    barrier = threading.Barrier(len(orders))
    errors = []

    def pay_one(order_id):
        from tests.fixtures.orders import pay

        try:
            with app.test_request_context():
                from shop.db import writing

                barrier.wait(timeout=10)
                with writing():
                    pay(db.session.get(Order, order_id))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=pay_one, args=(oid,)) for oid in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    with app.test_request_context():
        seqs = db.session.scalars(select(ImpactEntry.seq).order_by(ImpactEntry.seq)).all()
        assert seqs == list(range(1, 9))
        assert verify_ledger() == (8, None)
