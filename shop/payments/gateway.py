"""The payment gateway the shop talks to: Stripe when configured, else the demo gateway."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from flask import current_app

from shop.payments.errors import GatewayError


@dataclass(frozen=True)
class CheckoutLine:
    name: str
    unit_amount_cents: int
    quantity: int


@dataclass(frozen=True)
class CheckoutRequest:
    order_id: int
    order_number: str
    email: str
    locale: str
    lines: list[CheckoutLine]
    success_url: str
    cancel_url: str
    expires_at: datetime
    idempotency_key: str

    @property
    def amount_cents(self) -> int:
        return sum(line.unit_amount_cents * line.quantity for line in self.lines)


@dataclass(frozen=True)
class SessionInfo:
    id: str
    url: str
    expires_at: datetime
    status: str = "open"  # open | complete | expired
    payment_status: str = "unpaid"  # paid | unpaid | no_payment_required
    payment_intent_id: str | None = None
    amount_total_cents: int | None = None
    metadata: dict = field(default_factory=dict)
    currency: str | None = None  # lower case ISO code, as Stripe sends it


@dataclass(frozen=True)
class RefundInfo:
    id: str
    amount_cents: int
    status: str


class Gateway(Protocol):
    provider: str

    def create_checkout_session(self, request: CheckoutRequest) -> SessionInfo: ...

    def retrieve_session(self, session_id: str) -> SessionInfo: ...

    def list_refunds(self, payment_intent_id: str) -> list[RefundInfo]: ...

    def refund(self, payment_intent_id: str, amount_cents: int,
               idempotency_key: str) -> RefundInfo: ...


class DemoGateway:
    """Imitates a hosted checkout on a local page; no money moves."""

    provider = "demo"

    def create_checkout_session(self, request: CheckoutRequest) -> SessionInfo:
        from flask import url_for

        session_id = "demo_cs_" + secrets.token_urlsafe(18)
        url = url_for("storefront.demo_checkout", lang=request.locale, session_id=session_id)
        return SessionInfo(id=session_id, url=url, expires_at=request.expires_at,
                           amount_total_cents=request.amount_cents,
                           metadata={"order_id": str(request.order_id)})

    def retrieve_session(self, session_id: str) -> SessionInfo:
        raise GatewayError("demo sessions live in the database only")

    def list_refunds(self, payment_intent_id: str) -> list[RefundInfo]:
        return []

    def refund(self, payment_intent_id: str, amount_cents: int,
               idempotency_key: str) -> RefundInfo:
        return RefundInfo("demo_re_" + secrets.token_urlsafe(12), amount_cents, "succeeded")


def get_gateway() -> Gateway:
    config = current_app.config
    if config.get("STRIPE_SECRET_KEY"):
        from shop.payments.stripe_gateway import StripeGateway

        return StripeGateway(config["STRIPE_SECRET_KEY"], config.get("STRIPE_API_BASE"))
    return DemoGateway()


def demo_mode() -> bool:
    return not current_app.config.get("STRIPE_SECRET_KEY")
