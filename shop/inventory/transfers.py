"""Transfers of goods between a cooperative's workshop and the store.

The states and who may move them are a table, like shop.fulfilment.workflow:
requested → sent → received, and requested → cancelled. "source" is whoever holds the
goods (the workshop's cooperative, or staff for the store), "destination" whoever receives
them. Staff may make every move on the store's behalf; a member only their side's moves,
and only on their own cooperative's transfers (a foreign id is TransferNotFound).

Stock moves as ledger rows: out of the source when sent, into the destination when
received. What was sent but not counted on arrival is the line's shortfall, kept on the
line and in the event's note.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from shop.accounts.access import Actor, actor_for, staff_actor
from shop.audit.services import record
from shop.catalog.models import Product, Variant
from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.inventory.errors import InsufficientStock, TransferNotFound, TransferRefused
from shop.inventory.models import (
    Location,
    LocationKind,
    MovementReason,
    Transfer,
    TransferEvent,
    TransferLine,
)
from shop.inventory.models import TransferStatus as S
from shop.inventory.services import adjust_stock

SOURCE, DESTINATION, STAFF = "source", "destination", "staff"
# from status -> {to status: which side may make the move}, in the order buttons show.
FLOW: dict[str, dict[str, frozenset[str]]] = {
    S.REQUESTED: {S.SENT: frozenset({SOURCE}), S.CANCELLED: frozenset({STAFF})},
    S.SENT: {S.RECEIVED: frozenset({DESTINATION})},
    S.RECEIVED: {},
    S.CANCELLED: {},
}
OPEN = frozenset({S.REQUESTED, S.SENT})


def sides(actor: Actor, transfer: Transfer) -> set[str]:
    """Which sides of the transfer this actor stands on."""
    result = set()
    for side, location in ((SOURCE, transfer.from_location),
                           (DESTINATION, transfer.to_location)):
        if actor.is_staff or (location.kind == LocationKind.WORKSHOP
                              and location.cooperative_id == actor.cooperative_id):
            result.add(side)
    if actor.is_staff:
        result.add(STAFF)
    return result


def next_moves(user, transfer: Transfer) -> list[str]:
    actor = actor_for(user)
    mine = sides(actor, transfer)
    return [to for to, who in FLOW[transfer.status].items() if who & mine]


@dataclass(frozen=True)
class TransferFilters:
    status: str = "open"  # "" (any), "open", or a status
    cooperative: int | None = None  # staff only


def _scoped(actor: Actor):
    stmt = select(Transfer)
    if not actor.is_staff:
        stmt = stmt.where(Transfer.cooperative_id == actor.cooperative_id)
    return stmt


def list_transfers(user, filters: TransferFilters | None = None) -> list[Transfer]:
    """The user's transfers, open ones first, newest first."""
    actor = actor_for(user)
    filters = filters or TransferFilters()
    stmt = _scoped(actor)
    if filters.status == "open":
        stmt = stmt.where(Transfer.status.in_(OPEN))
    elif filters.status in set(S):
        stmt = stmt.where(Transfer.status == filters.status)
    if actor.is_staff and filters.cooperative:
        stmt = stmt.where(Transfer.cooperative_id == filters.cooperative)
    return list(db.session.scalars(stmt.order_by(Transfer.id.desc()).limit(200)))


def open_count(user) -> int:
    actor = actor_for(user)
    return db.session.scalar(select(func.count()).select_from(
        _scoped(actor).where(Transfer.status == S.REQUESTED).subquery())) or 0


def get_transfer(user, transfer_id: int) -> Transfer:
    transfer = db.session.scalar(_scoped(actor_for(user)).where(Transfer.id == transfer_id))
    if transfer is None:
        raise TransferNotFound(transfer_id)
    return transfer


def _lock(actor: Actor, transfer_id: int) -> Transfer:
    transfer = db.session.scalar(
        _scoped(actor).where(Transfer.id == transfer_id).with_for_update(of=Transfer)
        .execution_options(populate_existing=True))
    if transfer is None:
        raise TransferNotFound(transfer_id)
    return transfer


def _event(transfer: Transfer, to_status: str, actor: Actor, note: str = "") -> None:
    db.session.add(TransferEvent(transfer=transfer, from_status=transfer.status,
                                 to_status=to_status, actor=actor.label,
                                 user_id=actor.user_id, note=note))
    transfer.status = to_status


def request_transfer(user, cooperative_id: int, lines: dict[int, int], *,
                     to_store: bool = True, note: str = "") -> Transfer:
    """Staff ask a cooperative for goods (to_store) or send goods back to its workshop.

    `lines` maps variant ids (of that cooperative's products) to positive quantities.
    """
    actor = staff_actor(user)
    lines = {v: q for v, q in lines.items() if q}
    if not lines:
        raise TransferRefused("empty")
    if any(q < 0 for q in lines.values()):
        raise TransferRefused("quantity")
    workshop = db.session.scalar(select(Location).where(
        Location.cooperative_id == cooperative_id))
    store = db.session.scalar(select(Location).where(Location.kind == LocationKind.STORE))
    if workshop is None or store is None:
        raise TransferNotFound(cooperative_id)
    known = set(db.session.scalars(
        select(Variant.id).join(Product).where(Product.cooperative_id == cooperative_id,
                                               Variant.id.in_(list(lines)))))
    if known != set(lines):
        raise TransferRefused("quantity", detail="variant of another cooperative")
    begin_write(db.session)
    source, destination = (workshop, store) if to_store else (store, workshop)
    transfer = Transfer(from_location_id=source.id, to_location_id=destination.id,
                        cooperative_id=cooperative_id, status=S.REQUESTED, note=note,
                        requested_by_id=actor.user_id,
                        lines=[TransferLine(variant_id=v, quantity_requested=q)
                               for v, q in sorted(lines.items())])
    transfer.events.append(TransferEvent(from_status=None, to_status=S.REQUESTED,
                                         actor=actor.label, user_id=actor.user_id, note=note))
    db.session.add(transfer)
    db.session.flush()
    record("transfer.request", "transfer", transfer.id, only_changes=False,
           after={"from": source.code, "to": destination.code,
                  "lines": {str(v): q for v, q in lines.items()}},
           summary=f"{transfer.number}: {sum(lines.values())} units requested")
    return transfer


