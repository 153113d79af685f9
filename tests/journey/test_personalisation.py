"""Personalised and made-to-measure products: the customer's text and measurements, from the
product page through the cart and the order to the emails and the cooperative's part."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.cart.models import CartLine
from shop.catalog.models import Cooperative, Product, ProductMeasure
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from shop.notifications.models import OutboxMessage
from shop.orders.models import Order, OrderLine
from tests.fixtures.factories import make_product
from tests.fixtures.orders import PASSWORD, member
from tests.fixtures.shopping import ADDRESS, add, csrf, place, variant_of

ENGRAVING = "Anna & Marco\n<b>12·6·2027</b>"


@pytest.fixture
def personal(catalog):
    """SKU-BOARD takes a required engraving of up to 30 characters on 2 lines; SKU-SHELF
    (a made-to-measure bookcase by Venature) takes a width 40–120 cm and a height 60–200 cm."""
    with catalog.app_context():
        board = db.session.scalar(select(Product).where(Product.slug == "board"))
        board.personal_text_kind = "engraving"
        board.personal_text_max = 30
        board.personal_text_lines = 2
        board.personal_text_required = True
        shelf = make_product(board.cooperative, board.category, slug="shelf",
                             name_it="Libreria su misura", name_en="Made-to-measure bookcase",
                             prices=(39000,), made_to_order=True, lead_time_days=35)
        shelf.variants[0].sku = "SKU-SHELF"
        shelf.measures = [ProductMeasure(dimension="width", min_cm=40, max_cm=120, position=0),
                          ProductMeasure(dimension="height", min_cm=60, max_cm=200,
                                         position=1)]
        db.session.commit()
    return catalog


def add_personal(client, app, sku: str, lang: str = "it", quantity: int = 1, **fields):
    slug, variant_id = variant_of(app, sku)
    html = client.get(f"/{lang}/products/{slug}").get_data(as_text=True)
    return client.post(f"/{lang}/products/{slug}/add", data={
        "csrf_token": csrf(html), "variant_id": variant_id, "quantity": quantity, **fields})


def cart_lines(app) -> list[tuple[str, dict, int]]:
    with app.app_context():
        return [(line.personal_text, line.personal_measures, line.quantity) for line in
                db.session.scalars(select(CartLine).order_by(CartLine.id))]


def pay_demo(client, location: str) -> None:
    html = client.get(location).get_data(as_text=True)
    client.post(location, data={"csrf_token": csrf(html), "action": "pay"})


def sign_in_member(client, app, slug: str) -> int:
    """Sign in a member of that cooperative; the id of the order's Venature part."""
    with app.app_context():
        coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))
        member(coop)
        db.session.commit()
        venature = db.session.scalar(select(Cooperative.id).where(
            Cooperative.slug == "venature"))
        part = db.session.scalar(select(Fulfilment.id).where(
            Fulfilment.cooperative_id == venature))
    html = client.get("/it/account/login").get_data(as_text=True)
    client.post("/it/account/login", data={"csrf_token": csrf(html), "password": PASSWORD,
                                           "email": f"member-{slug}@example.org"})
    return part


def test_the_product_page_shows_the_fields_and_their_limits(client, personal):
    board = client.get("/it/products/board").get_data(as_text=True)
    assert '<label for="personal_text">Testo da incidere</label>' in board
    assert "Al massimo 30 caratteri, su al massimo 2 righe" in board
    assert re.search(r'<textarea id="personal_text" name="personal_text" rows="2" '
                     r'maxlength="31"[^>]*required>', board)
    shelf = client.get("/en/products/shelf").get_data(as_text=True)
    assert '<label for="measure_width">Width in cm</label>' in shelf
    assert "from 40 to 120 cm" in shelf
    assert "from 60 to 200 cm" in shelf
    assert re.search(r'<input id="measure_height" name="measure_height" type="number" '
                     r'inputmode="numeric" min="60" max="200"', shelf)
    assert "personal_text" not in shelf
    assert "Personalisation" not in client.get("/en/products/apron").get_data(as_text=True)


