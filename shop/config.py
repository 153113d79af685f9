"""Configuration classes, read from the environment (plain names or with the SHOP_ prefix)."""

from __future__ import annotations

import os
import secrets
import socket
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
    # Unset: a random key kept in the instance folder (see instance_secret_key).
    SECRET_KEY = env("SECRET_KEY")
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
    # Several hosts: each index reads the shared change log under its own name (unique per
    # host); one silent this long stops holding log rows back, and rebuilds if it returns.
    SEARCH_INDEX_NAME = env("SEARCH_INDEX_NAME") or socket.gethostname()
    SEARCH_INDEX_STALE_AFTER = env_int("SEARCH_INDEX_STALE_AFTER", 86400)
    # Where media files live: "local" is the MEDIA_ROOT folder (shop.catalog.storage).
    MEDIA_STORAGE = env("MEDIA_STORAGE", "local")

    BABEL_DEFAULT_LOCALE = "it"
    BABEL_DEFAULT_TIMEZONE = "Europe/Rome"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent / "translations")
    LANGUAGES = ("it", "en")

    SHOP_BASE_URL = env("SHOP_BASE_URL", "http://127.0.0.1:5000")
    # Development: links in emails follow the host the shop is served on.
    BASE_URL_FROM_REQUEST = True
    # Corporate quotes: where staff are told of requests, and the account for transfers.
    QUOTES_STAFF_EMAIL = env("QUOTES_STAFF_EMAIL", "preventivi@vialedeimille.example")
    SHOP_IBAN = env("SHOP_IBAN", "IT60 X054 2811 1010 0000 0123 456")
    SHOP_IBAN_HOLDER = env("SHOP_IBAN_HOLDER", "Consorzio Viale dei Mille")
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
    # The worker deletes guest carts untouched this long, and sent or failed emails this old.
    GUEST_CART_DAYS = env_int("GUEST_CART_DAYS", 60)
    OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 180)

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
    # Seconds a public page is kept for visitors with no account and no cart
    # (shop/web/page_cache.py); 0 turns it off.
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 30)
    CACHE_KEY_PREFIX = "shop:"
    CACHE_OPTIONS = ({"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
                     if env("REDIS_URL") else {})
    RATELIMIT_STORAGE_URI = env("REDIS_URL") or "memory://"
    # Redis down must not take the shop down: limits move to memory (and a log line says
    # so) until it answers again. Short timeouts so a silent Redis does not hang requests.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    RATELIMIT_HEADERS_ENABLED = True
    # Failed sign-ins one account may take in a window, whatever address they come from.
    LOGIN_ACCOUNT_LIMIT = env("LOGIN_ACCOUNT_LIMIT", "10 per 15 minutes")
    # How many proxies in front of the app set X-Forwarded-For/-Proto; 0 trusts none.
    TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

    # The consortium as it appears on its e-invoices (cedente/prestatore). Demo values:
    # set the real ones in production.
    INVOICE_SELLER_NAME = env("INVOICE_SELLER_NAME",
                              "Consorzio Viale dei Mille Società Cooperativa Sociale")
    INVOICE_SELLER_VAT_NUMBER = env("INVOICE_SELLER_VAT_NUMBER", "01234560157")
    INVOICE_SELLER_TAX_CODE = env("INVOICE_SELLER_TAX_CODE", "01234560157")
    INVOICE_SELLER_ADDRESS = env("INVOICE_SELLER_ADDRESS", "Viale dei Mille 24")
    INVOICE_SELLER_POSTAL_CODE = env("INVOICE_SELLER_POSTAL_CODE", "20129")
    INVOICE_SELLER_CITY = env("INVOICE_SELLER_CITY", "Milano")
    INVOICE_SELLER_PROVINCE = env("INVOICE_SELLER_PROVINCE", "MI")
    INVOICE_SELLER_TAX_REGIME = env("INVOICE_SELLER_TAX_REGIME", "RF01")
    # The same account companies pay by transfer (SHOP_IBAN), written without spaces.
    INVOICE_SELLER_IBAN = env("INVOICE_SELLER_IBAN") or SHOP_IBAN.replace(" ", "")
    INVOICE_SELLER_EMAIL = env("INVOICE_SELLER_EMAIL", "amministrazione@vialedeimille.example")

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
    # How passwords are hashed (werkzeug's generate_password_hash): scrypt, slow on purpose.
    # Only the tests lower it; it is not read from the environment.
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  # nosec B105


class TestConfig(Config):
    """Tests: a throwaway database and no outside services."""

    ENV_NAME = "test"
    TESTING = True
    BASE_URL_FROM_REQUEST = False
    # The test suite's own key, never used outside tests (bandit B105 and ruff S105 agree).
    SECRET_KEY = "test-secret"  # noqa: S105  # nosec B105
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
    # Quick hashes for throwaway accounts: a scrypt hash or check costs ~0.3 s, and the suite
    # signs in and seeds demo users thousands of times. tests/accounts proves the default.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105  # nosec B105
    # Pages must show what each test just changed; tests/web/test_page_cache.py turns it on.
    PAGE_CACHE_SECONDS = 0


class ProductionConfig(Config):
    """Production: PostgreSQL, Redis, Stripe and SMTP, all from the environment."""

    ENV_NAME = "production"
    BASE_URL_FROM_REQUEST = False
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

    MIN_SECRET_KEY_LENGTH = 32

    @classmethod
    def missing(cls) -> list[str]:
        """Name the required settings the environment does not provide."""
        return [name for name in cls.REQUIRED if not env(name)]

    @classmethod
    def unsafe(cls, config) -> list[str]:
        """Say which given settings production must not run with, naming each one."""
        problems = []
        if len(config.get("SECRET_KEY") or "") < cls.MIN_SECRET_KEY_LENGTH:
            problems.append(f"SECRET_KEY must be at least {cls.MIN_SECRET_KEY_LENGTH} "
                            "characters long")
        if str(config.get("SQLALCHEMY_DATABASE_URI") or "").startswith("sqlite"):
            problems.append("DATABASE_URL must not be SQLite (use PostgreSQL)")
        if not str(config.get("SHOP_BASE_URL") or "").startswith("https://"):
            problems.append("SHOP_BASE_URL must start with https://")
        return problems


def instance_secret_key(instance_path: str) -> str:
    """The development signing key of this instance: random, made once, readable by us only.

    A key in the code would be public, and anyone could sign a session cookie with it.
    """
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def config_from_env() -> type[Config]:
    """Pick the configuration class named by SHOP_ENV (development, production)."""
    return ProductionConfig if env("ENV", "development") == "production" else Config
