"""Two-factor sign-in: TOTP codes from an authenticator app, and single-use recovery codes.

Codes are accepted one time step either side of now (clocks drift), and never twice: the
last accepted step is stored, so a code read over someone's shoulder is already spent.
Recovery codes carry 80 random bits, so a salted SHA-256 is enough to store them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from datetime import datetime

import pyotp
import segno
from sqlalchemy import func, select, update

from shop.accounts.errors import InvalidCode, TwoFactorAlreadyEnabled, TwoFactorRequired
from shop.accounts.models import RecoveryCode, User
from shop.audit.services import record
from shop.db import utcnow
from shop.extensions import db

ISSUER = "Viale dei Mille"
STEP_SECONDS = 30
VALID_WINDOW = 1
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
_RECOVERY_LENGTH = 16


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str, title: str) -> str:
    """The otpauth link as an inline SVG QR code (no XML declaration, scales with CSS)."""
    qr = segno.make(uri, error="m")
    svg = qr.svg_inline(scale=4, border=2, title=title, omitsize=True, svgclass="qr-code",
                        dark="#1c1917", light="#ffffff")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def current_step(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP_SECONDS)


def _matching_step(secret: str, code: str, now: float | None) -> int | None:
    code = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    step = current_step(now)
    for candidate in range(step - VALID_WINDOW, step + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def check_new_secret(secret: str, code: str, now: float | None = None) -> int:
    """The step of a valid code for a secret being set up; InvalidCode otherwise."""
    step = _matching_step(secret, code, now)
    if step is None:
        raise InvalidCode()
    return step


def verify_code(user: User, code: str, now: float | None = None) -> None:
    """Accept a current TOTP code or an unused recovery code once; InvalidCode otherwise."""
    if not user.two_factor_enabled:
        raise InvalidCode()
    step = _matching_step(user.totp_secret, code, now)
    if step is not None:
        if user.totp_last_step is not None and step <= user.totp_last_step:
            raise InvalidCode()  # this code (or an earlier one) was already used
        user.totp_last_step = step
        db.session.flush()
        return
    _use_recovery_code(user, code)


def enable(user: User, secret: str, code: str, now: float | None = None) -> list[str]:
    """Turn two-factor sign-in on with a confirmed secret; return the new recovery codes.

    The codes are shown once: only their hashes are kept.
    """
    if user.two_factor_enabled:
        raise TwoFactorAlreadyEnabled()
    step = check_new_secret(secret, code, now)
    user.totp_secret, user.totp_last_step = secret, step
    user.totp_enabled_at = utcnow()
    codes = replace_recovery_codes(user)
    record("user.two_factor_enable", "user", user.id, before={"two_factor": False},
           after={"two_factor": True}, summary=user.email, actor=user)
    db.session.flush()
    return codes


def disable(user: User, code: str, now: float | None = None) -> None:
    """Switch the second factor off (members only), proven with a current code."""
    if user.two_factor_required:
        raise TwoFactorRequired()
    verify_code(user, code, now)
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(update(RecoveryCode).where(RecoveryCode.user_id == user.id,
                                                  RecoveryCode.used_at.is_(None))
                       .values(used_at=utcnow()))
    record("user.two_factor_disable", "user", user.id, before={"two_factor": True},
           after={"two_factor": False}, summary=user.email, actor=user)
    db.session.flush()


def _hash(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def _normalise_recovery(code: str) -> str:
    return re.sub(r"[\s-]", "", (code or "").lower())


def format_recovery(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def replace_recovery_codes(user: User, now: datetime | None = None) -> list[str]:
    """Ten new recovery codes (earlier unused ones stop working), as the user will type them."""
    now = now or utcnow()
    db.session.execute(update(RecoveryCode).where(RecoveryCode.user_id == user.id,
                                                  RecoveryCode.used_at.is_(None))
                       .values(used_at=now))
    codes = []
    for _ in range(RECOVERY_CODES):
        code = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        salt = secrets.token_hex(16)
        db.session.add(RecoveryCode(user_id=user.id, salt=salt, code_hash=_hash(salt, code),
                                    created_at=now))
        codes.append(format_recovery(code))
    db.session.flush()
    return codes


def _use_recovery_code(user: User, code: str) -> None:
    typed = _normalise_recovery(code)
    if len(typed) != _RECOVERY_LENGTH:
        raise InvalidCode()
    rows = db.session.scalars(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        .with_for_update()).all()
    for row in rows:
        if hmac.compare_digest(row.code_hash, _hash(row.salt, typed)):
            row.used_at = utcnow()
            record("user.recovery_code_use", "user", user.id, summary=user.email, actor=user,
                   after={"recovery_codes_left": len(rows) - 1})
            db.session.flush()
            return
    raise InvalidCode()


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(select(func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0
