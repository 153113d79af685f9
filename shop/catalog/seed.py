"""Write the demo catalog, its opening stock and one user per role, idempotently.

Every row is found by its natural key (slug, sku, code, email, path, locale) and only
changed where it differs from the demo data, so a second run writes nothing. Opening stock
is booked through the ledger, and only for stock rows that do not exist yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from shop.accounts.models import Role, User
from shop.accounts.services import create_user
from shop.catalog import demo_data
from shop.catalog.demo_data import (
    CategoryData,
    CooperativeData,
    GiftBoxData,
    ProductData,
    workshop_code,
)
from shop.catalog.demo_data.types import PersonalData
from shop.catalog.images import Picture, ensure_product_pictures
from shop.catalog.models import (
    BundleItem,
    Category,
    CategoryTranslation,
    Cooperative,
    CooperativeTranslation,
    Product,
    ProductImage,
    ProductImageTranslation,
    ProductMeasure,
    ProductStatus,
    ProductTranslation,
    RecoveredMaterial,
    Variant,
    VariantTranslation,
    craft_material,
)
from shop.checkout.defaults import ensure_default_shipping_methods
from shop.db import utcnow
from shop.events.demo import seed_demo_events
from shop.extensions import db
from shop.inventory.models import Location, LocationKind, MovementReason, Stock
from shop.inventory.services import adjust_stock
from shop.quotes.demo import seed_demo_company

LOCALES = ("it", "en")
SEED_REFERENCE = "seed-demo"
DEMO_EMAIL_DOMAIN = "demo.vialedeimille.example"
INSTITUTE_NAMES = {"san_vittore": "San Vittore", "opera": "Opera", "bollate": "Bollate"}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    password: str


@dataclass(frozen=True)
class DemoUser:
    role: Role
    mailbox: str
    name: str
    password: str

    @property
    def email(self) -> str:
        return f"{self.mailbox}@{DEMO_EMAIL_DOMAIN}"


# Fixed on purpose: they are printed by `flask catalog seed-demo` and refused in production.
DEMO_USERS = (
    DemoUser(Role.CUSTOMER, "cliente", "Cliente Demo", "cliente-demo-2026"),
    DemoUser(Role.COMPANY, "azienda", "Azienda Demo", "azienda-demo-2026"),
    DemoUser(Role.COOP, "coop", "Laboratorio Demo", "coop-demo-2026"),
    DemoUser(Role.STAFF, "staff", "Negozio Demo", "staff-demo-2026"),
    DemoUser(Role.ADMIN, "admin", "Amministrazione Demo", "admin-demo-2026"),
)
DEMO_LOGINS = [DemoLogin(user.email, user.role.value, user.password) for user in DEMO_USERS]


def seed_demo(with_images: bool = True) -> list[DemoLogin]:
    """Write the demo data (flush only: the caller commits) and return the demo logins."""
    categories = {data.slug: _upsert_category(data) for data in demo_data.CATEGORIES}
    cooperatives = {data.slug: _upsert_cooperative(data) for data in demo_data.COOPERATIVES}
    db.session.flush()
    workshops = {slug: _upsert_workshop(cooperative) for slug, cooperative in cooperatives.items()}
    store = _upsert_location(demo_data.STORE_CODE, demo_data.STORE_NAME, LocationKind.STORE,
                             None)
    db.session.flush()

    now = utcnow()
    for data in demo_data.PRODUCTS:
        product = _upsert_product(data, categories[data.category],
                                  cooperatives[data.cooperative], now)
        db.session.flush()
        if not data.made_to_order:
            _open_stock(product, data, workshops[data.cooperative], store)
        if with_images:
            _upsert_images(product, ensure_product_pictures(data))

    for box in demo_data.GIFT_BOXES:
        _upsert_bundle_items(box)

    first_cooperative = demo_data.COOPERATIVES[0].slug
    logins = [_upsert_user(user, first_cooperative) for user in DEMO_USERS]
    db.session.flush()
    company_contact = next(user for user in DEMO_USERS if user.role is Role.COMPANY)
    seed_demo_company(company_contact.email, now)
    ensure_default_shipping_methods()
    seed_demo_events(now)
    db.session.flush()
    return logins


def _assign(obj, **values) -> None:
    """Set only the attributes that differ, so unchanged rows get no UPDATE."""
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)


def _find_or_add(model, **key):
    """The row with this natural key, or a new one added to the session."""
    (column, value), = key.items()
    row = db.session.scalar(select(model).where(getattr(model, column) == value))
    if row is None:
        row = model(**key)
        db.session.add(row)
    return row


def _translation(owner, model, locale: str):
    """The owner's translation row for a locale, created when missing."""
    for row in owner.translations:
        if row.locale == locale:
            return row
    row = model(locale=locale)
    owner.translations.append(row)
    return row


