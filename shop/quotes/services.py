"""Quote requests and quotes: submitting, reviewing, pricing, sending, answering, expiring.

Every move goes through `_move`, which reads the workflow table, writes the QuoteEvent and,
when staff act, the audit entry. Services flush, never commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from shop.accounts.access import staff_actor
from shop.audit.services import record, snapshot
from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.fulfilment.routing import local_date
from shop.quotes import notifications, workflow
from shop.quotes.errors import (
    InvalidPriceBreak,
    InvalidQuoteMove,
    QuoteExpired,
    QuoteHasNoLines,
    QuoteNotFound,
)
from shop.quotes.models import (
    Company,
    PriceBreak,
    Quote,
    QuoteEvent,
    QuoteLine,
    QuoteRequest,
    QuoteRequestItem,
    QuoteStatus,
)
from shop.quotes.validation import Logo


@dataclass
class CompanyDetails:
    name: str
    vat_number: str
    tax_code: str = ""
    sdi_code: str = ""
    pec: str = ""


@dataclass
class RequestDetails:
    company: CompanyDetails
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    items: list[tuple[int, int]] = field(default_factory=list)  # (variant id, quantity)
    custom_needs: str = ""
    personalisation: str = ""
    budget_per_gift_cents: int | None = None
    wanted_by: date | None = None
    addresses: list[dict] = field(default_factory=list)
    notes: str = ""
    locale: str = "it"


@dataclass
class LineInput:
    """A line as staff price it: a variant, or a custom description with a cooperative."""

    variant_id: int | None
    cooperative_id: int | None
    description: str
    quantity: int
    unit_price_cents: int
    vat_rate_bp: int
    delivery_date: date | None = None


def company_for(details: CompanyDetails) -> Company:
    """The company with this VAT number, created from the details on its first request.

    An existing company's data is not changed from a public form: anyone may type a VAT
    number. Staff correct it.
    """
    company = db.session.scalar(select(Company).where(Company.vat_number == details.vat_number))
    if company is None:
        company = Company(name=details.name, vat_number=details.vat_number,
                          tax_code=details.tax_code, sdi_code=details.sdi_code,
                          pec=details.pec)
        db.session.add(company)
        db.session.flush()
    return company


def submit_request(details: RequestDetails, logo: Logo | None = None,
                   logo_dir: str | None = None, now: datetime | None = None) -> QuoteRequest:
    """Record a company's request, thank it, and tell staff."""
    now = now or utcnow()
    company = company_for(details.company)
    request = QuoteRequest(
        token=secrets.token_urlsafe(32), company_id=company.id, status=QuoteStatus.SUBMITTED,
        locale=details.locale, contact_name=details.contact_name,
        contact_email=details.contact_email.lower(), contact_phone=details.contact_phone,
        custom_needs=details.custom_needs, personalisation=details.personalisation,
        budget_per_gift_cents=details.budget_per_gift_cents, wanted_by=details.wanted_by,
        addresses=details.addresses, notes=details.notes, created_at=now,
        items=[QuoteRequestItem(variant_id=v, quantity=q) for v, q in details.items])
    request.company = company
    db.session.add(request)
    db.session.flush()
    if logo is not None and logo_dir:
        folder = Path(logo_dir)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{request.id:06d}-{secrets.token_hex(8)}.{logo.extension}"
        (folder / name).write_bytes(logo.data)
        request.logo_path, request.logo_type = name, logo.content_type
    db.session.add(QuoteEvent(request=request, from_status=None,
                              to_status=QuoteStatus.SUBMITTED, actor="company"))
    db.session.flush()
    notifications.request_received(request)
    return request


# --- finding ---------------------------------------------------------------------------

def get_by_token(token: str) -> QuoteRequest:
    request = (db.session.scalar(select(QuoteRequest).where(QuoteRequest.token == token))
               if token else None)
    if request is None:
        raise QuoteNotFound(token)
    return request


def get_request(request_id: int) -> QuoteRequest:
    request = db.session.get(QuoteRequest, request_id)
    if request is None:
        raise QuoteNotFound(request_id)
    return request


def lock_request(request_id: int) -> QuoteRequest:
    """The request with a row lock: two answers to one quote apply one after the other."""
    request = db.session.scalar(
        select(QuoteRequest).where(QuoteRequest.id == request_id)
        .with_for_update(of=QuoteRequest).execution_options(populate_existing=True))
    if request is None:
        raise QuoteNotFound(request_id)
    return request


def version_of(request: QuoteRequest, version: int | None) -> Quote | None:
    """A sent version of this request's quote (the latest by default); never another's."""
    sent = [q for q in request.quotes if q.sent_at is not None]
    if version is None:
        return sent[-1] if sent else None
    return next((q for q in sent if q.version == version), None)


