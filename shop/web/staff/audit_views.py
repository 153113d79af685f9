"""The audit log, for admins: who changed what, filtered, page by page or as CSV."""

from __future__ import annotations

import csv
import io

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from shop.audit import queries
from shop.web.staff import bp
from shop.web.staff.access import admin_required
from shop.web.staff.audit_forms import AuditFilterForm


def _form() -> AuditFilterForm:
    actions, entities = queries.kinds(current_user)
    return AuditFilterForm(request.args, actors=queries.actors(current_user), actions=actions,
                           entities=entities)


@bp.get("/audit")
@admin_required
def audit_list():
    """List audit entries, newest first, filtered by person, kind and dates."""
    form = _form()
    filters = form.filters(page=max(request.args.get("page", 1, type=int) or 1, 1))
    return render_template("staff/audit_list.html", form=form, args=form.args(filters),
                           page=queries.list_entries(current_user, filters),
                           audit_changes=queries.changes)


@bp.get("/audit.csv")
@admin_required
def audit_csv():
    """Download the filtered entries (every page) as CSV."""
    form = _form()
    rows = queries.csv_rows(current_user, form.filters())

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate(0)

    return Response(stream_with_context(generate()), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="audit-log.csv"'})