@pytest.mark.parametrize(("sku", "fields", "field", "message"), [
    ("SKU-BOARD", {"personal_text": "x" * 31}, "personal_text",
     "Il testo può avere al massimo 30 caratteri."),
    ("SKU-BOARD", {"personal_text": "uno\ndue\ntre"}, "personal_text",
     "Il testo può avere al massimo 2 righe."),
    ("SKU-BOARD", {"personal_text": "   "}, "personal_text", "Scrivete il testo che desiderate."),
    ("SKU-BOARD", {}, "personal_text", "Scrivete il testo che desiderate."),
    ("SKU-BOARD", {"personal_text": "ciao\u202eoaic"}, "personal_text",
     "Il testo contiene caratteri che non possiamo riprodurre"),
    ("SKU-SHELF", {"measure_width": "130", "measure_height": "180"}, "measure_width",
     "Larghezza: deve essere tra 40 e 120 cm."),
    ("SKU-SHELF", {"measure_width": "80"}, "measure_height",
     "Altezza: scrivete un numero di centimetri da 60 a 200."),
    ("SKU-SHELF", {"measure_width": "ottanta", "measure_height": "180"}, "measure_width",
     "Larghezza: scrivete un numero intero di centimetri, per esempio 40."),
    ("SKU-SHELF", {"measure_width": "9" * 5000, "measure_height": "180"}, "measure_width",
     "Larghezza: deve essere tra 40 e 120 cm."),
])
def test_invalid_input_is_refused_with_a_message_and_adds_nothing(
        client, personal, sku, fields, field, message):
    response = add_personal(client, personal, sku, **fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(rf'<p class="error" id="{field}-error">{re.escape(message)}', html)
    assert f'id="{field}"' in html and 'aria-invalid="true"' in html
    assert "Non è stato aggiunto nulla: controllate la personalizzazione qui sotto." in html
    assert cart_lines(personal) == []


def test_a_refused_text_is_given_back_escaped(client, personal):
    html = add_personal(client, personal, "SKU-BOARD",
                        personal_text="<script>alert(1)</script>" * 2).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_lines_split_by_personalisation_and_merge_when_equal(client, personal):
    add_personal(client, personal, "SKU-BOARD", personal_text="Anna")
    add_personal(client, personal, "SKU-BOARD", personal_text="Marco")
    add_personal(client, personal, "SKU-BOARD", personal_text="  Anna ", quantity=2)
    add_personal(client, personal, "SKU-SHELF", measure_width="80", measure_height="180")
    add_personal(client, personal, "SKU-SHELF", measure_width=" 80", measure_height="180")
    add_personal(client, personal, "SKU-SHELF", measure_width="81", measure_height="180")
    assert cart_lines(personal) == [
        ("Anna", {}, 3), ("Marco", {}, 1), ("", {"width": 80, "height": 180}, 2),
        ("", {"width": 81, "height": 180}, 1)]
    cart = client.get("/en/cart").get_data(as_text=True)
    assert '<span class="personal-label">Text:</span> «Anna»' in cart
    assert '<span class="personal-label">Text:</span> «Marco»' in cart
    assert "Width 80 cm · Height 180 cm" in cart
    assert "Width 81 cm · Height 180 cm" in cart


def test_a_product_without_personalisation_ignores_stray_fields(client, personal):
    add_personal(client, personal, "SKU-APRON", personal_text="hello", measure_width="3")
    add(client, personal, "SKU-APRON")
    assert cart_lines(personal) == [("", {}, 2)]


def test_the_order_line_keeps_the_personalisation_as_it_was(client, personal):
    add_personal(client, personal, "SKU-BOARD", personal_text=ENGRAVING)
    add_personal(client, personal, "SKU-SHELF", measure_width="80", measure_height="180")
    review = client.post("/it/checkout", data={
        "csrf_token": csrf(client.get("/it/checkout").get_data(as_text=True)), **ADDRESS})
    text = review.get_data(as_text=True)
    assert "«Anna &amp; Marco<br>&lt;b&gt;12·6·2027&lt;/b&gt;»" in text
    assert "Larghezza 80 cm · Altezza 180 cm" in text
    place(client, ADDRESS)
    with personal.app_context():
        board = db.session.scalar(select(Product).where(Product.slug == "board"))
        board.personal_text_max = 5  # a later change of the product leaves the order alone
        db.session.commit()
        lines = db.session.execute(select(OrderLine.sku, OrderLine.personal_text,
                                          OrderLine.personal_measures)
                                   .order_by(OrderLine.sku)).all()
    assert lines == [("SKU-BOARD", "Anna & Marco\n<b>12·6·2027</b>", {}),
                     ("SKU-SHELF", "", {"width": 80, "height": 180})]
    assert cart_lines(personal) == []


def test_emails_the_order_page_and_the_cooperative_show_the_text(client, personal):
    add_personal(client, personal, "SKU-BOARD", personal_text=ENGRAVING)
    pay_demo(client, place(client, ADDRESS).location)
    with personal.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == "paid"
        mails = {m.kind: m for m in db.session.scalars(select(OutboxMessage))}
        token = order.access_token
    confirmation = mails["order_confirmation"]
    assert "Testo: «Anna & Marco / <b>12·6·2027</b>»" in confirmation.body_text
    assert "«Anna &amp; Marco<br>&lt;b&gt;12·6·2027&lt;/b&gt;»" in confirmation.body_html
    assert "<b>12" not in confirmation.body_html
    coop_mail = mails["coop_new_order"]
    assert "Testo: «Anna & Marco / <b>12·6·2027</b>»" in coop_mail.body_text
    assert "«Anna &amp; Marco<br>&lt;b&gt;12·6·2027&lt;/b&gt;»" in coop_mail.body_html
    page = client.get(f"/it/orders/{token}").get_data(as_text=True)
    assert "«Anna &amp; Marco<br>&lt;b&gt;12·6·2027&lt;/b&gt;»" in page

    part = sign_in_member(client, personal, "venature")
    detail = client.get(f"/coop/fulfilments/{part}").get_data(as_text=True)
    slip = client.get(f"/coop/fulfilments/{part}/packing-slip").get_data(as_text=True)
    for html in (detail, slip):
        assert ('<span class="personal-label">Testo:</span> '
                "«Anna &amp; Marco<br>&lt;b&gt;12·6·2027&lt;/b&gt;»") in html
        assert "<b>12·6·2027</b>" not in html


def test_another_cooperative_cannot_see_the_text(client, personal):
    add_personal(client, personal, "SKU-BOARD", personal_text="Solo per Venature")
    pay_demo(client, place(client, ADDRESS).location)
    part = sign_in_member(client, personal, "filo")
    for url in (f"/coop/fulfilments/{part}", f"/coop/fulfilments/{part}/packing-slip"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Solo per Venature" not in response.get_data(as_text=True)
    assert "Solo per Venature" not in client.get("/coop/").get_data(as_text=True)


def test_a_cancelled_order_gives_the_personalised_lines_back(client, personal):
    add_personal(client, personal, "SKU-BOARD", personal_text="Anna")
    add_personal(client, personal, "SKU-BOARD", personal_text="Marco")
    place(client, ADDRESS)
    with personal.app_context():
        token = db.session.scalar(select(Order.access_token))
    html = client.get(f"/it/orders/{token}").get_data(as_text=True)
    client.post(f"/it/orders/{token}/cancel", data={"csrf_token": csrf(html)})
    with personal.app_context():
        assert db.session.scalar(select(Order.status)) == "cancelled"
    assert cart_lines(personal) == [("Anna", {}, 1), ("Marco", {}, 1)]


def test_a_guest_cart_merged_at_sign_in_keeps_each_personalisation(personal):
    from shop.cart.models import Cart
    from shop.cart.services import add_to_cart, merge_carts, new_token
    from shop.catalog.models import Variant
    from shop.catalog.personalisation import Personalisation

    with personal.app_context():
        board = db.session.scalar(select(Variant.id).where(Variant.sku == "SKU-BOARD"))
        guest, own = Cart(token=new_token()), Cart(token=new_token())
        db.session.add_all([guest, own])
        db.session.flush()
        add_to_cart(own, board, 1, Personalisation("Anna"))
        add_to_cart(guest, board, 2, Personalisation("Anna"))
        add_to_cart(guest, board, 1, Personalisation("Luca"))
        merge_carts(guest, own)
        db.session.commit()
        assert [(line.personal_text, line.quantity) for line in own.lines] == [
            ("Anna", 3), ("Luca", 1)]


def test_the_cart_service_checks_the_text_whoever_calls(personal):
    from shop.cart.models import Cart
    from shop.cart.services import add_to_cart, new_token
    from shop.catalog.errors import PersonalisationInvalid
    from shop.catalog.models import Variant
    from shop.catalog.personalisation import Personalisation

    with personal.app_context():
        board = db.session.scalar(select(Variant.id).where(Variant.sku == "SKU-BOARD"))
        cart = Cart(token=new_token())
        db.session.add(cart)
        db.session.flush()
        with pytest.raises(PersonalisationInvalid) as refused:
            add_to_cart(cart, board, 1, Personalisation("x" * 201))
        assert [(p.field, p.code, p.limit) for p in refused.value.problems] == [
            ("text", "too_long", 30)]
        assert cart.lines == []
