"""Locales: which language a request speaks; money and numbers as that language writes them."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from flask import current_app, g, has_request_context, request
from flask_babel import get_locale

# Italian shops write the euro sign first ("€ 12,50"); CLDR's Italian default puts it last.
CURRENCY_PATTERNS = {"it": "¤ #,##0.00", "en": "¤#,##0.00"}


def languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    """The URL's language on the storefront, else the user's choice, else the browser's."""
    if has_request_context():
        lang = getattr(g, "lang", None)
        if lang in languages():
            return lang
        from flask_login import current_user

        if getattr(current_user, "is_authenticated", False) and current_user.locale in languages():
            return current_user.locale
        return request.accept_languages.best_match(languages()) or "it"
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def current_lang() -> str:
    return str(get_locale() or "it")


def format_money(cents: int | None, locale: str | None = None) -> str:
    """Euro cents as the locale writes them: '€ 12,50' in Italian, '€12.50' in English."""
    if cents is None:
        return ""
    locale = locale or current_lang()
    pattern = CURRENCY_PATTERNS.get(locale, CURRENCY_PATTERNS["en"])
    return format_currency(Decimal(cents).scaleb(-2), "EUR", format=pattern, locale=locale,
                           currency_digits=False)


def format_number(value, locale: str | None = None) -> str:
    return format_decimal(value, locale=locale or current_lang())
