"""Stock in every location: the grid, one row's ledger and changes, CSV export and counts."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog.services import list_categories, list_cooperatives
from shop.extensions import db
from shop.inventory import counts, grid
from shop.inventory.errors import (
    CountFileInvalid,
    InsufficientStock,
    InvalidAdjustment,
    StockNotFound,
)
from shop.web.staff import bp
from shop.web.staff.forms_util import date_arg, int_arg

MAX_UPLOAD = 2 * 1024 * 1024


@bp.get("/stock")
def stock_grid():
    """Show every variant in every location, filtered by cooperative, category or low stock."""
    filters = grid.GridFilters(cooperative=int_arg("cooperative"), category=int_arg("category"),
                               low=request.args.get("low") == "1",
                               q=request.args.get("q", "")[:80], page=int_arg("page") or 1)
    return render_template("staff/stock_grid.html", grid=grid.stock_grid(current_user, filters),
                           cooperatives=list_cooperatives(), categories=list_categories())


@bp.get("/stock.csv")
def stock_export():
    """Download every stock level as CSV (sku, location, on hand, promised, free, minimum)."""
    places, rows = grid.all_rows(current_user)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["sku", "location", "on_hand", "allocated", "available", "minimum"])
    for row in rows:
        for place, cell in zip(places, row.cells, strict=True):
            writer.writerow([row.variant.sku, place.code, cell.on_hand, cell.allocated,
                             cell.available, "" if cell.minimum is None else cell.minimum])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="stock.csv"'})


def _row(variant_id: int, location_id: int, filters=None):
    try:
        return grid.stock_row(current_user, variant_id, location_id, filters)
    except StockNotFound:
        abort(404)


def _render_row(variant_id: int, location_id: int, error: str | None = None, status=200):
    filters = grid.LedgerFilters(reason=request.args.get("reason", "")[:24],
                                 since=date_arg("since"), until=date_arg("until"))
    return render_template("staff/stock_detail.html", row=_row(variant_id, location_id, filters),
                           filters=filters, reasons=grid.STAFF_REASONS, error=error), status


@bp.get("/stock/<int:variant_id>/<int:location_id>")
def stock_detail(variant_id: int, location_id: int):
    """Show one variant at one location: levels, low-stock minimum, the ledger (filterable)."""
    return _render_row(variant_id, location_id)


@bp.post("/stock/<int:variant_id>/<int:location_id>/threshold")
def stock_threshold(variant_id: int, location_id: int):
    """Set or clear the low-stock minimum of this variant at this location."""
    raw = request.form.get("minimum", "").strip()
    minimum = int_arg("minimum", request.form)
    if raw and (minimum is None or minimum < 0):
        return _render_row(variant_id, location_id,
                           _("The minimum must be a whole number, 0 or more."), 400)
    _row(variant_id, location_id)
    grid.set_threshold(current_user, variant_id, location_id, minimum if raw else None)
    db.session.commit()
    flash(_("Low-stock minimum saved."), "success")
    return redirect(url_for("staff.stock_detail", variant_id=variant_id,
                            location_id=location_id), code=303)


@bp.post("/stock/<int:variant_id>/<int:location_id>/adjust")
def stock_adjust(variant_id: int, location_id: int):
    """Book production, damage, a return or a shelf count on this stock row."""
    quantity = int_arg("quantity", request.form)
    if quantity is None or not 0 <= quantity <= 100_000:
        return _render_row(variant_id, location_id,
                           _("Give the quantity as a whole number, 0 or more."), 400)
    _row(variant_id, location_id)
    try:
        grid.book_adjustment(current_user, variant_id, location_id,
                             request.form.get("reason", ""), quantity,
                             request.form.get("note", "").strip()[:200])
    except InsufficientStock as exc:
        db.session.rollback()
        return _render_row(variant_id, location_id, _(
            "Not possible: %(allocated)d units here are promised to orders, and the shelf "
            "would hold fewer.", allocated=exc.allocated), 409)
    except InvalidAdjustment:
        db.session.rollback()
        return _render_row(variant_id, location_id, _(
            "Nothing was booked: choose what happened and give a quantity that changes the "
            "stock."), 400)
    db.session.commit()
    flash(_("Booked in the stock ledger."), "success")
    return redirect(url_for("staff.stock_detail", variant_id=variant_id,
                            location_id=location_id), code=303)


@bp.get("/stock/import")
def stock_import():
    """Show the form to upload a shelf count file."""
    return render_template("staff/stock_import.html")


def _uploaded_text() -> str | None:
    if request.form.get("csv_text"):
        return request.form["csv_text"]
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return None
    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


@bp.post("/stock/import")
def stock_import_preview():
    """Check a count file: list every bad row, or show what applying it would change."""
    text = _uploaded_text()
    if text is None:
        return render_template("staff/stock_import.html", error=_(
            "Choose a CSV file (UTF-8, at most 2 MB) with the columns sku, location, count.")), 400
    try:
        rows = counts.preview_counts(current_user, text)
    except CountFileInvalid as exc:
        return render_template("staff/stock_import.html", problems=exc.problems), 422
    if request.form.get("confirm") == "1":
        try:
            changed = counts.apply_counts(current_user, text)
        except CountFileInvalid as exc:
            db.session.rollback()
            return render_template("staff/stock_import.html", problems=exc.problems), 422
        db.session.commit()
        flash(_("Counts applied: %(rows)d rows, %(changed)d stock levels corrected.",
                rows=len(rows), changed=len(changed)), "success")
        return redirect(url_for("staff.stock_grid"), code=303)
    return render_template("staff/stock_import.html", rows=rows, csv_text=text)
