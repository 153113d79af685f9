"""The staff area's navigation: one entry per resource, shown once its pages exist."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

# (endpoint, label, endpoint prefix that marks the entry current, admin only)
STAFF_NAV = (
    ("staff.home", _l("Today"), "staff.home", False),
    ("staff.product_list", _l("Catalog"), "staff.product", False),
    ("staff.cooperative_list", _l("Cooperatives"), "staff.cooperative", False),
    ("staff.stock_grid", _l("Stock"), "staff.stock", False),
    ("staff.transfer_list", _l("Transfers"), "staff.transfer", False),
    ("staff.pos", _l("Counter sale"), "staff.pos", False),
    ("staff.order_list", _l("Orders"), "staff.order", False),
    ("staff.fulfilment_list", _l("Fulfilments"), "staff.fulfilment", False),
    ("staff.quote_list", _l("Quotes"), "staff.quote", False),
    ("staff.invoice_list", _l("Invoices"), "staff.invoice", False),
    ("staff.statement_list", _l("Statements"), "staff.statement", False),
    ("staff.discount_list", _l("Discounts"), "staff.discount", False),
    ("staff.event_list", _l("Events"), "staff.event", False),
    ("staff.outbox_list", _l("Emails"), "staff.outbox", False),
    ("staff.privacy_home", _l("Privacy requests"), "staff.privacy", False),
    ("staff.account_list", _l("Accounts"), "staff.account", True),
    ("staff.audit_list", _l("Audit log"), "staff.audit", True),
)


def staff_nav(user) -> list[tuple[str, str, str]]:
    """The entries this user may open, as (endpoint, label, current-prefix)."""
    admin = getattr(user, "role", None) == "admin"
    return [(endpoint, str(label), prefix) for endpoint, label, prefix, admin_only in STAFF_NAV
            if endpoint in current_app.view_functions and (admin or not admin_only)]
