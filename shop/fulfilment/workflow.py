"""The states a fulfilment goes through, which moves are allowed, and by whom.

Three flows, chosen by where the goods come from and go to:
- a cooperative shipping to the customer: new → accepted → (in_production →) ready →
  shipped → delivered;
- a cooperative bringing a pickup order's goods to the store: … ready →
  delivered_to_store → collected;
- the store handing over units from its own shelves: new → ready → collected.
Staff may cancel any part before it leaves the producer; only staff mark a collection.
"""

from __future__ import annotations

import enum

from shop.fulfilment.models import Destination, Fulfilment
from shop.fulfilment.models import FulfilmentStatus as S


class Flow(enum.StrEnum):
    TO_CUSTOMER = "to_customer"
    TO_STORE = "to_store"
    STORE = "store"


ANYONE = frozenset({"coop", "staff"})
STAFF = frozenset({"staff"})

# flow -> from status -> {to status: who may make the move}, in the order buttons show.
FLOWS: dict[Flow, dict[str, dict[str, frozenset[str]]]] = {
    Flow.TO_CUSTOMER: {
        S.NEW: {S.ACCEPTED: ANYONE, S.CANCELLED: STAFF},
        S.ACCEPTED: {S.IN_PRODUCTION: ANYONE, S.READY: ANYONE, S.CANCELLED: STAFF},
        S.IN_PRODUCTION: {S.READY: ANYONE, S.CANCELLED: STAFF},
        S.READY: {S.SHIPPED: ANYONE, S.CANCELLED: STAFF},
        S.SHIPPED: {S.DELIVERED: ANYONE},
    },
    Flow.TO_STORE: {
        S.NEW: {S.ACCEPTED: ANYONE, S.CANCELLED: STAFF},
        S.ACCEPTED: {S.IN_PRODUCTION: ANYONE, S.READY: ANYONE, S.CANCELLED: STAFF},
        S.IN_PRODUCTION: {S.READY: ANYONE, S.CANCELLED: STAFF},
        S.READY: {S.DELIVERED_TO_STORE: ANYONE, S.CANCELLED: STAFF},
        S.DELIVERED_TO_STORE: {S.COLLECTED: STAFF},
    },
    Flow.STORE: {
        S.NEW: {S.READY: STAFF, S.CANCELLED: STAFF},
        S.READY: {S.COLLECTED: STAFF},
    },
}

# Work still to do for whoever produces the part (dashboards' default view, "overdue").
TODO = frozenset({S.NEW, S.ACCEPTED, S.IN_PRODUCTION, S.READY})
# Moves that take the goods out of the location their stock was reserved in.
LEAVES_LOCATION = {Flow.TO_CUSTOMER: S.SHIPPED, Flow.TO_STORE: S.DELIVERED_TO_STORE,
                   Flow.STORE: S.COLLECTED}
# Where each flow puts the goods within the customer's reach, and where it ends.
REACHED = {Flow.TO_CUSTOMER: {S.SHIPPED, S.DELIVERED},
           Flow.TO_STORE: {S.DELIVERED_TO_STORE, S.COLLECTED},
           Flow.STORE: {S.READY, S.COLLECTED}}
DONE = {Flow.TO_CUSTOMER: {S.DELIVERED}, Flow.TO_STORE: {S.COLLECTED},
        Flow.STORE: {S.COLLECTED}}


def flow_of(fulfilment: Fulfilment) -> Flow:
    if fulfilment.cooperative_id is None:
        return Flow.STORE
    if fulfilment.destination == Destination.STORE:
        return Flow.TO_STORE
    return Flow.TO_CUSTOMER


def next_statuses(fulfilment: Fulfilment, is_staff: bool) -> list[str]:
    """The statuses this user may move the fulfilment to now, in the order to offer them."""
    role = "staff" if is_staff else "coop"
    moves = FLOWS[flow_of(fulfilment)].get(fulfilment.status, {})
    return [to for to, who in moves.items() if role in who]


def within_reach(fulfilment: Fulfilment) -> bool:
    """On its way to the customer, or waiting for them at the store."""
    return fulfilment.status in REACHED[flow_of(fulfilment)]


def is_done(fulfilment: Fulfilment) -> bool:
    return fulfilment.status in DONE[flow_of(fulfilment)]