def _upsert_category(data: CategoryData) -> Category:
    category = _find_or_add(Category, slug=data.slug)
    _assign(category, position=data.position)
    for locale in LOCALES:
        _assign(_translation(category, CategoryTranslation, locale),
                name=data.name.get(locale), description=data.description.get(locale))
    return category


def _upsert_cooperative(data: CooperativeData) -> Cooperative:
    cooperative = _find_or_add(Cooperative, slug=data.slug)
    _assign(cooperative, name=data.name, institute=data.institute.value, craft=data.craft.value,
            founded_year=data.founded_year, people_employed=data.people_employed,
            contact_email=data.contact_email, commission_bp=data.commission_bp,
            lead_time_days=data.lead_time_days)
    for locale in LOCALES:
        _assign(_translation(cooperative, CooperativeTranslation, locale),
                tagline=data.tagline.get(locale), story=data.story.get(locale))
    return cooperative


def _upsert_workshop(cooperative: Cooperative) -> Location:
    short_name = cooperative.name.removeprefix("Cooperativa ")
    name = f"Laboratorio {short_name}, {INSTITUTE_NAMES[cooperative.institute]}"
    return _upsert_location(workshop_code(cooperative.slug), name, LocationKind.WORKSHOP,
                            cooperative)


def _upsert_location(code: str, name: str, kind: LocationKind,
                     cooperative: Cooperative | None) -> Location:
    location = _find_or_add(Location, code=code)
    _assign(location, name=name, kind=kind.value,
            cooperative_id=cooperative.id if cooperative else None)
    return location


def _material(data: ProductData, cooperative: Cooperative) -> str:
    if data.recovered_material:
        return data.recovered_material
    if not data.recovered_grams_per_unit:
        return RecoveredMaterial.NONE.value
    return craft_material(cooperative.craft).value


def _upsert_product(data: ProductData, category: Category, cooperative: Cooperative,
                    now) -> Product:
    product = _find_or_add(Product, slug=data.slug)
    if product.id is None:
        # Spread over past months, so "newest first" means something; kept on later runs.
        product.created_at = now - timedelta(days=data.age_days)
    _assign(product, cooperative=cooperative, category=category,
            status=ProductStatus.ACTIVE.value, vat_rate_bp=data.vat_rate_bp,
            made_to_order=data.made_to_order, lead_time_days=data.lead_time_days,
            impact_minutes_per_unit=data.impact_minutes_per_unit,
            recovered_grams_per_unit=data.recovered_grams_per_unit, featured=data.featured,
            recovered_material=_material(data, cooperative))
    for locale in LOCALES:
        _assign(_translation(product, ProductTranslation, locale),
                name=data.name.get(locale), description=data.description.get(locale),
                origin_story=data.origin_story.get(locale),
                materials=data.materials.get(locale))
    _upsert_personal(product, data.personal)
    for position, variant_data in enumerate(data.variants):
        variant = _find_or_add(Variant, sku=variant_data.sku)
        _assign(variant, product=product, label=variant_data.label.it,
                price_cents=variant_data.price_cents, weight_grams=variant_data.weight_grams,
                position=position, active=True)
        if variant_data.label.differs():
            for locale in LOCALES:
                _assign(_translation(variant, VariantTranslation, locale),
                        label=variant_data.label.get(locale))
    return product


