"""A company asks for a quote, staff send it, the company downloads it, accepts and pays by
bank transfer, and staff mark the transfer received.

Runs on a phone and on a desktop; every page reached is checked by the harness (axe-core,
console, assets) and screenshotted.
"""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.seed import DEMO_USERS
from shop.extensions import db
from shop.orders.models import Order
from shop.quotes.models import QuoteRequest
from tests.e2e.signin import sign_in

STAFF = next(u for u in DEMO_USERS if u.role == "staff")


def test_a_company_quote_from_request_to_paid_transfer(shop, demo_rw):
    page = shop.page
    main = page.locator("main")

    # The company finds the business page from the header and asks for a quote.
    shop.goto("/it/", step="home")
    shop.goto("/it/business", step="business page")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "Regali aziendali che pagano un lavoro vero")
    shop.click(main.get_by_role("link", name="Chiedi un preventivo").first, step="quote form")
    page.get_by_label("Ragione sociale").fill("Studio Brera Srl")
    page.get_by_label("Partita IVA").first.fill("00743110157")
    page.get_by_label("Codice destinatario SDI").fill("M5UXCR1")
    page.get_by_label("Il tuo nome").fill("Chiara Riva")
    page.get_by_label("Email", exact=True).fill("chiara@studiobrera.example")
    page.locator("#items-0-variant_id").select_option(index=1)
    page.locator("#items-0-quantity").fill("30")
    page.get_by_label("Personalizzazione").fill("Logo ricamato sul taschino")
    page.get_by_label("Indirizzo", exact=True).fill("Via Brera 10")
    page.get_by_label("CAP").fill("20121")
    page.get_by_label("Città").fill("Milano")
    shop.submit("Invia la richiesta", step="request sent")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "Grazie: abbiamo ricevuto la tua richiesta")
    with demo_rw.app_context():
        qr = db.session.scalar(select(QuoteRequest).where(
            QuoteRequest.contact_email == "chiara@studiobrera.example"))
        request_id, token, reference = qr.id, qr.token, qr.reference

    # Staff open it, check the suggested prices and dates, and send it.
    sign_in(shop, STAFF.email, STAFF.password)
    shop.goto("/staff/quotes", step="staff quote list")
    shop.click_link(reference, step="staff quote detail")
    expect(main).to_contain_text("Studio Brera Srl")
    shop.submit("Salva e invia all'azienda", step="quote sent")
    expect(page.locator(".flash")).to_have_text("Preventivo inviato all'azienda.")
    shop.submit("Esci", step="signed out")

    # The company reads the quote, downloads the PDF, accepts it and pays by transfer.
    shop.goto(f"/it/quotes/{token}", step="company quote page")
    expect(main).to_contain_text(f"Preventivo {reference}")
    with page.expect_download(timeout=30_000) as download:
        main.get_by_role("link", name="Scarica in PDF").click(no_wait_after=True)
    assert download.value.suggested_filename == f"{reference}-v1.pdf"
    page.get_by_label("Il tuo numero d'ordine d'acquisto (facoltativo)").fill("PO-2026-118")
    page.get_by_label("Bonifico bancario prima della consegna").check()
    shop.submit("Accetta e ordina", step="accepted")
    expect(page.locator(".bank-box")).to_contain_text("IT60 X054 2811 1010 0000 0123 456")
    with demo_rw.app_context():
        number = db.session.scalar(select(Order.number).where(
            Order.email == "chiara@studiobrera.example"))
    expect(page.locator(".bank-box")).to_contain_text(number)

    # Staff see the money arrive and mark it received: the order is paid.
    sign_in(shop, STAFF.email, STAFF.password)
    shop.goto(f"/staff/quotes/{request_id}", step="staff order waiting")
    shop.submit("Bonifico ricevuto: segna come pagato", step="transfer received")
    expect(page.locator(".flash")).to_have_text(
        "Pagamento registrato: l'ordine è pagato e passa alle cooperative.")
    with demo_rw.app_context():
        assert db.session.scalar(select(Order.status).where(Order.number == number)) == "paid"
