"""An invoice as data: parties, net lines and the VAT summary, worked out to the cent.

The shop's prices include VAT. For each rate, the VAT is taken once from the rate's gross
total (rounded half up), and the rest is the taxable amount; the taxable amount is then
shared over that rate's lines by their gross value, largest remainders first, so the lines'
net totals add up exactly to the summary. That keeps the FatturaPA arithmetic checks
(Imposta = ImponibileImporto × Aliquota, within a cent; ImponibileImporto = Σ PrezzoTotale)
and the document total equal to what the customer paid. The XML and the PDF both render
this one structure.

A gift box is sold as one line, but its parts may carry different VAT rates (biscuits at
10% in a box of 22% textiles). The invoice splits the box's line by its parts' rates: one
line per rate, "box - label: part names (IVA n%)", quantity the number of boxes, valued at
the sum of those parts' `share_cents` (their share of the box's price, VAT included). A box
whose parts share one rate is one line at that rate, the parts' rate (not the box
product's own). A credit note splits a refunded box the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from shop.checkout.services import SHIPPING_VAT_BP
from shop.money import split_by_weight, vat_included
from shop.orders.models import Order


@dataclass(frozen=True)
class Seller:
    name: str
    vat_number: str
    tax_code: str
    address: str
    postal_code: str
    city: str
    province: str
    tax_regime: str
    iban: str
    email: str

    @classmethod
    def from_config(cls, config) -> Seller:
        return cls(config["INVOICE_SELLER_NAME"], config["INVOICE_SELLER_VAT_NUMBER"],
                   config["INVOICE_SELLER_TAX_CODE"], config["INVOICE_SELLER_ADDRESS"],
                   config["INVOICE_SELLER_POSTAL_CODE"], config["INVOICE_SELLER_CITY"],
                   config["INVOICE_SELLER_PROVINCE"], config["INVOICE_SELLER_TAX_REGIME"],
                   config["INVOICE_SELLER_IBAN"], config["INVOICE_SELLER_EMAIL"])


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    city: str
    province: str
    country: str


@dataclass(frozen=True)
class Buyer:
    company: str  # Denominazione; empty for a private person
    first_name: str
    last_name: str
    vat_country: str  # IT, or the EU country of a foreign VAT number
    vat_number: str  # without the country prefix
    tax_code: str
    sdi_code: str  # '0000000' when the invoice travels by PEC or to a private person
    pec: str
    address: Address

    @property
    def display_name(self) -> str:
        return self.company or f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Line:
    number: int
    description: str
    sku: str
    quantity: int
    gross_cents: int
    net_cents: int
    vat_rate_bp: int

    @property
    def unit_net(self) -> Decimal:
        """Net price of one unit, to 8 decimals (what PrezzoUnitario allows)."""
        return (Decimal(self.net_cents) / 100 / self.quantity).quantize(
            Decimal("0.00000001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class VatSummary:
    vat_rate_bp: int
    taxable_cents: int
    vat_cents: int


@dataclass
class InvoiceDocument:
    number: str
    issue_date: date
    progressive: str
    seller: Seller
    buyer: Buyer
    order_number: str
    payment_method: str
    lines: list[Line] = field(default_factory=list)
    summary: list[VatSummary] = field(default_factory=list)
    kind: str = "TD01"  # TD01 invoice, TD04 credit note
    linked_number: str = ""  # a credit note's original invoice (DatiFattureCollegate)
    linked_date: date | None = None

    @property
    def is_credit_note(self) -> bool:
        return self.kind == "TD04"

    @property
    def taxable_cents(self) -> int:
        return sum(s.taxable_cents for s in self.summary)

    @property
    def vat_cents(self) -> int:
        return sum(s.vat_cents for s in self.summary)

    @property
    def total_cents(self) -> int:
        return self.taxable_cents + self.vat_cents


def net_lines(entries: list[tuple[str, str, int, int, int]]) -> tuple[list[Line], list[VatSummary]]:
    """(description, sku, quantity, gross cents, VAT rate) → net lines and a summary per rate."""
    by_rate: dict[int, list[int]] = {}
    for index, (_, _, _, _, rate) in enumerate(entries):
        by_rate.setdefault(rate, []).append(index)
    nets: dict[int, int] = {}
    summary = []
    for rate in sorted(by_rate, reverse=True):
        indexes = by_rate[rate]
        gross = sum(entries[i][3] for i in indexes)
        vat = vat_included(gross, rate)
        shares = split_by_weight(gross - vat, [entries[i][3] for i in indexes])
        nets.update(zip(indexes, shares, strict=True))
        summary.append(VatSummary(rate, gross - vat, vat))
    lines = [Line(i + 1, description, sku, quantity, gross, nets[i], rate)
             for i, (description, sku, quantity, gross, rate) in enumerate(entries)]
    return lines, summary


def buyer_of(order: Order) -> Buyer:
    raw = re.sub(r"[\s.-]", "", order.invoice_vat_number.upper())
    country, vat = ("IT", raw)
    if re.match(r"^[A-Z]{2}", raw):
        country, vat = raw[:2], raw[2:]
    company = order.invoice_company.strip() if vat else ""
    address = address_of(order)
    first, _, last = order.name.strip().partition(" ")
    # SDI's rule: 7 zeros when the invoice goes by PEC or to a private person in Italy,
    # 7 X's for a buyer abroad (the accountant sends those to the buyer directly).
    sdi = order.invoice_sdi_code.strip().upper() or ("0000000" if country == "IT"
                                                     else "XXXXXXX")
    return Buyer(
        company=company or ("" if last else order.name.strip()),
        first_name="" if company or not last else first, last_name="" if company else last,
        vat_country=country, vat_number=vat, tax_code=order.invoice_tax_code.strip().upper(),
        sdi_code=sdi,
        pec=order.invoice_pec.strip() if not order.invoice_sdi_code.strip() else "",
        address=address if country == "IT" else replace(
            address, postal_code="00000", province="", country=country))


# "20123 Milano (MI)", "20123 Milano MI", "20099 Sesto San Giovanni"
_CITY_LINE = re.compile(r"(?P<cap>\d{5})\s+(?P<city>[^,(]+?)"
                        r"(?:\s*\((?P<prov>[A-Za-z]{2})\)|\s+(?P<prov2>[A-Z]{2}))?\s*$")


def address_of(order: Order) -> Address:
    """The billing address: the one given for the invoice, else the shipping address."""
    text = order.invoice_address.strip()
    if text:
        parts = [p.strip() for p in re.split(r"[\n,]+", text) if p.strip()]
        for index in range(len(parts) - 1, -1, -1):
            match = _CITY_LINE.search(parts[index])
            if match:
                street = ", ".join(parts[:index]) or parts[index][:match.start()].strip()
                return Address(street or text.splitlines()[0], match["cap"],
                               match["city"].strip(),
                               (match["prov"] or match["prov2"] or "").upper(), "IT")
        return Address(parts[0], "00000", parts[-1] if len(parts) > 1 else parts[0], "", "IT")
    if order.ship_line1:
        street = ", ".join(p for p in (order.ship_line1, order.ship_line2) if p)
        country = order.ship_country or "IT"
        return Address(street, order.ship_postal_code if country == "IT" else "00000",
                       order.ship_city, order.ship_province if country == "IT" else "",
                       country)
    return Address("-", "00000", "-", "", "IT")


Entry = tuple[str, str, int, int, int]  # description, sku, quantity, gross cents, VAT rate


def line_entries(line, quantity: int | None = None,
                 gross_cents: int | None = None) -> list[Entry]:
    """One order line (or `quantity` units of it worth `gross_cents`) as invoice entries:
    a gift box gives one entry per VAT rate of its parts."""
    quantity = line.quantity if quantity is None else quantity
    gross = line.total_cents if gross_cents is None else gross_cents
    description = f"{line.name} - {line.variant_label}"
    if not line.parts:
        return [(description, line.sku, quantity, gross, line.vat_rate_bp)]
    by_rate: dict[int, list] = {}
    for part in line.parts:
        by_rate.setdefault(part.vat_rate_bp, []).append(part)
    rates = sorted(by_rate, reverse=True)
    if len(rates) == 1:
        return [(description, line.sku, quantity, gross, rates[0])]
    shares = split_by_weight(gross, [sum(p.total_cents for p in by_rate[r]) for r in rates])
    return [(f"{description}: {', '.join(p.name for p in by_rate[rate])} "
             f"(IVA {rate / 100:g}%)", line.sku, quantity, share, rate)
            for rate, share in zip(rates, shares, strict=True)]


def order_entries(order: Order, shipping_label: str) -> list[Entry]:
    entries = [entry for line in order.lines for entry in line_entries(line)]
    if order.shipping_cents:
        entries.append((shipping_label, "", 1, order.shipping_cents, SHIPPING_VAT_BP))
    return entries


def build_document(order: Order, *, number: str, issue_date: date, progressive: str,
                   seller: Seller, payment_method: str) -> InvoiceDocument:
    """The invoice of an order, as data (no I/O): same inputs, same document."""
    lines, summary = net_lines(order_entries(order, "Spedizione"))
    return InvoiceDocument(number=number, issue_date=issue_date, progressive=progressive,
                           seller=seller, buyer=buyer_of(order),
                           order_number=order.number or "", payment_method=payment_method,
                           lines=lines, summary=summary)


_REPLACEMENTS = str.maketrans({"—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"',
                               "…": "...", "€": "EUR", "×": "x"})


def latin(text: str, limit: int) -> str:
    """Text the schema's Latin-1 string types accept, cut to their length limit."""
    text = unicodedata.normalize("NFC", text.translate(_REPLACEMENTS))
    kept = []
    for char in text:
        if char in "\r\n\t":
            kept.append(" ")
        elif ord(char) < 32 or 127 <= ord(char) < 160:
            continue
        elif ord(char) < 256:
            kept.append(char)
        else:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            kept.append(base)
    cleaned = re.sub(r"\s+", " ", "".join(kept)).strip()
    return (cleaned or "-")[:limit]
