"""The carriers cooperatives ship with, and where a customer follows a parcel."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str
    tracking_url: str  # "{code}" is replaced by the tracking code; empty: no public page


CARRIERS: dict[str, Carrier] = {c.code: c for c in (
    Carrier("poste", "Poste Italiane",
            "https://www.poste.it/cerca/index.html#/risultati-spedizioni/{code}"),
    Carrier("brt", "BRT", "https://vas.brt.it/vas/sped_det_show.hsm?Nspediz={code}"),
    Carrier("gls", "GLS", "https://gls-group.com/IT/it/servizi-online/ricerca-spedizioni/"
                          "?match={code}"),
    Carrier("sda", "SDA", "https://www.sda.it/wps/portal/Servizi_online/dettaglio-spedizione"
                          "?locale=it&tracing.letteraVettura={code}"),
    Carrier("dhl", "DHL", "https://www.dhl.com/it-it/home/tracking.html?tracking-id={code}"),
    Carrier("ups", "UPS", "https://www.ups.com/track?loc=it_IT&tracknum={code}"),
    Carrier("other", "", ""),  # named on the page in the reader's language
)}

TRACKING_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]{3,63}$")


def normalise_tracking_code(code: str) -> str:
    return " ".join((code or "").split()).upper()


def valid_tracking_code(code: str) -> bool:
    return bool(TRACKING_CODE.match(code or ""))


def tracking_url(carrier_code: str, tracking_code: str) -> str:
    """The carrier's public page for this parcel, or '' when there is none."""
    carrier = CARRIERS.get(carrier_code)
    if carrier is None or not carrier.tracking_url or not tracking_code:
        return ""
    return carrier.tracking_url.replace("{code}", quote(tracking_code, safe=""))
