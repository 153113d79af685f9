"""Checkout: details, review with the full total, placing the order, paying it."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts import customers
from shop.cart import services as carts
from shop.checkout import services as checkout
from shop.checkout.errors import (
    CannotCancel,
    CartChanged,
    CartEmpty,
    NotEnoughStock,
    ShippingUnavailable,
)
from shop.checkout.estimates import part_estimates
from shop.db import begin_write, utcnow
from shop.discounts.errors import (
    AlreadyUsedByEmail,
    BelowMinimum,
    DiscountRefused,
    NothingEligible,
    NotValidNow,
    UnknownCode,
    UsedUp,
)
from shop.discounts.services import find_code, normalise
from shop.extensions import db, limiter
from shop.fulfilment.routing import local_date
from shop.fulfilment.services import order_fulfilments
from shop.i18n import format_money
from shop.invoicing.credit_notes import credit_notes_of_order
from shop.invoicing.services import invoice_of
from shop.orders.errors import OrderNotFound
from shop.orders.models import DeliveryMethod, OrderStatus
from shop.orders.services import get_order_by_token, lock_order
from shop.payments import services as payments
from shop.payments.errors import GatewayError
from shop.payments.gateway import demo_mode, get_gateway
from shop.urls import base_url
from shop.web.storefront import bp
from shop.web.storefront.cart_cookie import current_cart, current_or_new_cart, user_id
from shop.web.storefront.customer_views import checkout_prefill
from shop.web.storefront.forms import CheckoutForm, EmptyForm, PlaceOrderForm


def methods() -> list:
    """Every active shipping method, read once per request."""
    if "shop.methods" not in request.environ:
        request.environ["shop.methods"] = checkout.shipping_methods()
    return request.environ["shop.methods"]


def _form(cls, **kwargs):
    return cls(locale=g.lang, methods=methods(), **kwargs)


@bp.route("/checkout", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def checkout_details():
    """Ask for contact, delivery and invoice details; then show the review step."""
    view = carts.view_cart(current_cart(), g.lang)
    if view.is_empty:
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("storefront.cart"))
    if view.problems:
        return redirect(url_for("storefront.cart"))
    prefill = checkout_prefill(current_user)
    form = _form(CheckoutForm, data=prefill if request.method == "GET" else None)
    editing = request.form.get("edit") == "1"  # "Change details" on the review step
    if request.method == "POST" and not editing and form.validate_on_submit():
        details = details_from(form)
        try:
            method = checkout.find_method(details.shipping_method, details.delivery_method,
                                          details.ship_country, methods())
        except ShippingUnavailable:
            form.shipping_method.errors.append(_("Choose a shipping method."))
        else:
            try:
                totals = priced(view, method, details)
            except DiscountRefused as exc:
                form.discount_code.errors.append(discount_message(exc))
            else:
                review = PlaceOrderForm(formdata=None, data=form.data, locale=g.lang,
                                        methods=methods())
                return review_page(view, review, details, method, totals)
    return render_template("storefront/checkout.html", cart=view, form=form,
                           methods=methods())


def priced(view, method, details) -> checkout.Totals:
    code = find_code(details.discount_code) if details.discount_code else None
    return checkout.price_order(view, method, code, details.email)


def discount_message(exc: DiscountRefused) -> str:
    """Why a code was refused, in the customer's words."""
    if isinstance(exc, BelowMinimum):
        return _("The code %(code)s needs an order of at least %(amount)s.", code=exc.code,
                 amount=format_money(exc.min_order_cents))
    messages = {
        UnknownCode: _("We do not know the code %(code)s: check how it is written."),
        NotValidNow: _("The code %(code)s is not valid today."),
        UsedUp: _("The code %(code)s has been used up: every use has been taken."),
        AlreadyUsedByEmail: _("You have already used the code %(code)s."),
        NothingEligible: _("The code %(code)s does not apply to anything in your cart."),
    }
    return messages.get(type(exc), messages[UnknownCode]) % {"code": exc.code}


def review_page(view, form, details, method, totals) -> str:
    """The review step: every line, the full total, and when each part should arrive."""
    form.expected_total_cents.data = str(totals.total_cents)
    return render_template("storefront/checkout_review.html", cart=view, form=form,
                           details=details, method=method, totals=totals,
                           parts=part_estimates(view.groups, method, local_date(utcnow())))


def details_from(form) -> checkout.CheckoutDetails:
    ship = form.delivery_method.data == DeliveryMethod.SHIP.value
    return checkout.CheckoutDetails(
        email=form.email.data.strip(), name=form.name.data.strip(),
        phone=(form.phone.data or "").strip(),
        delivery_method=DeliveryMethod(form.delivery_method.data),
        shipping_method=form.shipping_method.data if ship else "pickup",
        locale=g.lang,
        ship_name=((form.ship_recipient.data or "").strip() or form.name.data.strip())
        if ship else "",
        ship_line1=(form.ship_line1.data or "").strip() if ship else "",
        ship_line2=(form.ship_line2.data or "").strip() if ship else "",
        ship_postal_code=(form.ship_postal_code.data or "").strip().upper() if ship else "",
        ship_city=(form.ship_city.data or "").strip() if ship else "",
        ship_province=(form.ship_province.data or "").strip().upper() if ship else "",
        ship_country=form.ship_country.data if ship else "",
        invoice_requested=bool(form.invoice_requested.data),
        invoice_company=(form.invoice_company.data or "").strip(),
        invoice_vat_number=(form.invoice_vat_number.data or "").strip().upper(),
        invoice_tax_code=(form.invoice_tax_code.data or "").strip().upper(),
        invoice_sdi_code=(form.invoice_sdi_code.data or "").strip().upper(),
        invoice_pec=(form.invoice_pec.data or "").strip(),
        invoice_address=(form.invoice_address.data or "").strip(),
        discount_code=normalise(form.discount_code.data or ""),
        is_gift=bool(form.is_gift.data),
        gift_message=(form.gift_message.data or "").strip() if form.is_gift.data else "",
        user_id=user_id())


