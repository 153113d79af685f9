"""Signing in through the browser, second factor included (staff set up their codes once)."""

from __future__ import annotations

import time

import pyotp

WORDS = {
    "it": {"submit": "Accedi", "code": "Codice", "confirm": "Conferma e accedi",
           "saved": "Li ho salvati, continua"},
    "en": {"submit": "Sign in", "code": "Code", "confirm": "Confirm and sign in",
           "saved": "I have saved them, continue"},
}


def sign_in(shop, email: str, password: str, *, lang: str = "it") -> None:
    """Password, then for staff the one-time code: set up at the first sign-in (the key is
    kept on the test's `shop`, like an authenticator app would), typed the next times."""
    page, words = shop.page, WORDS[lang]
    secrets = shop.__dict__.setdefault("totp_secrets", {})
    shop.goto(f"/{lang}/account/login", step="sign in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    shop.submit(words["submit"], step="password accepted")
    if shop.path.endswith("/account/login/enrol"):
        secrets[email] = page.locator("[data-secret]").inner_text().replace(" ", "")
        page.get_by_label(words["code"]).fill(pyotp.TOTP(secrets[email]).now())
        shop.submit(words["confirm"], step="recovery codes")
        shop.click_link(words["saved"], step="signed in")
    elif shop.path.endswith("/account/login/code"):
        # The code of the next step: the current one may already be spent.
        page.get_by_label(words["code"]).fill(
            pyotp.TOTP(secrets[email]).at(time.time() + 30))
        shop.submit(words["submit"], step="signed in")
