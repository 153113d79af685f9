"""The registration form for an encounter."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField
from wtforms.validators import Email, InputRequired, Length


class RegistrationForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[InputRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[InputRequired(), Email(), Length(max=254)])


class CancelForm(FlaskForm):
    """Only the CSRF token: the link's token says which registration."""