@dataclass
class ListFilters:
    status: str = ""
    company: str = ""
    date_from: date | None = None
    date_to: date | None = None


def list_requests(user, filters: ListFilters, limit: int = 200) -> list[QuoteRequest]:
    """Requests for the staff list, newest first, filtered by status, company and date."""
    staff_actor(user)
    stmt = select(QuoteRequest).join(Company).order_by(QuoteRequest.created_at.desc())
    if filters.status:
        stmt = stmt.where(QuoteRequest.status == filters.status)
    if filters.company:
        like = f"%{filters.company.lower()}%"
        stmt = stmt.where(func.lower(Company.name).like(like) | Company.vat_number.like(like))
    if filters.date_from:
        stmt = stmt.where(func.date(QuoteRequest.created_at) >= filters.date_from)
    if filters.date_to:
        stmt = stmt.where(func.date(QuoteRequest.created_at) <= filters.date_to)
    return list(db.session.scalars(stmt.limit(limit)))


def status_counts(user) -> dict[str, int]:
    staff_actor(user)
    return dict(db.session.execute(
        select(QuoteRequest.status, func.count()).group_by(QuoteRequest.status)).all())


# --- moves -----------------------------------------------------------------------------

def move(request: QuoteRequest, to_status: QuoteStatus, who: str, *, user=None,
          note: str = "", version: int | None = None) -> None:
    if not workflow.can_move(request.status, to_status, who):
        raise InvalidQuoteMove(request.status, to_status)
    before = request.status
    db.session.add(QuoteEvent(request=request, from_status=before, to_status=to_status,
                              actor=who, user_id=getattr(user, "id", None), note=note,
                              quote_version=version))
    request.status = to_status
    if who == "staff":
        record("quote.status", "quote_request", request.id, before={"status": before},
               after={"status": str(to_status)}, summary=f"{request.reference}: {note}"[:300])
    db.session.flush()


def start_review(request_id: int, user) -> QuoteRequest:
    """Staff take a submitted request in hand."""
    staff_actor(user)
    request = lock_request(request_id)
    move(request, QuoteStatus.IN_REVIEW, "staff", user=user)
    return request


def save_draft(request_id: int, user, lines: list[LineInput], valid_until: date,
               notes: str) -> Quote:
    """Write the next version of the quote as a draft (replacing an unsent draft)."""
    staff_actor(user)
    request = lock_request(request_id)
    if request.status == QuoteStatus.SUBMITTED:
        move(request, QuoteStatus.IN_REVIEW, "staff", user=user)
    if request.status not in workflow.EDITABLE:
        raise InvalidQuoteMove(request.status, QuoteStatus.QUOTED)
    draft = request.draft
    if draft is None:
        version = (max((q.version for q in request.quotes), default=0)) + 1
        draft = Quote(request=request, version=version, valid_until=valid_until,
                      created_by_id=user.id)
        db.session.add(draft)
    before = {"lines": [_line_snapshot(line) for line in draft.lines],
              "valid_until": draft.valid_until, "notes": draft.notes}
    draft.valid_until, draft.notes, draft.created_by_id = valid_until, notes, user.id
    draft.lines.clear()
    db.session.flush()
    from shop.catalog.models import Cooperative, Variant

    for position, entry in enumerate(lines):
        variant = db.session.get(Variant, entry.variant_id) if entry.variant_id else None
        cooperative_id = variant.product.cooperative_id if variant else entry.cooperative_id
        if cooperative_id is None or db.session.get(Cooperative, cooperative_id) is None:
            raise QuoteHasNoLines("a custom line needs its cooperative")
        description = entry.description or (variant_name(variant, request.locale)
                                             if variant else "")
        draft.lines.append(QuoteLine(
            position=position, variant_id=variant.id if variant else None,
            cooperative_id=cooperative_id, description=description[:300],
            unit_price_cents=entry.unit_price_cents, quantity=entry.quantity,
            vat_rate_bp=entry.vat_rate_bp, delivery_date=entry.delivery_date))
    db.session.flush()
    record("quote.draft", "quote", draft.id, before=before,
           after={"lines": [_line_snapshot(line) for line in draft.lines],
                  "valid_until": draft.valid_until, "notes": draft.notes},
           summary=f"{request.reference} v{draft.version}")
    return draft


def variant_name(variant, locale: str) -> str:
    """How a variant is named on a quote: the product, and the option when it has several."""
    product = variant.product
    name = product.tr(locale).name
    if len(product.active_variants) > 1:
        name = f"{name} — {variant.label_for(locale)}"
    return name


def _line_snapshot(line: QuoteLine) -> dict:
    return snapshot(line, ("variant_id", "cooperative_id", "description", "quantity",
                           "unit_price_cents", "vat_rate_bp", "delivery_date"))


