"""Staff forms for quotes: filters, the quote builder's rows, price breaks, payment terms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.validators import ValidationError as FieldError

from shop.web.quote_labels import QUOTE_STATUSES
from shop.web.storefront.business_forms import budget_cents

VAT_RATES = [SelectChoice(2200, "22%"), SelectChoice(1000, "10%"), SelectChoice(500, "5%"),
             SelectChoice(400, "4%"), SelectChoice(0, "0%")]
EXTRA_ROWS = 3


class QuoteFilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    company = StringField(_l("Company or VAT number"), validators=[Optional(), Length(max=80)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice("", _l("Any status")),
                               *[SelectChoice(k, v) for k, v in QUOTE_STATUSES.items()]]


class LineRow(Form):
    variant_id = SelectField(_l("Product"), coerce=int, validators=[Optional()])
    text = StringField(_l("Description"), validators=[Optional(), Length(max=300)])
    cooperative_id = SelectField(_l("Cooperative"), coerce=int, validators=[Optional()])
    quantity = IntegerField(_l("Quantity"), validators=[Optional(), NumberRange(min=1,
                                                                                 max=100_000)])
    unit_price = StringField(_l("Unit price, net (€)"), validators=[Optional(),
                                                                    Length(max=12)])
    vat_rate_bp = SelectField(_l("VAT"), coerce=int, choices=VAT_RATES, default=2200)
    delivery_date = DateField(_l("Ready by"), validators=[Optional()])

    def validate_unit_price(self, field):
        if (field.data or "").strip() and budget_cents(field.data) is None:
            raise FieldError(_l("Enter an amount in euros, e.g. 25 or 25,50."))


class QuoteBuildForm(FlaskForm):
    lines = FieldList(FormField(LineRow), min_entries=1, max_entries=60)
    valid_until = DateField(_l("Valid until"), validators=[InputRequired()])
    notes = TextAreaField(_l("Notes for the company"), validators=[Optional(),
                                                                   Length(max=4000)])

    def setup(self, variants, cooperatives):
        for row in self.lines:
            row.variant_id.choices = [SelectChoice(0, _l("— custom line —")),
                                      *[SelectChoice(v, label) for v, label in variants]]
            row.cooperative_id.choices = [SelectChoice(0, "—"),
                                          *[SelectChoice(c, name) for c, name in cooperatives]]

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        used = 0
        for row in self.lines:
            if not row.quantity.data:
                continue
            used += 1
            if not (row.unit_price.data or "").strip():
                row.unit_price.errors = [*row.unit_price.errors, _l("Give a price.")]
                ok = False
            if not row.variant_id.data:
                if not (row.text.data or "").strip():
                    row.text.errors = [*row.text.errors,
                                              _l("Describe the custom line.")]
                    ok = False
                if not row.cooperative_id.data:
                    row.cooperative_id.errors = [*row.cooperative_id.errors,
                                                 _l("Choose who makes it.")]
                    ok = False
        if not used:
            self.valid_until.errors = [*self.valid_until.errors,
                                       _l("Add at least one line with a quantity.")]
            ok = False
        return ok


class PriceBreakRow(Form):
    min_quantity = IntegerField(_l("From quantity"), validators=[Optional(),
                                                                 NumberRange(min=1)])
    unit_price = StringField(_l("Unit price, net (€)"), validators=[Optional(),
                                                                    Length(max=12)])


class PriceBreakForm(FlaskForm):
    breaks = FieldList(FormField(PriceBreakRow), min_entries=5, max_entries=12)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        seen = set()
        for row in self.breaks:
            qty, price = row.min_quantity.data, (row.unit_price.data or "").strip()
            if not qty and not price:
                continue
            if not qty:
                row.min_quantity.errors = [*row.min_quantity.errors, _l("From how many?")]
                ok = False
            elif qty in seen:
                row.min_quantity.errors = [*row.min_quantity.errors,
                                           _l("This quantity is already listed.")]
                ok = False
            seen.add(qty)
            if budget_cents(price) is None:
                row.unit_price.errors = [*row.unit_price.errors,
                                         _l("Enter an amount in euros, e.g. 25 or 25,50.")]
                ok = False
        return ok

    def pairs(self) -> list[tuple[int, int]]:
        return [(row.min_quantity.data, budget_cents(row.unit_price.data))
                for row in self.breaks if row.min_quantity.data]


class TermsForm(FlaskForm):
    days = IntegerField(_l("Payment terms (days, empty: pay before delivery)"),
                        validators=[Optional(), NumberRange(min=1, max=120)])
