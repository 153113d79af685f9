"""The states a quote request goes through, which moves are allowed, and by whom.

submitted → in_review → quoted → accepted | declined | expired; quoted → in_review when
the company asks for changes; accepted → ordered once the order exists. Read by the
services (to refuse a move), the staff pages and the company's page (to offer buttons).
"""

from __future__ import annotations

from shop.quotes.models import QuoteStatus as S

STAFF = frozenset({"staff"})
COMPANY = frozenset({"company"})
SYSTEM = frozenset({"system"})

# from status -> {to status: who may make the move}
MOVES: dict[str, dict[str, frozenset[str]]] = {
    S.SUBMITTED: {S.IN_REVIEW: STAFF, S.DECLINED: STAFF},
    S.IN_REVIEW: {S.QUOTED: STAFF, S.DECLINED: STAFF},
    S.QUOTED: {S.ACCEPTED: COMPANY, S.DECLINED: COMPANY | STAFF, S.IN_REVIEW: COMPANY | STAFF,
               S.EXPIRED: SYSTEM | STAFF},
    S.ACCEPTED: {S.ORDERED: SYSTEM | STAFF},
    S.DECLINED: {},
    S.EXPIRED: {},
    S.ORDERED: {},
}

OPEN = frozenset({S.SUBMITTED, S.IN_REVIEW, S.QUOTED})
# Where staff may build or revise a quote.
EDITABLE = frozenset({S.SUBMITTED, S.IN_REVIEW})


def can_move(status: str, to_status: str, who: str) -> bool:
    return who in MOVES.get(status, {}).get(to_status, frozenset())


def moves_for(status: str, who: str) -> list[str]:
    return [to for to, allowed in MOVES.get(status, {}).items() if who in allowed]
