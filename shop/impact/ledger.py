"""The impact ledger: append an entry for each paid order and refund; verify the chain.

Entries are appended by a session hook, in the transaction that marks an order paid or
records a refund, whichever code path does it (web checkout, webhook, quote, counter sale).
Appending locks the single chain-head row (shop.impact.locks), so concurrent payments line
up one behind the other and the chain never forks: each entry's hash covers the previous
one's hash and its own canonical JSON payload.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from shop.catalog.models import Cooperative
from shop.db import utcnow
from shop.extensions import db
from shop.impact.figures import order_impact, remaining_share
from shop.impact.locks import lock_chain_head
from shop.impact.models import GENESIS_HASH, EntryKind, ImpactEntry, ImpactEntryLine

MILAN = ZoneInfo("Europe/Rome")


def canonical_json(payload: dict) -> str:
    """One spelling of a payload: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, payload_json: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{payload_json}".encode()).hexdigest()


def append_entry(kind: EntryKind, order, figures: dict[int, tuple[int, int]],
                 day: date | None = None) -> ImpactEntry | None:
    """Add the next link: `figures` maps cooperative id to (minutes, grams). Zero → no entry."""
    figures = {cid: fg for cid, fg in figures.items() if fg != (0, 0)}
    if not figures:
        return None
    head = lock_chain_head()
    slugs = dict(db.session.execute(
        select(Cooperative.id, Cooperative.slug).where(Cooperative.id.in_(figures))).all())
    day = day or utcnow().astimezone(MILAN).date()
    seq = head.seq + 1
    payload = canonical_json({
        "seq": seq, "kind": str(kind), "order": order.number, "date": day.isoformat(),
        "cooperatives": {slugs[cid]: {"minutes": m, "grams": g}
                         for cid, (m, g) in sorted(figures.items())},
    })
    entry = ImpactEntry(seq=seq, kind=kind, order_id=order.id, order_number=order.number,
                        day=day, payload=payload, prev_hash=head.hash,
                        hash=chain_hash(head.hash, payload))
    entry.lines = [ImpactEntryLine(cooperative_id=cid, minutes=m, grams=g)
                   for cid, (m, g) in sorted(figures.items())]
    db.session.add(entry)
    head.seq, head.hash = seq, entry.hash
    return entry


def recorded_for(order_id: int) -> dict[int, tuple[int, int]]:
    """What the ledger holds for an order so far, net, per cooperative."""
    rows = db.session.execute(
        select(ImpactEntryLine.cooperative_id, func.sum(ImpactEntryLine.minutes),
               func.sum(ImpactEntryLine.grams))
        .join(ImpactEntry).where(ImpactEntry.order_id == order_id)
        .group_by(ImpactEntryLine.cooperative_id)).all()
    return {cid: (int(m), int(g)) for cid, m, g in rows}


def record_paid_order(order) -> ImpactEntry | None:
    """The entry for a newly paid order (once: a second call finds it recorded)."""
    if db.session.scalar(select(ImpactEntry.id).where(
            ImpactEntry.order_id == order.id, ImpactEntry.kind == EntryKind.ORDER)):
        return None
    impact = order_impact(order)
    return append_entry(EntryKind.ORDER, order, {
        cid: (c.minutes, c.grams) for cid, c in impact.by_cooperative.items()})


def record_refund(order, refunded_cents: int) -> ImpactEntry | None:
    """A negative entry bringing the order's net impact to its unrefunded share."""
    if not db.session.scalar(select(ImpactEntry.id).where(
            ImpactEntry.order_id == order.id, ImpactEntry.kind == EntryKind.ORDER)):
        return None  # never counted (refunded before it was paid): nothing to take back
    impact = order_impact(order)
    held = recorded_for(order.id)
    figures = {}
    for cid, share in impact.by_cooperative.items():
        minutes = remaining_share(share.minutes, order.total_cents, refunded_cents)
        grams = remaining_share(share.grams, order.total_cents, refunded_cents)
        now_m, now_g = held.get(cid, (0, 0))
        figures[cid] = (minutes - now_m, grams - now_g)
    return append_entry(EntryKind.REFUND, order, figures)


@dataclass(frozen=True)
class BadEntry:
    seq: int
    reason: str


