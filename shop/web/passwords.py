"""The form check for a new password, and the sentence that tells the user why it is refused."""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms.validators import ValidationError

from shop.accounts.errors import (
    PasswordLikeEmail,
    PasswordTooCommon,
    PasswordTooLong,
    PasswordTooShort,
    PasswordTooSimple,
    WeakPassword,
)
from shop.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, check_new_password


def weak_password_message(error: WeakPassword) -> str:
    """Why the password is refused and what would do, in the user's language."""
    if isinstance(error, PasswordTooShort):
        return _("Use at least %(min)d characters.", min=MIN_PASSWORD_LENGTH)
    if isinstance(error, PasswordTooLong):
        return _("Use at most %(max)d characters.", max=MAX_PASSWORD_LENGTH)
    if isinstance(error, PasswordTooSimple):
        return _("This password repeats too few different characters, so it is guessed in "
                 "seconds. Try a phrase of three or four unrelated words.")
    if isinstance(error, PasswordLikeEmail):
        return _("A password made of your email address is the first one a stranger tries. "
                 "Choose something else.")
    if isinstance(error, PasswordTooCommon):
        return _("This is one of the most used passwords, the first ones anyone guessing "
                 "tries. Choose another: three or four unrelated words work well.")
    return _("Choose a different password.")


class StrongPassword:
    """WTForms validator: the service's password rules, with their reason as the error.

    The form may name the account's email in an `account_email` attribute, so a password
    made of it is refused too.
    """

    def __call__(self, form, field) -> None:
        try:
            check_new_password(field.data or "", getattr(form, "account_email", None))
        except WeakPassword as error:
            raise ValidationError(weak_password_message(error)) from error
