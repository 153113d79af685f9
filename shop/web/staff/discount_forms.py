"""The form staff fill in to add a discount code."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from shop.discounts.models import DiscountKind
from shop.web.storefront.filters import parse_price

_AMOUNT = Regexp(r"^\s*\d{1,6}(?:[.,]\d{1,2})?\s*$", message=_l("Write an amount like 5 or 7,50."))


class DiscountForm(FlaskForm):
    code = StringField(_l("Code"), validators=[
        InputRequired(), Length(min=3, max=32),
        Regexp(r"^[A-Za-z0-9-]+$", message=_l("Letters, digits and dashes only."))])
    kind = RadioField(_l("Kind"), default=DiscountKind.PERCENT.value, choices=[
        SelectChoice(DiscountKind.PERCENT.value, _l("Percentage off")),
        SelectChoice(DiscountKind.FIXED.value, _l("Amount off (€)"))])
    value = StringField(_l("Percentage or amount"), validators=[InputRequired(), _AMOUNT])
    starts_on = DateField(_l("Valid from"), validators=[Optional()])
    ends_on = DateField(_l("Valid until (included)"), validators=[Optional()])
    min_order = StringField(_l("Minimum order (€)"), validators=[Optional(), _AMOUNT])
    max_uses = IntegerField(_l("Uses in total"), validators=[Optional(), NumberRange(min=1)])
    max_uses_per_email = IntegerField(_l("Uses per customer"),
                                      validators=[Optional(), NumberRange(min=1)])
    category = SelectField(_l("Only this category"), coerce=int, default=0)
    cooperative = SelectField(_l("Only this cooperative"), coerce=int, default=0)

    def __init__(self, *args, categories=(), cooperatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [SelectChoice(0, _l("Any"))] + [
            SelectChoice(c.id, c.tr("it").name) for c in categories]
        self.cooperative.choices = [SelectChoice(0, _l("Any"))] + [
            SelectChoice(c.id, c.name) for c in cooperatives]

    @staticmethod
    def cents(raw: str | None) -> int | None:
        return parse_price(raw) if raw else None

    def value_for(self, kind: DiscountKind) -> int:
        """Cents for an amount, basis points for a percentage: the same scale (10 → 1000)."""
        return self.cents(self.value.data) or 0

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.kind.data == DiscountKind.PERCENT and (self.cents(self.value.data)
                                                              or 0) > 10_000:
            self.value.errors.append(_l("A percentage is at most 100."))
            ok = False
        if ok and self.starts_on.data and self.ends_on.data \
                and self.ends_on.data < self.starts_on.data:
            self.ends_on.errors.append(_l("The last day comes after the first."))
            ok = False
        return ok
