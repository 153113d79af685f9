"""Redis down: the shop keeps serving pages; the cache and the rate limits degrade."""

from __future__ import annotations

import logging

from shop import create_app
from shop.config import TestConfig
from shop.extensions import db
from tests.fixtures.mail import free_port


def test_listing_and_search_work_with_redis_unreachable(app, demo, tmp_path):
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    settings = {k: app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH",
                                           "MEDIA_ROOT", "SEARCH_INDEX_DIR")}
    redisless = create_app(type("RedisDown", (TestConfig,), {
        **settings, "REDIS_URL": dead, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": dead,
        "CACHE_OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
        "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": dead}))
    client = redisless.test_client()
    logging.disable(logging.WARNING)
    try:
        listing = client.get("/it/products/?category=forno-dolci")
        search = client.get("/it/search?q=grembiule")
        health = client.get("/healthz")
    finally:
        logging.disable(logging.NOTSET)
        with redisless.app_context():
            db.engine.dispose()

    assert listing.status_code == 200
    assert "Forno e dolci" in listing.get_data(as_text=True)
    assert search.status_code == 200
    assert health.status_code == 503
    assert health.get_json() == {"status": "error", "failing": ["redis"]}
