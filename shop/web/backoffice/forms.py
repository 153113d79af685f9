"""Forms of the back office: filters, status moves, shipping, stock adjustments."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from shop.fulfilment.carriers import CARRIERS, TRACKING_CODE
from shop.fulfilment.models import FulfilmentStatus
from shop.inventory.workshop import MEMBER_REASONS
from shop.web import labels

C = SelectChoice


class FilterForm(FlaskForm):
    """The list's filters, read from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), default="todo")
    due = SelectField(_l("Due date"), default="")
    cooperative = SelectField(_l("Cooperative"), default="")

    def __init__(self, *args, cooperatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [C("todo", _l("To do")), C("", _l("All"))] + [
            C(s.value, labels.FULFILMENT_STATUSES[s.value]) for s in FulfilmentStatus]
        self.due.choices = [C("", _l("Any date"))] + [
            C(code, text) for code, text in labels.DUE_FILTERS.items()]
        self.cooperative.choices = [C("", _l("All")), C("store", _l("Viale dei Mille store"))] + [
            C(str(c.id), c.name) for c in (cooperatives or [])]

    def value(self, field) -> str:
        """The field's value if it is one of its choices, else its default."""
        valid = {choice.value for choice in field.choices}
        return field.data if field.data in valid else field.default


class AdvanceForm(FlaskForm):
    """A button that moves a fulfilment to the status it carries."""

    to = HiddenField(validators=[InputRequired()])


class ShipForm(FlaskForm):
    carrier = SelectField(_l("Carrier"), validators=[InputRequired()])
    tracking_code = StringField(_l("Tracking code"), validators=[
        InputRequired(), Length(min=4, max=64),
        Regexp(TRACKING_CODE.pattern,
               message=_l("Use letters and digits as printed on the label."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.carrier.choices = [C("", _l("Choose a carrier"))] + [
            C(c.code, c.name or _l("Other carrier")) for c in CARRIERS.values()]


class StockAdjustForm(FlaskForm):
    reason = RadioField(_l("What happened?"), validators=[InputRequired()], choices=[
        C(r.value, labels.MOVEMENT_REASONS[r.value]) for r in MEMBER_REASONS])
    quantity = IntegerField(_l("Quantity"), validators=[
        InputRequired(), NumberRange(min=0, max=10_000)])
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=200)])
