"""The demo gateway's hosted page: pay, fail or cancel, with no money moving."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from shop.db import begin_write
from shop.extensions import db
from shop.payments import services as payments
from shop.payments.errors import PaymentNotFound
from shop.payments.gateway import SessionInfo, demo_mode
from shop.payments.models import PaymentProvider, PaymentStatus
from shop.web.storefront import bp
from shop.web.storefront.forms import EmptyForm


def _demo_payment(session_id: str):
    if not demo_mode():
        abort(404)
    try:
        payment = payments.find_payment(session_id)
    except PaymentNotFound:
        abort(404)
    if payment.provider != PaymentProvider.DEMO:
        abort(404)
    return payment


@bp.get("/checkout/demo/<session_id>")
def demo_checkout(session_id: str):
    """Show the demo payment page for an open session."""
    payment = _demo_payment(session_id)
    return render_template("storefront/demo_checkout.html", payment=payment,
                           order=payment.order, form=EmptyForm())


@bp.post("/checkout/demo/<session_id>")
def demo_checkout_action(session_id: str):
    """Pay, fail or cancel the demo session, through the same code as Stripe's webhook."""
    payment = _demo_payment(session_id)
    order = payment.order
    action = request.form.get("action")
    page = url_for("storefront.order_detail", token=order.access_token)
    if action == "cancel" or payment.status != PaymentStatus.OPEN:
        return redirect(page + "?cancelled=1" if action == "cancel" else page, code=303)
    session = SessionInfo(id=payment.session_id, url=payment.session_url,
                          expires_at=payment.expires_at, status="complete",
                          payment_status="paid" if action == "pay" else "unpaid",
                          payment_intent_id="demo_pi_" + payment.session_id[8:],
                          amount_total_cents=payment.amount_cents,
                          metadata={"order_id": str(order.id)})
    begin_write(db.session)
    if action == "pay":
        payments.session_paid(session, PaymentProvider.DEMO, actor="demo-gateway")
    elif action == "fail":
        payments.session_failed(session, PaymentProvider.DEMO, actor="demo-gateway")
    else:
        abort(400)
    db.session.commit()
    return redirect(page + ("?paid=1" if action == "pay" else ""), code=303)
