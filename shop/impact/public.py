"""The public impact figures, computed from the ledger (paid orders net of refunds).

The ledger is the one source: the page, the JSON and the statements read the same rows.
Figures are cached per process and recomputed when the chain head moves, that is when an
order is paid or refunded anywhere.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import extract, func, select

from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.fulfilment.statements import last_months
from shop.impact.models import ImpactChainHead, ImpactEntry, ImpactEntryLine


@dataclass(frozen=True)
class CoopFigures:
    cooperative_id: int
    slug: str
    name: str
    institute: str
    craft: str
    minutes: int
    grams: int
    orders: int
    # Kinds of the material recovered (RecoveredMaterial values), as the lines snapshotted.
    materials: tuple[str, ...] = ()


@dataclass(frozen=True)
class MonthFigures:
    first_day: date
    minutes: int
    grams: int


@dataclass(frozen=True)
class PublicImpact:
    head_seq: int
    head_hash: str
    minutes: int
    grams: int
    orders: int
    cooperatives: list[CoopFigures] = field(default_factory=list)
    months: list[MonthFigures] = field(default_factory=list)


_cache: dict[tuple[int, date], PublicImpact] = {}
_cache_lock = threading.Lock()


def public_impact(today: date) -> PublicImpact:
    """Totals, per cooperative and per month over the last twelve months."""
    seq, digest = public_impact_head()
    key = (seq, today.replace(day=1))
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached.head_hash == digest:
        return cached
    figures = _compute(seq, digest, today)
    with _cache_lock:
        _cache.clear()
        _cache[key] = figures
    return figures


def _compute(seq: int, digest: str, today: date) -> PublicImpact:
    rows = db.session.execute(
        select(Cooperative.id, Cooperative.slug, Cooperative.name, Cooperative.institute,
               Cooperative.craft,
               func.coalesce(func.sum(ImpactEntryLine.minutes), 0),
               func.coalesce(func.sum(ImpactEntryLine.grams), 0),
               func.count(func.distinct(ImpactEntry.order_id)).filter(
                   ImpactEntry.kind == "order"))
        .select_from(Cooperative)
        .outerjoin(ImpactEntryLine, ImpactEntryLine.cooperative_id == Cooperative.id)
        .outerjoin(ImpactEntry, ImpactEntry.id == ImpactEntryLine.entry_id)
        .group_by(Cooperative.id).order_by(Cooperative.name)).all()
    kinds = materials_by_cooperative()
    coops = [CoopFigures(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), int(r[7]),
                         tuple(sorted(kinds.get(r[0], ()))))
             for r in rows]
    months = last_months(today)
    start = months[0]
    by_month = {
        (int(y), int(m)): (int(mins), int(grams))
        for y, m, mins, grams in db.session.execute(
            select(extract("year", ImpactEntry.day), extract("month", ImpactEntry.day),
                   func.sum(ImpactEntryLine.minutes), func.sum(ImpactEntryLine.grams))
            .join(ImpactEntryLine, ImpactEntryLine.entry_id == ImpactEntry.id)
            .where(ImpactEntry.day >= start)
            .group_by(extract("year", ImpactEntry.day), extract("month", ImpactEntry.day)))
    }
    orders = db.session.scalar(select(func.count(func.distinct(ImpactEntry.order_id)))
                               .where(ImpactEntry.kind == "order")) or 0
    return PublicImpact(
        head_seq=seq, head_hash=digest,
        minutes=sum(c.minutes for c in coops), grams=sum(c.grams for c in coops),
        orders=int(orders), cooperatives=coops,
        months=[MonthFigures(m, *by_month.get((m.year, m.month), (0, 0))) for m in months])


def materials_by_cooperative(order_ids=None) -> dict[int, set[str]]:
    """The kinds of material the counted orders' lines recovered, per cooperative."""
    from shop.orders.models import OrderLine

    counted = select(ImpactEntry.order_id).where(ImpactEntry.kind == "order")
    if order_ids is not None:
        counted = counted.where(ImpactEntry.order_id.in_(order_ids))
    kinds: dict[int, set[str]] = {}
    for cooperative_id, kind in db.session.execute(
            select(OrderLine.cooperative_id, OrderLine.recovered_material).distinct()
            .where(OrderLine.order_id.in_(counted), OrderLine.bundle_line_id.is_(None),
                   OrderLine.recovered_grams_per_unit > 0)):
        kinds.setdefault(cooperative_id, set()).add(kind or "none")
    return kinds


def public_impact_head() -> tuple[int, str]:
    """The chain head: how many entries, and the last one's hash."""
    head = db.session.execute(select(ImpactChainHead.seq, ImpactChainHead.hash)
                              .where(ImpactChainHead.id == 1)).first()
    return (head.seq, head.hash) if head else (0, "0" * 64)


def ledger_page(after: int = 0, limit: int = 500) -> tuple[list[ImpactEntry], bool]:
    """Entries after seq `after`, in order, and whether more follow."""
    entries = db.session.scalars(select(ImpactEntry).where(ImpactEntry.seq > after)
                                 .order_by(ImpactEntry.seq).limit(limit + 1)).all()
    return entries[:limit], len(entries) > limit
