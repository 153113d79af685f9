"""Forms of the business area: the quote request, and a company's answers to a quote."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from stdnum.exceptions import ValidationError
from stdnum.it import codicefiscale, iva
from wtforms import (
    DateField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.validators import ValidationError as FieldError

from shop.db import utcnow
from shop.fulfilment.routing import local_date
from shop.quotes.models import PaymentChoice
from shop.quotes.validation import clean_sdi_code, clean_vat_number

ITEM_ROWS = 4
MAX_ROWS = 40


class ItemRow(Form):
    """One catalog variant and how many (both empty: the row is unused)."""

    variant_id = SelectField(_l("Product"), coerce=int, validators=[Optional()])
    quantity = IntegerField(_l("Quantity"), validators=[Optional(), NumberRange(min=1,
                                                                                 max=100_000)])


class QuoteRequestForm(FlaskForm):
    company_name = StringField(_l("Company name"), validators=[InputRequired(),
                                                                Length(min=2, max=200)])
    vat_number = StringField(_l("VAT number (Partita IVA)"),
                             validators=[InputRequired(), Length(max=20)])
    tax_code = StringField(_l("Tax code (Codice fiscale), if different"),
                           validators=[Optional(), Length(max=20)])
    sdi_code = StringField(_l("SDI recipient code"), validators=[Optional(), Length(max=7)])
    pec = EmailField(_l("PEC address"), validators=[Optional(), Length(max=254),
                                                    Email(check_deliverability=False)])
    contact_name = StringField(_l("Your name"), validators=[InputRequired(),
                                                             Length(min=2, max=120)])
    contact_email = EmailField(_l("Email"), validators=[InputRequired(), Length(max=254),
                                                        Email(check_deliverability=False)])
    contact_phone = TelField(_l("Phone"), validators=[
        Optional(), Length(max=40),
        Regexp(r"^\+?[0-9 ().-]{6,}$", message=_l("Enter a phone number with digits only."))])
    rows = HiddenField(default=str(ITEM_ROWS))
    items = FieldList(FormField(ItemRow), min_entries=ITEM_ROWS, max_entries=MAX_ROWS)
    custom_needs = TextAreaField(_l("Something else, or a custom product"),
                                 validators=[Optional(), Length(max=4000)])
    personalisation = TextAreaField(_l("Personalisation"),
                                    validators=[Optional(), Length(max=2000)])
    logo = FileField(_l("Your logo (PNG, PDF or SVG, up to 1 MB)"))
    budget_per_gift = StringField(_l("Budget per gift, in euros (optional)"),
                                  validators=[Optional(), Length(max=12)])
    wanted_by = DateField(_l("Wanted by"), validators=[Optional()])
    ship_name = StringField(_l("Recipient or company"), validators=[Optional(), Length(max=120)])
    ship_line1 = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    ship_postal_code = StringField(_l("Postcode (CAP)"), validators=[Optional(), Length(max=16)])
    ship_city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    ship_province = StringField(_l("Province (e.g. MI)"), validators=[Optional(), Length(max=4)])
    addresses_csv = FileField(_l("Or a list of addresses (CSV)"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)])
    # Honeypot: hidden from people, filled in by bots.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])

    def __init__(self, *args, variant_choices=(), rows: int = ITEM_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        while len(self.items.entries) < min(rows, MAX_ROWS):
            self.items.append_entry()
        for row in self.items:
            row.variant_id.choices = [SelectChoice(0, _l("— choose a product —")),
                                      *[SelectChoice(v, label) for v, label in variant_choices]]

    def validate_vat_number(self, field):
        try:
            field.data = clean_vat_number(field.data)
        except ValueError as exc:
            raise FieldError(_l("This VAT number is not valid: check the digits (an Italian "
                                "Partita IVA has 11, the last one a check digit).")) from exc

    def validate_tax_code(self, field):
        value = re.sub(r"\s", "", field.data or "").upper()
        if not value:
            return
        if not (iva.is_valid(value) or _valid_cf(value)):
            raise FieldError(_l("This tax code (codice fiscale) is not valid."))
        field.data = value

    def validate_sdi_code(self, field):
        try:
            field.data = clean_sdi_code(field.data)
        except ValueError as exc:
            raise FieldError(_l("The SDI code has exactly 7 letters or digits.")) from exc

    def validate_budget_per_gift(self, field):
        if budget_cents(field.data) is None and (field.data or "").strip():
            raise FieldError(_l("Enter an amount in euros, e.g. 25 or 25,50."))

    def validate_wanted_by(self, field):
        if field.data and field.data <= local_date(utcnow()):
            raise FieldError(_l("Choose a date in the future."))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not (self.sdi_code.data or self.pec.data):
            self.sdi_code.errors = [*self.sdi_code.errors,
                                    _l("Give your SDI code or your PEC address for the "
                                       "electronic invoice.")]
            ok = False
        for row in self.items:
            chosen, qty = row.variant_id.data, row.quantity.data
            if chosen and not qty:
                row.quantity.errors = [*row.quantity.errors, _l("How many?")]
                ok = False
            elif qty and not chosen:
                row.variant_id.errors = [*row.variant_id.errors, _l("Choose a product.")]
                ok = False
        if not any(r.variant_id.data and r.quantity.data for r in self.items) and not (
                self.custom_needs.data or "").strip():
            self.custom_needs.errors = [*self.custom_needs.errors,
                                        _l("Choose at least one product or describe what you "
                                           "need.")]
            ok = False
        return ok

    def chosen_items(self) -> list[tuple[int, int]]:
        return [(r.variant_id.data, r.quantity.data) for r in self.items
                if r.variant_id.data and r.quantity.data]


def _valid_cf(value: str) -> bool:
    try:
        codicefiscale.validate(value)
    except ValidationError:
        return False
    return True


def budget_cents(text: str | None) -> int | None:
    value = (text or "").strip().replace("€", "").replace(" ", "")
    if not value:
        return None
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    if amount < 0 or amount > 1_000_000 or amount.as_tuple().exponent < -2:
        return None
    return int(amount * 100)


class AcceptForm(FlaskForm):
    po_number = StringField(_l("Your purchase order number (optional)"),
                            validators=[Optional(), Length(max=60)])
    payment = RadioField(_l("How you will pay"), default=PaymentChoice.TRANSFER.value,
                         validators=[InputRequired()])

    def __init__(self, *args, terms_days: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.payment.choices = [
            SelectChoice(PaymentChoice.TRANSFER.value, _l("Bank transfer before delivery")),
            SelectChoice(PaymentChoice.CARD.value, _l("Card, now (secure payment page)"))]
        if terms_days:
            self.payment.choices.append(
                SelectChoice(PaymentChoice.TERMS.value,
                 _l("Bank transfer within %(days)d days of the invoice", days=terms_days)))


class ChangesForm(FlaskForm):
    message = TextAreaField(_l("What should change?"),
                            validators=[InputRequired(), Length(min=3, max=4000)])


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Why (optional)"), validators=[Optional(), Length(max=2000)])
