"""What happens around an order's big moments, across domains (email, routing)."""

from __future__ import annotations

from flask import url_for

from shop.notifications.services import enqueue_email
from shop.orders.models import Order
from shop.urls import base_url


def order_url(order: Order) -> str:
    return base_url() + url_for("storefront.order_detail", lang=order.locale,
                          token=order.access_token)


def order_paid(order: Order) -> None:
    """Tell the customer, route the work, tell each cooperative, and issue the invoice.

    Runs in the transaction that marks the order paid; running it again adds nothing. The
    invoice is issued here rather than by the worker so that its number is taken in payment
    order and a paid order that asked for one is never without it.
    """
    from shop.fulfilment.notifications import notify_cooperative
    from shop.fulfilment.routing import route_order
    from shop.invoicing.services import issue_invoice, wants_invoice

    enqueue_email("order_confirmation", order.email, "order_confirmation",
                  locale=order.locale, dedupe_key=f"order-confirmation:{order.id}",
                  order_id=order.id, order=order, order_link=order_url(order))
    for fulfilment in route_order(order):
        notify_cooperative(fulfilment)
    if wants_invoice(order):
        issue_invoice(order)
