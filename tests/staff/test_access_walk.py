"""A walk over every `staff.*` endpoint in the URL map, as everyone who must not get in.

Generic on purpose: endpoints added later are walked too, with no change here. Each URL is
built from its rule (int arguments get an id that exists, others a plain word), then asked
with GET and with POST (carrying a valid CSRF token). Outsiders are sent to sign in or find
nothing (404); plain staff find nothing behind the admin-only endpoints; the database has
exactly as many rows in every table afterwards.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.accounts.models import Role
from shop.extensions import db
from shop.web.staff.access import admin_only_endpoints
from tests.conftest import csrf_token
from tests.fixtures.orders import user
from tests.staff.conftest import ADMIN_EMAIL
from tests.web.conftest import login

COMPANY_EMAIL = "acquisti@azienda.example"
EXISTING_ID = 1  # every table of the world has a row with this id
WORD = "x"


def staff_urls(app) -> list[tuple[str, str, frozenset[str]]]:
    """(endpoint, url, methods) for every rule of the staff blueprint."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("staff."):
                continue
            values = {}
            for name in rule.arguments:
                converter = rule._converters.get(name)
                if hasattr(converter, "num_convert"):  # int and bounded-int paths
                    values[name] = EXISTING_ID
                elif hasattr(converter, "items"):  # <any(a, b):…>: the first choice
                    values[name] = sorted(converter.items)[0]
                else:
                    values[name] = WORD
            path = rule.build(values, append_unknown=False)[1]
            urls.append((rule.endpoint, path, frozenset(rule.methods or ())))
    return sorted(urls)


def row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def walk(client, urls, token: str) -> list[tuple[str, str, int, str]]:
    """Ask every URL with GET and POST; return what each answered."""
    answers = []
    served = {}  # a path's methods over every rule (a GET page and a POST action may share it)
    for _, path, methods in urls:
        served.setdefault(path, set()).update(methods)
    for endpoint, path, _methods in urls:
        for method in ("GET", "POST"):
            if method == "GET":
                response = client.get(path)
            else:
                response = client.post(path, data={"csrf_token": token})
            answers.append((endpoint, method, response.status_code,
                            response.headers.get("Location", "")))
            if method not in served[path]:
                assert response.status_code == 405, (endpoint, method)
    return answers


@pytest.fixture
def outsiders(app, admin_world):
    with app.app_context():
        user(COMPANY_EMAIL, Role.COMPANY)
        db.session.commit()
    return admin_world


@pytest.mark.parametrize("who", ["anonymous", "customer", "company", "member"])
def test_outsiders_are_refused_everywhere_in_the_staff_area_and_nothing_changes(
        app, client, outsiders, who):
    world = outsiders
    email = {"customer": world.customer_email, "company": COMPANY_EMAIL,
             "member": world.a.member_email}.get(who)
    if email:
        login(client, email)
    token = csrf_token(client, "/it/account/password-reset")
    urls = staff_urls(app)
    with app.app_context():
        before = row_counts()

    answers = walk(client, urls, token)

    with app.app_context():
        assert row_counts() == before
    for endpoint, method, status, location in answers:
        if status == 405:
            continue
        if who == "anonymous":
            assert status == 302 and location.startswith("/it/account/login?next=/staff"), (
                endpoint, method, status, location)
        else:
            assert status == 404, (endpoint, method, status)


def test_the_walk_covers_the_staff_area(app):
    endpoints = {endpoint for endpoint, _, _ in staff_urls(app)}
    assert {"staff.home", "staff.fulfilment_list", "staff.fulfilment_advance",
            "staff.account_list", "staff.account_invite", "staff.account_role",
            "staff.account_deactivate", "staff.audit_list", "staff.audit_csv"} <= endpoints


def test_admin_only_endpoints_are_marked_by_their_decorator(app):
    admin_only = admin_only_endpoints(app)
    assert {endpoint for endpoint, _, _ in staff_urls(app)
            if endpoint.startswith(("staff.account_", "staff.audit_"))} <= admin_only
    assert "staff.home" not in admin_only and "staff.fulfilment_list" not in admin_only


def test_plain_staff_are_refused_every_admin_only_endpoint(app, client, admin_world):
    login(client, admin_world.staff_email)
    assert client.get("/staff/").status_code == 200
    token = csrf_token(client, f"/staff/fulfilments/{admin_world.a.fulfilment_id}")
    admin_only = admin_only_endpoints(app)
    urls = [url for url in staff_urls(app) if url[0] in admin_only]
    with app.app_context():
        before = row_counts()

    answers = walk(client, urls, token)

    with app.app_context():
        assert row_counts() == before
    assert answers and all(status in (404, 405) for _, _, status, _ in answers), answers


def test_admins_open_every_admin_only_page(app, client, admin_world):
    login(client, ADMIN_EMAIL)
    admin_only = admin_only_endpoints(app)
    for endpoint, path, methods in staff_urls(app):
        if endpoint in admin_only and "GET" in methods:
            assert client.get(path).status_code == 200, endpoint
