"""A gift box whose parts carry different VAT rates is invoiced split by rate."""

from __future__ import annotations

from lxml import etree
from sqlalchemy import select

from shop.catalog.models import BundleItem, Category, Cooperative
from shop.extensions import db
from shop.invoicing.models import Invoice
from tests.fixtures.factories import make_product
from tests.invoicing.conftest import COMPANY, invoiced_order


def test_a_box_of_22_and_10_percent_parts_gives_one_line_per_rate(catalog, fatturapa_schema):
    # Given a box at € 40,00 of one apron (€ 32,50, 22%) and two bags of biscuits
    # (€ 6,50 each, 10%): its price is shared 2857 / 1143 cents by list prices
    sew = db.session.scalar(select(Cooperative).where(Cooperative.slug == "filo"))
    box = make_product(sew, db.session.scalar(select(Category)), name_it="Scatola",
                       name_en="Box", prices=(4000,), slug="scatola")
    box.bundle_items = [BundleItem(variant=catalog.apron, quantity=1, position=0),
                        BundleItem(variant=catalog.biscuits, quantity=2, position=1)]
    db.session.commit()

    # When a company buys it for pickup and its invoice is issued at payment
    order = invoiced_order([(box.variants[0], 1)], COMPANY, delivery="pickup")
    invoice = db.session.scalar(select(Invoice).where(Invoice.order_id == order.id))

    # Then the box is two lines, one per rate, worth exactly its parts' shares
    assert sorted(p.share_cents for p in order.lines[0].parts) == [1143, 2857]
    fatturapa_schema.validate(invoice.xml)
    root = etree.fromstring(invoice.xml.encode("utf-8"))
    rows = [(x.findtext("Quantita"), x.findtext("PrezzoTotale"), x.findtext("AliquotaIVA"))
            for x in root.iterfind(".//DettaglioLinee")]
    assert rows == [("1.00", "23.42", "22.00"), ("1.00", "10.39", "10.00")]
    descriptions = [x.findtext("Descrizione") for x in root.iterfind(".//DettaglioLinee")]
    assert descriptions[0].endswith("(IVA 22%)") and "Grembiule" in descriptions[0]
    assert descriptions[1].endswith("Biscotti (IVA 10%)")
    assert [(s.findtext("AliquotaIVA"), s.findtext("ImponibileImporto"), s.findtext("Imposta"))
            for s in root.iterfind(".//DatiRiepilogo")] == [
        ("22.00", "23.42", "5.15"), ("10.00", "10.39", "1.04")]
    assert (invoice.taxable_cents, invoice.vat_cents, invoice.total_cents) == (3381, 619, 4000)
    assert root.findtext(".//ImportoTotaleDocumento") == "40.00"