def verify(entries) -> BadEntry | None:
    """Walk entries in seq order; the first that breaks the chain, or None if all hold."""
    prev = GENESIS_HASH
    expected_seq = 1
    for entry in entries:
        if entry.seq != expected_seq:
            return BadEntry(entry.seq, f"expected entry {expected_seq}, found {entry.seq}")
        if entry.prev_hash != prev:
            return BadEntry(entry.seq, "its previous hash is not the hash of the entry before")
        if chain_hash(entry.prev_hash, entry.payload) != entry.hash:
            return BadEntry(entry.seq, "its hash does not match its contents")
        try:
            data = json.loads(entry.payload)
        except ValueError:
            return BadEntry(entry.seq, "its payload is not JSON")
        if canonical_json(data) != entry.payload or data.get("seq") != entry.seq:
            return BadEntry(entry.seq, "its payload is not in canonical form")
        lines = getattr(entry, "lines", None)
        if lines is not None:
            slugs = dict(db.session.execute(select(Cooperative.id, Cooperative.slug)).all())
            stored = {slugs.get(line.cooperative_id): {"minutes": line.minutes,
                                                        "grams": line.grams}
                      for line in lines}
            if stored != data.get("cooperatives"):
                return BadEntry(entry.seq, "its figures differ from its payload")
        prev = entry.hash
        expected_seq += 1
    return None


def verify_ledger() -> tuple[int, BadEntry | None]:
    """Check the whole stored chain, and that the head matches its last entry."""
    from shop.impact.models import ImpactChainHead

    entries = db.session.scalars(select(ImpactEntry).order_by(ImpactEntry.seq)).all()
    bad = verify(entries)
    if bad is None:
        head = db.session.get(ImpactChainHead, 1)
        last_seq, last_hash = (entries[-1].seq, entries[-1].hash) if entries else (0,
                                                                                   GENESIS_HASH)
        if head is not None and (head.seq, head.hash) != (last_seq, last_hash):
            bad = BadEntry(last_seq, "the chain head does not match the last entry")
    return len(entries), bad


def head_at(day: date) -> ImpactEntry | None:
    """The last entry written on or before `day` (a month's published chain head)."""
    return db.session.scalar(select(ImpactEntry).where(ImpactEntry.day <= day)
                             .order_by(ImpactEntry.seq.desc()).limit(1))


# -- the session hook ------------------------------------------------------------------------

def _before_flush(session: Session, flush_context, instances) -> None:
    from shop.orders.models import OrderEvent, OrderLine, OrderStatus
    from shop.payments.models import Payment, Refund

    new = list(session.new)
    for obj in new:
        if isinstance(obj, OrderLine) and obj.impact_minutes_per_unit is None:
            _snapshot_line(session, obj)
    for obj in new:
        if isinstance(obj, OrderEvent) and obj.to_status == OrderStatus.PAID:
            with session.no_autoflush:
                record_paid_order(obj.order)
    refunds = [obj for obj in new if isinstance(obj, Refund)]
    if refunds:
        with session.no_autoflush:
            for order in {_refund_order(session, r, Payment) for r in refunds} - {None}:
                pending = sum(r.amount_cents for r in refunds
                              if _refund_order(session, r, Payment) is order)
                stored = session.scalar(select(func.coalesce(func.sum(Refund.amount_cents), 0))
                                        .join(Payment).where(Payment.order_id == order.id))
                record_refund(order, int(stored) + pending)


def _refund_order(session, refund, payment_model):
    payment = refund.payment if refund.payment is not None else session.get(
        payment_model, refund.payment_id)
    return payment.order if payment is not None else None


def _snapshot_line(session, line) -> None:
    from shop.catalog.models import Product

    product = line.product if getattr(line, "product", None) is not None else (
        session.get(Product, line.product_id) if line.product_id else None)
    line.impact_minutes_per_unit = product.impact_minutes_per_unit if product else 0
    line.recovered_grams_per_unit = product.recovered_grams_per_unit if product else 0
    if line.recovered_material is None:
        line.recovered_material = product.recovered_material if product else "none"


def init_app(app) -> None:
    """Hook the ledger into every session's flush (once per process)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
