"""The demo catalog as plain data: cooperatives, categories, products, variants, opening stock.

Everything here is fictional. seed.py writes it to the database; nothing in this package
touches the database.
"""

from shop.catalog.demo_data import bakery, carpentry, plants, printshop, tailoring
from shop.catalog.demo_data.categories import CATEGORIES
from shop.catalog.demo_data.cooperatives import COOPERATIVES
from shop.catalog.demo_data.giftboxes import GIFT_BOXES, GiftBoxData
from shop.catalog.demo_data.types import (
    Bilingual,
    CategoryData,
    CooperativeData,
    ProductData,
    VariantData,
)

PRODUCTS: tuple[ProductData, ...] = (
    tailoring.PRODUCTS + bakery.PRODUCTS + printshop.PRODUCTS + carpentry.PRODUCTS
    + plants.PRODUCTS + tuple(box.product for box in GIFT_BOXES)
)

STORE_CODE = "store-viale-dei-mille"
STORE_NAME = "Negozio Viale dei Mille"


def workshop_code(cooperative_slug: str) -> str:
    return f"workshop-{cooperative_slug}"


__all__ = [
    "CATEGORIES", "COOPERATIVES", "GIFT_BOXES", "PRODUCTS", "STORE_CODE", "STORE_NAME", "Bilingual",
    "CategoryData", "CooperativeData", "GiftBoxData", "ProductData", "VariantData", "workshop_code",
]
