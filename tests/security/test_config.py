"""The signing key of a development instance is its own; production refuses unsafe settings."""

from __future__ import annotations

import os
import stat

import pytest

from shop import create_app
from shop.config import Config, ProductionConfig

SAFE = {
    "SECRET_KEY": "k" * 32, "DATABASE_URL": "postgresql+psycopg://shop@db/shop",
    "STRIPE_SECRET_KEY": "sk_live_x", "STRIPE_WEBHOOK_SECRET": "whsec_x",
    "MAIL_SERVER": "smtp.example.org", "REDIS_URL": "redis://cache:6379/0",
    "SHOP_BASE_URL": "https://shop.example.org",
}


def development(tmp_path, **settings):
    return create_app(type("DevConfig", (Config,), {
        "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": None,
        "SQLALCHEMY_DATABASE_URI": "sqlite://", **settings}))


def test_development_key_is_random_per_instance_and_kept(tmp_path):
    first = development(tmp_path / "a").config["SECRET_KEY"]
    again = development(tmp_path / "a").config["SECRET_KEY"]
    other = development(tmp_path / "b").config["SECRET_KEY"]
    assert first == again != other
    assert len(first) >= 48 and first != "dev-only-not-secret"
    path = tmp_path / "a" / "secret_key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_text() == first


def test_a_configured_development_key_is_used_as_given(tmp_path):
    app = development(tmp_path, SECRET_KEY="mine")
    assert app.config["SECRET_KEY"] == "mine"
    assert not (tmp_path / "secret_key").exists()


def production(monkeypatch, **overrides):
    for name, value in {**SAFE, **overrides}.items():
        monkeypatch.delenv(f"SHOP_{name}", raising=False)
        monkeypatch.setenv(name, value)
    settings = {**SAFE, **overrides}
    return create_app(type("Prod", (ProductionConfig,), {
        "SECRET_KEY": settings["SECRET_KEY"], "SHOP_BASE_URL": settings["SHOP_BASE_URL"],
        "SQLALCHEMY_DATABASE_URI": settings["DATABASE_URL"]}))


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("SECRET_KEY", "s" * 31, "SECRET_KEY must be at least 32 characters long"),
    ("DATABASE_URL", "sqlite:////srv/shop.sqlite3",
     "DATABASE_URL must not be SQLite (use PostgreSQL)"),
    ("SHOP_BASE_URL", "http://shop.example.org", "SHOP_BASE_URL must start with https://"),
])
def test_production_refuses_unsafe_settings_naming_them(monkeypatch, setting, value, message):
    with pytest.raises(RuntimeError) as error:
        production(monkeypatch, **{setting: value})
    assert str(error.value) == f"Production configuration is unsafe: {message}"


def test_production_starts_with_safe_settings(monkeypatch):
    app = production(monkeypatch)
    assert app.config["SECRET_KEY"] == "k" * 32
