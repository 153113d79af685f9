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


class WeakPassword(AccountError):
    """A new password the shop refuses; the subclass says why."""


class PasswordTooShort(WeakPassword):
    pass


class PasswordTooLong(WeakPassword):
    pass


class PasswordTooSimple(WeakPassword):
    """Too few different characters (`aaaaaaaaaa`, `abababababab`)."""


class PasswordTooCommon(WeakPassword):
    """On the list of passwords guessers try first."""


class PasswordLikeEmail(PasswordTooCommon):
    """Made of the account's own email address."""


class UnsupportedLocale(AccountError):
    pass


class NotAllowed(AccountError):
    """The user may not act here at all (wrong role, signed out, deactivated)."""


class InvalidCredentials(AccountError):
    """Email and password do not match an active user; deliberately says no more."""


class AccountThrottled(InvalidCredentials):
    """Too many failed sign-ins for this account lately: no password is checked for now.

    A subclass of InvalidCredentials, so a page that only knows that one still refuses.
    """

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed sign-ins; try again in {retry_after} seconds")


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


class EmailNotConfirmed(InvalidCredentials):
    """The password is right but the account's email was never confirmed.

    Raised only after the password matched, so it tells nothing to someone without it.
    """

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__("the account's email address is not confirmed yet")


class InvalidConfirmationToken(AccountError):
    """The email confirmation link is unknown, expired or already used."""


class AddressNotFound(AccountError):
    """No saved address with this id belongs to the customer."""