@bp.post("/checkout/place")
@limiter.limit("20 per minute")
def checkout_place():
    """Place the order with obligation to pay, then send the customer to pay it."""
    form = _form(PlaceOrderForm)
    cart = current_cart()
    view = carts.view_cart(cart, g.lang)
    if cart is None or view.is_empty:
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("storefront.cart"))
    if not form.validate_on_submit():
        if form.accept_terms.errors and len(form.errors) == 1:
            details = details_from(form)
            method = checkout.find_method(details.shipping_method, details.delivery_method,
                                          details.ship_country, methods())
            try:
                return review_page(view, form, details, method,
                                   priced(view, method, details)), 400
            except DiscountRefused as exc:
                form.discount_code.errors.append(discount_message(exc))
        return render_template("storefront/checkout.html", cart=view, form=form,
                               methods=methods()), 400
    try:
        expected = int(form.expected_total_cents.data)
    except ValueError:
        expected = -1
    try:
        order = checkout.place_order(cart.id, details_from(form), expected)
    except NotEnoughStock as exc:
        db.session.rollback()
        for s in exc.shortages:
            flash(_("%(name)s (%(option)s): you asked for %(asked)d, only %(left)d can be "
                    "reserved now.", name=s.name, option=s.label, asked=s.requested,
                    left=s.available), "error")
        return redirect(url_for("storefront.cart"))
    except DiscountRefused as exc:
        db.session.rollback()
        form.discount_code.errors.append(discount_message(exc))
        return render_template("storefront/checkout.html", cart=view, form=form,
                               methods=methods()), 409
    except (CartChanged, CartEmpty, ShippingUnavailable):
        db.session.rollback()
        flash(_("Something in your cart changed (price or availability). Please check it "
                "and confirm again."), "warning")
        return redirect(url_for("storefront.cart"))
    customers.remember_first_address(order)
    db.session.commit()
    return redirect(start_payment(order), code=303)


def start_payment(order) -> str:
    """Open a payment session for a committed order; where to send the customer next."""
    order_page = url_for("storefront.order_detail", token=order.access_token)
    existing = payments.open_payment(order)
    if existing is not None and existing.session_url:
        return existing.session_url
    base = base_url()
    request_ = payments.checkout_request(
        order, success_url=base + order_page + "?session_id={CHECKOUT_SESSION_ID}",
        cancel_url=base + order_page + "?cancelled=1")
    gateway = get_gateway()
    try:
        session = gateway.create_checkout_session(request_)
    except GatewayError:
        current_app.logger.exception("could not open a payment session for %s", order.number)
        db.session.rollback()
        flash(_("The payment service did not answer. Your order is saved and its items are "
                "set aside: try paying again in a minute."), "error")
        return order_page
    payments.record_session(lock_order(order.id), gateway.provider, session)
    db.session.commit()
    return session.url


def order_or_404(token: str):
    try:
        return get_order_by_token(token)
    except OrderNotFound:
        abort(404)


@bp.get("/orders/<token>")
def order_detail(token: str):
    """Show an order to whoever holds its link: status, lines, delivery, payment."""
    order = order_or_404(token)
    session_id = request.args.get("session_id", "")
    if order.status == OrderStatus.PENDING_PAYMENT and session_id.startswith("cs_"):
        sync_from_gateway(order, session_id)
    response = current_app.make_response(render_template(
        "storefront/order_detail.html", order=order, form=EmptyForm(),
        just_paid=bool(session_id) or request.args.get("paid") == "1",
        cancelled=request.args.get("cancelled") == "1",
        open_payment=payments.open_payment(order), demo=demo_mode(),
        payment_failed=(order.status == OrderStatus.PENDING_PAYMENT
                        and payments.last_payment_failed(order)),
        fulfilments=order_fulfilments(order), invoice=invoice_of(order.id),
        credit_notes=credit_notes_of_order(order.id)))
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def sync_from_gateway(order, session_id: str) -> None:
    """Back from the hosted page: ask the gateway at once rather than wait for the webhook."""
    try:
        payment = payments.find_payment(session_id)
        if payment.order_id != order.id:
            return
        session = get_gateway().retrieve_session(session_id)
    except Exception:  # the webhook will settle it; the page must still show
        current_app.logger.warning("could not check session %s on return", session_id)
        db.session.rollback()
        return
    if session.status == "complete":
        begin_write(db.session)
        payments.session_completed(session, get_gateway().provider, actor="customer-return")
        db.session.commit()


@bp.post("/orders/<token>/pay")
@limiter.limit("20 per minute")
def order_pay(token: str):
    """Send the customer (back) to pay an order awaiting payment."""
    order = order_or_404(token)
    if order.status != OrderStatus.PENDING_PAYMENT:
        flash(_("This order cannot be paid any more."), "info")
        return redirect(url_for("storefront.order_detail", token=token))
    return redirect(start_payment(order), code=303)


@bp.post("/orders/<token>/cancel")
def order_cancel(token: str):
    """Give up an unpaid order: its items go back to the cart and the stock is freed."""
    order = order_or_404(token)
    try:
        checkout.cancel_unpaid_order(order.id, current_or_new_cart())
    except CannotCancel:
        db.session.rollback()
        flash(_("This order can no longer be cancelled here: write to us."), "info")
        return redirect(url_for("storefront.order_detail", token=token))
    db.session.commit()
    flash(_("Order cancelled. Its items are back in your cart."), "success")
    return redirect(url_for("storefront.cart"))
