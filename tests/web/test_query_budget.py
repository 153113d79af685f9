"""SQL statements per page stay under budget and do not grow with the catalog.

Counted with an engine event listener on a warm app (each page asked twice, the second
counted), with the demo catalog and again with the catalog grown past 2,000 products.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, insert, select

from shop.accounts.models import Role
from shop.catalog.models import Cooperative, Product, ProductStatus, ProductTranslation, Variant
from shop.extensions import db
from shop.inventory.models import Location, Stock
from tests.fixtures.orders import user
from tests.fixtures.shopping import ADDRESS, add, csrf
from tests.web.conftest import login

PUBLIC_BUDGET = 6
CART_BUDGET = 12
GROWN_TO = 2_000


def public_pages(app) -> dict[str, str]:
    with app.app_context():
        product = db.session.scalar(select(Product.slug).where(Product.slug.like("%grembiule%"))
                                    ) or db.session.scalar(select(Product.slug).limit(1))
        cooperative = db.session.scalar(select(Cooperative.slug).order_by(Cooperative.id))
    return {
        "home": "/it/",
        "listing": "/it/products/",
        "listing page 2, filtered": "/it/products/?page=2&in_stock=1&min_price=1&sort=price_asc",
        "product": f"/it/products/{product}",
        "gift box": "/it/products/scatola-regalo-colazione",
        "cooperatives": "/it/cooperatives/",
        "cooperative": f"/it/cooperatives/{cooperative}",
        "search": "/it/search?q=grembiule",
        "impact": "/it/impact",
        "sitemap": "/sitemap.xml",
    }


@contextmanager
def counting(app):
    """Count the SQL statements (not BEGIN/COMMIT/ROLLBACK) the app sends inside.

    Only this thread's: the test client serves requests in the calling thread, and a thread
    another test left running (a mail sender waiting on a silent server) must not count.
    """
    statements: list[str] = []
    thread = threading.get_ident()

    def count(conn, cursor, statement, parameters, context, executemany):
        if threading.get_ident() != thread:
            return
        if statement.lstrip().split(None, 1)[0].upper() in {"SELECT", "INSERT", "UPDATE",
                                                            "DELETE", "WITH"}:
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


SEEN: dict[str, list[str]] = {}  # the statements of the last count of each page


def statements_per_page(app, client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url  # warm: templates, caches
        with counting(app) as statements:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(statements)
        SEEN[name] = [" ".join(s.split())[:160] for s in statements]
        if os.environ.get("SHOW_STATEMENTS"):
            print(f"\n== {name}", *SEEN[name], sep="\n  ")
    return counts


def listed(names) -> str:
    """The statements of these pages, for a failure message."""
    return "".join(f"\n== {name}\n  " + "\n  ".join(SEEN.get(name, [])) for name in names)


def grow_catalog(app, total: int) -> None:
    """Add plain active products (one variant, workshop stock) until the catalog has `total`."""
    with app.app_context():
        have = db.session.scalar(select(func.count(Product.id)))
        coops = list(db.session.execute(select(Cooperative.id, Location.id).join(
            Location, Location.cooperative_id == Cooperative.id)))
        category_id = db.session.scalar(select(Product.category_id).limit(1))
        now = datetime.now(UTC)
        start = db.session.scalar(select(func.max(Product.id))) + 1
        ids = range(start, start + total - have)
        db.session.execute(insert(Product), [
            {"id": i, "slug": f"grown-{i}", "cooperative_id": coops[i % len(coops)][0],
             "category_id": category_id, "status": ProductStatus.ACTIVE, "created_at": now,
             "updated_at": now} for i in ids])
        db.session.execute(insert(ProductTranslation), [
            {"product_id": i, "locale": locale, "name": f"Prodotto {i}"}
            for i in ids for locale in ("it", "en")])
        variant_start = db.session.scalar(select(func.max(Variant.id))) + 1
        db.session.execute(insert(Variant), [
            {"id": variant_start + n, "product_id": i, "sku": f"GROWN-{i}", "label": "Unico",
             "price_cents": 1000 + i} for n, i in enumerate(ids)])
        db.session.execute(insert(Stock), [
            {"variant_id": variant_start + n, "location_id": coops[i % len(coops)][1],
             "on_hand": 5, "allocated": 0} for n, i in enumerate(ids)])
        db.session.commit()


@pytest.fixture
def shopper(client, demo_rw, app):
    """A client with an apron and a gift box in its cart."""
    add(client, app, "FD-APR-BLU", 1)
    add(client, app, "GB-COL-ONE", 1)
    return client


def cart_pages() -> dict[str, str]:
    return {"cart": "/it/cart", "checkout": "/it/checkout"}


def review_statements(app, client) -> int:
    """Statements of the checkout's review step (the details form sent back)."""
    def send():
        html = client.get("/it/checkout").get_data(as_text=True)
        return client.post("/it/checkout", data={"csrf_token": csrf(html), **ADDRESS})

    assert "checkout/place" in send().get_data(as_text=True)  # warm
    html = client.get("/it/checkout").get_data(as_text=True)
    with counting(app) as statements:
        response = client.post("/it/checkout", data={"csrf_token": csrf(html), **ADDRESS})
    assert "checkout/place" in response.get_data(as_text=True)
    return len(statements)


def test_statements_per_page_are_within_budget_and_constant_in_catalog_size(
        app, client, demo_rw, capsys):
    pages = public_pages(app)
    small = statements_per_page(app, client, pages)
    grow_catalog(app, GROWN_TO)
    large = statements_per_page(app, client, pages)

    with capsys.disabled():
        print("\nstatements per page (demo catalog → 2,000 products):")
        for name in pages:
            print(f"  {name:28} {small[name]:3} → {large[name]:3}")
    over = {name: n for name, n in large.items() if n > PUBLIC_BUDGET}
    grew = {name: (small[name], large[name]) for name in pages if large[name] > small[name]}
    assert over == {}, f"above {PUBLIC_BUDGET} statements: {over}{listed(over)}"
    assert grew == {}, f"grows with the catalog: {grew}{listed(grew)}"


def test_cart_and_checkout_pages_are_within_budget(app, shopper, capsys):
    # Given a guest with an apron and a gift box in the cart
    anonymous = statements_per_page(app, shopper, cart_pages())
    anonymous["review"] = review_statements(app, shopper)
    # and then the same visitor signed in (the guest cart becomes theirs)
    with app.app_context():
        user("budget@example.org", Role.CUSTOMER)
        db.session.commit()
    login(shopper, "budget@example.org")
    signed_in = statements_per_page(app, shopper, cart_pages())
    signed_in["review"] = review_statements(app, shopper)

    with capsys.disabled():
        print("\nstatements per page with a cart (guest, signed in):",
              {name: (anonymous[name], signed_in[name]) for name in anonymous})
    # Then every page stays within the budget, signed in or not
    over = {f"{name} ({who})": n for who, counts in (("guest", anonymous),
                                                     ("signed in", signed_in))
            for name, n in counts.items() if n > CART_BUDGET}
    assert over == {}, f"above {CART_BUDGET} statements: {over}"
    # and the cart is the one the pages show
    assert "2 articoli" in shopper.get("/it/cart").get_data(as_text=True)
