"""The consortium's standard shipping rates (prices VAT included), for new databases."""

from __future__ import annotations

from sqlalchemy import select

from shop.checkout.models import ShippingMethod, ShippingMethodTranslation
from shop.extensions import db

DEFAULT_METHODS = (
    # code, zone, price, free over, days min, days max, position, it name, en name
    ("it-standard", "it", 690, 6000, 2, 4, 1,
     "Corriere in Italia, 2–4 giorni lavorativi", "Courier within Italy, 2–4 working days"),
    ("it-express", "it", 1290, None, 1, 2, 2,
     "Corriere espresso in Italia, 1–2 giorni lavorativi",
     "Express courier within Italy, 1–2 working days"),
    ("eu-standard", "eu", 1490, 15000, 4, 8, 3,
     "Corriere nell'Unione europea, 4–8 giorni lavorativi",
     "Courier within the EU, 4–8 working days"),
    ("pickup", "pickup", 0, None, 0, 0, 4,
     "Ritiro nel negozio di Viale dei Mille", "Collection at the Viale dei Mille store"),
)


def ensure_default_shipping_methods() -> int:
    """Create the standard methods that are missing; return how many were added."""
    existing = set(db.session.scalars(select(ShippingMethod.code)))
    added = 0
    for code, zone, price, free_over, dmin, dmax, position, name_it, name_en in DEFAULT_METHODS:
        if code in existing:
            continue
        db.session.add(ShippingMethod(
            code=code, zone=zone, price_cents=price, free_over_cents=free_over, days_min=dmin,
            days_max=dmax, position=position, active=True,
            translations=[ShippingMethodTranslation(locale="it", name=name_it),
                          ShippingMethodTranslation(locale="en", name=name_en)]))
        added += 1
    db.session.flush()
    return added
