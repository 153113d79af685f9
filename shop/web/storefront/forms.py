"""Storefront forms: add to cart, cart quantities, checkout details."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from stdnum.it import codicefiscale, iva
from wtforms import (
    BooleanField,
    EmailField,
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

from shop.checkout.geo import EU_COUNTRIES, PROVINCES, valid_postcode
from shop.orders.models import DeliveryMethod

_SDI = re.compile(r"^[A-Z0-9]{7}$")


class AddToCartForm(FlaskForm):
    variant_id = SelectField(_l("Option"), coerce=int, validators=[InputRequired()])
    quantity = IntegerField(_l("Quantity"), default=1,
                            validators=[InputRequired(), NumberRange(min=1, max=99)])


class CartLineForm(FlaskForm):
    quantity = IntegerField(_l("Quantity"),
                            validators=[InputRequired(), NumberRange(min=0, max=99)])


class EmptyForm(FlaskForm):
    """A form with only its CSRF token, for POST buttons."""


def country_choices(locale: str) -> list[SelectChoice]:
    """EU countries by name in the visitor's language, Italy first."""
    from babel import Locale

    names = Locale.parse(locale).territories
    return sorted((SelectChoice(code, names.get(code, code)) for code in EU_COUNTRIES),
                  key=lambda choice: (choice.value != "IT", choice.label))


class CheckoutForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[InputRequired(), Length(max=254),
                                                Email(check_deliverability=False)])
    name = StringField(_l("Full name"), validators=[InputRequired(), Length(min=2, max=120)])
    phone = TelField(_l("Phone (for the courier)"), validators=[
        Optional(), Length(max=40),
        Regexp(r"^\+?[0-9 ().-]{6,}$", message=_l("Enter a phone number with digits only."))])
    delivery_method = RadioField(_l("Delivery"), default=DeliveryMethod.SHIP.value, choices=[
        SelectChoice(DeliveryMethod.SHIP.value, _l("Ship to an address")),
        SelectChoice(DeliveryMethod.PICKUP.value,
                     _l("Collect at our Viale dei Mille store (free)"))],
        validators=[InputRequired()])
    shipping_method = RadioField(_l("Shipping method"), validators=[Optional()])
    ship_line1 = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    ship_line2 = StringField(_l("Apartment, floor, c/o (optional)"),
                             validators=[Optional(), Length(max=200)])
    ship_postal_code = StringField(_l("Postcode (CAP)"), validators=[Optional(), Length(max=16)])
    ship_city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    ship_province = StringField(_l("Province (e.g. MI)"), validators=[Optional(), Length(max=4)])
    ship_country = SelectField(_l("Country"), default="IT", validators=[Optional()])
    ship_recipient = StringField(_l("Recipient, if not you (e.g. for a gift)"),
                                 validators=[Optional(), Length(max=120)])
    is_gift = BooleanField(_l("This is a gift: no prices on the packing slip"))
    gift_message = TextAreaField(_l("Gift message (optional, up to 300 characters)"),
                                 validators=[Optional(), Length(max=300)])
    discount_code = StringField(_l("Discount code (optional)"),
                                validators=[Optional(), Length(max=32)])
    invoice_requested = BooleanField(_l("Issue an invoice with these details"))
    invoice_company = StringField(_l("Company name"), validators=[Optional(), Length(max=200)])
    invoice_vat_number = StringField(_l("VAT number (Partita IVA)"),
                                     validators=[Optional(), Length(max=20)])
    invoice_tax_code = StringField(_l("Tax code (Codice fiscale)"),
                                   validators=[Optional(), Length(max=20)])
    invoice_sdi_code = StringField(_l("SDI recipient code"),
                                   validators=[Optional(), Length(max=7)])
    invoice_pec = EmailField(_l("PEC address"), validators=[
        Optional(), Length(max=254), Email(check_deliverability=False)])
    invoice_address = TextAreaField(_l("Billing address, if different"),
                                    validators=[Optional(), Length(max=500)])

    def __init__(self, *args, locale: str = "it", methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.ship_country.choices = country_choices(locale)
        self.shipping_method.choices = [SelectChoice(m.code, m.tr(locale).name)
                                        for m in methods]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        required = _l("This field is required.")
        if self.delivery_method.data == DeliveryMethod.SHIP.value:
            for field in (self.ship_line1, self.ship_postal_code, self.ship_city):
                if not (field.data or "").strip():
                    field.errors.append(required)
                    valid = False
            country = self.ship_country.data or ""
            postcode = (self.ship_postal_code.data or "").strip().upper()
            if postcode and not valid_postcode(country, postcode):
                self.ship_postal_code.errors.append(
                    _l("This postcode does not look right for the country chosen.")
                    if country != "IT" else _l("A CAP has five digits, e.g. 20129."))
                valid = False
            if country == "IT":
                province = (self.ship_province.data or "").strip().upper()
                if province not in PROVINCES:
                    self.ship_province.errors.append(
                        _l("Enter the two-letter province code, e.g. MI for Milan."))
                    valid = False
            if not self.shipping_method.data:
                self.shipping_method.errors.append(_l("Choose a shipping method."))
                valid = False
        if any((f.data or "").strip() for f in (self.invoice_company, self.invoice_vat_number,
                                                self.invoice_tax_code)):
            self.invoice_requested.data = True  # filled in under "I need an invoice"
        if self.invoice_requested.data and not self._valid_invoice():
            valid = False
        return valid

    def _valid_invoice(self) -> bool:
        ok = True
        vat = iva.compact(self.invoice_vat_number.data or "") if self.invoice_vat_number.data \
            else ""
        tax_code = (self.invoice_tax_code.data or "").strip().upper()
        sdi = (self.invoice_sdi_code.data or "").strip().upper()
        if vat:
            if not iva.is_valid(vat):
                self.invoice_vat_number.errors.append(
                    _l("This Partita IVA is not valid: check the 11 digits."))
                ok = False
            if not (self.invoice_company.data or "").strip():
                self.invoice_company.errors.append(_l("Enter the company name for the invoice."))
                ok = False
            if not sdi and not self.invoice_pec.data:
                self.invoice_sdi_code.errors.append(
                    _l("Give an SDI code or a PEC address, so the e-invoice reaches you."))
                ok = False
        elif not tax_code:
            self.invoice_tax_code.errors.append(
                _l("Give a Partita IVA (companies) or a codice fiscale (private persons)."))
            ok = False
        if tax_code and not (codicefiscale.is_valid(tax_code) or iva.is_valid(tax_code)):
            self.invoice_tax_code.errors.append(_l("This codice fiscale is not valid."))
            ok = False
        if sdi and not _SDI.match(sdi):
            self.invoice_sdi_code.errors.append(
                _l("The SDI code has 7 letters or digits."))
            ok = False
        return ok


class PlaceOrderForm(CheckoutForm):
    """The review step: the same details, re-sent, plus the terms and the total shown."""

    expected_total_cents = HiddenField(validators=[InputRequired()])
    accept_terms = BooleanField(_l("I have read and accept the terms of sale"),
                                validators=[InputRequired(message=_l(
                                    "Please accept the terms of sale to place the order."))])
