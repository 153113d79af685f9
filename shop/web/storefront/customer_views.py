"""A signed-in customer's account: orders, saved addresses, language, password."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from shop.accounts import customers
from shop.accounts.errors import AddressNotFound, InvalidCredentials, NotAllowed, WeakPassword
from shop.accounts.models import Role
from shop.extensions import db, limiter
from shop.orders.errors import OrderNotFound
from shop.web.passwords import weak_password_message
from shop.web.storefront import bp
from shop.web.storefront.account_forms import AddressForm, LanguageForm, PasswordChangeForm
from shop.web.storefront.forms import EmptyForm

NO_STORE = {"Cache-Control": "private, no-store"}


def customer_only(view):
    """Signed-in customers only; other roles have their own area and get a 404 here."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if current_user.role != Role.CUSTOMER:
            abort(404)
        return view(*args, **kwargs)
    return wrapper


def checkout_prefill(user) -> dict:
    """The checkout form's starting values: the account's email, name and default address."""
    if not user.is_authenticated:
        return {}
    data = {"email": user.email, "name": user.name}
    address = customers.default_address(user) if user.role == Role.CUSTOMER else None
    if address is not None:
        data.update(ship_recipient=address.recipient if address.recipient != user.name else "",
                    phone=address.phone, ship_line1=address.line1, ship_line2=address.line2,
                    ship_postal_code=address.postal_code, ship_city=address.city,
                    ship_province=address.province, ship_country=address.country)
    return {name: value for name, value in data.items() if value}


def _page(template: str, status: int = 200, **context):
    return render_template(f"storefront/{template}.html", **context), status, NO_STORE


@bp.get("/account/")
@customer_only
def account_overview():
    """Show the customer's orders with their status, and the way to the other pages."""
    return _page("account_overview", orders=customers.orders_of(current_user),
                 address=customers.default_address(current_user))


@bp.get("/account/orders/<number>")
@customer_only
def account_order(number: str):
    """Open one of the customer's orders on its status and tracking page."""
    try:
        order = customers.order_of(current_user, number)
    except OrderNotFound:
        abort(404)
    return redirect(url_for("storefront.order_detail", token=order.access_token), code=303)


@bp.get("/account/addresses")
@customer_only
def account_addresses():
    """List the saved addresses, the one used by default first."""
    return _page("account_addresses", addresses=customers.addresses_of(current_user),
                 form=EmptyForm())


def _fields(form: AddressForm) -> customers.AddressFields:
    return customers.AddressFields(
        recipient=form.recipient.data.strip(), phone=(form.phone.data or "").strip(),
        line1=form.line1.data.strip(), line2=(form.line2.data or "").strip(),
        postal_code=form.postal_code.data.strip().upper(), city=form.city.data.strip(),
        province=(form.province.data or "").strip().upper(), country=form.country.data)


@bp.route("/account/addresses/new", methods=["GET", "POST"])
@customer_only
@limiter.limit("30 per hour", methods=["POST"])
def account_address_new():
    """Save a new delivery address."""
    form = AddressForm(locale=g.lang, data={"recipient": current_user.name}
                       if not form_posted() else None)
    if not form.validate_on_submit():
        return _page("account_address_form", form=form, address=None)
    try:
        customers.add_address(current_user, _fields(form), bool(form.is_default.data))
    except NotAllowed:
        db.session.rollback()
        flash(_("You can keep up to %(n)d addresses: delete one first.",
                n=customers.MAX_ADDRESSES), "error")
        return redirect(url_for("storefront.account_addresses"), code=303)
    db.session.commit()
    flash(_("Address saved."), "success")
    return redirect(url_for("storefront.account_addresses"), code=303)


def form_posted() -> bool:
    return request.method == "POST"


def _address_or_404(address_id: int):
    try:
        return customers.address_of(current_user, address_id)
    except AddressNotFound:
        abort(404)


@bp.route("/account/addresses/<int:address_id>/edit", methods=["GET", "POST"])
@customer_only
@limiter.limit("30 per hour", methods=["POST"])
def account_address_edit(address_id: int):
    """Change a saved address."""
    address = _address_or_404(address_id)
    form = AddressForm(locale=g.lang, obj=None if form_posted() else address)
    if not form.validate_on_submit():
        return _page("account_address_form", form=form, address=address)
    customers.update_address(current_user, address.id, _fields(form), bool(form.is_default.data))
    db.session.commit()
    flash(_("Address saved."), "success")
    return redirect(url_for("storefront.account_addresses"), code=303)


@bp.post("/account/addresses/<int:address_id>/delete")
@customer_only
def account_address_delete(address_id: int):
    """Forget a saved address."""
    address = _address_or_404(address_id)
    if EmptyForm().validate_on_submit():
        customers.delete_address(current_user, address.id)
        db.session.commit()
        flash(_("Address deleted."), "success")
    return redirect(url_for("storefront.account_addresses"), code=303)


@bp.post("/account/addresses/<int:address_id>/default")
@customer_only
def account_address_default(address_id: int):
    """Make this address the one checkout starts from."""
    address = _address_or_404(address_id)
    if EmptyForm().validate_on_submit():
        customers.set_default(current_user, address.id)
        db.session.commit()
        flash(_("Checkout will start from this address."), "success")
    return redirect(url_for("storefront.account_addresses"), code=303)


@bp.route("/account/settings", methods=["GET", "POST"])
@customer_only
def account_settings():
    """Choose the language of the customer's emails."""
    form = LanguageForm(data={"locale": current_user.locale} if not form_posted() else None)
    if not form.validate_on_submit():
        return _page("account_settings", form=form)
    customers.set_locale(current_user, form.locale.data)
    db.session.commit()
    with_lang = form.locale.data
    flash(_("Saved: we will write to you in %(language)s.",
            language="italiano" if with_lang == "it" else "English"), "success")
    return redirect(url_for("storefront.account_settings", lang=with_lang), code=303)


@bp.route("/account/password", methods=["GET", "POST"])
@customer_only
@limiter.limit("5 per minute", methods=["POST"])
def account_password():
    """Change the password; every other session of the account ends, this one stays."""
    form = PasswordChangeForm()
    form.account_email = current_user.email
    if not form.validate_on_submit():
        return _page("account_password", form=form)
    user = current_user._get_current_object()
    try:
        customers.change_password(user, form.current_password.data, form.password.data)
    except InvalidCredentials:
        db.session.rollback()
        form.current_password.errors.append(_("That is not your current password."))
        return _page("account_password", form=form)
    except WeakPassword as error:
        db.session.rollback()
        form.password.errors.append(weak_password_message(error))
        return _page("account_password", form=form)
    db.session.commit()
    session.clear()
    login_user(user)  # this session, under the new session version
    flash(_("Your password is changed. Any other device signed in to your account has been "
            "signed out."), "success")
    return redirect(url_for("storefront.account_overview"), code=303)
