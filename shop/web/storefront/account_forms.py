"""Forms of the account pages: sign in, register, reset or change a password, addresses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TelField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, EqualTo, InputRequired, Length, Optional, Regexp

from shop.web.passwords import StrongPassword


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[InputRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    next = HiddenField()


class PasswordResetRequestForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        InputRequired(), Length(max=254), Email(check_deliverability=False)])


class PasswordResetForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[InputRequired(), StrongPassword()])
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        InputRequired(), EqualTo("password", message=_l("The two passwords differ."))])


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), validators=[InputRequired(), Length(max=40)],
                       filters=[lambda value: (value or "").strip()])


class RegisterForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[InputRequired(), Length(min=2, max=120)],
                       filters=[lambda value: (value or "").strip()])
    email = EmailField(_l("Email"), validators=[
        InputRequired(), Length(max=254), Email(check_deliverability=False)],
        filters=[lambda value: (value or "").strip()])
    password = PasswordField(_l("Password"), validators=[InputRequired(), StrongPassword()])
    accept_terms = BooleanField(_l("I have read the privacy notice and the terms of sale"),
                                validators=[InputRequired(message=_l(
                                    "Please accept the privacy notice and the terms of sale "
                                    "to open an account."))])
    # Honeypot: hidden from people, filled in by bots.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        self.account_email = (self.email.data or "").strip().lower()  # see StrongPassword
        return super().validate(extra_validators)


class ResendConfirmationForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        InputRequired(), Length(max=254), Email(check_deliverability=False)])


class AddressForm(FlaskForm):
    recipient = StringField(_l("Full name"), validators=[InputRequired(), Length(min=2, max=120)])
    phone = TelField(_l("Phone (for the courier)"), validators=[
        Optional(), Length(max=40),
        Regexp(r"^\+?[0-9 ().-]{6,}$", message=_l("Enter a phone number with digits only."))])
    line1 = StringField(_l("Address"), validators=[InputRequired(), Length(max=200)])
    line2 = StringField(_l("Apartment, floor, c/o (optional)"),
                        validators=[Optional(), Length(max=200)])
    postal_code = StringField(_l("Postcode (CAP)"), validators=[InputRequired(), Length(max=16)])
    city = StringField(_l("City"), validators=[InputRequired(), Length(max=120)])
    province = StringField(_l("Province (e.g. MI)"), validators=[Optional(), Length(max=4)])
    country = SelectField(_l("Country"), default="IT", validators=[InputRequired()])
    is_default = BooleanField(_l("Use this address by default at checkout"))

    def __init__(self, *args, locale: str = "it", **kwargs):
        super().__init__(*args, **kwargs)
        from shop.web.storefront.forms import country_choices

        self.country.choices = country_choices(locale)

    def validate(self, extra_validators=None) -> bool:
        from shop.checkout.geo import PROVINCES, valid_postcode

        valid = super().validate(extra_validators)
        country = self.country.data or ""
        postcode = (self.postal_code.data or "").strip().upper()
        if postcode and not valid_postcode(country, postcode):
            self.postal_code.errors.append(
                _l("This postcode does not look right for the country chosen.")
                if country != "IT" else _l("A CAP has five digits, e.g. 20129."))
            valid = False
        if country == "IT" and (self.province.data or "").strip().upper() not in PROVINCES:
            self.province.errors.append(
                _l("Enter the two-letter province code, e.g. MI for Milan."))
            valid = False
        return valid


class LanguageForm(FlaskForm):
    locale = RadioField(_l("Language of your emails"), choices=[
        SelectChoice("it", "Italiano"), SelectChoice("en", "English")],
        validators=[InputRequired()])


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"),
                                     validators=[InputRequired(), Length(max=200)])
    password = PasswordField(_l("New password"), validators=[InputRequired(), StrongPassword()])
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        InputRequired(), EqualTo("password", message=_l("The two passwords differ."))])
