"""Configuration classes, read from the environment (plain names or with the SHOP_ prefix)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A checkout keeps its instance folder beside the code; an installed package (no
# pyproject.toml above it) uses ./instance unless INSTANCE_PATH says otherwise.
CHECKOUT = (ROOT / "pyproject.toml").exists()
DEFAULT_INSTANCE = ROOT / "instance" if CHECKOUT else Path.cwd() / "instance"


def env(name: str, default: str | None = None) -> str | None:
    """Return SHOP_<name> or <name> from the environment, else the default."""
    return os.environ.get(f"SHOP_{name}", os.environ.get(name, default))


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value not in (None, "") else default


class Config:
    """Embedded defaults: SQLite in instance/, inline outbox, demo payments."""

    ENV_NAME = "development"
    SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret")
    INSTANCE_PATH = env("INSTANCE_PATH", str(DEFAULT_INSTANCE))
    SQLALCHEMY_DATABASE_URI = env("DATABASE_URL") or (
        "sqlite:///" + str(Path(INSTANCE_PATH) / "shop.sqlite3")
    )
    # Test each pooled connection before use: a restarted database costs one failed ping,
    # not an error page.
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    MEDIA_ROOT = env("MEDIA_ROOT", str(Path(INSTANCE_PATH) / "media"))
    SEARCH_INDEX_DIR = env("SEARCH_INDEX_DIR", str(Path(INSTANCE_PATH) / "search-index"))
    # Apply catalog changes to the search index when the request or command that made them
    # ends; off, they wait in the queue for `flask worker` / `flask search process-queue`.
    SEARCH_INLINE_UPDATES = env("SEARCH_INLINE_UPDATES", "1") == "1"
    SEARCH_LOCK_TIMEOUT = float(env("SEARCH_LOCK_TIMEOUT", "0.25") or 0.25)

    BABEL_DEFAULT_LOCALE = "it"
    BABEL_DEFAULT_TIMEZONE = "Europe/Rome"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent / "translations")
    LANGUAGES = ("it", "en")

    SHOP_BASE_URL = env("SHOP_BASE_URL", "http://127.0.0.1:5000")
    PRODUCTS_PER_PAGE = env_int("PRODUCTS_PER_PAGE", 12)

    STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
    STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
    STRIPE_API_BASE = env("STRIPE_API_BASE")

    MAIL_SERVER = env("MAIL_SERVER") or "localhost"
    MAIL_PORT = env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = env("MAIL_USE_TLS", "0") == "1"
    MAIL_USERNAME = env("MAIL_USERNAME")
    MAIL_PASSWORD = env("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER",
                              "Viale dei Mille <negozio@vialedeimille.example>")
    MAIL_SUPPRESS_SEND = env("MAIL_SUPPRESS_SEND", "0") == "1"
    MAIL_TIMEOUT = float(env("MAIL_TIMEOUT", "10") or 10)  # seconds per SMTP socket operation
    # Without MAIL_SERVER, development writes each email as an .eml file here; setting
    # MAIL_SERVER sends through SMTP whatever MAIL_FILE_DIR says.
    MAIL_FILE_DIR = None if env("MAIL_SERVER") else env(
        "MAIL_FILE_DIR", str(Path(INSTANCE_PATH) / "mail"))
    OUTBOX_INLINE_FLUSH = True

    REDIS_URL = env("REDIS_URL")
    # Responses are compressed by the app (gzip, br) unless a front server does it.
    COMPRESS_AT_PROXY = env("COMPRESS_AT_PROXY", "0") == "1"
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript",
                          "application/json", "application/xml", "text/xml", "text/plain",
                          "image/svg+xml"]
    COMPRESS_MIN_SIZE = 500
    # Streamed responses (static files) are left alone: Flask-Compress does not close the
    # file it streams from. The front server compresses and caches static files.
    COMPRESS_STREAMS = False
    LOG_JSON = env("LOG_JSON", "0") == "1"
    # Shared by every worker through Redis when there is one; in process otherwise (one
    # process: development). Entries follow the catalog's version (shop/catalog/cache.py).
    CACHE_TYPE = "RedisCache" if env("REDIS_URL") else "SimpleCache"
    CACHE_REDIS_URL = env("REDIS_URL")
    CACHE_DEFAULT_TIMEOUT = 3600
    CACHE_KEY_PREFIX = "shop:"
    CACHE_OPTIONS = ({"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
                     if env("REDIS_URL") else {})
    RATELIMIT_STORAGE_URI = env("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Redis down: limits fall back to each process's memory instead of failing requests.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True

    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_HTTPONLY = True
    SEND_FILE_MAX_AGE_DEFAULT = 3600
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SEED_DEMO_ALLOWED = True


class TestConfig(Config):
    """Tests: a throwaway database and no outside services."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = env("TEST_DATABASE_URL") or "sqlite://"
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    CACHE_TYPE = "SimpleCache"
    CACHE_OPTIONS: dict = {}
    MAIL_SUPPRESS_SEND = True
    MAIL_FILE_DIR = None
    OUTBOX_INLINE_FLUSH = False  # tests send through the worker, as production does
    STRIPE_SECRET_KEY = None
    STRIPE_WEBHOOK_SECRET = None


class ProductionConfig(Config):
    """Production: PostgreSQL, Redis, Stripe and SMTP, all from the environment."""

    ENV_NAME = "production"
    SEED_DEMO_ALLOWED = False
    OUTBOX_INLINE_FLUSH = False
    MAIL_SUPPRESS_SEND = False
    MAIL_FILE_DIR = None
    LOG_JSON = env("LOG_JSON", "1") == "1"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    REQUIRED = ("SECRET_KEY", "DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET",
                "MAIL_SERVER", "REDIS_URL", "SHOP_BASE_URL")

    @classmethod
    def missing(cls) -> list[str]:
        """Name the required settings the environment does not provide."""
        return [name for name in cls.REQUIRED if not env(name)]


def config_from_env() -> type[Config]:
    """Pick the configuration class named by SHOP_ENV (development, production)."""
    return ProductionConfig if env("ENV", "development") == "production" else Config
