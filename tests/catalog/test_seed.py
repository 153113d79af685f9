"""The demo catalog: complete, bilingual, consistent with the ledger, idempotent, discreet."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from sqlalchemy import event, func, select

from shop.accounts.models import Role, User
from shop.catalog.images import RENDITION_WIDTHS, rendition_path
from shop.catalog.models import (
    Category,
    Cooperative,
    CooperativeTranslation,
    Craft,
    Institute,
    Product,
    ProductImageTranslation,
    ProductStatus,
    ProductTranslation,
    Variant,
)
from shop.catalog.privacy import FORBIDDEN
from shop.catalog.seed import DEMO_USERS, seed_demo
from shop.config import ProductionConfig
from shop.extensions import db
from shop.inventory.models import Location, LocationKind, Stock
from shop.inventory.services import ledger_total


def table_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def all_products() -> list[Product]:
    return list(db.session.scalars(select(Product).order_by(Product.slug)))


def test_demo_has_at_least_40_active_products_from_five_cooperatives(demo, ctx):
    products = all_products()

    assert len(products) >= 44
    assert all(p.status == ProductStatus.ACTIVE for p in products)
    per_coop = {c.slug: len(c.products) for c in db.session.scalars(select(Cooperative))}
    assert sorted(per_coop) == ["carta-canta", "filo-dritto", "lievito-madre", "radici-nuove",
                                "venature"]
    assert all(8 <= n <= 10 for n in per_coop.values())


def test_cooperatives_cover_every_institute_and_craft(demo, ctx):
    cooperatives = list(db.session.scalars(select(Cooperative)))

    assert {c.institute for c in cooperatives} == {i.value for i in Institute}
    assert sorted(c.craft for c in cooperatives) == sorted(c.value for c in Craft)
    for coop in cooperatives:
        assert coop.contact_email.endswith(".example")
        assert 2000 <= coop.commission_bp <= 3000
        assert {t.locale for t in coop.translations} == {"it", "en"}
        assert all(t.tagline and t.story.count("\n\n") >= 1 for t in coop.translations)


def test_every_product_has_complete_italian_and_english_texts(demo, ctx):
    for product in all_products():
        texts = {t.locale: t for t in product.translations}
        assert sorted(texts) == ["en", "it"], product.slug
        for t in texts.values():
            assert t.name and t.description and t.origin_story and t.materials, product.slug
        assert texts["it"].origin_story != texts["en"].origin_story


def test_vat_rates_follow_italian_law_for_each_kind_of_product(demo, ctx):
    products = {p.slug: p for p in all_products()}

    assert {p.vat_rate_bp for p in products.values()} == {400, 1000, 2200}
    bakery = [p for p in products.values() if p.cooperative.slug == "lievito-madre"]
    assert bakery and all(p.vat_rate_bp in (400, 1000) for p in bakery)
    assert products["grissini-stirati"].vat_rate_bp == 400
    assert products["panettone-tradizionale"].vat_rate_bp == 1000
    assert products["pianta-grassa-vasetto"].vat_rate_bp == 1000
    assert products["vaso-terracotta-dipinto"].vat_rate_bp == 2200
    assert products["grembiule-canapa"].vat_rate_bp == 2200


def test_prices_are_positive_integer_cents(demo, ctx):
    variants = list(db.session.scalars(select(Variant)))

    assert len(variants) >= 60
    assert all(type(v.price_cents) is int and v.price_cents > 0 for v in variants)
    assert db.session.scalar(select(Variant).where(Variant.sku == "FD-APR-BLU")).price_cents == 3200


def test_made_to_order_products_have_lead_times_and_hold_no_stock(demo, ctx):
    made_to_order = [p for p in all_products() if p.made_to_order]

    assert len(made_to_order) >= 3
    assert all(p.lead_time_days and p.lead_time_days > 0 for p in made_to_order)
    variant_ids = [v.id for p in made_to_order for v in p.variants]
    assert db.session.scalar(
        select(func.count()).select_from(Stock).where(Stock.variant_id.in_(variant_ids))) == 0


def test_every_product_has_pictures_on_disk_in_every_width_with_alt_text(demo, app, ctx):
    media = Path(app.config["MEDIA_ROOT"])
    for product in all_products():
        assert 1 <= len(product.images) <= 2, product.slug
        for n, image in enumerate(product.images, start=1):
            assert image.path == f"products/{product.slug}-{n}.webp"
            for width in RENDITION_WIDTHS:
                with Image.open(media / rendition_path(image.path, width)) as picture:
                    assert picture.format == "WEBP"
                    assert picture.size == (width, width)
            alts = {t.locale: t.alt for t in image.translations}
            assert sorted(alts) == ["en", "it"] and all(alts.values()), product.slug


def test_rendition_path_names_the_resized_copies():
    assert rendition_path("products/tote-bag-tela-1.webp", 400) == \
        "products/tote-bag-tela-1-400w.webp"
    assert rendition_path("products/tote-bag-tela-1.webp", 800) == \
        "products/tote-bag-tela-1-800w.webp"
    assert rendition_path("products/tote-bag-tela-1.webp", 1200) == "products/tote-bag-tela-1.webp"


def test_locations_are_one_workshop_per_cooperative_and_the_store(demo, ctx):
    locations = {loc.code: loc for loc in db.session.scalars(select(Location))}

    assert sorted(locations) == sorted(
        [f"workshop-{slug}" for slug in ("filo-dritto", "lievito-madre", "carta-canta",
                                         "venature", "radici-nuove")]
        + ["store-viale-dei-mille"])
    store = locations["store-viale-dei-mille"]
    assert (store.kind, store.name, store.cooperative_id) == (
        LocationKind.STORE, "Negozio Viale dei Mille", None)
    store_rows = db.session.scalar(
        select(func.count()).select_from(Stock).where(Stock.location_id == store.id))
    assert 12 <= store_rows <= 20


def test_ledger_sums_to_on_hand_for_every_stock_row(demo, ctx):
    rows = list(db.session.scalars(select(Stock)))

    assert len(rows) >= 60
    for stock in rows:
        assert stock.allocated == 0
        assert ledger_total(stock.variant_id, stock.location_id) == stock.on_hand > 0


def test_some_variants_are_sold_out_and_most_are_in_stock(demo, ctx):
    held = {v.sku: sum(s.on_hand for s in db.session.scalars(
        select(Stock).where(Stock.variant_id == v.id)))
        for v in db.session.scalars(select(Variant))
        if not v.product.made_to_order and not v.product.bundle_items}  # boxes hold none

    sold_out = sorted(sku for sku, on_hand in held.items() if on_hand == 0)
    assert sold_out == ["CC-AGE-BRK", "FD-APR-SAL", "FD-CUS-50", "FD-TOT-RED", "VN-STL-NAT"]
    assert held["FD-TOT-BLU"] == 36


def test_newest_and_featured_are_meaningful(demo, ctx):
    products = all_products()
    ages = sorted(p.created_at for p in products)

    assert (ages[-1] - ages[0]).days >= 180
    assert len(set(ages)) == len(products)
    assert 3 <= sum(p.featured for p in products) <= 10


def test_common_searches_have_sensible_answers(demo, ctx):
    def matching(locale: str, needle: str) -> set[str]:
        rows = db.session.execute(
            select(Product.slug, ProductTranslation.name, ProductTranslation.description)
            .join(ProductTranslation).where(ProductTranslation.locale == locale))
        return {slug for slug, name, text in rows if needle in f"{name} {text}".lower()}

    assert "biscotti-caffe-cacao" in matching("it", "caffè")
    assert {"biscotti-frolla-burro", "biscotti-caffe-cacao"} <= matching("it", "biscotti")
    assert "grembiule-canapa" in matching("it", "grembiule") & matching("en", "apron")
    assert "cofanetto-dolce-lavoro" in matching("it", "regalo aziendale")
    assert "kit-scrivania-regalo" in matching("en", "corporate gift")
    assert "tote-bag-tela" in matching("en", "tote bag")
    blue_tote = db.session.scalar(select(Variant).where(Variant.sku == "FD-TOT-BLU"))
    assert (blue_tote.label_for("it"), blue_tote.label_for("en")) == ("Blu", "Blue")


def test_demo_users_exist_one_per_role_with_the_printed_passwords(demo, ctx):
    users = {u.role: u for u in db.session.scalars(select(User))}

    assert sorted(users) == sorted(r.value for r in Role)
    for demo_user in DEMO_USERS:
        user = users[demo_user.role]
        assert user.email == demo_user.email
        assert user.check_password(demo_user.password)
    assert users[Role.COOP].cooperative.slug == "filo-dritto"
    assert all(u.cooperative_id is None for r, u in users.items() if r != Role.COOP)


def test_no_text_tells_a_worker_s_offence_or_sentence(demo, ctx):
    assert FORBIDDEN.search("Detenuto per rapina, condannato a sei anni")
    assert FORBIDDEN.search("She was convicted and given a long sentence")
    texts = []
    for t in db.session.scalars(select(CooperativeTranslation)):
        texts += [t.tagline, t.story]
    for t in db.session.scalars(select(ProductTranslation)):
        texts += [t.name, t.description, t.origin_story, t.materials]
    for t in db.session.scalars(select(ProductImageTranslation)):
        texts.append(t.alt)
    for category in db.session.scalars(select(Category)):
        texts += [t.description for t in category.translations]

    assert len(texts) > 400
    assert [text for text in texts if FORBIDDEN.search(text)] == []


def test_seeding_again_writes_nothing(demo_rw, app):
    with app.app_context():
        before = table_counts()
        statements: list[str] = []

        def record(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement.split(None, 1)[0].upper())

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            logins = seed_demo(with_images=True)
            db.session.commit()
        finally:
            event.remove(db.engine, "before_cursor_execute", record)

        assert table_counts() == before
        assert [s for s in statements if s in ("INSERT", "UPDATE", "DELETE")] == []
        assert [login.email for login in logins] == [u.email for u in DEMO_USERS]


def test_seed_demo_command_loads_the_catalog_and_prints_the_logins(runner, app):
    result = runner.invoke(args=["catalog", "seed-demo"])

    assert result.exit_code == 0, result.output
    assert "products            47" in result.output
    for demo_user in DEMO_USERS:
        assert f"{demo_user.email}" in result.output
        assert demo_user.password in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Product)) == 47


def test_seed_demo_command_refuses_when_demo_data_is_not_allowed(runner, app, monkeypatch):
    assert ProductionConfig.SEED_DEMO_ALLOWED is False
    monkeypatch.setitem(app.config, "SEED_DEMO_ALLOWED", False)
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    with app.app_context():
        before = table_counts()

    result = runner.invoke(args=["catalog", "seed-demo"])

    assert result.exit_code == 1
    assert "Refusing to load demo data" in result.output
    assert "Traceback" not in result.output
    with app.app_context():
        assert table_counts() == before
        assert before["product"] == 0


def test_seed_if_empty_keeps_an_existing_catalog(runner, demo_rw):
    from shop.catalog.models import ProductTranslation

    with demo_rw.app_context():
        row = db.session.scalar(select(ProductTranslation).where(ProductTranslation.locale == "it"))
        row.name = "Nome cambiato a mano"
        db.session.commit()
        row_id = row.id
    result = runner.invoke(args=["catalog", "seed-demo", "--if-empty", "--no-images"])
    assert result.exit_code == 0
    assert "already has products" in result.output
    assert "cliente@demo.vialedeimille.example" in result.output
    with demo_rw.app_context():
        assert db.session.get(ProductTranslation, row_id).name == "Nome cambiato a mano"
