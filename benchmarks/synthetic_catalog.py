"""Synthetic catalogs for the search benchmark: N products in Italian and English.

The demo catalog (cooperatives, categories, locations and its 45 products) is loaded first;
the rest is generated from per-craft vocabularies with a fixed random seed, so two runs
index the same texts. Rows are inserted with Core statements in large batches: the ORM
(and with it the search queue) is not involved, the benchmark rebuilds the index itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from shop.catalog.models import (
    Category,
    Cooperative,
    Product,
    ProductTranslation,
    Variant,
)
from shop.catalog.seed import seed_demo
from shop.extensions import db
from shop.inventory.models import Location, Stock

# (italian, english) pairs
KINDS = {
    "abbigliamento-accessori": [
        ("Grembiule", "apron"), ("Borsa", "bag"), ("Tote bag", "tote bag"),
        ("Astuccio", "pencil case"), ("Maglietta", "T-shirt"), ("Sacca", "pouch"),
        ("Canovaccio", "tea towel"), ("Fodera per cuscino", "cushion cover"),
        ("Tovaglia", "tablecloth"), ("Zaino", "backpack")],
    "forno-dolci": [
        ("Biscotti", "biscuits"), ("Torta", "cake"), ("Panettone", "panettone"),
        ("Grissini", "grissini"), ("Taralli", "taralli"), ("Pagnotta", "loaf"),
        ("Crostata", "tart"), ("Cantucci", "cantucci"), ("Focaccia", "focaccia"),
        ("Colomba", "Easter dove cake")],
    "carta-stampa": [
        ("Quaderno", "notebook"), ("Taccuino", "notepad"), ("Stampa", "print"),
        ("Biglietti d'auguri", "greeting cards"), ("Calendario", "calendar"),
        ("Segnalibro", "bookmark"), ("Poster", "poster"), ("Agenda", "planner")],
    "legno-casa": [
        ("Tagliere", "cutting board"), ("Sgabello", "stool"), ("Mensola", "shelf"),
        ("Vassoio", "tray"), ("Cucchiai", "spoons"), ("Casetta per uccellini", "birdhouse"),
        ("Libreria", "bookcase"), ("Cornice", "picture frame")],
    "piante-giardino": [
        ("Pianta grassa", "succulent"), ("Lavanda", "lavender"), ("Vaso", "pot"),
        ("Olivo", "olive tree"), ("Felce", "fern"), ("Basilico", "basil"),
        ("Rosmarino", "rosemary"), ("Cassetta per aromatiche", "herb planter")],
    "regali-aziendali": [
        ("Cofanetto regalo aziendale", "corporate gift box"),
        ("Kit regalo aziendale", "corporate gift kit"), ("Cesto natalizio", "Christmas hamper")],
}
ATTRIBUTES = {
    "abbigliamento-accessori": [("in canapa", "hemp"), ("in lino", "linen"),
                                ("in cotone biologico", "organic cotton"),
                                ("in jeans recuperato", "recycled denim"), ("in juta", "jute")],
    "forno-dolci": [("al burro", "butter"), ("al cioccolato", "chocolate"),
                    ("alle mandorle", "almond"), ("al caffè", "coffee"),
                    ("alle nocciole", "hazelnut"), ("al limone", "lemon")],
    "carta-stampa": [("rilegato a mano", "hand-bound"), ("in letterpress", "letterpress"),
                     ("illustrato", "illustrated"), ("serigrafico", "screen-printed")],
    "legno-casa": [("in rovere", "oak"), ("in noce", "walnut"), ("in castagno", "chestnut"),
                   ("di recupero", "reclaimed")],
    "piante-giardino": [("in vaso", "potted"), ("in terracotta", "terracotta"),
                        ("in vaso sospeso", "hanging")],
    "regali-aziendali": [("«Dolce lavoro»", "“Sweet Work”"), ("da scrivania", "desk"),
                         ("per clienti", "for clients")],
}
COLOURS = [("blu", "blue"), ("rosso", "red"), ("verde salvia", "sage green"),
           ("naturale", "natural"), ("nero", "black"), ("giallo ocra", "ochre yellow")]
COOPERATIVE_OF = {
    "abbigliamento-accessori": "filo-dritto", "forno-dolci": "lievito-madre",
    "carta-stampa": "carta-canta", "legno-casa": "venature",
    "piante-giardino": "radici-nuove", "regali-aziendali": "lievito-madre",
}
DESCRIPTION = [
    ("{kind} {attr} fatto a mano nel laboratorio, pezzo per pezzo.",
     "A {attr} {kind} made by hand in the workshop, piece by piece."),
    ("Resistente e pensato per durare anni di uso quotidiano.",
     "Sturdy and designed to last for years of everyday use."),
    ("Ogni esemplare è leggermente diverso dagli altri.",
     "Every piece is slightly different from the others."),
    ("Si lava facilmente e migliora con il tempo.",
     "It is easy to clean and gets better with time."),
    ("Un regalo semplice per chi ama le cose fatte bene.",
     "A simple gift for anyone who loves things made well."),
    ("Disponibile in più misure e colori, su richiesta anche personalizzato.",
     "Available in several sizes and colours, personalised on request."),
    ("Confezionato in carta riciclata, senza plastica.",
     "Wrapped in recycled paper, without plastic."),
    ("Perfetto per la cucina, lo studio o il giardino.",
     "Perfect for the kitchen, the study or the garden."),
]
STORY = [
    ("Nasce nel laboratorio del carcere, dove {people} persone lavorano con un contratto.",
     "It is made in the prison workshop, where {people} people work under a contract."),
    ("Usiamo materiali di recupero che altrimenti finirebbero in discarica.",
     "We use recovered materials that would otherwise end up in landfill."),
    ("Chi lo realizza ha imparato il mestiere con un corso di sei mesi.",
     "The person who makes it learnt the trade on a six-month course."),
    ("Ogni vendita paga {minutes} minuti di lavoro retribuito.",
     "Each sale pays for {minutes} minutes of paid work."),
    ("Il progetto è sostenuto da volontari e artigiani milanesi.",
     "The project is supported by volunteers and craftspeople from Milan."),
    ("Lavorare qui vuol dire avere un orario, uno stipendio e un mestiere da portare fuori.",
     "Working here means having hours, a wage and a trade to take outside."),
]
MATERIALS = {
    "abbigliamento-accessori": ("tela di cotone, filo di poliestere riciclato",
                                "cotton canvas, recycled polyester thread"),
    "forno-dolci": ("farina di grano tenero, burro, zucchero, uova",
                    "soft wheat flour, butter, sugar, eggs"),
    "carta-stampa": ("carta riciclata, inchiostri vegetali", "recycled paper, vegetable inks"),
    "legno-casa": ("legno massello, olio di lino", "solid wood, linseed oil"),
    "piante-giardino": ("terriccio, terracotta", "potting soil, terracotta"),
    "regali-aziendali": ("carta, cartone riciclato", "paper, recycled cardboard"),
}


@dataclass(frozen=True)
class SyntheticProduct:
    slug: str
    category: str
    name: tuple[str, str]
    description: tuple[str, str]
    story: tuple[str, str]
    materials: tuple[str, str]
    prices: tuple[int, ...]
    stock: tuple[int, ...]
    made_to_order: bool
    age_days: int


def synthetic_products(count: int, seed: int = 20260) -> list[SyntheticProduct]:
    rng = random.Random(seed)
    categories = list(KINDS)
    weights = [5, 5, 4, 4, 4, 1]
    products = []
    for n in range(count):
        category = rng.choices(categories, weights)[0]
        kind_it, kind_en = rng.choice(KINDS[category])
        attr_it, attr_en = rng.choice(ATTRIBUTES[category])
        colour_it, colour_en = rng.choice(COLOURS)
        name_it = f"{kind_it} {attr_it}"
        name_en = f"{attr_en.capitalize()} {kind_en}"
        if rng.random() < 0.4:
            name_it, name_en = f"{name_it} {colour_it}", f"{colour_en.capitalize()} {name_en}"
        fill = {"people": rng.randint(4, 20), "minutes": rng.choice([20, 30, 45, 60, 90])}
        description = rng.sample(DESCRIPTION[1:], 3)
        story = rng.sample(STORY, 4)
        variants = rng.choice([1, 1, 2, 3])
        base = rng.choice([450, 650, 900, 1200, 1500, 1900, 2400, 3200, 3900, 5200, 8900])
        made_to_order = rng.random() < 0.08
        products.append(SyntheticProduct(
            slug=f"synthetic-{n + 1}",
            category=category,
            name=(name_it, name_en),
            description=(
                " ".join([DESCRIPTION[0][0].format(kind=kind_it, attr=attr_it)]
                         + [it for it, _ in description]),
                " ".join([DESCRIPTION[0][1].format(kind=kind_en.lower(), attr=attr_en)]
                         + [en for _, en in description])),
            story=(" ".join(it.format(**fill) for it, _ in story),
                   " ".join(en.format(**fill) for _, en in story)),
            materials=MATERIALS[category],
            prices=tuple(base + 300 * i for i in range(variants)),
            stock=tuple(0 if made_to_order or rng.random() < 0.15 else rng.randint(1, 40)
                        for _ in range(variants)),
            made_to_order=made_to_order,
            age_days=rng.randint(0, 720),
        ))
    return products


def write_catalog(count: int, batch: int = 2000) -> int:
    """Load the demo catalog, then add synthetic products up to `count`; return the total."""
    seed_demo(with_images=False)
    db.session.commit()
    existing = db.session.scalar(select(db.func.count(Product.id)))
    categories = dict(db.session.execute(select(Category.slug, Category.id)).all())
    cooperatives = dict(db.session.execute(select(Cooperative.slug, Cooperative.id)).all())
    workshops = dict(db.session.execute(
        select(Location.cooperative_id, Location.id)
        .where(Location.cooperative_id.is_not(None))).all())
    next_product = (db.session.scalar(select(db.func.max(Product.id))) or 0) + 1
    next_variant = (db.session.scalar(select(db.func.max(Variant.id))) or 0) + 1
    now = datetime.now(UTC)
    items = synthetic_products(max(0, count - existing))
    for start in range(0, len(items), batch):
        products, translations, variants, stock = [], [], [], []
        for item in items[start:start + batch]:
            coop_id = cooperatives[COOPERATIVE_OF[item.category]]
            products.append({
                "id": next_product, "slug": item.slug, "cooperative_id": coop_id,
                "category_id": categories[item.category], "status": "active",
                "vat_rate_bp": 2200, "made_to_order": item.made_to_order,
                "lead_time_days": 7 if item.made_to_order else None,
                "impact_minutes_per_unit": 30, "recovered_grams_per_unit": 100,
                "featured": False, "created_at": now - timedelta(days=item.age_days),
                "updated_at": now})
            for i, locale in enumerate(("it", "en")):
                translations.append({
                    "product_id": next_product, "locale": locale, "name": item.name[i],
                    "description": item.description[i], "origin_story": item.story[i],
                    "materials": item.materials[i]})
            for position, (price, units) in enumerate(zip(item.prices, item.stock,
                                                          strict=True)):
                variants.append({
                    "id": next_variant, "product_id": next_product,
                    "sku": f"SYN-{next_product}-{position}", "label": f"Misura {position + 1}",
                    "price_cents": price, "weight_grams": 300, "position": position,
                    "active": True})
                if units:
                    stock.append({"variant_id": next_variant, "location_id": workshops[coop_id],
                                  "on_hand": units, "allocated": 0})
                next_variant += 1
            next_product += 1
        db.session.execute(insert(Product.__table__), products)
        db.session.execute(insert(ProductTranslation.__table__), translations)
        db.session.execute(insert(Variant.__table__), variants)
        if stock:
            db.session.execute(insert(Stock.__table__), stock)
        db.session.commit()
    return db.session.scalar(select(db.func.count(Product.id)))
