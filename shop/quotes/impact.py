"""Impact statements for companies: one paid order's, and a company's year.

Method: every order line keeps, like its price, the figures of its product at the time of
the order (minutes of paid work, grams and kind of recovered material per unit); the
statement sums quantity × figures per cooperative. Custom lines have no figures and are
listed as not counted. The yearly statement reads the public impact ledger instead: the
entries of the company's orders paid in that year, refunds included, so that its totals are
those anyone can recompute from `/impact/ledger.json`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import extract, select

from shop.accounts.access import staff_actor
from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.impact.figures import line_material
from shop.impact.ledger import head_at
from shop.impact.models import EntryKind, ImpactEntry
from shop.impact.public import materials_by_cooperative
from shop.orders.models import Order
from shop.quotes import accounts
from shop.quotes.errors import QuoteNotFound
from shop.quotes.models import Company, QuoteRequest


@dataclass
class CooperativeImpact:
    name: str
    units: int = 0
    minutes: int = 0
    grams: int = 0
    uncounted_units: int = 0
    materials: list[str] = field(default_factory=list)  # RecoveredMaterial values
    method: str = ""  # the cooperative's own words on how it measures

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def kilograms(self) -> float:
        return round(self.grams / 1000, 1)


@dataclass
class ImpactStatement:
    order: Order
    cooperatives: list[CooperativeImpact] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return round(sum(c.minutes for c in self.cooperatives) / 60, 1)

    @property
    def kilograms(self) -> float:
        return round(sum(c.grams for c in self.cooperatives) / 1000, 1)

    @property
    def uncounted_units(self) -> int:
        return sum(c.uncounted_units for c in self.cooperatives)


def _method(cooperative: Cooperative, locale: str) -> str:
    return (cooperative.tr(locale).impact_method or "").strip() if cooperative else ""


def impact_statement(order: Order, locale: str = "it") -> ImpactStatement:
    """Per cooperative, in the order its lines appear; only for a paid order."""
    if order.paid_at is None:
        raise ValueError("an impact statement is for paid orders")
    by_coop: dict[int, CooperativeImpact] = {}
    for line in order.lines:
        entry = by_coop.setdefault(line.cooperative_id, CooperativeImpact(
            line.cooperative.name, method=_method(line.cooperative, locale)))
        if line.product_id is None:
            entry.uncounted_units += line.quantity
            continue
        entry.units += line.quantity
        entry.minutes += (line.impact_minutes_per_unit or 0) * line.quantity
        grams = (line.recovered_grams_per_unit or 0) * line.quantity
        entry.grams += grams
        if grams and line_material(line) not in entry.materials:
            entry.materials.append(line_material(line))
    return ImpactStatement(order, list(by_coop.values()))


# -- a company's year --------------------------------------------------------------------

@dataclass(frozen=True)
class LedgerReference:
    """A ledger entry of one of the company's orders: whoever holds it can find it."""

    seq: int
    kind: str
    order_number: str
    day: date
    hash: str


@dataclass(frozen=True)
class MonthHead:
    """The chain's last entry at the end of a month (so far, for the current month)."""

    month: date
    seq: int
    hash: str


@dataclass
class YearStatement:
    company: Company
    year: int
    cooperatives: list[CooperativeImpact] = field(default_factory=list)
    entries: list[LedgerReference] = field(default_factory=list)
    heads: list[MonthHead] = field(default_factory=list)
    orders: list[str] = field(default_factory=list)  # order numbers paid in the year

    @property
    def minutes(self) -> int:
        return sum(c.minutes for c in self.cooperatives)

    @property
    def grams(self) -> int:
        return sum(c.grams for c in self.cooperatives)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def kilograms(self) -> float:
        return round(self.grams / 1000, 1)


def _company_order_ids(company_id: int):
    return select(QuoteRequest.order_id).where(QuoteRequest.company_id == company_id,
                                               QuoteRequest.order_id.is_not(None))


def impact_years(company: Company) -> list[int]:
    """The years in which the company had an order paid (and counted), newest first."""
    year = extract("year", ImpactEntry.day)
    return [int(y) for y in db.session.scalars(
        select(year).distinct().where(ImpactEntry.kind == EntryKind.ORDER,
                                      ImpactEntry.order_id.in_(_company_order_ids(company.id)))
        .order_by(year.desc()))]


def year_statement(company: Company, year: int, locale: str = "it") -> YearStatement:
    """The company's orders paid in `year`, net of their refunds, from the ledger.

    Raises QuoteNotFound when the company had no order paid that year.
    """
    paid = db.session.scalars(
        select(ImpactEntry).where(
            ImpactEntry.kind == EntryKind.ORDER,
            ImpactEntry.order_id.in_(_company_order_ids(company.id)),
            ImpactEntry.day >= date(year, 1, 1), ImpactEntry.day <= date(year, 12, 31))
        .order_by(ImpactEntry.seq)).all()
    if not paid:
        raise QuoteNotFound(year)
    order_ids = [e.order_id for e in paid]
    entries = db.session.scalars(select(ImpactEntry).where(ImpactEntry.order_id.in_(order_ids))
                                 .order_by(ImpactEntry.seq)).all()
    totals: dict[int, list[int]] = {}
    for entry in entries:
        for line in entry.lines:
            figures = totals.setdefault(line.cooperative_id, [0, 0])
            figures[0] += line.minutes
            figures[1] += line.grams
    kinds = materials_by_cooperative(order_ids)
    cooperatives = []
    for coop in db.session.scalars(select(Cooperative).where(Cooperative.id.in_(totals))
                                   .order_by(Cooperative.name)):
        minutes, grams = totals[coop.id]
        cooperatives.append(CooperativeImpact(
            coop.name, minutes=minutes, grams=grams,
            materials=sorted(kinds.get(coop.id, ())) if grams else [],
            method=_method(coop, locale)))
    months = sorted({e.day.replace(day=1) for e in entries})
    heads = []
    for month in months:
        last = head_at(month.replace(day=calendar.monthrange(month.year, month.month)[1]))
        if last is not None:
            heads.append(MonthHead(month, last.seq, last.hash))
    return YearStatement(
        company=company, year=year, cooperatives=cooperatives,
        entries=[LedgerReference(e.seq, e.kind, e.order_number, e.day, e.hash)
                 for e in entries],
        heads=heads, orders=[e.order_number for e in paid])


def contact_year_statement(user, year: int, locale: str = "it") -> YearStatement:
    """The signed-in contact's own company's statement (NotAllowed for anyone else)."""
    return year_statement(accounts.company_of(user), year, locale)


def staff_year_statement(user, company_id: int, year: int,
                         locale: str = "it") -> YearStatement:
    staff_actor(user)
    company = db.session.get(Company, company_id)
    if company is None:
        raise QuoteNotFound(company_id)
    return year_statement(company, year, locale)