def send_quote(request_id: int, user, now: datetime | None = None) -> Quote:
    """Send the draft: it becomes the current version and the company gets its link."""
    staff_actor(user)
    now = now or utcnow()
    request = lock_request(request_id)
    draft = request.draft
    if draft is None or not draft.lines:
        raise QuoteHasNoLines(request.id)
    if draft.valid_until < local_date(now):
        raise QuoteExpired(request.id)
    if request.status == QuoteStatus.SUBMITTED:
        move(request, QuoteStatus.IN_REVIEW, "staff", user=user)
    move(request, QuoteStatus.QUOTED, "staff", user=user, version=draft.version,
          note=f"v{draft.version}")
    draft.sent_at = now
    db.session.flush()
    notifications.quote_sent(request, draft)
    return draft


def answerable_request(token: str, now: datetime) -> QuoteRequest:
    begin_write(db.session)
    request = lock_request(get_by_token(token).id)
    if request.status == QuoteStatus.QUOTED:
        quote = request.current_quote
        if quote is not None and quote.valid_until < local_date(now):
            move(request, QuoteStatus.EXPIRED, "system", version=quote.version)
            raise QuoteExpired(request.id)
    return request


def ask_for_changes(token: str, message: str, now: datetime | None = None) -> QuoteRequest:
    """The company wants something different: back to staff with its message."""
    now = now or utcnow()
    request = answerable_request(token, now)
    version = request.current_quote.version if request.current_quote else None
    move(request, QuoteStatus.IN_REVIEW, "company", note=message, version=version)
    notifications.changes_asked(request, message, version or 0)
    return request


def decline(token: str, reason: str, now: datetime | None = None) -> QuoteRequest:
    """The company says no; the quote can no longer be accepted."""
    now = now or utcnow()
    request = answerable_request(token, now)
    version = request.current_quote.version if request.current_quote else None
    move(request, QuoteStatus.DECLINED, "company", note=reason, version=version)
    notifications.quote_declined(request, reason)
    return request


def expire_quotes(now: datetime | None = None) -> int:
    """Quotes past their validity date expire; return how many (for `flask worker`)."""
    now = now or utcnow()
    today = local_date(now)
    ids = list(db.session.scalars(
        select(QuoteRequest.id).where(QuoteRequest.status == QuoteStatus.QUOTED)))
    expired = 0
    for request_id in ids:
        request = lock_request(request_id)
        quote = request.current_quote
        if request.status == QuoteStatus.QUOTED and quote and quote.valid_until < today:
            move(request, QuoteStatus.EXPIRED, "system", version=quote.version)
            expired += 1
    return expired


# --- price breaks ----------------------------------------------------------------------

def set_price_breaks(variant_id: int, user, breaks: list[tuple[int, int]]) -> list[PriceBreak]:
    """Replace a variant's price breaks with these (min quantity, net unit price) pairs."""
    staff_actor(user)
    if any(q < 1 or p < 0 for q, p in breaks) or len({q for q, _ in breaks}) != len(breaks):
        raise InvalidPriceBreak(variant_id)
    existing = list(db.session.scalars(
        select(PriceBreak).where(PriceBreak.variant_id == variant_id)
        .order_by(PriceBreak.min_quantity)))
    before = [[b.min_quantity, b.unit_price_cents] for b in existing]
    for row in existing:
        db.session.delete(row)
    db.session.flush()
    rows = [PriceBreak(variant_id=variant_id, min_quantity=q, unit_price_cents=p)
            for q, p in sorted(breaks)]
    db.session.add_all(rows)
    db.session.flush()
    record("price_break.update", "variant", variant_id, before={"breaks": before},
           after={"breaks": [[r.min_quantity, r.unit_price_cents] for r in rows]})
    return rows


def set_payment_terms(company_id: int, user, days: int | None) -> Company:
    """Approve a company for bank transfer within `days` days (None: pay before delivery)."""
    staff_actor(user)
    company = db.session.get(Company, company_id)
    if company is None:
        raise QuoteNotFound(company_id)
    before = snapshot(company, ("payment_terms_days",))
    company.payment_terms_days = days if days else None
    db.session.flush()
    record("company.update", "company", company.id, before=before,
           after=snapshot(company, ("payment_terms_days",)), summary=company.name)
    return company


def orderable_variants(locale: str) -> list[tuple[int, str]]:
    """(variant id, "Product — option (Cooperative)") of every active product, by name."""
    from shop.catalog.models import Product, ProductStatus, Variant

    rows = db.session.scalars(
        select(Variant).join(Product).where(Product.status == ProductStatus.ACTIVE,
                                            Variant.active.is_(True)))
    choices = []
    for variant in rows:
        name = variant_name(variant, locale)
        choices.append((variant.id, f"{name} ({variant.product.cooperative.name})"))
    return sorted(choices, key=lambda choice: choice[1].lower())
