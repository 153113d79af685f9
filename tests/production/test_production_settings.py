"""Production settings: health check, compression, JSON logs, mail settings, pool pre-ping."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from shop import create_app
from shop.config import TestConfig
from shop.extensions import db
from shop.logs import JsonFormatter
from tests.fixtures.mail import free_port


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_health_names_redis_when_it_is_down(app, client):
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    try:
        response = client.get("/healthz")
    finally:
        app.config["REDIS_URL"] = None

    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "failing": ["redis"]}


def test_health_names_the_database_when_it_is_unreachable(tmp_path):
    broken = create_app(type("BrokenDatabase", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "missing" / "shop.sqlite3"),
        "INSTANCE_PATH": str(tmp_path), "SEARCH_INDEX_DIR": str(tmp_path / "search-index")}))
    logging.getLogger(broken.logger.name).disabled = True
    try:
        response = broken.test_client().get("/healthz")
    finally:
        logging.getLogger(broken.logger.name).disabled = False
        with broken.app_context():
            db.engine.dispose()

    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "failing": ["database"]}


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    for encoding in ("br", "gzip"):
        response = client.get("/it/cart", headers={"Accept-Encoding": encoding})

        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]


def test_compression_is_left_to_the_front_server_when_configured(tmp_path):
    proxied = create_app(type("Proxied", (TestConfig,), {
        "COMPRESS_AT_PROXY": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
        "INSTANCE_PATH": str(tmp_path), "SEARCH_INDEX_DIR": str(tmp_path / "search-index")}))
    with proxied.test_client().get("/static/css/shop.css",
                                   headers={"Accept-Encoding": "gzip"}) as response:
        assert response.status_code == 200
        assert "Content-Encoding" not in response.headers


def test_json_log_lines_carry_level_logger_message_and_request(app):
    record = logging.LogRecord("shop.test", logging.WARNING, __file__, 1, "stock low: %s", ("SKU-1",),
                               None)
    with app.test_request_context("/it/cart", method="GET"):
        line = JsonFormatter().format(record)

    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "shop.test"
    assert entry["message"] == "stock low: SKU-1"
    assert (entry["method"], entry["path"]) == ("GET", "/it/cart")
    assert entry["time"].endswith("+00:00")


def settings_with(env: dict[str, str], names: str) -> list[str]:
    """Configuration values as a fresh process reads them from this environment."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("MAIL_", "SHOP_MAIL_", "ENV", "SHOP_ENV"))}
    script = ("from shop.config import config_from_env as c; k = c(); "
              f"print(*[repr(getattr(k, n)) for n in {names.split()!r}], sep='|')")
    result = subprocess.run([sys.executable, "-c", script], env={**clean, **env},
                            capture_output=True, text=True, check=True)
    return result.stdout.strip().split("|")


def test_setting_mail_server_sends_through_smtp_even_with_a_mail_folder(tmp_path):
    folder = str(tmp_path / "mail")

    assert settings_with({"MAIL_FILE_DIR": folder}, "MAIL_SERVER MAIL_FILE_DIR") == [
        "'localhost'", repr(folder)]
    assert settings_with({"MAIL_FILE_DIR": folder, "MAIL_SERVER": "smtp.example.org"},
                         "MAIL_SERVER MAIL_FILE_DIR MAIL_TIMEOUT") == [
        "'smtp.example.org'", "None", "10.0"]


def test_production_logs_json_and_pings_pooled_connections():
    assert settings_with({"ENV": "production"}, "LOG_JSON SQLALCHEMY_ENGINE_OPTIONS") == [
        "True", "{'pool_pre_ping': True}"]


@pytest.mark.skipif(not (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgresql"),
                    reason="needs PostgreSQL (TEST_DATABASE_URL)")
def test_pages_keep_working_after_the_database_drops_every_connection(client, catalog):
    from sqlalchemy import text

    assert client.get("/it/products/").status_code == 200  # the pool now holds a connection
    with catalog.app_context(), db.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        conn.commit()

    response = client.get("/it/products/")

    assert response.status_code == 200
    assert "Grembiule" in response.get_data(as_text=True)
