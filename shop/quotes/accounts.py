"""Company accounts: contacts who sign in and see their own company's quotes and orders.

Every function here takes the signed-in user and limits what it reads to that user's
company, so a contact never sees another company's data whatever id they type.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from shop.accounts.access import staff_actor
from shop.accounts.errors import NotAllowed
from shop.accounts.models import Role, User
from shop.audit.services import record
from shop.db import utcnow
from shop.extensions import db
from shop.quotes import notifications
from shop.quotes.conversion import ordered_quote
from shop.quotes.errors import QuoteNotFound
from shop.quotes.models import Company, QuoteEvent, QuoteRequest, QuoteRequestItem, QuoteStatus


def company_of(user) -> Company:
    """The company a signed-in contact belongs to; anyone else is refused."""
    if (user is None or not getattr(user, "is_authenticated", False)
            or user.role != Role.COMPANY or user.company_id is None):
        raise NotAllowed("only company contacts have a company page")
    company = db.session.get(Company, user.company_id)
    if company is None:
        raise NotAllowed("the contact's company is gone")
    return company


def company_requests(user) -> list[QuoteRequest]:
    """The contact's company's requests, newest first (with their quotes and orders)."""
    company = company_of(user)
    return list(db.session.scalars(
        select(QuoteRequest).where(QuoteRequest.company_id == company.id)
        .order_by(QuoteRequest.created_at.desc(), QuoteRequest.id.desc())))


def company_request(user, request_id: int) -> QuoteRequest:
    """One of the contact's company's requests; another company's is 'not found'."""
    company = company_of(user)
    request = db.session.get(QuoteRequest, request_id)
    if request is None or request.company_id != company.id:
        raise QuoteNotFound(request_id)
    return request


def reorder(user, request_id: int, now: datetime | None = None) -> QuoteRequest:
    """Start a new request with the lines of an earlier one's ordered (or last) quote."""
    now = now or utcnow()
    earlier = company_request(user, request_id)
    quote = ordered_quote(earlier) if earlier.order_id else earlier.current_quote
    items = [QuoteRequestItem(variant_id=line.variant_id, quantity=line.quantity)
             for line in (quote.lines if quote else []) if line.variant_id]
    if quote is None:
        items = [QuoteRequestItem(variant_id=i.variant_id, quantity=i.quantity)
                 for i in earlier.items]
    custom = "\n".join(f"{line.quantity} × {line.description}" for line in
                       (quote.lines if quote else []) if not line.variant_id)
    request = QuoteRequest(
        token=secrets.token_urlsafe(32), company_id=earlier.company_id,
        status=QuoteStatus.SUBMITTED, locale=user.locale or earlier.locale,
        contact_name=user.name or earlier.contact_name, contact_email=user.email,
        contact_phone=earlier.contact_phone,
        custom_needs=custom or earlier.custom_needs, personalisation=earlier.personalisation,
        logo_path=earlier.logo_path, logo_type=earlier.logo_type,
        budget_per_gift_cents=earlier.budget_per_gift_cents,
        addresses=list(earlier.addresses or []),
        notes=f"Reorder of {earlier.reference}", created_at=now, items=items)
    db.session.add(request)
    db.session.flush()
    db.session.add(QuoteEvent(request=request, from_status=None,
                              to_status=QuoteStatus.SUBMITTED, actor="company",
                              user_id=user.id, note=f"reorder of {earlier.reference}"))
    db.session.flush()
    notifications.request_received(request)
    return request


@dataclass(frozen=True)
class Invitation:
    user: User
    created: bool


def invite_contact(request_id: int, staff_user) -> Invitation:
    """Give the request's contact an account of their company, and a link to set a password.

    An existing company account of the same company is reused; an address already used by
    another kind of account (or another company) is refused.
    """
    from shop.accounts.auth import request_password_reset
    from shop.accounts.services import create_user

    staff_actor(staff_user)
    request = db.session.get(QuoteRequest, request_id)
    if request is None:
        raise QuoteNotFound(request_id)
    existing = db.session.scalar(select(User).where(User.email == request.contact_email))
    if existing is not None:
        if existing.role != Role.COMPANY or existing.company_id not in (None,
                                                                         request.company_id):
            raise NotAllowed("this address belongs to another account")
        created = False
        user = existing
        user.company_id = request.company_id
    else:
        user, _ = create_user(request.contact_email, Role.COMPANY,
                              name=request.contact_name, locale=request.locale)
        user.company_id = request.company_id
        created = True
    db.session.flush()
    record("company.contact_invite", "user", user.id,
           after={"email": user.email, "company_id": request.company_id},
           summary=f"{request.company.name}: {user.email}", only_changes=False)
    request_password_reset(user.email)
    return Invitation(user, created)


def company_documents(user) -> dict[int, tuple]:
    """Order id → (invoice or None, [credit notes]) for the company's ordered requests."""
    from shop.invoicing.credit_notes import credit_notes_of_order
    from shop.invoicing.services import invoice_of

    return {request.order_id: (invoice_of(request.order_id),
                               credit_notes_of_order(request.order_id))
            for request in company_requests(user) if request.order_id}
