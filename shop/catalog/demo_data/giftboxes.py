"""Demo gift boxes: products made of other cooperatives' products (bundles).

A box holds no stock: what can be sold follows its parts, and each part goes to the
cooperative that makes it. The box is listed under the cooperative that assembles it.
"""

from dataclasses import dataclass

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import ProductData
from shop.catalog.demo_data.types import VariantData as V
from shop.catalog.demo_data.types import label as L

CATEGORY = "regali-aziendali"


@dataclass(frozen=True)
class GiftBoxData:
    product: ProductData
    items: tuple[tuple[str, int], ...]  # (part SKU, units in one box)


GIFT_BOXES = (
    GiftBoxData(
        ProductData(
            slug="scatola-regalo-colazione", cooperative="filo-dritto", category=CATEGORY,
            name=B("Scatola regalo «Colazione»", "“Breakfast” gift box"),
            description=B(
                "Una tote bag in tela naturale che contiene un sacchetto di frollini al burro "
                "e un set di tre cucchiai in legno: tre laboratori, una colazione.",
                "A natural canvas tote bag holding a bag of butter shortbread and a set of "
                "three wooden spoons: three workshops, one breakfast."),
            origin_story=B(
                "La borsa la cuciono a San Vittore, i frollini escono dal forno di Opera e i "
                "cucchiai dalla falegnameria, sempre a Opera. Ogni cosa parte dal laboratorio "
                "che l'ha fatta.",
                "The bag is sewn at San Vittore, the shortbread comes out of the Opera bakery and "
                "the spoons out of the carpentry workshop, also at Opera. Each thing leaves "
                "from the workshop that made it."),
            materials=B("tela di cotone, frollini, legno di faggio",
                        "cotton canvas, shortbread, beech wood"),
            vat_rate_bp=2200,
            variants=(V("GB-COL-ONE", L("Standard"), 3900, 800),),
            impact_minutes_per_unit=90, recovered_grams_per_unit=60, age_days=3,
            motif="giftbox", tint="natural", featured=True),
        items=(("FD-TOT-NAT", 1), ("LM-BIS-250", 1), ("VN-SPN-SET", 1)),
    ),
    GiftBoxData(
        ProductData(
            slug="scatola-regalo-scrivania-verde", cooperative="carta-canta", category=CATEGORY,
            name=B("Scatola regalo «Scrivania verde»", "“Green desk” gift box"),
            description=B(
                "Un quaderno puntinato, una piccola succulenta e uno svuotatasche in noce: un "
                "regalo per chi lavora alla scrivania.",
                "A dotted notebook, a small succulent and a walnut catch-all tray: a gift for "
                "whoever works at a desk."),
            origin_story=B(
                "Tre cooperative per una scrivania: la legatoria e la serra di Bollate e la "
                "falegnameria di Opera.",
                "Three cooperatives for one desk: the bindery and the greenhouse at Bollate, "
                "and the carpentry workshop at Opera."),
            materials=B("carta riciclata, pianta in vaso, legno di noce",
                        "recycled paper, potted plant, walnut wood"),
            vat_rate_bp=2200,
            variants=(V("GB-SCR-ONE", L("Standard"), 3900, 1100),),
            impact_minutes_per_unit=110, recovered_grams_per_unit=150, age_days=4,
            motif="giftbox", tint="sage"),
        items=(("CC-NTB-DOT", 1), ("RN-SUC-ECH", 1), ("VN-VAL-ONE", 1)),
    ),
)
