"""The staff's view of stock: every variant in every location, thresholds and the ledger.

Every change of on_hand goes through shop.inventory.services.adjust_stock (the ledger and
the row locks of shop.inventory.locks) and writes one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.catalog.models import Product, ProductStatus, Variant
from shop.db import begin_write
from shop.extensions import db
from shop.fulfilment.routing import LOCAL_TZ
from shop.inventory.errors import InvalidAdjustment, StockNotFound
from shop.inventory.locks import lock_stock
from shop.inventory.models import (
    Location,
    LocationKind,
    MovementReason,
    Stock,
    StockMovement,
    StockThreshold,
)
from shop.inventory.services import adjust_stock

PER_PAGE = 40
# Reasons staff book by hand on a stock row; the rest come from orders and transfers.
STAFF_REASONS = (MovementReason.PRODUCTION, MovementReason.DAMAGED, MovementReason.RETURN,
                 MovementReason.COUNT_CORRECTION)


@dataclass(frozen=True)
class Cell:
    location_id: int
    on_hand: int = 0
    allocated: int = 0
    minimum: int | None = None

    @property
    def available(self) -> int:
        return self.on_hand - self.allocated

    @property
    def low(self) -> bool:
        return self.minimum is not None and self.available <= self.minimum


@dataclass
class GridRow:
    variant: Variant
    product: Product
    cells: list[Cell]

    @property
    def low(self) -> bool:
        return any(cell.low for cell in self.cells)

    @property
    def on_hand(self) -> int:
        return sum(cell.on_hand for cell in self.cells)


@dataclass(frozen=True)
class GridFilters:
    cooperative: int | None = None
    category: int | None = None
    low: bool = False
    q: str = ""
    page: int = 1


@dataclass
class Grid:
    locations: list[Location]
    rows: list[GridRow]
    total: int
    page: int
    pages: int
    filters: GridFilters = field(default_factory=GridFilters)


def locations() -> list[Location]:
    """The five workshops in name order, then the store."""
    return list(db.session.scalars(select(Location).order_by(
        (Location.kind == LocationKind.STORE), Location.name)))


def store_location() -> Location:
    location = db.session.scalar(select(Location).where(Location.kind == LocationKind.STORE))
    if location is None:
        raise StockNotFound("the shop has no store location")
    return location


def _variants(filters: GridFilters):
    stmt = (select(Variant, Product).join(Product, Variant.product_id == Product.id)
            .where(Product.made_to_order.is_(False), Product.status != ProductStatus.ARCHIVED))
    if filters.cooperative:
        stmt = stmt.where(Product.cooperative_id == filters.cooperative)
    if filters.category:
        stmt = stmt.where(Product.category_id == filters.category)
    if filters.q:
        stmt = stmt.where(func.lower(Variant.sku).contains(filters.q.strip().lower())
                          | func.lower(Product.slug).contains(filters.q.strip().lower()))
    return stmt.order_by(Product.slug, Variant.position, Variant.id)


def stock_grid(user, filters: GridFilters, per_page: int = PER_PAGE) -> Grid:
    """Variants × locations with on hand, promised, available and the low-stock flag."""
    staff_actor(user)
    places = locations()
    pairs = list(db.session.execute(_variants(filters)))
    variant_ids = [v.id for v, _ in pairs]
    stock = {(s.variant_id, s.location_id): s for s in db.session.scalars(
        select(Stock).where(Stock.variant_id.in_(variant_ids)))} if variant_ids else {}
    minimum = {(t.variant_id, t.location_id): t.minimum for t in db.session.scalars(
        select(StockThreshold).where(StockThreshold.variant_id.in_(variant_ids)))
    } if variant_ids else {}
    rows = []
    for variant, product in pairs:
        cells = []
        for place in places:
            row = stock.get((variant.id, place.id))
            cells.append(Cell(place.id, row.on_hand if row else 0,
                              row.allocated if row else 0, minimum.get((variant.id, place.id))))
        rows.append(GridRow(variant, product, cells))
    if filters.low:
        rows = [row for row in rows if row.low]
    total = len(rows)
    pages = max(1, -(-total // per_page))
    page = min(max(filters.page, 1), pages)
    return Grid(places, rows[(page - 1) * per_page:page * per_page], total, page, pages,
                filters)


def all_rows(user) -> tuple[list[Location], list[GridRow]]:
    """Every row of the grid, for the CSV export."""
    grid = stock_grid(user, GridFilters(), per_page=10**9)
    return grid.locations, grid.rows


@dataclass(frozen=True)
class LedgerFilters:
    reason: str = ""
    since: date | None = None
    until: date | None = None


@dataclass
class StockRow:
    variant: Variant
    product: Product
    location: Location
    on_hand: int
    allocated: int
    minimum: int | None
    movements: list[StockMovement]

    @property
    def available(self) -> int:
        return self.on_hand - self.allocated


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ)


def stock_row(user, variant_id: int, location_id: int,
              filters: LedgerFilters | None = None, limit: int = 200) -> StockRow:
    """One variant at one location: its levels, threshold and ledger (newest first)."""
    staff_actor(user)
    variant = db.session.get(Variant, variant_id)
    location = db.session.get(Location, location_id)
    if variant is None or location is None:
        raise StockNotFound(f"{variant_id}@{location_id}")
    filters = filters or LedgerFilters()
    stock = db.session.scalar(select(Stock).where(Stock.variant_id == variant_id,
                                                  Stock.location_id == location_id))
    threshold = db.session.scalar(select(StockThreshold.minimum).where(
        StockThreshold.variant_id == variant_id, StockThreshold.location_id == location_id))
    stmt = select(StockMovement).where(StockMovement.variant_id == variant_id,
                                       StockMovement.location_id == location_id)
    if filters.reason:
        stmt = stmt.where(StockMovement.reason == filters.reason)
    if filters.since:
        stmt = stmt.where(StockMovement.created_at >= _local_start(filters.since))
    if filters.until:
        stmt = stmt.where(StockMovement.created_at < _local_start(filters.until
                                                                  + timedelta(days=1)))
    movements = list(db.session.scalars(stmt.order_by(StockMovement.id.desc()).limit(limit)))
    return StockRow(variant, variant.product, location, stock.on_hand if stock else 0,
                    stock.allocated if stock else 0, threshold, movements)


def set_threshold(user, variant_id: int, location_id: int, minimum: int | None) -> None:
    """Set (or with None, remove) the low-stock minimum of a variant at a location."""
    staff_actor(user)
    if minimum is not None and minimum < 0:
        raise InvalidAdjustment("the minimum cannot be negative")
    stock_row(user, variant_id, location_id, limit=0)
    row = db.session.scalar(select(StockThreshold).where(
        StockThreshold.variant_id == variant_id, StockThreshold.location_id == location_id))
    before = {"minimum": row.minimum if row else None}
    if minimum is None and row is not None:
        db.session.delete(row)
    elif minimum is not None and row is None:
        db.session.add(StockThreshold(variant_id=variant_id, location_id=location_id,
                                      minimum=minimum))
    elif row is not None:
        row.minimum = minimum
    db.session.flush()
    record("stock_threshold.update", "stock", f"{variant_id}@{location_id}", before=before,
           after={"minimum": minimum})


def book_adjustment(user, variant_id: int, location_id: int, reason: str, quantity: int,
                    note: str = "") -> Stock:
    """Staff's change to one stock row: production or returns in, damage out, or a count.

    For a count, `quantity` is what is on the shelf; the ledger gets the difference.
    """
    actor = staff_actor(user)
    try:
        reason = MovementReason(reason)
    except ValueError as exc:
        raise InvalidAdjustment(f"unknown reason {reason!r}") from exc
    if reason not in STAFF_REASONS:
        raise InvalidAdjustment(f"staff cannot book {reason.value} by hand")
    if quantity < 0 or (quantity == 0 and reason != MovementReason.COUNT_CORRECTION):
        raise InvalidAdjustment("the quantity must be positive")
    begin_write(db.session)
    stock_row(user, variant_id, location_id, limit=0)
    stock = lock_stock({(variant_id, location_id)}).get((variant_id, location_id))
    before = stock.on_hand if stock else 0
    if reason == MovementReason.COUNT_CORRECTION:
        delta = quantity - before
    elif reason == MovementReason.DAMAGED:
        delta = -quantity
    else:
        delta = quantity
    if delta == 0:
        raise InvalidAdjustment("the count matches the stock already")
    stock = adjust_stock(variant_id, location_id, delta, reason, reference="staff",
                         user_id=actor.user_id, note=note)
    record("stock.adjust", "stock", f"{variant_id}@{location_id}",
           before={"on_hand": before}, after={"on_hand": stock.on_hand},
           summary=f"{reason.value} {delta:+d}")
    return stock
