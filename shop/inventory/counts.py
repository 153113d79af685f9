"""Shelf counts from a CSV file: checked whole, then applied whole, as ledger rows.

A file is `sku,location,count` (a header row; ',' or ';'). Every bad row is reported at
once (unknown SKU or location, a count that is not a whole number or is negative, the same
SKU and location twice, a count below what orders have been promised) and nothing is
applied until the file is clean. A clean file is applied in one transaction: each row whose
count differs from on_hand becomes one count_correction movement.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, tuple_

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.catalog.models import Variant
from shop.db import begin_write
from shop.extensions import db
from shop.inventory.errors import CountFileInvalid
from shop.inventory.locks import lock_stock
from shop.inventory.models import Location, MovementReason, Stock
from shop.inventory.services import adjust_stock

MAX_ROWS = 20_000
HEADERS = ("sku", "location", "count")


@dataclass(frozen=True)
class Problem:
    row: int  # the line number in the file, header = 1
    code: str  # unknown_sku, unknown_location, not_a_number, negative, duplicate,
    #            below_promised, missing_columns, too_many_rows, empty
    value: str = ""


@dataclass(frozen=True)
class CountRow:
    row: int
    sku: str
    location_code: str
    variant_id: int
    location_id: int
    count: int
    on_hand: int = 0
    allocated: int = 0

    @property
    def delta(self) -> int:
        return self.count - self.on_hand


def _rows(text: str) -> list[tuple[int, list[str]]]:
    text = text.lstrip("\ufeff")
    sample = text.split("\n", 1)[0]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [(number, [cell.strip() for cell in cells])
            for number, cells in enumerate(reader, start=1) if any(c.strip() for c in cells)]


def check_counts(text: str) -> list[CountRow]:
    """Every row of the file, resolved; CountFileInvalid lists every bad row."""
    rows = _rows(text)
    if not rows:
        raise CountFileInvalid([Problem(1, "empty")])
    header = [cell.lower() for cell in rows[0][1]]
    if header[:3] != list(HEADERS):
        raise CountFileInvalid([Problem(1, "missing_columns", ",".join(rows[0][1]))])
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise CountFileInvalid([Problem(1, "too_many_rows", str(len(body)))])
    variants = dict(db.session.execute(select(Variant.sku, Variant.id)).all())
    places = dict(db.session.execute(select(Location.code, Location.id)).all())
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    resolved: list[CountRow] = []
    for number, cells in body:
        cells = cells + [""] * (3 - len(cells))
        sku, code, raw = cells[0], cells[1], cells[2]
        ok = True
        if sku not in variants:
            problems.append(Problem(number, "unknown_sku", sku))
            ok = False
        if code not in places:
            problems.append(Problem(number, "unknown_location", code))
            ok = False
        try:
            count = int(raw)
        except ValueError:
            problems.append(Problem(number, "not_a_number", raw))
            ok, count = False, 0
        if count < 0:
            problems.append(Problem(number, "negative", raw))
            ok = False
        key = (sku, code)
        if key in seen:
            problems.append(Problem(number, "duplicate", f"{sku} @ {code} ({seen[key]})"))
            ok = False
        else:
            seen[key] = number
        if ok:
            resolved.append(CountRow(number, sku, code, variants[sku], places[code], count))
    if problems:
        raise CountFileInvalid(problems)
    return resolved


def preview_counts(user, text: str) -> list[CountRow]:
    """The file's rows beside today's stock, or CountFileInvalid; changes nothing."""
    staff_actor(user)
    rows = check_counts(text)
    pairs = sorted({(r.variant_id, r.location_id) for r in rows})
    levels = {(s.variant_id, s.location_id): s for s in db.session.scalars(
        select(Stock).where(tuple_(Stock.variant_id, Stock.location_id).in_(pairs)))}
    result = []
    problems = []
    for r in rows:
        stock = levels.get((r.variant_id, r.location_id))
        on_hand, allocated = (stock.on_hand, stock.allocated) if stock else (0, 0)
        if r.count < allocated:
            problems.append(Problem(r.row, "below_promised", f"{r.count} < {allocated}"))
        result.append(CountRow(r.row, r.sku, r.location_code, r.variant_id, r.location_id,
                               r.count, on_hand, allocated))
    if problems:
        raise CountFileInvalid(problems)
    return result


def apply_counts(user, text: str, progress: Callable[[int], None] | None = None,
                 note: str = "") -> list[CountRow]:
    """Apply a clean count file in the caller's transaction: all rows or, on error, none.

    Returns the rows that changed stock. `progress(n)` is called after every n rows.
    """
    actor = staff_actor(user)
    begin_write(db.session)
    rows = check_counts(text)
    locked = lock_stock({(r.variant_id, r.location_id) for r in rows})
    problems = []
    for r in rows:
        stock = locked.get((r.variant_id, r.location_id))
        if stock is not None and r.count < stock.allocated:
            problems.append(Problem(r.row, "below_promised", f"{r.count} < {stock.allocated}"))
    if problems:
        raise CountFileInvalid(problems)
    changed = []
    for r in rows:
        stock = locked.get((r.variant_id, r.location_id))
        on_hand = stock.on_hand if stock else 0
        if r.count != on_hand:
            adjust_stock(r.variant_id, r.location_id, r.count - on_hand,
                         MovementReason.COUNT_CORRECTION, reference="count-import",
                         user_id=actor.user_id, note=note)
            changed.append(CountRow(r.row, r.sku, r.location_code, r.variant_id,
                                    r.location_id, r.count, on_hand))
        if progress:
            progress(1)
    record("stock.count_import", "stock", "", after={
        "rows": len(rows), "changed": [[c.sku, c.location_code, c.on_hand, c.count]
                                       for c in changed]},
        summary=f"{len(rows)} rows counted, {len(changed)} corrected", only_changes=False)
    db.session.flush()
    return changed
