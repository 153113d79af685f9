"""Staff add and stop discount codes in the back office; a command does it too."""

from __future__ import annotations

from sqlalchemy import func, select

from shop.accounts.models import Role
from shop.audit.models import AuditEntry
from shop.discounts.models import DiscountCode
from shop.extensions import db
from tests.fixtures.orders import PASSWORD, user
from tests.fixtures.shopping import csrf
from tests.web.conftest import login


def sign_in(client, app, role: Role) -> None:
    with app.app_context():
        user(f"{role.value}@example.org", role)
        db.session.commit()
    login(client, f"{role.value}@example.org", PASSWORD)


def codes(app) -> list[tuple]:
    with app.app_context():
        return [tuple(r) for r in db.session.execute(select(
            DiscountCode.code, DiscountCode.kind, DiscountCode.percent_bp,
            DiscountCode.amount_cents, DiscountCode.max_uses, DiscountCode.active))]


def test_staff_add_a_code_and_stop_it(client, catalog):
    sign_in(client, catalog, Role.STAFF)
    html = client.get("/staff/discounts").get_data(as_text=True)
    response = client.post("/staff/discounts", data={
        "csrf_token": csrf(html), "code": "natale-26", "kind": "percent", "value": "12,5",
        "max_uses": "100", "category": "0", "cooperative": "0"})
    assert response.status_code == 303
    assert codes(catalog) == [("NATALE-26", "percent", 1250, 0, 100, True)]
    page = client.get("/staff/discounts").get_data(as_text=True)
    assert "<code>NATALE-26</code>" in page and "12,5%" in page and "0 / 100" in page
    with catalog.app_context():
        code_id = db.session.scalar(select(DiscountCode.id))
    client.post(f"/staff/discounts/{code_id}/stop", data={"csrf_token": csrf(page)})
    assert codes(catalog)[0][-1] is False
    with catalog.app_context():
        assert sorted(db.session.scalars(select(AuditEntry.action))) == [
            "discount.create", "discount.update"]


def test_a_customer_cannot_reach_the_codes(client, catalog):
    sign_in(client, catalog, Role.CUSTOMER)
    html = client.get("/it/").get_data(as_text=True)
    assert client.get("/staff/discounts").status_code == 404
    response = client.post("/staff/discounts", data={"csrf_token": csrf(html), "code": "X123",
                                                      "kind": "fixed", "value": "5"})
    assert response.status_code == 404
    with catalog.app_context():
        assert db.session.scalar(select(func.count(DiscountCode.id))) == 0


def test_the_command_creates_a_code(runner, catalog):
    result = runner.invoke(args=["discounts", "create", "benvenuto", "--amount", "5",
                                 "--min-order", "30", "--max-uses-per-email", "1",
                                 "--cooperative", "lievito"])
    assert result.output == "created BENVENUTO\n"
    with catalog.app_context():
        row = db.session.scalar(select(DiscountCode))
        assert (row.kind, row.amount_cents, row.min_order_cents, row.max_uses_per_email,
                row.cooperative.slug) == ("fixed", 500, 3000, 1, "lievito")
        assert db.session.scalar(select(AuditEntry.action)) == "discount.create"
    listed = runner.invoke(args=["discounts", "list"])
    assert listed.output == "BENVENUTO\t€5.00\tused 0\tactive\n"
