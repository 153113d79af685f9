"""Emails about fulfilments, queued in the outbox with the change that causes them."""

from __future__ import annotations

from flask import url_for

from shop.fulfilment.carriers import CARRIERS, tracking_url
from shop.fulfilment.models import Fulfilment
from shop.notifications.services import enqueue_email
from shop.orders.lifecycle import order_url
from shop.orders.models import Order
from shop.urls import absolute

# Cooperatives work in Italian; their contact address gets Italian email.
COOPERATIVE_LOCALE = "it"


def _absolute(path: str) -> str:
    return absolute(path)


def notify_cooperative(fulfilment: Fulfilment) -> None:
    """Tell a cooperative it has new work: which order, what, where to, by when."""
    cooperative = fulfilment.cooperative
    if cooperative is None or not cooperative.contact_email:
        return
    enqueue_email("coop_new_order", cooperative.contact_email, "coop_new_order",
                  locale=COOPERATIVE_LOCALE, dedupe_key=f"coop-new-order:{fulfilment.id}",
                  order_id=fulfilment.order_id, fulfilment=fulfilment,
                  order=fulfilment.order, cooperative=cooperative,
                  link=_absolute(url_for("coop.fulfilment_detail",
                                         fulfilment_id=fulfilment.id)))


def notify_shipped(fulfilment: Fulfilment) -> None:
    """Tell the customer a parcel left, with the carrier and the link to follow it."""
    order = fulfilment.order
    carrier = CARRIERS.get(fulfilment.carrier)
    enqueue_email("order_shipped", order.email, "order_shipped", locale=order.locale,
                  dedupe_key=f"order-shipped:{fulfilment.id}", order_id=order.id,
                  order=order, fulfilment=fulfilment, carrier=carrier,
                  tracking_link=tracking_url(fulfilment.carrier, fulfilment.tracking_code),
                  order_link=order_url(order))


def notify_ready_for_pickup(order: Order, parts: list[Fulfilment]) -> None:
    """Tell the customer every part of their pickup order is waiting at the store."""
    enqueue_email("order_ready_for_pickup", order.email, "order_ready_for_pickup",
                  locale=order.locale, dedupe_key=f"order-ready-for-pickup:{order.id}",
                  order_id=order.id, order=order, parts=parts, order_link=order_url(order))
