"""A new member of staff sets up sign-in codes, signs in with one and lands on the staff home.

Runs on a phone and on a desktop; every page reached is checked by the harness (axe-core,
console, assets) and saved as a screenshot.
"""

from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import expect

from shop.catalog.seed import DEMO_USERS

STAFF_USER = next(u for u in DEMO_USERS if u.role == "staff")


def sign_in_with_password(shop) -> None:
    page = shop.page
    shop.goto("/it/account/login", step="sign in")
    page.get_by_label("Email").fill(STAFF_USER.email)
    page.get_by_label("Password").fill(STAFF_USER.password)
    shop.submit("Accedi", step="password accepted")


def test_staff_set_up_codes_sign_in_with_one_and_land_on_the_staff_home(shop, demo_rw):
    page = shop.page

    # First sign-in: the password alone does not open the staff area.
    sign_in_with_password(shop)
    assert shop.path == "/it/account/login/enrol"
    expect(page.get_by_role("heading", level=1)).to_have_text("Attiva i codici di accesso")
    expect(page.get_by_role("img", name="Codice QR da inquadrare con la tua app di "
                                         "autenticazione")).to_be_visible()
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)

    # Type the key into "the app", confirm with its code, keep the recovery codes.
    totp = pyotp.TOTP(secret)
    page.get_by_label("Codice").fill(totp.now())
    shop.submit("Conferma e accedi", step="recovery codes")
    expect(page.get_by_role("heading", level=1)).to_have_text("I tuoi codici di recupero")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    shop.click_link("Li ho salvati, continua", step="staff home after set-up")
    assert shop.path == "/staff/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Oggi a Viale dei Mille")

    # Next time: password, then the app's code.
    shop.submit("Esci", step="signed out")
    sign_in_with_password(shop)
    assert shop.path == "/it/account/login/code"
    page.get_by_label("Codice").fill(totp.at(time.time() + 30))  # a fresh code: the last is spent
    shop.submit("Accedi", step="staff home")
    assert shop.path == "/staff/"
    main = page.locator("main")
    expect(main.get_by_role("heading", level=2, name=re.compile("Ordini pagati in attesa"))
           ).to_be_visible()
    expect(main.get_by_role("img", name="Valore spedito da ogni cooperativa, ultimi 12 mesi")
           ).to_be_visible()
    expect(main).not_to_contain_text("workshop")


ADMIN_USER = next(u for u in DEMO_USERS if u.role == "admin")


def test_an_admin_invites_a_colleague_and_reads_it_in_the_audit_log(shop, demo_rw):
    page = shop.page
    shop.goto("/it/account/login", step="sign in")
    page.get_by_label("Email").fill(ADMIN_USER.email)
    page.get_by_label("Password").fill(ADMIN_USER.password)
    shop.submit("Accedi", step="set up codes")
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    page.get_by_label("Codice").fill(pyotp.TOTP(secret).now())
    shop.submit("Conferma e accedi", step="recovery codes")
    shop.click_link("Li ho salvati, continua", step="staff home")

    shop.click_link("Account", within=page.locator("nav.backoffice-nav"), step="accounts")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account")
    shop.click_link("Invita una persona", step="invite form")
    page.get_by_label("Email", exact=True).fill("nuova.collega@example.org")
    page.get_by_label("Nome", exact=True).fill("Nadia")
    page.get_by_label("Ruolo", exact=True).select_option("staff")
    page.get_by_label("Lingua dell'email e dell'account").select_option("en")
    shop.submit("Invia l'invito", step="invitation sent")
    expect(page.locator(".flash")).to_contain_text("Invito inviato a nuova.collega@example.org")
    expect(page.locator("main")).to_contain_text("Inviti in attesa di risposta")

    shop.click_link(STAFF_USER.email, step="a colleague's account")
    shop.submit("Disattiva questo account", step="switched off")
    expect(page.locator(".flash")).to_have_text(
        "Account disattivato: le sue sessioni sono terminate.")

    shop.click_link("Registro delle modifiche", within=page.locator("nav.backoffice-nav"),
                    step="audit log")
    rows = page.locator("table.audit-table tbody tr")
    expect(rows.first).to_contain_text("Account disattivato")
    expect(page.locator("table.audit-table")).to_contain_text("Invito inviato")
    page.get_by_label("Cosa è successo").select_option("user.deactivate")
    shop.submit("Mostra", step="audit log filtered")
    expect(rows).to_have_count(1)
