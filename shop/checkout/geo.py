"""Where the shop delivers: Italy (with its provinces and CAP) and the rest of the EU."""

from __future__ import annotations

import re

EU_COUNTRIES = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)

# Sigle of Italy's provinces and metropolitan cities (2026), as written on addresses.
PROVINCES = frozenset((
    "AG", "AL", "AN", "AO", "AP", "AQ", "AR", "AT", "AV", "BA", "BG", "BI", "BL", "BN", "BO",
    "BR", "BS", "BT", "BZ", "CA", "CB", "CE", "CH", "CL", "CN", "CO", "CR", "CS", "CT", "CZ",
    "EN", "FC", "FE", "FG", "FI", "FM", "FR", "GE", "GO", "GR", "IM", "IS", "KR", "LC", "LE",
    "LI", "LO", "LT", "LU", "MB", "MC", "ME", "MI", "MN", "MO", "MS", "MT", "NA", "NO", "NU",
    "OR", "PA", "PC", "PD", "PE", "PG", "PI", "PN", "PO", "PR", "PT", "PU", "PV", "PZ", "RA",
    "RC", "RE", "RG", "RI", "RM", "RN", "RO", "SA", "SI", "SO", "SP", "SR", "SS", "SU", "SV",
    "TA", "TE", "TN", "TO", "TP", "TR", "TS", "TV", "UD", "VA", "VB", "VC", "VE", "VI", "VR",
    "VT", "VV",
))

_CAP = re.compile(r"^\d{5}$")
_POSTCODES = {  # loose shapes for the other EU countries; the carrier checks the rest
    "AT": r"\d{4}", "BE": r"\d{4}", "BG": r"\d{4}", "CY": r"\d{4}", "CZ": r"\d{3} ?\d{2}",
    "DE": r"\d{5}", "DK": r"\d{4}", "EE": r"\d{5}", "ES": r"\d{5}", "FI": r"\d{5}",
    "FR": r"\d{5}", "GR": r"\d{3} ?\d{2}", "HR": r"\d{5}", "HU": r"\d{4}",
    "IE": r"[A-Z0-9]{3} ?[A-Z0-9]{4}", "LT": r"(LT-)?\d{5}", "LU": r"(L-)?\d{4}",
    "LV": r"(LV-)?\d{4}", "MT": r"[A-Z]{3} ?\d{4}", "NL": r"\d{4} ?[A-Z]{2}",
    "PL": r"\d{2}-\d{3}", "PT": r"\d{4}-\d{3}", "RO": r"\d{6}", "SE": r"\d{3} ?\d{2}",
    "SI": r"\d{4}", "SK": r"\d{3} ?\d{2}",
}


def valid_cap(value: str) -> bool:
    return bool(_CAP.match(value))


def valid_postcode(country: str, value: str) -> bool:
    if country == "IT":
        return valid_cap(value)
    shape = _POSTCODES.get(country)
    return bool(shape and re.fullmatch(shape, value.upper()))


def zone_of(country: str) -> str:
    return "it" if country == "IT" else "eu"
