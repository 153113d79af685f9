"""FatturaPA 1.2 XML (format FPR12, between private parties) from an InvoiceDocument, with lxml.

Element order follows the official schema (Schema_del_file_xml_FatturaPA_v1.2.3.xsd); the
tests validate every file against it. Texts are cut to the schema's lengths and kept to
Latin-1, which its string types require.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from shop.invoicing.document import InvoiceDocument, latin

NS = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
DS = "http://www.w3.org/2000/09/xmldsig#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
FORMAT = "FPR12"


def file_name(seller_vat_number: str, progressive: str) -> str:
    """SDI's naming rule: IT + the sender's P.IVA + '_' + a progressive of up to 5 characters."""
    return f"IT{seller_vat_number}_{progressive}.xml"


def progressive_for(year: int, sequence: int) -> str:
    """A 5-character progressive unique per invoice: a letter for the year, then the
    sequence in base 36 (2026/1 → 'G0001'; 1.6 million invoices a year, 26 years a cycle)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    value, out = sequence, ""
    while value:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
    return chr(ord("A") + (year - 2020) % 26) + out.rjust(4, "0")


def credit_note_progressive(year: int, sequence: int) -> str:
    """A credit note's progressive: the year's letter, then its sequence counted down from
    'ZZZZ' (1 → 'ZZZZ', 2 → 'ZZZY'), so it never meets an invoice's, which count up."""
    return progressive_for(year, 36 ** 4 - sequence)


