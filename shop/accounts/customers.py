"""A signed-in customer's own things: their orders, saved addresses, language and password.

Every query is scoped to the user passed in; another customer's id answers the same
AddressNotFound / OrderNotFound as a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import delete, func, select, update

from shop.accounts import privacy
from shop.accounts.errors import (
    AddressNotFound,
    InvalidCredentials,
    NotAllowed,
    UnsupportedLocale,
)
from shop.accounts.models import EmailConfirmationToken, Role, SavedAddress, User
from shop.accounts.passwords import check_new_password
from shop.audit.security_log import log_event
from shop.extensions import db
from shop.orders.errors import OrderNotFound
from shop.orders.models import DeliveryMethod, Order

MAX_ADDRESSES = 20


@dataclass(frozen=True)
class AddressFields:
    recipient: str
    line1: str
    postal_code: str
    city: str
    country: str
    line2: str = ""
    province: str = ""
    phone: str = ""


def _customer(user: User) -> User:
    if user is None or not user.is_authenticated or user.role != Role.CUSTOMER:
        raise NotAllowed("only a signed-in customer has these pages")
    return user


def confirm_address(user: User, now: datetime) -> int:
    """The user proved the address is theirs: mark it, and give them their guest orders.

    Guest orders are those with no account and the same email in any letter case. Returns
    how many joined.
    """
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now
    result = db.session.execute(
        update(Order)
        .where(Order.user_id.is_(None), func.lower(Order.email) == user.email.lower())
        .values(user_id=user.id)
        .execution_options(synchronize_session=False))
    db.session.flush()
    return result.rowcount or 0


def orders_of(user: User) -> list[Order]:
    """The customer's orders, newest first."""
    _customer(user)
    return list(db.session.scalars(select(Order).where(Order.user_id == user.id)
                                   .order_by(Order.created_at.desc(), Order.id.desc())))


def order_of(user: User, number: str) -> Order:
    """One of the customer's own orders by its number; OrderNotFound for anyone else's."""
    _customer(user)
    order = db.session.scalar(select(Order).where(Order.number == number,
                                                  Order.user_id == user.id))
    if order is None:
        raise OrderNotFound(number)
    return order


def addresses_of(user: User) -> list[SavedAddress]:
    """The saved addresses, the default first."""
    _customer(user)
    return list(db.session.scalars(select(SavedAddress).where(SavedAddress.user_id == user.id)
                                   .order_by(SavedAddress.is_default.desc(), SavedAddress.id)))


def default_address(user: User) -> SavedAddress | None:
    addresses = addresses_of(user)
    return addresses[0] if addresses else None


def address_of(user: User, address_id: int) -> SavedAddress:
    _customer(user)
    address = db.session.scalar(select(SavedAddress).where(SavedAddress.id == address_id,
                                                          SavedAddress.user_id == user.id))
    if address is None:
        raise AddressNotFound(address_id)
    return address


def add_address(user: User, fields: AddressFields, make_default: bool = False) -> SavedAddress:
    """Save an address; the first one, or one asked for, becomes the default."""
    _customer(user)
    count = db.session.scalar(select(func.count(SavedAddress.id))
                              .where(SavedAddress.user_id == user.id)) or 0
    if count >= MAX_ADDRESSES:
        raise NotAllowed(f"at most {MAX_ADDRESSES} saved addresses")
    address = SavedAddress(user_id=user.id, **vars(fields))
    db.session.add(address)
    db.session.flush()
    if make_default or count == 0:
        set_default(user, address.id)
    return address


def update_address(user: User, address_id: int, fields: AddressFields,
                   make_default: bool = False) -> SavedAddress:
    address = address_of(user, address_id)
    for name, value in vars(fields).items():
        setattr(address, name, value)
    db.session.flush()
    if make_default:
        set_default(user, address.id)
    return address


def delete_address(user: User, address_id: int) -> None:
    """Forget an address; if it was the default, the oldest remaining one takes its place."""
    address = address_of(user, address_id)
    was_default = address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default:
        following = db.session.scalar(select(SavedAddress).where(SavedAddress.user_id == user.id)
                                      .order_by(SavedAddress.id).limit(1))
        if following is not None:
            following.is_default = True
            db.session.flush()


def set_default(user: User, address_id: int) -> SavedAddress:
    address = address_of(user, address_id)
    db.session.execute(update(SavedAddress)
                       .where(SavedAddress.user_id == user.id, SavedAddress.id != address.id)
                       .values(is_default=False)
                       .execution_options(synchronize_session="fetch"))
    address.is_default = True
    db.session.flush()
    return address


def remember_first_address(order: Order) -> SavedAddress | None:
    """A customer's first shipped order: keep its address, if they have none saved yet."""
    if order.user_id is None or order.delivery_method != DeliveryMethod.SHIP:
        return None
    user = db.session.get(User, order.user_id)
    if user is None or user.role != Role.CUSTOMER or addresses_of(user):
        return None
    return add_address(user, AddressFields(
        recipient=order.ship_name or order.name, line1=order.ship_line1,
        line2=order.ship_line2 or "", postal_code=order.ship_postal_code,
        city=order.ship_city, province=order.ship_province or "",
        country=order.ship_country or "IT", phone=order.phone or ""), make_default=True)


def set_locale(user: User, locale: str) -> None:
    """The language of the customer's emails (and of their pages after signing in)."""
    _customer(user)
    if locale not in current_app.config["LANGUAGES"]:
        raise UnsupportedLocale(f"unsupported locale {locale!r}")
    user.locale = locale
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after the current one confirms it; every other session ends."""
    _customer(user)
    if not user.check_password(current or ""):
        raise InvalidCredentials()
    check_new_password(new, user.email)
    user.set_password(new)
    user.end_sessions()
    db.session.flush()
    log_event("password.changed", user_id=user.id)


def _export_addresses(email: str, user: User | None) -> list[dict]:
    if user is None:
        return []
    return [{"recipient": a.recipient, "line1": a.line1, "line2": a.line2,
             "postal_code": a.postal_code, "city": a.city, "province": a.province,
             "country": a.country, "phone": a.phone, "default": a.is_default}
            for a in db.session.scalars(select(SavedAddress)
                                        .where(SavedAddress.user_id == user.id)
                                        .order_by(SavedAddress.id))]


def _erase_addresses(email: str, user: User | None) -> None:
    if user is not None:
        for model in (SavedAddress, EmailConfirmationToken):
            db.session.execute(delete(model).where(model.user_id == user.id)
                               .execution_options(synchronize_session=False))


privacy.EXPORTERS["saved_addresses"] = _export_addresses
privacy.ERASERS["saved_addresses"] = _erase_addresses