def _upsert_personal(product: Product, personal: PersonalData | None) -> None:
    """What the product asks the customer to write or measure (nothing if not personalised)."""
    personal = personal or PersonalData()
    _assign(product, personal_text_kind=personal.text_kind, personal_text_max=personal.text_max,
            personal_text_lines=personal.text_lines,
            personal_text_required=personal.text_required)
    wanted = {dimension: (low, high, position)
              for position, (dimension, low, high) in enumerate(personal.measures)}
    for measure in list(product.measures):
        if measure.dimension not in wanted:
            product.measures.remove(measure)
    have = {m.dimension: m for m in product.measures}
    for dimension, (low, high, position) in wanted.items():
        measure = have.get(dimension)
        if measure is None:
            measure = ProductMeasure(dimension=dimension)
            product.measures.append(measure)
        _assign(measure, min_cm=low, max_cm=high, position=position)


def _open_stock(product: Product, data: ProductData, workshop: Location,
                store: Location) -> None:
    variants = {variant.sku: variant for variant in product.variants}
    for variant_data in data.variants:
        variant = variants[variant_data.sku]
        for location, quantity in ((workshop, variant_data.workshop_stock),
                                   (store, variant_data.store_stock)):
            if quantity and not _stock_exists(variant.id, location.id):
                adjust_stock(variant.id, location.id, quantity, MovementReason.INITIAL,
                             reference=SEED_REFERENCE, note="Giacenza iniziale demo")


def _upsert_bundle_items(box: GiftBoxData) -> None:
    """A gift box's parts, by SKU; a part dropped from the data leaves the box."""
    product = db.session.scalar(select(Product).where(Product.slug == box.product.slug))
    wanted = {sku: (position, units) for position, (sku, units) in enumerate(box.items)}
    current = {item.variant.sku: item for item in product.bundle_items}
    for sku, item in current.items():
        if sku not in wanted:
            product.bundle_items.remove(item)
    for sku, (position, units) in wanted.items():
        item = current.get(sku)
        if item is None:
            variant = db.session.scalar(select(Variant).where(Variant.sku == sku))
            item = BundleItem(variant=variant)
            product.bundle_items.append(item)
        _assign(item, quantity=units, position=position)
    db.session.flush()


def _stock_exists(variant_id: int, location_id: int) -> bool:
    return db.session.scalar(
        select(Stock.id).where(Stock.variant_id == variant_id,
                               Stock.location_id == location_id)) is not None


def _upsert_images(product: Product, pictures: list[Picture]) -> None:
    existing = {image.path: image for image in product.images}
    for position, picture in enumerate(pictures):
        image = existing.get(picture.path)
        if image is None:
            image = ProductImage(path=picture.path)
            product.images.append(image)
        _assign(image, width=picture.width, height=picture.height, position=position)
        for locale in LOCALES:
            _assign(_translation(image, ProductImageTranslation, locale),
                    alt=picture.alt.get(locale))


def _upsert_user(demo: DemoUser, cooperative_slug: str) -> DemoLogin:
    coop_slug = cooperative_slug if demo.role is Role.COOP else None
    user = db.session.scalar(select(User).where(User.email == demo.email))
    if user is None:
        create_user(demo.email, demo.role, password=demo.password, cooperative_slug=coop_slug,
                    name=demo.name)
    else:
        cooperative_id = db.session.scalar(
            select(Cooperative.id).where(Cooperative.slug == coop_slug)) if coop_slug else None
        _assign(user, role=demo.role.value, cooperative_id=cooperative_id, name=demo.name,
                active=True)
        # Hashes are salted: set the password again only if the demo one no longer works.
        if not user.check_password(demo.password):
            user.set_password(demo.password)
    return DemoLogin(demo.email, demo.role.value, demo.password)
