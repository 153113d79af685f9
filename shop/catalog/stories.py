"""Cooperatives' pages and the consent of the people their and the products' stories name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from shop.accounts.access import require_admin, staff_actor
from shop.audit.services import record
from shop.catalog.editing import LOCALES, get_product
from shop.catalog.errors import CooperativeNotFound, NotPublishable
from shop.catalog.models import ConsentRecord, Cooperative, CooperativeTranslation
from shop.catalog.privacy import forbidden_words, names_without_consent, parse_names
from shop.extensions import db

COOPERATIVE_FIELDS = ("name", "institute", "founded_year", "craft", "people_employed",
                      "contact_email", "commission_bp", "lead_time_days", "people_named")
CONSENT_FIELDS = ("first_name", "given_on", "collected_by", "notes", "product_id",
                  "cooperative_id")


@dataclass
class CooperativeInput:
    name: str
    institute: str
    founded_year: int
    craft: str
    people_employed: int
    contact_email: str
    commission_bp: int
    lead_time_days: int
    people_named: str
    taglines: dict[str, str]
    stories: dict[str, str]


@dataclass
class ConsentInput:
    first_name: str
    given_on: date
    collected_by: str
    notes: str = ""


def cooperative_state(coop: Cooperative) -> dict:
    state = {name: getattr(coop, name) for name in COOPERATIVE_FIELDS}
    by_locale = {t.locale: t for t in coop.translations}
    for locale in LOCALES:
        row = by_locale.get(locale)
        state[f"tagline_{locale}"] = row.tagline if row else ""
        state[f"story_{locale}"] = row.story if row else ""
    return state


def list_cooperatives(user) -> list[Cooperative]:
    staff_actor(user)
    return list(db.session.scalars(select(Cooperative).order_by(Cooperative.name)))


def get_cooperative(user, cooperative_id: int) -> Cooperative:
    staff_actor(user)
    coop = db.session.get(Cooperative, cooperative_id)
    if coop is None:
        raise CooperativeNotFound(cooperative_id)
    return coop


def update_cooperative(user, cooperative_id: int, data: CooperativeInput) -> Cooperative:
    """Save the cooperative's page; a story naming people needs their consent (it is public)."""
    coop = get_cooperative(user, cooperative_id)
    before = cooperative_state(coop)
    for name in COOPERATIVE_FIELDS:
        value = getattr(data, name)
        if name == "people_named":
            value = ", ".join(parse_names(value))
        if getattr(coop, name) != value:
            setattr(coop, name, value)
    by_locale = {t.locale: t for t in coop.translations}
    for locale in LOCALES:
        row = by_locale.get(locale)
        if row is None:
            row = CooperativeTranslation(locale=locale, tagline="", story="")
            coop.translations.append(row)
        tagline, story = data.taglines.get(locale, ""), data.stories.get(locale, "")
        if row.tagline != tagline:
            row.tagline = tagline
        if row.story != story:
            row.story = story
    with db.session.no_autoflush:
        missing = names_without_consent(parse_names(coop.people_named), consents_for(coop))
    words = forbidden_words([t.story for t in coop.translations]
                            + [t.tagline for t in coop.translations])
    if missing or words:
        raise NotPublishable(missing, words)
    record("cooperative.update", "cooperative", coop.id, before=before,
           after=cooperative_state(coop), summary=coop.name)
    db.session.flush()
    return coop


def update_impact_method(user, cooperative_id: int, methods: dict[str, str]) -> Cooperative:
    """Save how the cooperative measures its impact figures, per language (admins only).

    The text is public (impact page, statements): it names no crime or sentence.
    """
    require_admin(user)
    coop = get_cooperative(user, cooperative_id)
    by_locale = {t.locale: t for t in coop.translations}
    before = {locale: (by_locale[locale].impact_method if locale in by_locale else "")
              for locale in LOCALES}
    for locale in LOCALES:
        row = by_locale.get(locale)
        if row is None:
            row = CooperativeTranslation(locale=locale, tagline="", story="")
            coop.translations.append(row)
        text = (methods.get(locale) or "").strip()
        if row.impact_method != text:
            row.impact_method = text
    words = forbidden_words([t.impact_method for t in coop.translations])
    if words:
        raise NotPublishable((), words)
    after = {t.locale: t.impact_method for t in coop.translations if t.locale in LOCALES}
    if after != before:
        record("cooperative.impact_method", "cooperative", coop.id, before=before,
               after=after, summary=coop.name)
    db.session.flush()
    return coop


def consents_for(coop: Cooperative) -> list[ConsentRecord]:
    if coop.id is None:
        return []
    return list(db.session.scalars(select(ConsentRecord).where(
        ConsentRecord.cooperative_id == coop.id).order_by(ConsentRecord.given_on)))


def add_consent(user, data: ConsentInput, *, product_id: int | None = None,
                cooperative_id: int | None = None) -> ConsentRecord:
    """Record that a person agreed to be named, by first name, in one story."""
    if product_id is not None:
        get_product(user, product_id)
    else:
        get_cooperative(user, cooperative_id)
    consent = ConsentRecord(first_name=" ".join(data.first_name.split()), given_on=data.given_on,
                            collected_by=data.collected_by.strip(), notes=data.notes.strip(),
                            product_id=product_id, cooperative_id=cooperative_id)
    db.session.add(consent)
    db.session.flush()
    record("consent.create", "consent_record", consent.id,
           after={name: getattr(consent, name) for name in CONSENT_FIELDS},
           summary=consent.first_name, only_changes=False)
    return consent


def remove_consent(user, consent_id: int, *, product_id: int | None = None,
                   cooperative_id: int | None = None) -> None:
    """Withdraw a consent record; a published story still naming the person is refused later."""
    staff_actor(user)
    consent = db.session.get(ConsentRecord, consent_id)
    if (consent is None or consent.product_id != product_id
            or consent.cooperative_id != cooperative_id):
        raise CooperativeNotFound(consent_id)
    record("consent.delete", "consent_record", consent.id,
           before={name: getattr(consent, name) for name in CONSENT_FIELDS},
           summary=consent.first_name, only_changes=False)
    db.session.delete(consent)
    db.session.flush()
