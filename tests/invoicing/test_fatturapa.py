"""Every FatturaPA file the shop issues is valid against the official schema, and adds up."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from shop.extensions import db
from shop.invoicing.fatturapa import to_xml
from shop.invoicing.models import Invoice
from shop.invoicing.services import document_for, issue_invoice
from shop.orders.models import OrderStatus
from shop.orders.services import transition
from tests.invoicing.conftest import COMPANY, PERSON_PEC, invoiced_order


def parsed(invoice: Invoice):
    return etree.fromstring(invoice.xml.encode("utf-8"))


def texts(root, path: str) -> list[str]:
    return [e.text for e in root.iterfind(path)]


def assert_arithmetic(root) -> None:
    """SDI's checks: line totals, taxable amount and tax per rate, document total."""
    lines = root.findall(".//DettaglioLinee")
    for line in lines:
        unit = Decimal(line.findtext("PrezzoUnitario"))
        assert abs(unit * Decimal(line.findtext("Quantita")) -
                   Decimal(line.findtext("PrezzoTotale"))) <= Decimal("0.01")
    total = Decimal(0)
    for summary in root.findall(".//DatiRiepilogo"):
        rate = summary.findtext("AliquotaIVA")
        taxable = Decimal(summary.findtext("ImponibileImporto"))
        tax = Decimal(summary.findtext("Imposta"))
        assert taxable == sum(Decimal(x.findtext("PrezzoTotale")) for x in lines
                              if x.findtext("AliquotaIVA") == rate)
        assert abs(taxable * Decimal(rate) / 100 - tax) <= Decimal("0.01")
        total += taxable + tax
    assert Decimal(root.findtext(".//ImportoTotaleDocumento")) == total
    assert Decimal(root.findtext(".//ImportoPagamento")) == total


def test_a_web_order_with_a_company_invoice_validates(catalog, fatturapa_schema):
    # Given a company that asked for an invoice at checkout, with its SDI code
    order = invoiced_order([(catalog.apron, 2)], COMPANY)

    # When the order is paid (the fixture pays it through a checkout session)
    invoice = db.session.query(Invoice).filter_by(order_id=order.id).one()

    # Then its invoice is valid FatturaPA, addressed to the company's SDI code
    fatturapa_schema.validate(invoice.xml)
    root = parsed(invoice)
    assert root.get("versione") == "FPR12"
    assert root.findtext(".//CodiceDestinatario") == "ABC1234"
    assert root.find(".//PECDestinatario") is None
    buyer = root.find(".//CessionarioCommittente")
    assert buyer.findtext(".//IdCodice") == "00743110157"
    assert buyer.findtext(".//Denominazione") == "Acme Arredi S.r.l."
    assert texts(buyer, "Sede/*") == ["Via Torino 5", "20123", "Milano", "MI", "IT"]
    seller = root.find(".//CedentePrestatore")
    assert seller.findtext(".//IdCodice") == "01234560157"
    assert seller.findtext(".//RegimeFiscale") == "RF01"
    # € 65,00 of aprons at 22%: no shipping (free over € 60), net 53,28 + VAT 11,72
    assert texts(root, ".//DettaglioLinee/Descrizione") == [
        'Grembiule "Bollate" - blu - V0']
    assert texts(root, ".//DettaglioLinee/PrezzoUnitario") == ["26.64"]
    assert texts(root, ".//DettaglioLinee/PrezzoTotale") == ["53.28"]
    assert texts(root, ".//DatiRiepilogo/ImponibileImporto") == ["53.28"]
    assert texts(root, ".//DatiRiepilogo/Imposta") == ["11.72"]
    assert root.findtext(".//ModalitaPagamento") == "MP08"
    assert root.find(".//IBAN") is None
    assert_arithmetic(root)
    assert (invoice.taxable_cents, invoice.vat_cents, invoice.total_cents) == (5328, 1172, 6500)
    assert invoice.file_name == "IT01234560157_G0001.xml"


