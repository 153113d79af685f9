"""Public pages kept a few seconds for anonymous visitors (shop/web/page_cache.py).

A kept page is served without touching the database, each visitor still gets a CSRF token of
their own that works, and nobody with an account, a cart or a message waiting is ever served
a kept page.
"""

from __future__ import annotations

import re

import pytest
from flask import g, has_app_context
from sqlalchemy import event, select

from shop.catalog.models import Category, ProductTranslation
from shop.extensions import cache, db
from shop.web.page_cache import CART_MARKER, MARKER
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import Role, user
from tests.web.conftest import login

PAGE = "/it/products/grembiule"


@pytest.fixture
def kept(app):
    """The page cache on (as in production), on an apron with stock."""
    with app.app_context():
        kitchen = make_category("cucina", "Cucina", "Kitchen", position=1)
        coop = make_cooperative("filo", "Filo Dritto", institute="bollate", craft="tailoring",
                                people=12)
        make_product(coop, kitchen, slug="grembiule", name_it="Grembiule blu",
                     name_en="Blue apron", prices=(3250,), stock=(4,))
        user("anna@example.org", Role.CUSTOMER, name="Anna")
        db.session.commit()
        cache.clear()
    app.config["PAGE_CACHE_SECONDS"] = 30
    yield app
    app.config["PAGE_CACHE_SECONDS"] = 0
    with app.app_context():
        cache.clear()


def rename(app, name: str) -> None:
    """Change the product's Italian name behind the cache's back (no version change)."""
    with app.app_context():
        row = db.session.scalar(select(ProductTranslation).where(
            ProductTranslation.locale == "it", ProductTranslation.name == "Grembiule blu"))
        row.name = name
        db.session.commit()


def statements(app, client, url: str) -> tuple[int, str]:
    count = 0

    def counted(conn, cursor, statement, *_args):
        nonlocal count
        count += statement != "BEGIN"  # SQLite's transactions begin explicitly (shop.db)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counted)
    try:
        html = client.get(url).get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count, html


def token(client) -> str:
    """The CSRF token on the product page as this visitor gets it."""
    if has_app_context():
        # A test holding an app context shares `g` (and the token cached there) with its
        # requests; each visitor here must get a token from their own request.
        g.pop("csrf_token", None)
    html = client.get(PAGE).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_an_anonymous_visitor_is_served_the_kept_page_without_a_statement(kept):
    first, second = kept.test_client(), kept.test_client()
    html = first.get(PAGE).get_data(as_text=True)
    assert "Grembiule blu" in html
    rename(kept, "Grembiule rosso")

    count, again = statements(kept, second, PAGE)

    assert count == 0
    assert "Grembiule blu" in again and "Grembiule rosso" not in again
    assert MARKER not in html and MARKER not in again


def test_each_visitor_gets_a_token_of_their_own_that_works(kept):
    first, second = kept.test_client(), kept.test_client()
    one, other = token(first), token(second)
    assert one != other

    added = second.post(f"{PAGE}/add", data={"csrf_token": other, "variant_id": _variant(kept),
                                             "quantity": "1"})

    assert added.status_code == 302
    cart = second.get("/it/cart").get_data(as_text=True)
    assert "Grembiule blu" in cart


def test_a_visitor_with_a_cart_gets_the_kept_page_with_their_own_count(kept):
    kept.test_client().get(PAGE)  # kept, with no cart in the header
    buyer = kept.test_client()
    added = buyer.post(f"{PAGE}/add", data={"csrf_token": token(buyer),
                                            "variant_id": _variant(kept), "quantity": "2"})
    assert added.status_code == 302
    buyer.get(PAGE)  # the "added" message is shown once, on a page rendered for the buyer
    rename(kept, "Grembiule rosso")

    count, page = statements(kept, buyer, PAGE)
    _, stranger = statements(kept, kept.test_client(), PAGE)

    assert "Grembiule blu" in page  # the kept copy
    assert count == 1  # the cart's count
    assert re.search(r'class="cart-count"><span aria-hidden="true">2<', page)
    assert "(2 articoli)" in page
    assert "cart-count" not in stranger
    assert MARKER not in page and CART_MARKER not in page and CART_MARKER not in stranger


def test_a_signed_in_customer_is_never_served_a_kept_page(kept):
    kept.test_client().get(PAGE)  # kept for anonymous visitors
    rename(kept, "Grembiule rosso")
    client = kept.test_client()
    login(client, "anna@example.org")

    html = client.get(PAGE).get_data(as_text=True)

    assert "Grembiule rosso" in html


def test_a_category_change_retires_every_kept_page(kept):
    kept.test_client().get(PAGE)
    rename(kept, "Grembiule rosso")
    with kept.app_context():
        db.session.scalar(select(Category).where(Category.slug == "cucina")).position = 2
        db.session.commit()

    html = kept.test_client().get(PAGE).get_data(as_text=True)

    assert "Grembiule rosso" in html


def test_pages_are_not_kept_when_the_cache_is_off(kept):
    kept.config["PAGE_CACHE_SECONDS"] = 0
    kept.test_client().get(PAGE)
    rename(kept, "Grembiule rosso")

    assert "Grembiule rosso" in kept.test_client().get(PAGE).get_data(as_text=True)


def _variant(app) -> str:
    from shop.catalog.models import Variant

    with app.app_context():
        return str(db.session.scalar(select(Variant.id)))
