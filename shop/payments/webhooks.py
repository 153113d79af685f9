"""Stripe events, dispatched by type to the payment state functions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.db import begin_write
from shop.extensions import db
from shop.payments import services as payments
from shop.payments.gateway import RefundInfo, SessionInfo, get_gateway
from shop.payments.models import PaymentProvider, ProcessedWebhookEvent

ACTOR = "stripe-webhook"


class DuplicateEvent(Exception):
    """This event id was applied before."""


def _session(obj: dict) -> SessionInfo:
    intent = obj.get("payment_intent")
    if isinstance(intent, dict):
        intent = intent.get("id")
    return SessionInfo(
        id=obj["id"], url=obj.get("url") or "",
        expires_at=datetime.fromtimestamp(obj.get("expires_at") or 0, UTC),
        status=obj.get("status") or "", payment_status=obj.get("payment_status") or "",
        payment_intent_id=intent, amount_total_cents=obj.get("amount_total"),
        metadata=dict(obj.get("metadata") or {}), currency=obj.get("currency"))


def _completed(obj):
    payments.session_completed(_session(obj), PaymentProvider.STRIPE, ACTOR)


def _async_succeeded(obj):
    payments.session_paid(_session(obj), PaymentProvider.STRIPE, ACTOR)


def _async_failed(obj):
    payments.session_failed(_session(obj), PaymentProvider.STRIPE, ACTOR)


def _expired(obj):
    payments.session_expired(_session(obj), PaymentProvider.STRIPE, ACTOR)


def _charge_refunded(obj):
    intent = obj.get("payment_intent")
    if isinstance(intent, dict):
        intent = intent.get("id")
    if not intent:
        return
    listed = (obj.get("refunds") or {}).get("data")
    if listed is not None:
        refunds = [RefundInfo(r["id"], r["amount"], r.get("status") or "succeeded")
                   for r in listed]
    else:  # recent API versions leave refunds out of the charge: ask for them
        refunds = get_gateway().list_refunds(intent)
    payments.record_refunds(intent, refunds, ACTOR)


HANDLERS = {
    "checkout.session.completed": _completed,
    "checkout.session.async_payment_succeeded": _async_succeeded,
    "checkout.session.async_payment_failed": _async_failed,
    "checkout.session.expired": _expired,
    "charge.refunded": _charge_refunded,
}


def handle_event(event: dict) -> bool:
    """Apply one verified event in the current transaction; False if its type is ignored.

    The event id is written first: a concurrent delivery of the same event waits on it and
    then fails as a duplicate, so the effects happen exactly once. Only that unique key
    makes a DuplicateEvent; any other integrity error propagates (a 500: Stripe retries).
    """
    handler = HANDLERS.get(event.get("type", ""))
    begin_write(db.session)
    if db.session.scalar(select(ProcessedWebhookEvent.id).where(
            ProcessedWebhookEvent.event_id == event["id"])):
        raise DuplicateEvent(event["id"])
    try:
        with db.session.begin_nested():
            db.session.add(ProcessedWebhookEvent(provider=PaymentProvider.STRIPE,
                                                 event_id=event["id"], event_type=event["type"]))
    except IntegrityError as error:
        if db.session.scalar(select(ProcessedWebhookEvent.id).where(
                ProcessedWebhookEvent.event_id == event["id"])):
            raise DuplicateEvent(event["id"]) from error
        raise
    if handler is None:
        return False
    handler(event["data"]["object"])
    return True
