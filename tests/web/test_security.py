"""Headers every page carries, and the production guard rails."""

from __future__ import annotations

import pytest

from shop import create_app
from shop.config import ProductionConfig


def test_pages_forbid_framing_sniffing_and_foreign_scripts(client):
    response = client.get("/robots.txt")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self' https://checkout.stripe.com" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_production_refuses_to_start_without_its_secrets(monkeypatch):
    for name in ProductionConfig.REQUIRED:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"SHOP_{name}", raising=False)
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    with pytest.raises(RuntimeError) as error:
        create_app(ProductionConfig)
    assert str(error.value) == (
        "Production configuration is missing: DATABASE_URL, STRIPE_SECRET_KEY, "
        "STRIPE_WEBHOOK_SECRET, MAIL_SERVER, REDIS_URL, SHOP_BASE_URL")


def test_nul_bytes_get_a_clear_400_in_the_users_language(app, client):
    response = client.get("/it/products/%00")
    assert response.status_code == 400
    assert "Non siamo riusciti a leggere questa richiesta" in response.get_data(as_text=True)
    app.config["WTF_CSRF_ENABLED"] = False  # so the NUL check, not the CSRF one, answers
    try:
        response = client.post("/en/checkout", data={"email": "a\x00b@example.org"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = True
    assert response.status_code == 400
    assert "We could not read that request" in response.get_data(as_text=True)
