"""Emails about quotes, queued in the outbox with the change that causes them."""

from __future__ import annotations

from flask import current_app

from shop.notifications.services import enqueue_email
from shop.quotes.models import QuoteRequest

STAFF_LOCALE = "it"
DEFAULT_STAFF_EMAIL = "preventivi@vialedeimille.example"


def _absolute(path: str) -> str:
    return current_app.config["SHOP_BASE_URL"].rstrip("/") + path


# Built by hand rather than with url_for: the worker sends reminders outside any request.
# Both paths are part of the public URL map (DESIGN.md).
def quote_link(request: QuoteRequest) -> str:
    return _absolute(f"/{request.locale}/quotes/{request.token}")


def staff_link(request: QuoteRequest) -> str:
    return _absolute(f"/staff/quotes/{request.id}")


def staff_email() -> str:
    return current_app.config.get("QUOTES_STAFF_EMAIL") or DEFAULT_STAFF_EMAIL


def bank_details() -> dict:
    config = current_app.config
    return {"iban": config["SHOP_IBAN"], "holder": config["SHOP_IBAN_HOLDER"]}


def _to_company(kind: str, request: QuoteRequest, key: str, **context):
    return enqueue_email(kind, request.contact_email, kind, locale=request.locale,
                  dedupe_key=f"{kind}:{request.id}:{key}", request=request,
                  link=quote_link(request), **context)


def _to_staff(kind: str, request: QuoteRequest, key: str, **context) -> None:
    enqueue_email(kind, staff_email(), kind, locale=STAFF_LOCALE,
                  dedupe_key=f"{kind}:{request.id}:{key}", request=request,
                  link=staff_link(request), **context)


def request_received(request: QuoteRequest) -> None:
    """Thank the company and tell staff a new request is waiting."""
    _to_company("quote_request_received", request, "1")
    _to_staff("quote_request_staff", request, "1")


def quote_sent(request: QuoteRequest, quote) -> None:
    _to_company("quote_sent", request, str(quote.version), quote=quote)


def changes_asked(request: QuoteRequest, message: str, version: int) -> None:
    _to_staff("quote_changes_staff", request, str(version), message=message)


def quote_declined(request: QuoteRequest, reason: str) -> None:
    _to_staff("quote_declined_staff", request, "1", reason=reason)


def quote_accepted(request: QuoteRequest, order) -> None:
    """Tell the company how to pay (IBAN and reference for a transfer) and staff the news."""
    _to_company("quote_accepted", request, "1", order=order, bank=bank_details())
    _to_staff("quote_accepted_staff", request, "1", order=order)


def payment_reminder(request: QuoteRequest, order):
    """Queued once per order (None when it already was)."""
    return _to_company("quote_payment_reminder", request, order.number or str(order.id),
                order=order, bank=bank_details())
