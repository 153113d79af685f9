"""Checks on what a company sends: VAT numbers, SDI codes, address lists and logo files.

Each function returns the cleaned value or raises ValueError / InvalidUpload with a reason
code the web layer turns into a message in the visitor's language.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.it import iva

from shop.quotes.errors import InvalidUpload

SDI_CODE = re.compile(r"^[A-Z0-9]{7}$")
LOGO_MAX_BYTES = 1024 * 1024
CSV_MAX_ROWS = 500


def clean_vat_number(value: str) -> str:
    """An Italian Partita IVA (11 digits, check digit) or another EU VAT number with prefix.

    Returns it compact: Italian numbers without the IT prefix, others with their country.
    """
    raw = re.sub(r"[\s.\-]", "", value or "").upper()
    if raw.startswith("IT"):
        raw = raw[2:]
    if raw.isdigit():
        try:
            return iva.validate(raw)
        except ValidationError as exc:
            raise ValueError("vat_invalid") from exc
    try:
        return eu_vat.validate(raw)
    except ValidationError as exc:
        raise ValueError("vat_invalid") from exc


def clean_sdi_code(value: str) -> str:
    code = (value or "").strip().upper()
    if code and not SDI_CODE.match(code):
        raise ValueError("sdi_invalid")
    return code


@dataclass(frozen=True)
class AddressRow:
    name: str
    line1: str
    postal_code: str
    city: str
    province: str
    country: str
    quantity: int

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based, the header is row 1
    field: str
    code: str


CSV_FIELDS = ("name", "address", "postal_code", "city", "province", "country")
QUANTITY_FIELD = "quantity"  # optional: without it the gifts are spread evenly


def parse_address_csv(data: bytes) -> tuple[list[AddressRow], list[RowError]]:
    """Read a list of delivery addresses; every bad row is reported, none is guessed.

    Columns: name, address, postal_code, city, province, country and, optionally, quantity
    (header row first; comma or semicolon separated, as Excel writes it in Italy). Row
    numbers are the file's lines as a spreadsheet shows them (the header is row 1).

    The quantity is how many gifts go to that address. Give it on every row or on none:
    with no quantity at all, every address gets an equal share (quantity 0 here, which the
    routing reads as "spread evenly"; see shop.fulfilment.addresses).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(0, "file", "not_utf8")]
    if "\x00" in text:
        return [], [RowError(0, "file", "not_csv")]
    try:
        return _read_rows(text)
    except csv.Error:
        return [], [RowError(0, "file", "not_csv")]


def _read_rows(text: str) -> tuple[list[AddressRow], list[RowError]]:
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [f for f in CSV_FIELDS if f not in header]
    if missing:
        return [], [RowError(1, ",".join(missing), "missing_columns")]
    reader.fieldnames = header
    # The line each record ends on, as a spreadsheet numbers it (blank lines count).
    records = [(reader.line_num, record) for record in reader]
    if len(records) > CSV_MAX_ROWS:
        return [], [RowError(0, "file", "too_many_rows")]
    some_quantities = any((r.get(QUANTITY_FIELD) or "").strip() for _, r in records)
    rows: list[AddressRow] = []
    errors: list[RowError] = []
    for number, record in records:
        values = {k: (v or "").strip() for k, v in record.items()
                  if k and isinstance(v, str | None)}
        if not any(values.values()):
            continue  # a blank line, as spreadsheets leave at the end
        row_errors = []
        for name in ("name", "address", "postal_code", "city"):
            if not values.get(name):
                row_errors.append(RowError(number, name, "required"))
        country = (values.get("country") or "IT").upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            row_errors.append(RowError(number, "country", "country_invalid"))
        if country == "IT" and values.get("postal_code") and not re.fullmatch(
                r"\d{5}", values["postal_code"]):
            row_errors.append(RowError(number, "postal_code", "postcode_invalid"))
        quantity_text = values.get(QUANTITY_FIELD, "")
        quantity = 0
        if some_quantities and not quantity_text:
            row_errors.append(RowError(number, "quantity", "quantity_missing"))
        elif quantity_text:
            quantity = int(quantity_text) if quantity_text.isdigit() else 0
            if not 1 <= quantity <= 10_000:
                row_errors.append(RowError(number, "quantity", "quantity_invalid"))
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(AddressRow(values["name"][:120], values["address"][:200],
                               values["postal_code"][:16], values["city"][:120],
                               values.get("province", "")[:4].upper(), country, quantity))
    if not rows and not errors:
        errors.append(RowError(0, "file", "empty"))
    return rows, errors


