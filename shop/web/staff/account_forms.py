"""Forms of the admin's account pages: filters, invitation, role and cooperative."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional

from shop.accounts.admin import INVITABLE_ROLES, LOCALES
from shop.accounts.models import Role
from shop.web import labels

C = SelectChoice


def _cooperative_choices(cooperatives) -> list[SelectChoice]:
    return [C("", _l("None (not a cooperative member)"))] + [
        C(str(c.id), c.name) for c in cooperatives]


def _coerce_id(value):
    return int(value) if value not in (None, "") and str(value).isdigit() else None


class AccountFilterForm(FlaskForm):
    """The list's filters, from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    role = SelectField(_l("Role"), default="")
    q = StringField(_l("Email or name contains"), validators=[Optional(), Length(max=254)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [C("", _l("All"))] + [C(r.value, labels.ROLES[r.value]) for r in Role]


class InviteForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[InputRequired(), Length(max=254),
                                                Email(check_deliverability=False)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), default=Role.STAFF.value)
    cooperative = SelectField(_l("Cooperative"), default="", coerce=_coerce_id,
                              validate_choice=False)
    locale = SelectField(_l("Language of the email and the account"), default="it")

    def __init__(self, *args, cooperatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [C(r.value, labels.ROLES[r.value]) for r in INVITABLE_ROLES]
        self.cooperative.choices = _cooperative_choices(cooperatives)
        self.locale.choices = [C(code, labels.LANGUAGES[code]) for code in LOCALES]


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"))
    cooperative = SelectField(_l("Cooperative"), default="", coerce=_coerce_id,
                              validate_choice=False)

    def __init__(self, *args, cooperatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [C(r.value, labels.ROLES[r.value]) for r in Role]
        self.cooperative.choices = _cooperative_choices(cooperatives)


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token."""