def test_mixed_vat_rates_and_shipping_give_one_summary_per_rate(catalog, fatturapa_schema):
    # Given a private person (codice fiscale, PEC only) buying at 22%, 10% and 4%, with shipping
    order = invoiced_order([(catalog.biscuits, 3), (catalog.bread, 1), (catalog.apron, 1)],
                           PERSON_PEC)
    invoice = db.session.query(Invoice).filter_by(order_id=order.id).one()

    fatturapa_schema.validate(invoice.xml)
    root = parsed(invoice)
    assert root.findtext(".//CodiceDestinatario") == "0000000"
    assert root.findtext(".//PECDestinatario") == "mario.rossi@pec.example.it"
    buyer = root.find(".//CessionarioCommittente/DatiAnagrafici")
    assert buyer.find("IdFiscaleIVA") is None
    assert buyer.findtext("CodiceFiscale") == "RSSMRA85T10A562S"
    assert texts(buyer, "Anagrafica/*") == ["Mario", "Rossi"]
    # Goods 19,50 + 3,99 + 32,50 = 55,99 and shipping 6,90 at 22%: total 62,89
    assert order.total_cents == 6289
    assert texts(root, ".//DettaglioLinee/AliquotaIVA") == ["22.00", "10.00", "4.00", "22.00"]
    assert texts(root, ".//DettaglioLinee/Descrizione")[-1] == "Spedizione"
    # 22%: 32,50 + 6,90 = 39,40 → VAT 7,10; 10%: 19,50 → 1,77; 4%: 3,99 → 0,15
    assert texts(root, ".//DatiRiepilogo/AliquotaIVA") == ["22.00", "10.00", "4.00"]
    assert texts(root, ".//DatiRiepilogo/ImponibileImporto") == ["32.30", "17.73", "3.84"]
    assert texts(root, ".//DatiRiepilogo/Imposta") == ["7.10", "1.77", "0.15"]
    assert_arithmetic(root)
    assert invoice.total_cents == 6289


def test_a_bank_transfer_names_the_iban_and_the_xml_can_be_rebuilt(catalog, fatturapa_schema):
    # Given a paid order with no card payment on record (as a quote paid by transfer)
    order = invoiced_order([(catalog.bread, 7)], COMPANY, delivery="pickup")
    invoice = db.session.query(Invoice).filter_by(order_id=order.id).one()
    invoice.payment_method = "MP05"

    # When its XML is built again
    xml = to_xml(document_for(invoice)).decode("utf-8")

    # Then it is valid and carries the consortium's IBAN
    fatturapa_schema.validate(xml)
    root = etree.fromstring(xml.encode())
    assert root.findtext(".//ModalitaPagamento") == "MP05"
    assert root.findtext(".//IBAN") == "IT60X0542811101000000123456"
    assert_arithmetic(root)
    db.session.rollback()
    # and the stored file is rebuilt byte for byte
    invoice = db.session.query(Invoice).filter_by(order_id=order.id).one()
    assert to_xml(document_for(invoice)).decode("utf-8") == invoice.xml


def test_a_quote_order_from_an_eu_company_paid_by_transfer_validates(catalog, fatturapa_schema):
    # Given an order from a quote for a German company (no SDI code, address in Berlin)
    order = invoiced_order([(catalog.apron, 3)], {}, pay_it=False)
    order.source = "quote"
    order.invoice_company = "Beispiel GmbH"
    order.invoice_vat_number = "DE123456789"
    order.invoice_address = "Unter den Linden 1, 10117 Berlin"
    transition(order, OrderStatus.PAID, actor="staff")  # bank transfer marked received
    db.session.commit()

    # When its invoice is issued (the quote flow calls this once the order is paid)
    invoice = issue_invoice(order)
    db.session.commit()

    # Then the file is valid, the buyer's VAT number keeps its country, payment by transfer
    fatturapa_schema.validate(invoice.xml)
    root = parsed(invoice)
    buyer = root.find(".//CessionarioCommittente/DatiAnagrafici/IdFiscaleIVA")
    assert texts(buyer, "*") == ["DE", "123456789"]
    assert root.findtext(".//CodiceDestinatario") == "XXXXXXX"
    sede = root.find(".//CessionarioCommittente/Sede")
    assert texts(sede, "*") == ["Unter den Linden 1", "00000", "Berlin", "DE"]
    assert root.findtext(".//ModalitaPagamento") == "MP05"
    assert root.findtext(".//IBAN") == "IT60X0542811101000000123456"
    assert_arithmetic(root)
