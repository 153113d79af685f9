"""A personalised piece in a browser: the text with its limit and counter, a refused text
explained beside its field, then the accepted one in the cart. On a phone and a desktop,
every page checked by axe-core."""

from __future__ import annotations

from playwright.sync_api import expect


def test_engraving_text_is_counted_refused_then_carried_to_the_cart(shop, demo_rw):
    page = shop.page
    shop.goto("/it/products/tagliere-inciso-personalizzato", step="product")
    field = page.get_by_label("Testo da incidere", exact=True)
    expect(page.get_by_text("Al massimo 30 caratteri, su al massimo 2 righe")).to_be_visible()
    field.fill("Anna & Marco\n12·6·2027")
    expect(page.get_by_text("21 di 30 caratteri")).to_be_visible()

    field.evaluate("(el) => el.removeAttribute('maxlength')")
    field.fill("Un messaggio troppo lungo per un tagliere")
    # The refusal answers 400 on purpose (the page is the form again, with the message).
    shop._expected_error_documents.add(shop.url("/it/products/tagliere-inciso-personalizzato/add"))
    with shop.navigation(step="refused"):
        page.locator("#buy-form").evaluate("(form) => form.submit()")
    expect(page.get_by_text("Il testo può avere al massimo 30 caratteri.")).to_be_visible()
    expect(page.get_by_label("Testo da incidere", exact=True)).to_have_value(
        "Un messaggio troppo lungo per un tagliere")

    page.get_by_label("Testo da incidere", exact=True).fill("Anna & Marco\n12·6·2027")
    with shop.navigation(step="added"):
        page.locator("#buy-form").evaluate("(form) => form.requestSubmit()")
    expect(page.get_by_text("Aggiunto al carrello.")).to_be_visible()
    shop.goto("/it/cart", step="cart")
    expect(page.locator(".personal-text")).to_have_text("Testo: «Anna & Marco12·6·2027»")