def _check_move(actor: Actor, transfer: Transfer, to_status: str) -> None:
    allowed = FLOW[transfer.status]
    if to_status not in allowed:
        raise TransferRefused("state", transfer.status, to_status)
    if not allowed[to_status] & sides(actor, transfer):
        raise TransferRefused("side", transfer.status, to_status)


def send_transfer(user, transfer_id: int, sent: dict[int, int] | None = None,
                  note: str = "") -> Transfer:
    """The source sends the goods: each line's units leave its shelves (transfer_out).

    `sent` maps line ids to the units actually packed (default: as requested; 0 allowed,
    never more than requested). A source that lacks the units is refused, nothing moves.
    """
    actor = actor_for(user)
    begin_write(db.session)
    transfer = _lock(actor, transfer_id)
    _check_move(actor, transfer, S.SENT)
    sent = sent or {}
    for line in transfer.lines:
        quantity = sent.get(line.id, line.quantity_requested)
        if quantity < 0 or quantity > line.quantity_requested:
            raise TransferRefused("quantity", detail=line.variant.sku)
        line.quantity_sent = quantity
    if not any(line.quantity_sent for line in transfer.lines):
        raise TransferRefused("empty")
    for line in transfer.lines:
        if line.quantity_sent:
            try:
                adjust_stock(line.variant_id, transfer.from_location_id, -line.quantity_sent,
                             MovementReason.TRANSFER_OUT, reference=transfer.number,
                             user_id=actor.user_id)
            except InsufficientStock as exc:
                raise TransferRefused("stock", detail=line.variant.sku) from exc
    transfer.sent_at = utcnow()
    _event(transfer, S.SENT, actor, note)
    db.session.flush()
    record("transfer.send", "transfer", transfer.id, before={"status": S.REQUESTED},
           after={"status": S.SENT, "sent": {line.variant.sku: line.quantity_sent
                                              for line in transfer.lines}},
           summary=f"{transfer.number} sent", only_changes=False)
    return transfer


def receive_transfer(user, transfer_id: int, received: dict[int, int],
                     note: str = "") -> Transfer:
    """The destination counts what arrived; it enters its shelves (transfer_in).

    `received` maps line ids to units counted (0 … sent); the difference is the shortfall.
    """
    actor = actor_for(user)
    begin_write(db.session)
    transfer = _lock(actor, transfer_id)
    _check_move(actor, transfer, S.RECEIVED)
    shortfalls = []
    for line in transfer.lines:
        sent_units = line.quantity_sent or 0
        counted = received.get(line.id, sent_units)
        if counted < 0 or counted > sent_units:
            raise TransferRefused("quantity", detail=line.variant.sku)
        line.quantity_received = counted
        if counted:
            adjust_stock(line.variant_id, transfer.to_location_id, counted,
                         MovementReason.TRANSFER_IN, reference=transfer.number,
                         user_id=actor.user_id)
        if line.shortfall:
            shortfalls.append(f"{line.variant.sku} −{line.shortfall}")
    transfer.received_at = utcnow()
    full_note = "; ".join(filter(None, [note, ("shortfall: " + ", ".join(shortfalls))
                                        if shortfalls else ""]))
    _event(transfer, S.RECEIVED, actor, full_note)
    db.session.flush()
    record("transfer.receive", "transfer", transfer.id, before={"status": S.SENT},
           after={"status": S.RECEIVED, "received": {line.variant.sku: line.quantity_received
                                                      for line in transfer.lines},
                  "shortfall": transfer.shortfall},
           summary=f"{transfer.number} received"
                   + (f", {transfer.shortfall} short" if transfer.shortfall else ""),
           only_changes=False)
    return transfer


def cancel_transfer(user, transfer_id: int, note: str = "") -> Transfer:
    """Staff withdraw a request not yet sent; nothing had moved."""
    actor = actor_for(user)
    begin_write(db.session)
    transfer = _lock(actor, transfer_id)
    _check_move(actor, transfer, S.CANCELLED)
    _event(transfer, S.CANCELLED, actor, note)
    db.session.flush()
    record("transfer.cancel", "transfer", transfer.id, before={"status": S.REQUESTED},
           after={"status": S.CANCELLED}, summary=f"{transfer.number} cancelled")
    return transfer


def cooperative_variants(cooperative_id: int) -> list[tuple[Variant, Product]]:
    """The stocked variants a cooperative makes, for the request form."""
    from shop.catalog.models import ProductStatus

    return list(db.session.execute(
        select(Variant, Product).join(Product, Variant.product_id == Product.id)
        .where(Product.cooperative_id == cooperative_id, Product.made_to_order.is_(False),
               Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.slug, Variant.position, Variant.id)))
