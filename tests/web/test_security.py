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
