"""The user model, with one role and, for cooperative members, their cooperative."""

from __future__ import annotations

import enum
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from shop.db import UTCDateTime, utcnow
from shop.extensions import db

# A method name, not a password.
DEFAULT_PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  # nosec B105


def password_hash_method() -> str:
    """The app's PASSWORD_HASH_METHOD (scrypt unless the tests lower it)."""
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD") or DEFAULT_PASSWORD_HASH_METHOD
    return DEFAULT_PASSWORD_HASH_METHOD


class Role(enum.StrEnum):
    CUSTOMER = "customer"
    COMPANY = "company"
    COOP = "coop"
    STAFF = "staff"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(12), default=Role.CUSTOMER)
    cooperative_id: Mapped[int | None] = mapped_column(ForeignKey("cooperative.id"), index=True)
    # Company contacts (role company) belong to one company and see only its quotes.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id"), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="it")
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # Set when the user confirmed their authenticator app with a valid code; from then on
    # signing in asks for a code. The last accepted time step refuses a code's reuse.
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of every session's user id: raising it ends every session of the user at once
    # (logout, password change or reset, deactivation), whatever cookie someone kept.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the owner proved the address is theirs. Accounts made by staff, invitations or
    # commands start confirmed; self-registered customers start with None and cannot sign
    # in until they follow the link emailed to them.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)
    # When a self-registered customer accepted the privacy notice and terms shown then.
    terms_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    cooperative = relationship("Cooperative")

    __table_args__ = (
        CheckConstraint("role <> 'coop' OR cooperative_id IS NOT NULL",
                        name="coop_has_cooperative"),
        CheckConstraint("role IN ('customer', 'company', 'coop', 'staff', 'admin')",
                        name="role_known"),
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=password_hash_method())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """The session's user id: the user and their session version (see end_sessions)."""
        return f"{self.id}.{self.session_version or 1}"

    def end_sessions(self) -> None:
        """Make every existing session of this user invalid from its next request."""
        self.session_version = (self.session_version or 1) + 1

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.STAFF, Role.ADMIN)

    @property
    def two_factor_enabled(self) -> bool:
        return self.totp_enabled_at is not None and bool(self.totp_secret)

    @property
    def two_factor_required(self) -> bool:
        """Staff and admins must sign in with a code; members may choose to."""
        return self.is_staff


class SingleUseLink:
    """The columns of an emailed single-use link: its owner, a hash of its secret (never the
    secret itself), when it stops working and when it was used."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @declared_attr
    def user(cls) -> Mapped[User]:
        return relationship(User)


class PasswordResetToken(SingleUseLink, db.Model):
    """A single-use password reset link."""

    __tablename__ = "password_reset_token"


class EmailConfirmationToken(SingleUseLink, db.Model):
    """A single-use link that confirms a new account's email."""

    __tablename__ = "email_confirmation_token"


class SavedAddress(db.Model):
    """A customer's delivery address, kept to fill in the checkout form; one is the default."""

    __tablename__ = "saved_address"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40), default="")
    line1: Mapped[str] = mapped_column(String(200))
    line2: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(16))
    city: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(4), default="")
    country: Mapped[str] = mapped_column(String(2), default="IT")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RecoveryCode(db.Model):
    """One of a user's ten single-use codes for signing in without their phone (hashed)."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    salt: Mapped[str] = mapped_column(String(32))
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Invitation(db.Model):
    """An admin's invitation to join as staff or cooperative member: a single-use link."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(12))
    cooperative_id: Mapped[int | None] = mapped_column(
        ForeignKey("cooperative.id", ondelete="CASCADE"), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="it")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    cooperative = relationship("Cooperative")

    __table_args__ = (
        CheckConstraint("role IN ('coop', 'staff', 'admin')", name="role_invitable"),
        CheckConstraint("role <> 'coop' OR cooperative_id IS NOT NULL",
                        name="coop_has_cooperative"),
    )