# --- logos -----------------------------------------------------------------------------

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Drawing elements only: no script, foreignObject, use, image, animation or style sheets.
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
    "tspan", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "title",
    "desc", "symbol",
})
SVG_ATTRIBUTES = frozenset({
    "id", "class", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "width", "height", "viewBox", "points", "fill", "fill-opacity", "fill-rule", "stroke",
    "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-opacity", "opacity",
    "transform", "offset", "stop-color", "stop-opacity", "gradientUnits",
    "gradientTransform", "clip-path", "clip-rule", "mask", "font-family", "font-size",
    "font-weight", "text-anchor", "preserveAspectRatio", "version", "fx", "fy",
    "dominant-baseline", "letter-spacing",
})
_EXTERNAL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


@dataclass(frozen=True)
class Logo:
    data: bytes
    extension: str
    content_type: str


def check_logo(data: bytes, filename: str) -> Logo:
    """A PNG or PDF as sent, or an SVG rebuilt from drawing elements only."""
    if not data:
        raise InvalidUpload("empty")
    if len(data) > LOGO_MAX_BYTES:
        raise InvalidUpload("too_large")
    if data.startswith(PNG_MAGIC):
        return Logo(data, "png", "image/png")
    if data.startswith(PDF_MAGIC):
        return Logo(data, "pdf", "application/pdf")
    head = data[:512].lstrip().lower()
    if filename.lower().endswith(".svg") or head.startswith((b"<?xml", b"<svg")):
        return Logo(sanitise_svg(data), "svg", "image/svg+xml")
    raise InvalidUpload("type")


def sanitise_svg(data: bytes) -> bytes:
    """Keep only whitelisted elements and attributes; refuse what cannot be parsed safely.

    No entities, no DTD, no network: lxml's parser is set up not to resolve anything.
    Scripts, event handlers (on*), external references (href to anything but #id,
    url(...) to another document) and style sheets are dropped.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidUpload("svg_unreadable") from exc
    if root.getroottree().docinfo.internalDTD is not None or etree.QName(root).localname != "svg":
        raise InvalidUpload("svg_unreadable")

    def clean(element, into):
        for child in element:
            if not isinstance(child.tag, str):
                continue
            qname = etree.QName(child)
            if qname.namespace not in (None, SVG_NS) or qname.localname not in SVG_ELEMENTS:
                continue
            copy = etree.SubElement(into, f"{{{SVG_NS}}}{qname.localname}",
                                    _safe_attributes(child))
            copy.text = child.text if qname.localname in ("text", "tspan", "title",
                                                          "desc") else None
            copy.tail = None
            clean(child, copy)

    out = etree.Element(f"{{{SVG_NS}}}svg", _safe_attributes(root), nsmap={None: SVG_NS})
    clean(root, out)
    return etree.tostring(out, xml_declaration=True, encoding="utf-8")


def _safe_attributes(element) -> dict[str, str]:
    from lxml import etree

    kept = {}
    for name, value in element.attrib.items():
        qname = etree.QName(name)
        if qname.namespace not in (None,) or qname.localname not in SVG_ATTRIBUTES:
            continue
        if _EXTERNAL.search(value) or "javascript:" in value.lower():
            continue
        kept[qname.localname] = value
    return kept
