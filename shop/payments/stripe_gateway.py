"""Stripe: Checkout Sessions, refunds and webhook signatures. The only module importing stripe."""

from __future__ import annotations

from datetime import UTC, datetime

import stripe

from shop.payments.errors import GatewayError, InvalidSignature
from shop.payments.gateway import CheckoutRequest, RefundInfo, SessionInfo

STRIPE_LOCALES = {"it": "it", "en": "en"}


class StripeGateway:
    provider = "stripe"

    def __init__(self, api_key: str, api_base: str | None = None):
        options = {"base_addresses": {"api": api_base}} if api_base else {}
        self.client = stripe.StripeClient(api_key, max_network_retries=2, **options)

    def create_checkout_session(self, request: CheckoutRequest) -> SessionInfo:
        params = {
            "mode": "payment",
            "line_items": [
                {"quantity": line.quantity,
                 "price_data": {"currency": "eur", "unit_amount": line.unit_amount_cents,
                                "product_data": {"name": line.name}}}
                for line in request.lines
            ],
            "customer_email": request.email,
            "locale": STRIPE_LOCALES.get(request.locale, "auto"),
            "client_reference_id": request.order_number,
            "metadata": {"order_id": str(request.order_id),
                         "order_number": request.order_number},
            "payment_intent_data": {"metadata": {"order_id": str(request.order_id)}},
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "expires_at": int(request.expires_at.timestamp()),
        }
        try:
            session = self.client.v1.checkout.sessions.create(
                params, {"idempotency_key": request.idempotency_key})
        except stripe.StripeError as exc:
            raise GatewayError(str(exc)) from exc
        return _session_info(session)

    def retrieve_session(self, session_id: str) -> SessionInfo:
        try:
            return _session_info(self.client.v1.checkout.sessions.retrieve(session_id))
        except stripe.StripeError as exc:
            raise GatewayError(str(exc)) from exc

    def list_refunds(self, payment_intent_id: str) -> list[RefundInfo]:
        try:
            refunds = self.client.v1.refunds.list({"payment_intent": payment_intent_id,
                                                   "limit": 100})
        except stripe.StripeError as exc:
            raise GatewayError(str(exc)) from exc
        return [RefundInfo(r["id"], r["amount"], r["status"])
                for r in refunds.to_dict()["data"]]

    def refund(self, payment_intent_id: str, amount_cents: int,
               idempotency_key: str) -> RefundInfo:
        try:
            r = self.client.v1.refunds.create(
                {"payment_intent": payment_intent_id, "amount": amount_cents},
                {"idempotency_key": idempotency_key})
        except stripe.StripeError as exc:
            raise GatewayError(str(exc)) from exc
        data = r.to_dict()
        return RefundInfo(data["id"], data["amount"], data["status"])


def _session_info(obj) -> SessionInfo:
    session = obj.to_dict()
    intent = session.get("payment_intent")
    if intent is not None and not isinstance(intent, str):
        intent = intent.get("id")
    return SessionInfo(
        id=session["id"], url=session.get("url") or "",
        expires_at=datetime.fromtimestamp(session["expires_at"], UTC),
        status=session.get("status") or "open",
        payment_status=session.get("payment_status") or "unpaid",
        payment_intent_id=intent, amount_total_cents=session.get("amount_total"),
        metadata=dict(session.get("metadata") or {}), currency=session.get("currency"))


def verify_webhook(payload: bytes, signature: str | None, secret: str) -> dict:
    """The event a correctly signed, recent payload carries; InvalidSignature otherwise."""
    if not signature:
        raise InvalidSignature("missing Stripe-Signature header")
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except (stripe.SignatureVerificationError, ValueError) as exc:
        raise InvalidSignature(str(exc)) from exc
    return event.to_dict()
