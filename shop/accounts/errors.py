"""Typed errors of the accounts domain."""

from __future__ import annotations


class AccountError(Exception):
    """Base class: a user that cannot be created or changed as asked."""


class InvalidEmail(AccountError):
    pass


class EmailAlreadyRegistered(AccountError):
    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(f"a user with the email {email} already exists")


class UnknownRole(AccountError):
    pass


class CooperativeRequired(AccountError):
    pass


class CooperativeNotAllowed(AccountError):
    pass


class UnknownCooperative(AccountError):
    def __init__(self, slug: str) -> None:
        self.slug = slug
        super().__init__(f"no cooperative with the slug {slug!r}")


class PasswordTooShort(AccountError):
    pass


class UnsupportedLocale(AccountError):
    pass


class NotAllowed(AccountError):
    """The user may not act here at all (wrong role, signed out, deactivated)."""


class InvalidCredentials(AccountError):
    """Email and password do not match an active user; deliberately says no more."""


class InvalidResetToken(AccountError):
    """The password reset link is unknown, expired or already used."""


class InvalidCode(AccountError):
    """The one-time or recovery code is wrong, expired or already used."""


class TwoFactorAlreadyEnabled(AccountError):
    pass


class TwoFactorRequired(AccountError):
    """Staff and admins cannot switch their second factor off."""


class InvalidInvitation(AccountError):
    """The invitation link is unknown, expired or already used."""


class LastAdmin(AccountError):
    """The change would leave the shop without an active admin."""


class SelfLockout(AccountError):
    """An admin cannot switch off their own account."""


class UserNotFound(AccountError):
    pass
