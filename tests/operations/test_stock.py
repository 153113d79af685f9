"""The stock grid, one row's ledger and corrections, CSV export and count imports."""

from __future__ import annotations

from io import BytesIO

from sqlalchemy import func, select

from shop.audit.models import AuditEntry
from shop.extensions import db
from shop.inventory.counts import apply_counts
from shop.inventory.errors import CountFileInvalid
from shop.inventory.models import Stock, StockMovement, StockThreshold
from shop.inventory.services import ledger_total
from tests.operations.conftest import login, post, reading


def levels(app, *pairs) -> list[tuple[int, int]]:
    """(on hand, allocated) of these (variant id, location id) pairs."""
    with reading(app) as session:
        result = []
        for variant_id, location_id in pairs:
            stock = session.scalar(select(Stock).where(Stock.variant_id == variant_id,
                                                       Stock.location_id == location_id))
            result.append((stock.on_hand, stock.allocated) if stock else (0, 0))
        return result


def test_grid_shows_every_location_and_flags_low_stock(app, client, shop):
    login(client, "negozio@example.org")
    html = client.get("/staff/stock").get_data(as_text=True)
    assert html.count("<th scope=\"col\" class=\"num\">") == 3  # two workshops and the store
    assert "Filo Dritto" in html and "Forno Libero" in html
    assert "5 in magazzino · 0 promessi" in html

    response = post(client, f"/staff/stock/{shop.apron}/{shop.store}/threshold",
                    {"minimum": "3"}, page=f"/staff/stock/{shop.apron}/{shop.store}")
    assert response.status_code == 303
    low = client.get("/staff/stock?low=1").get_data(as_text=True)
    assert "SKU-APRON" in low and "SKU-TOTE" not in low and "SKU-BISCOTTI" not in low
    with reading(app) as session:
        assert session.scalar(select(StockThreshold.minimum)) == 3


def test_staff_count_correction_goes_through_the_ledger_with_an_audit_entry(app, client, shop):
    login(client, "negozio@example.org")
    url = f"/staff/stock/{shop.biscuits}/{shop.store}"
    response = post(client, url + "/adjust",
                    {"reason": "count_correction", "quantity": "7", "note": "scaffale B"},
                    page=url)
    assert response.status_code == 303
    assert levels(app, (shop.biscuits, shop.store)) == [(7, 0)]
    with reading(app) as session:
        assert ledger_total(shop.biscuits, shop.store) == 7
        move = session.scalars(select(StockMovement).order_by(StockMovement.id.desc())).first()
        assert (move.delta, move.reason, move.note) == (-3, "count_correction", "scaffale B")
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "stock.adjust")).one()
        assert (entry.before, entry.after, entry.actor_email) == (
            {"on_hand": 10}, {"on_hand": 7}, "negozio@example.org")
    ledger = client.get(url + "?reason=count_correction").get_data(as_text=True)
    assert "scaffale B" in ledger and "-3" in ledger
    assert "scaffale B" not in client.get(url + "?reason=sale").get_data(as_text=True)


def test_csv_export_lists_every_variant_at_every_location(app, client, shop):
    login(client, "negozio@example.org")
    body = client.get("/staff/stock.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = body.strip().split("\r\n")
    assert rows[0] == "sku,location,on_hand,allocated,available,minimum"
    assert len(rows) == 1 + 3 * 3
    assert "SKU-APRON,store-viale-dei-mille,2,0,2," in rows


GOOD = ("sku,location,count\n"
        "SKU-APRON,store-viale-dei-mille,4\n"
        "SKU-TOTE,workshop-filo,18\n"
        "SKU-BISCOTTI,workshop-forno,30\n")


def test_a_file_with_one_bad_row_applies_nothing_and_names_the_row(app, client, shop):
    login(client, "negozio@example.org")
    bad = GOOD + "SKU-NOPE,store-viale-dei-mille,1\n"
    response = post(client, "/staff/stock/import",
                    {"file": (BytesIO(bad.encode()), "conta.csv")}, page="/staff/stock/import",
                    content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Riga 5: SKU “SKU-NOPE” sconosciuto." in html
    assert "Nulla è stato applicato" in html
    assert levels(app, (shop.apron, shop.store), (shop.tote, shop.sew_workshop)) == [(2, 0), (20, 0)]


def test_every_kind_of_bad_row_is_listed_at_once(shop, staff_user):
    text = ("sku,location,count\n"
            "SKU-NOPE,store-viale-dei-mille,1\n"
            "SKU-APRON,attic,1\n"
            "SKU-APRON,store-viale-dei-mille,tre\n"
            "SKU-TOTE,workshop-filo,-2\n"
            "SKU-BISCOTTI,workshop-forno,3\n"
            "SKU-BISCOTTI,workshop-forno,4\n")
    try:
        apply_counts(staff_user, text)
    except CountFileInvalid as exc:
        problems = [(p.row, p.code) for p in exc.problems]
    db.session.rollback()
    assert problems == [(2, "unknown_sku"), (3, "unknown_location"), (4, "not_a_number"),
                        (5, "negative"), (7, "duplicate")]
    assert db.session.scalar(select(func.count(StockMovement.id))) == 6  # the opening stock


def test_a_clean_file_is_previewed_then_applies_every_row(app, client, shop):
    login(client, "negozio@example.org")
    preview = post(client, "/staff/stock/import",
                   {"file": (BytesIO(GOOD.encode()), "conta.csv")}, page="/staff/stock/import",
                   content_type="multipart/form-data")
    assert preview.status_code == 200
    assert "Il file è corretto: 3 righe." in preview.get_data(as_text=True)
    assert levels(app, (shop.apron, shop.store)) == [(2, 0)]

    applied = post(client, "/staff/stock/import", {"csv_text": GOOD, "confirm": "1"},
                   page="/staff/stock/import")
    assert applied.status_code == 303
    assert levels(app, (shop.apron, shop.store), (shop.tote, shop.sew_workshop),
                  (shop.biscuits, shop.bake_workshop)) == [(4, 0), (18, 0), (30, 0)]
    with reading(app) as session:
        corrections = session.scalars(select(StockMovement.delta).where(
            StockMovement.reason == "count_correction").order_by(StockMovement.id)).all()
    assert corrections == [2, -2]  # the biscuits' count matched: no movement


def test_the_command_applies_a_file_with_a_progress_bar(app, runner, shop, tmp_path):
    path = tmp_path / "conta.csv"
    path.write_text(GOOD)
    result = runner.invoke(args=["stock", "import", str(path), "--by", "negozio@example.org"])
    assert result.exit_code == 0, result.output
    assert "3 rows counted, 2 stock levels corrected." in result.output
    assert levels(app, (shop.apron, shop.store)) == [(4, 0)]

    path.write_text(GOOD.replace("18", "-1"))
    result = runner.invoke(args=["stock", "import", str(path), "--by", "negozio@example.org"])
    assert result.exit_code == 1
    assert "row 3: negative -1" in result.output
    assert levels(app, (shop.tote, shop.sew_workshop)) == [(18, 0)]
