"""What a new password must be: long enough, not too long, and not one everybody guesses.

Length alone let `aaaaaaaaaa` through. A guesser tries the most common passwords first, so
those are refused outright (a bundled list, see data/common-passwords.txt), as are
passwords of very few different characters and the account's own email address.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from shop.accounts.errors import (
    PasswordLikeEmail,
    PasswordTooCommon,
    PasswordTooLong,
    PasswordTooShort,
    PasswordTooSimple,
)

MIN_PASSWORD_LENGTH = 10
# Long enough for any passphrase or manager; short enough that hashing stays cheap.
MAX_PASSWORD_LENGTH = 128
MIN_DISTINCT_CHARACTERS = 5
COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common-passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line and not line.startswith("#"))


def check_new_password(password: str, email: str | None = None) -> None:
    """Raise the WeakPassword error that says what is wrong with this new password."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordTooLong(f"the password must be at most {MAX_PASSWORD_LENGTH} characters")
    folded = password.strip().casefold()
    if len(set(folded)) < MIN_DISTINCT_CHARACTERS:
        raise PasswordTooSimple("the password repeats too few different characters")
    if folded in common_passwords():
        raise PasswordTooCommon("the password is one of the most common passwords")
    if email:
        address = email.strip().casefold()
        local = address.split("@", 1)[0]
        if folded == address or (len(local) >= 4 and local in folded and
                                 len(folded) - len(local) < MIN_PASSWORD_LENGTH // 2):
            raise PasswordLikeEmail("the password is made of the email address")
