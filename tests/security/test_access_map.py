"""Every endpoint, every role, GET and POST, against the table in shop/web/access_map.py.

A role the table does not list must be refused (sent to sign in, or a 404) and change
nothing in the database; a role it lists must get the page. An endpoint missing from the
table fails the first test with its name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from shop.db import utcnow
from shop.extensions import db
from shop.web import access_map
from shop.web.access_map import ACCESS, ROLES
from tests.conftest import csrf_token
from tests.web.conftest import login

# Values for URL arguments, by (endpoint, argument) first, then by argument alone. Objects
# of cooperative A, so that OWN_COOP pages can tell member A from member B. A new argument
# name needs a line here.
URL_VALUES = {
    ("storefront.cooperative_detail", "slug"): lambda w: w.a.slug,
    ("static", "filename"): lambda w: "css/shop.css",
    "lang": lambda w: "it",
    "slug": lambda w: w.product_slug,
    "token": lambda w: w.shared_order_token,
    "session_id": lambda w: "cs_demo_unknown",
    "fulfilment_id": lambda w: w.a.fulfilment_id,
    "variant_id": lambda w: w.a.variant_id,
    "year": lambda w: utcnow().year,
    "month": lambda w: utcnow().month,
    "line_id": lambda w: 1,
    "message_id": lambda w: 1,
    "filename": lambda w: "missing.jpg",
    # The world's first rows (ids start at 1 in every table the world fills).
    "order_id": lambda w: 1,
    "product_id": lambda w: 1,
    "cooperative_id": lambda w: 1,
    "category_id": lambda w: 1,
    "location_id": lambda w: 1,
    "user_id": lambda w: 1,
    # Objects the world does not make: their pages may answer 404 to a role that may open
    # them (see MISSING_OBJECTS); a role that may not must still be refused.
    "transfer_id": lambda w: 1,
    "consent_id": lambda w: 1,
    "code_id": lambda w: 1,
    "event_id": lambda w: 1,
    "invoice_id": lambda w: 1,
    "credit_note_id": lambda w: 1,
    "item_id": lambda w: 1,
    "image_id": lambda w: 1,
    "request_id": lambda w: 1,
    "company_id": lambda w: 1,
    "address_id": lambda w: 1,
    "number": lambda w: w.shared_order_number,
    "move": lambda w: "send",
    "page": lambda w: 1,
}
MISSING_OBJECTS = {"transfer_id", "consent_id", "code_id", "event_id", "invoice_id",
                   "credit_note_id", "item_id",
                   "image_id", "request_id", "company_id", "address_id"}
# The world's company contact belongs to no company, and the world has no counter sale.
NO_OBJECT_FOR = {"storefront.account_company", "storefront.account_company_impact",
                 "storefront.account_company_impact_pdf", "staff.pos_receipt",
                 # the world's orders are guest orders: no customer owns them
                 "storefront.account_order"}
HOW_TO_ADD = (
    "Add each to ACCESS in shop/web/access_map.py with the roles that may reach it "
    "(EVERYONE, SIGNED_IN, MEMBERS, OWN_COOP, STAFF_AREA, ADMINS or your own set); if its URL "
    "has a new argument, give it a value in URL_VALUES in tests/security/test_access_map.py.")
# Sessions end on these: walked last for each role.
LAST = ("storefront.account_logout",)


@dataclass
class Request:
    endpoint: str
    method: str
    path: str
    object_may_be_missing: bool = False


def row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def refused(response) -> bool:
    """Sent to sign in, or told there is nothing here."""
    if response.status_code in (403, 404):
        return True
    return response.status_code in (301, 302, 303) and "/account/login" in (
        response.location or "")


def requests_for(app, world) -> Iterator[Request]:
    rules = sorted(app.url_map.iter_rules(),
                   key=lambda r: (r.endpoint in LAST, r.endpoint, r.rule))
    for rule in rules:
        values = {}
        for name in rule.arguments:
            make = URL_VALUES.get((rule.endpoint, name)) or URL_VALUES.get(name)
            assert make, f"no value for <{name}> of {rule.endpoint}. {HOW_TO_ADD}"
            values[name] = make(world)
        path = rule.build(values, append_unknown=False)[1]
        missing = bool(MISSING_OBJECTS & set(rule.arguments)) or rule.endpoint in NO_OBJECT_FOR
        for method in ("GET", "POST"):
            if method in rule.methods:
                yield Request(rule.endpoint, method, path, missing)


def test_every_endpoint_is_in_the_access_map(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(ACCESS))
    assert not missing, f"Endpoints missing from the access map: {', '.join(missing)}. " \
                        + HOW_TO_ADD
    stale = sorted(set(ACCESS) - endpoints)
    assert not stale, f"The access map lists endpoints the app does not have: {stale}"
    unknown = {role for roles in ACCESS.values() for role in roles} - set(ROLES)
    assert not unknown


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_what_the_map_allows_and_a_refusal_changes_nothing(
        app, world, role_emails, role):
    client = app.test_client()
    if role_emails[role]:
        assert login(client, role_emails[role]).status_code == 303
    # A valid token (the session's) on every POST, so the access rules, not CSRF, answer.
    token = csrf_token(client, "/it/account/password-reset")
    problems = []
    with app.app_context():
        for request in requests_for(app, world):
            allowed = access_map.allowed(request.endpoint, role)
            before = row_counts()
            db.session.rollback()
            response = client.open(request.path, method=request.method,
                                   data={"csrf_token": token} if request.method == "POST"
                                   else None)
            response.close()
            after = row_counts()
            db.session.rollback()
            label = f"{role} {request.method} {request.path} ({request.endpoint})"
            if response.status_code >= 500:
                problems.append(f"{label}: {response.status_code}")
            elif not allowed and not refused(response):
                problems.append(f"{label}: not refused ({response.status_code})")
            elif not allowed and after != before:
                problems.append(f"{label}: refused but changed {changed(before, after)}")
            elif (allowed and request.method == "GET" and refused(response)
                  and ACCESS[request.endpoint] != access_map.EVERYONE
                  and not request.object_may_be_missing):
                # (public pages may 404 for the made-up objects above; others must not)
                problems.append(f"{label}: refused ({response.status_code}) but allowed")
            if request.method == "GET" and after != before:
                problems.append(f"{label}: a GET changed {changed(before, after)}")
    assert problems == []


def changed(before: dict, after: dict) -> dict:
    return {name: (before[name], after[name]) for name in before if before[name] != after[name]}
