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
