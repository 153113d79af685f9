"""The Viale dei Mille shop: create_app() builds the Flask application."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from shop import config as config_module
from shop.extensions import (
    babel,
    cache,
    compress,
    csrf,
    db,
    limiter,
    login_manager,
    mail,
    migrate,
)

ROOT = Path(__file__).resolve().parent.parent
# An installed package carries its templates, static files and migrations in shop/_site/
# (see setup.py); a checkout has them at the top of the repository.
_BUNDLED = Path(__file__).resolve().parent / "_site"
SITE = _BUNDLED if _BUNDLED.is_dir() else ROOT


def create_app(config: type | dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands."""
    app = Flask(
        __name__,
        template_folder=str(SITE / "templates"),
        static_folder=str(SITE / "static"),
        instance_relative_config=False,
    )
    register_config(app, config)
    register_extensions(app)
    register_models()
    register_blueprints(app)
    register_templating(app)
    register_errors(app)
    register_commands(app)
    return app


def register_config(app: Flask, config: type | dict | None) -> None:
    base = config_module.config_from_env() if config is None or isinstance(config, dict) else config
    app.config.from_object(base)
    if isinstance(config, dict):
        app.config.update(config)
    production = issubclass(base, config_module.ProductionConfig)
    if production and not app.config.get("TESTING"):
        missing = config_module.ProductionConfig.missing()
        if missing:
            raise RuntimeError("Production configuration is missing: " + ", ".join(missing))
        unsafe = config_module.ProductionConfig.unsafe(app.config)
        if unsafe:
            raise RuntimeError("Production configuration is unsafe: " + "; ".join(unsafe))
    app.instance_path = app.config["INSTANCE_PATH"]
    if not app.config.get("SECRET_KEY") and not production:
        app.config["SECRET_KEY"] = config_module.instance_secret_key(app.instance_path)


def register_extensions(app: Flask) -> None:
    from shop import logs

    logs.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(SITE / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    from shop.catalog import cache as catalog_cache

    catalog_cache.register_listeners()
    if not app.config.get("COMPRESS_AT_PROXY"):
        compress.init_app(app)
    login_manager.init_app(app)
    from shop.i18n import select_locale, select_timezone

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    from shop.notifications import inline
    from shop.web import assets, audit_context, login, page_cache, security, transactions

    assets.init_app(app)
    login.init_app(app)
    # Before anything reads the database in a POST (the audit actor loads the user), so
    # that the request's first transaction already begins as a writer on SQLite.
    transactions.init_app(app)
    audit_context.init_app(app)
    inline.init_app(app)
    security.init_app(app)
    page_cache.init_app(app)  # after CSRFProtect: it wraps the template's csrf_token()
    from shop import search
    from shop.catalog import storage
    from shop.impact import ledger

    storage.init_app(app)

    search.init_app(app)
    ledger.init_app(app)


def register_models() -> None:
    """Import every domain's models so SQLAlchemy and Alembic see the whole schema."""
    import shop.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from shop.web.coop import bp as coop_bp
    from shop.web.root import bp as root_bp
    from shop.web.staff import bp as staff_bp
    from shop.web.storefront import bp as storefront_bp
    from shop.web.webhooks import bp as webhooks_bp

    app.register_blueprint(root_bp)
    app.register_blueprint(storefront_bp)
    app.register_blueprint(coop_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(webhooks_bp)


def register_templating(app: Flask) -> None:
    from shop.web import pagination, personal, templating

    templating.init_app(app)
    pagination.init_app(app)
    personal.init_app(app)


def register_errors(app: Flask) -> None:
    from shop.web import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from shop.accounts.cli import users_cli
    from shop.backup import backup_cli
    from shop.catalog.cli import catalog_cli
    from shop.discounts.cli import discounts_cli
    from shop.impact.cli import impact_cli
    from shop.inventory.cli import stock_cli
    from shop.invoicing.cli import invoices_cli
    from shop.notifications.cli import outbox_cli
    from shop.search.cli import search_cli
    from shop.worker import worker_command

    app.cli.add_command(catalog_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(search_cli)
    app.cli.add_command(impact_cli)
    app.cli.add_command(stock_cli)
    app.cli.add_command(discounts_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(invoices_cli)
    app.cli.add_command(backup_cli)
