"""What the shop holds about a person, handed over as data or erased on request (GDPR).

Erasure keeps only what Italian tax law requires of the invoices the shop issued: for ten
years, an order with invoice details keeps those details (company, VAT number, tax code,
SDI/PEC, invoice address) and its totals; its email, name, phone and delivery address go.
Every other order keeps its lines and totals (the shop's accounts) and loses its person.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update

from shop.accounts.errors import InvalidCredentials, NotAllowed
from shop.accounts.models import PasswordResetToken, Role, User
from shop.audit.models import AuditEntry
from shop.audit.security_log import log_event
from shop.cart.models import Cart, CartLine
from shop.db import utcnow
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from shop.orders.models import Order, OrderStatus

INVOICE_RETENTION = timedelta(days=3653)  # ten years (art. 2220 c.c., DPR 600/1973)
ERASED = ""
# Roles that may erase their own account from the shop's pages; the others are managed
# by an admin, since their accounts carry work other people rely on.
SELF_SERVICE_ROLES = (Role.CUSTOMER, Role.COMPANY)
PERSONAL_ORDER_FIELDS = ("email", "name", "phone", "ship_name", "ship_line1", "ship_line2",
                         "ship_postal_code", "ship_city", "ship_province")
INVOICE_FIELDS = ("invoice_company", "invoice_vat_number", "invoice_tax_code",
                  "invoice_sdi_code", "invoice_pec", "invoice_address")
UNPAID = (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)

# Other domains (quotes, events…) add what they hold about a person here, by name:
# an exporter returns JSON-ready data, an eraser erases or anonymises it (flush, no commit).
EXPORTERS: dict[str, Callable[[str, User | None], list | dict]] = {}
ERASERS: dict[str, Callable[[str, User | None], None]] = {}


@dataclass(frozen=True)
class ErasureReport:
    orders_anonymised: int
    invoices_kept: int
    emails_deleted: int
    carts_deleted: int


def _orders_of(email: str, user: User | None):
    clauses = [func.lower(Order.email) == email.lower()]
    if user is not None:
        clauses.append(Order.user_id == user.id)
    return select(Order).where(or_(*clauses)).order_by(Order.id)


def export_data(email: str, user: User | None = None) -> dict:
    """Everything the shop holds about this person, as JSON-ready data."""
    email = email.strip().lower()
    data: dict = {"exported_at": utcnow().isoformat(), "email": email}
    if user is not None:
        data["account"] = {"email": user.email, "name": user.name, "role": user.role,
                           "locale": user.locale, "created_at": user.created_at.isoformat(),
                           "two_factor": bool(user.totp_secret)}
    orders = list(db.session.scalars(_orders_of(email, user)))
    data["orders"] = [_order_data(order) for order in orders]
    data["addresses"] = sorted({_address(o) for o in orders if o.ship_line1}, key=str)
    data["emails"] = [
        {"kind": m.kind, "subject": m.subject, "status": m.status, "to": m.recipient,
         "created_at": m.created_at.isoformat(),
         "sent_at": m.sent_at.isoformat() if m.sent_at else None}
        for m in db.session.scalars(select(OutboxMessage)
                                    .where(func.lower(OutboxMessage.recipient) == email)
                                    .order_by(OutboxMessage.id))]
    for name, exporter in EXPORTERS.items():
        data[name] = exporter(email, user)
    return data


def _address(order: Order) -> str:
    parts = (order.ship_name, order.ship_line1, order.ship_line2, order.ship_postal_code,
             order.ship_city, order.ship_province, order.ship_country)
    return ", ".join(part for part in parts if part)


def _order_data(order: Order) -> dict:
    return {
        "number": order.number, "status": order.status, "created_at": order.created_at.isoformat(),
        "email": order.email, "name": order.name, "phone": order.phone,
        "delivery_method": order.delivery_method, "delivery_address": _address(order),
        "invoice": {field: getattr(order, field) for field in INVOICE_FIELDS}
        if order.invoice_requested else None,
        "lines": [{"sku": line.sku, "name": line.name, "variant": line.variant_label,
                   "quantity": line.quantity, "unit_price_cents": line.unit_price_cents}
                  for line in order.lines],
        "shipping_cents": order.shipping_cents, "total_cents": order.total_cents,
        "refunded_cents": order.refunded_cents,
    }


def delete_own_account(user: User, password: str, now: datetime | None = None) -> ErasureReport:
    """Erase a customer's account and data after they confirm with their password."""
    if user.role not in SELF_SERVICE_ROLES:
        raise NotAllowed("staff, admin and cooperative accounts are closed by an admin")
    if not user.check_password(password or ""):
        raise InvalidCredentials()
    return erase_person(user.email, user, now)


def erase_person(email: str, user: User | None = None,
                 now: datetime | None = None) -> ErasureReport:
    """Erase or anonymise a person everywhere, keeping only invoice records the law needs."""
    now = now or utcnow()
    email = email.strip().lower()
    orders = list(db.session.scalars(_orders_of(email, user)))
    kept = 0
    for order in orders:
        for field in PERSONAL_ORDER_FIELDS:
            setattr(order, field, ERASED)
        order.user_id = None
        if _invoice_kept(order, now):
            kept += 1
        else:
            for field in INVOICE_FIELDS:
                setattr(order, field, ERASED)
    # Emails to the person, and about their orders (a cooperative's copy holds the address).
    order_ids = [order.id for order in orders]
    emails = db.session.execute(
        delete(OutboxMessage).where(or_(func.lower(OutboxMessage.recipient) == email,
                                        OutboxMessage.order_id.in_(order_ids)))
        .execution_options(synchronize_session=False)).rowcount or 0
    db.session.execute(update(AuditEntry).where(func.lower(AuditEntry.actor_email) == email)
                       .values(actor_email=ERASED, ip=ERASED)
                       .execution_options(synchronize_session=False))
    for eraser in ERASERS.values():
        eraser(email, user)
    carts = 0
    if user is not None:
        user_carts = select(Cart.id).where(Cart.user_id == user.id)
        db.session.execute(delete(CartLine).where(CartLine.cart_id.in_(user_carts))
                           .execution_options(synchronize_session=False))
        carts = db.session.execute(delete(Cart).where(Cart.user_id == user.id)
                                   .execution_options(synchronize_session=False)).rowcount or 0
        db.session.execute(delete(PasswordResetToken).where(PasswordResetToken.user_id == user.id)
                           .execution_options(synchronize_session=False))
        _anonymise_user(user)
    db.session.flush()
    log_event("account.erased", user_id=user.id if user else None, orders=len(orders),
              invoices_kept=kept)
    return ErasureReport(len(orders), kept, emails, carts)


def _invoice_kept(order: Order, now: datetime) -> bool:
    return (order.invoice_requested and order.status not in UNPAID
            and order.created_at > now - INVOICE_RETENTION)


def _anonymise_user(user: User) -> None:
    """The row stays (other records point at it) but names nobody and cannot sign in."""
    user.email = f"erased-{user.id}@erased.invalid"
    user.name = ERASED
    user.totp_secret = None
    user.active = False
    user.password_hash = "!" + secrets.token_hex(16)  # matches no password
    user.end_sessions()