def amount(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def rate(rate_bp: int) -> str:
    return f"{rate_bp // 100}.{rate_bp % 100:02d}"


def _sub(parent, tag: str, text: str | None = None):
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _address(parent, tag: str, street: str, postal_code: str, city: str, province: str,
             country: str) -> None:
    sede = _sub(parent, tag)
    _sub(sede, "Indirizzo", latin(street, 60))
    _sub(sede, "CAP", postal_code if postal_code.isdigit() and len(postal_code) == 5
         else "00000")
    _sub(sede, "Comune", latin(city, 60))
    if province and country == "IT":
        _sub(sede, "Provincia", province.upper()[:2])
    _sub(sede, "Nazione", country or "IT")


def to_xml(doc: InvoiceDocument) -> bytes:
    """The document as a FatturaPA file: UTF-8, with an XML declaration."""
    root = etree.Element(f"{{{NS}}}FatturaElettronica", nsmap={"p": NS, "ds": DS, "xsi": XSI},
                         versione=FORMAT)
    header = _sub(root, "FatturaElettronicaHeader")
    _transmission(header, doc)
    _seller(header, doc)
    _buyer(header, doc)
    body = _sub(root, "FatturaElettronicaBody")
    generali = _sub(body, "DatiGenerali")
    general = _sub(generali, "DatiGeneraliDocumento")
    _sub(general, "TipoDocumento", doc.kind)
    _sub(general, "Divisa", "EUR")
    _sub(general, "Data", doc.issue_date.isoformat())
    _sub(general, "Numero", doc.number)
    # Positive on a credit note too: TD04 itself says the amounts are taken back.
    _sub(general, "ImportoTotaleDocumento", amount(doc.total_cents))
    if doc.is_credit_note:
        _sub(general, "Causale", latin(
            f"Nota di credito: rimborso dell'ordine {doc.order_number}, "
            f"fattura {doc.linked_number}", 200))
    elif doc.order_number:
        _sub(general, "Causale", latin(f"Ordine {doc.order_number}", 200))
    if doc.linked_number:
        linked = _sub(generali, "DatiFattureCollegate")
        _sub(linked, "IdDocumento", latin(doc.linked_number, 20))
        if doc.linked_date:
            _sub(linked, "Data", doc.linked_date.isoformat())
    goods = _sub(body, "DatiBeniServizi")
    for line in doc.lines:
        row = _sub(goods, "DettaglioLinee")
        _sub(row, "NumeroLinea", str(line.number))
        if line.sku:
            code = _sub(row, "CodiceArticolo")
            _sub(code, "CodiceTipo", "SKU")
            _sub(code, "CodiceValore", latin(line.sku, 35))
        _sub(row, "Descrizione", latin(line.description, 1000))
        _sub(row, "Quantita", f"{line.quantity}.00")
        _sub(row, "PrezzoUnitario", _decimal(line.unit_net))
        _sub(row, "PrezzoTotale", amount(line.net_cents))
        _sub(row, "AliquotaIVA", rate(line.vat_rate_bp))
    for entry in doc.summary:
        summary = _sub(goods, "DatiRiepilogo")
        _sub(summary, "AliquotaIVA", rate(entry.vat_rate_bp))
        _sub(summary, "ImponibileImporto", amount(entry.taxable_cents))
        _sub(summary, "Imposta", amount(entry.vat_cents))
        _sub(summary, "EsigibilitaIVA", "I")
    if doc.is_credit_note:  # the refund went back the way the money came: no terms
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    payment = _sub(body, "DatiPagamento")
    _sub(payment, "CondizioniPagamento", "TP02")  # paid in one instalment
    detail = _sub(payment, "DettaglioPagamento")
    _sub(detail, "ModalitaPagamento", doc.payment_method)
    _sub(detail, "ImportoPagamento", amount(doc.total_cents))
    if doc.payment_method == "MP05" and doc.seller.iban:
        _sub(detail, "IBAN", doc.seller.iban.replace(" ", "").upper())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _decimal(value: Decimal) -> str:
    text = f"{value:.8f}".rstrip("0")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


def _transmission(header, doc: InvoiceDocument) -> None:
    data = _sub(header, "DatiTrasmissione")
    sender = _sub(data, "IdTrasmittente")
    _sub(sender, "IdPaese", "IT")
    _sub(sender, "IdCodice", doc.seller.tax_code or doc.seller.vat_number)
    _sub(data, "ProgressivoInvio", doc.progressive)
    _sub(data, "FormatoTrasmissione", FORMAT)
    _sub(data, "CodiceDestinatario", doc.buyer.sdi_code)
    if doc.buyer.pec and doc.buyer.sdi_code == "0000000":
        _sub(data, "PECDestinatario", doc.buyer.pec[:256])


def _seller(header, doc: InvoiceDocument) -> None:
    seller = doc.seller
    party = _sub(header, "CedentePrestatore")
    data = _sub(party, "DatiAnagrafici")
    vat = _sub(data, "IdFiscaleIVA")
    _sub(vat, "IdPaese", "IT")
    _sub(vat, "IdCodice", seller.vat_number)
    if seller.tax_code:
        _sub(data, "CodiceFiscale", seller.tax_code)
    _sub(_sub(data, "Anagrafica"), "Denominazione", latin(seller.name, 80))
    _sub(data, "RegimeFiscale", seller.tax_regime)
    _address(party, "Sede", seller.address, seller.postal_code, seller.city, seller.province,
             "IT")


def _buyer(header, doc: InvoiceDocument) -> None:
    buyer = doc.buyer
    party = _sub(header, "CessionarioCommittente")
    data = _sub(party, "DatiAnagrafici")
    if buyer.vat_number:
        vat = _sub(data, "IdFiscaleIVA")
        _sub(vat, "IdPaese", buyer.vat_country)
        _sub(vat, "IdCodice", buyer.vat_number)
    if buyer.tax_code and buyer.vat_country == "IT":
        _sub(data, "CodiceFiscale", buyer.tax_code)
    registry = _sub(data, "Anagrafica")
    if buyer.company:
        _sub(registry, "Denominazione", latin(buyer.company, 80))
    else:
        _sub(registry, "Nome", latin(buyer.first_name, 60))
        _sub(registry, "Cognome", latin(buyer.last_name, 60))
    address = buyer.address
    _address(party, "Sede", address.street, address.postal_code, address.city,
             address.province, address.country)
