"""Translated names for the values the domains store as codes."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.units import weight

INSTITUTES = {
    "san_vittore": _l("San Vittore prison"),
    "opera": _l("Opera prison"),
    "bollate": _l("Bollate prison"),
}

CRAFTS = {
    "tailoring": _l("Tailoring"),
    "bakery": _l("Bakery"),
    "print": _l("Print and graphics"),
    "carpentry": _l("Carpentry"),
    "plants": _l("Plants and gardens"),
}

# The kinds of material a product saves from waste (shop.catalog.models.RecoveredMaterial).
RECOVERED_MATERIALS = {
    "fabric": _l("recovered fabric"),
    "wood": _l("recovered wood"),
    "paper": _l("recovered paper"),
    "food": _l("surplus ingredients"),
    "compost": _l("recycled pots and compost"),
    "none": _l("recovered material"),  # no particular kind (or none recovered)
}

EVENT_STATUSES = {
    "draft": _l("Draft"),
    "published": _l("Published"),
    "cancelled": _l("Cancelled"),
}

ORDER_STATUSES = {
    "pending_payment": _l("Awaiting payment"),
    "paid": _l("Paid, being prepared"),
    "partially_fulfilled": _l("Partly shipped"),
    "fulfilled": _l("Shipped"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
    "partially_refunded": _l("Partly refunded"),
    "refunded": _l("Refunded"),
}

# A pickup order is "fulfilled" when every part waits at the store.
ORDER_STATUSES_PICKUP = {
    **ORDER_STATUSES,
    "partially_fulfilled": _l("Partly ready for pickup"),
    "fulfilled": _l("Ready for pickup"),
}

# As cooperatives and staff call each step.
FULFILMENT_STATUSES = {
    "new": _l("New"),
    "accepted": _l("Accepted"),
    "in_production": _l("In production"),
    "ready": _l("Ready"),
    "shipped": _l("Shipped"),
    "delivered": _l("Delivered"),
    "delivered_to_store": _l("Delivered to the store"),
    "collected": _l("Collected"),
    "cancelled": _l("Cancelled"),
}

# The button that makes each move.
FULFILMENT_ACTIONS = {
    "accepted": _l("Accept"),
    "in_production": _l("Start production"),
    "ready": _l("Mark as ready"),
    "shipped": _l("Ship"),
    "delivered": _l("Mark as delivered"),
    "delivered_to_store": _l("Mark as delivered to the store"),
    "collected": _l("Mark as collected"),
    "cancelled": _l("Cancel this part"),
}

# As the customer reads each step on their order page.
FULFILMENT_PROGRESS = {
    "new": _l("Being prepared"),
    "accepted": _l("Being prepared"),
    "in_production": _l("Being made"),
    "ready": _l("Packed, leaving soon"),
    "shipped": _l("Shipped"),
    "delivered": _l("Delivered"),
    "delivered_to_store": _l("Waiting for you at the store"),
    "collected": _l("Collected"),
    "cancelled": _l("Cancelled"),
}
STORE_PART_PROGRESS = {
    **FULFILMENT_PROGRESS,
    "new": _l("Being set aside at the store"),
    "ready": _l("Waiting for you at the store"),
}
PICKUP_PART_PROGRESS = {
    **FULFILMENT_PROGRESS,
    "ready": _l("On its way to the store"),
}

DESTINATIONS = {
    "customer": _l("Ship to the customer"),
    "store": _l("Deliver to the Viale dei Mille store"),
}

MOVEMENT_REASONS = {
    "initial": _l("Opening stock"),
    "production": _l("Production finished"),
    "sale": _l("Sale"),
    "damaged": _l("Damaged"),
    "count_correction": _l("Count correction"),
    "transfer_in": _l("Transfer in"),
    "transfer_out": _l("Transfer out"),
    "return": _l("Return"),
}

DUE_FILTERS = {
    "overdue": _l("Overdue"),
    "today": _l("Due by today"),
    "week": _l("Due within a week"),
}

ROLES = {
    "customer": _l("Customer"),
    "company": _l("Company buyer"),
    "coop": _l("Cooperative member"),
    "staff": _l("Store staff"),
    "admin": _l("Administrator"),
}

LANGUAGES = {
    "it": _l("Italian"),
    "en": _l("English"),
}

LOCATION_KINDS = {
    "workshop": _l("Workshop"),
    "store": _l("Store"),
}

# References the ledger stores for movements that come from no order.
MOVEMENT_REFERENCES = {
    "seed-demo": _l("Demo data"),
    "workshop": _l("Workshop correction"),
}

# What each audit log action means, as the admin reads it.
AUDIT_ACTIONS = {
    "user.update": _l("Role changed"),
    "user.deactivate": _l("Account switched off"),
    "user.reactivate": _l("Account switched on again"),
    "user.two_factor_enable": _l("Sign-in codes set up"),
    "user.two_factor_disable": _l("Sign-in codes switched off"),
    "user.recovery_code_use": _l("Recovery code used"),
    "invitation.create": _l("Invitation sent"),
    "invitation.accept": _l("Invitation accepted"),
    "fulfilment.advance": _l("Order part moved on"),
    "stock.adjust": _l("Stock corrected"),
    "cooperative.impact_method": _l("Impact method changed"),
}

AUDIT_ENTITIES = {
    "user": _l("Account"),
    "invitation": _l("Invitation"),
    "fulfilment": _l("Order part"),
    "stock": _l("Stock"),
    "product": _l("Product"),
    "variant": _l("Variant"),
    "category": _l("Category"),
    "cooperative": _l("Cooperative"),
    "consent": _l("Consent record"),
}

SORTS = {
    "relevance": _l("Featured"),
    "newest": _l("Newest"),
    "price_asc": _l("Price, low to high"),
    "price_desc": _l("Price, high to low"),
    "name": _l("Name, A to Z"),
}


def label(mapping: dict, code: str | None) -> str:
    return str(mapping.get(code or "", code or ""))


def movement_reference(reference: str | None) -> str:
    """An order number stays as it is; the ledger's own codes become words."""
    return label(MOVEMENT_REFERENCES, reference)


def audit_action(action: str | None) -> str:
    """A known action in words; an unknown dotted one as "entity: verb"."""
    if action in AUDIT_ACTIONS:
        return str(AUDIT_ACTIONS[action])
    entity, _, verb = (action or "").partition(".")
    return f"{label(AUDIT_ENTITIES, entity)}: {verb.replace('_', ' ')}" if verb else action or ""


def order_status(code: str | None, delivery_method: str | None = None) -> str:
    return label(ORDER_STATUSES_PICKUP if delivery_method == "pickup" else ORDER_STATUSES, code)


def fulfilment_progress(fulfilment) -> str:
    """A part's status as the customer reads it, by where its goods go."""
    if fulfilment.cooperative_id is None:
        return label(STORE_PART_PROGRESS, fulfilment.status)
    if fulfilment.destination == "store":
        return label(PICKUP_PART_PROGRESS, fulfilment.status)
    return label(FULFILMENT_PROGRESS, fulfilment.status)


def materials_text(materials, locale: str) -> str:
    """(kind, grams) pairs for people: '1,2 kg di tessuto recuperato, 300 g di …'."""
    return ", ".join(_("%(weight)s of %(material)s", weight=weight(grams, locale),
                       material=label(RECOVERED_MATERIALS, kind))
                     for kind, grams in materials if grams)
