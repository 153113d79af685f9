"""Scores and orders over bitsets: every document's score at once, then the best k.

A score is a small integer per document, stored bit-sliced: slice i is the bitset of the
documents whose score has bit i set. Adding a weighted bitset is a ripple-carry addition
over the slices, and the k best documents come from walking the slices from the most
significant down (the classic bit-sliced index top-k), all as big-int AND/XOR/popcount.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from shop.search.bitsets import first_members, members


class Scores:
    """An integer score for every document of an index view, bit-sliced."""

    def __init__(self) -> None:
        self.slices: list[int] = []

    def add(self, bits: int, weight: int) -> None:
        """Add `weight` to the score of every document in `bits`."""
        position = 0
        while weight and bits:
            if weight & 1:
                self._add_at(bits, position)
            weight >>= 1
            position += 1

    def _add_at(self, carry: int, position: int) -> None:
        slices = self.slices
        while len(slices) < position:
            slices.append(0)
        while carry:
            if position == len(slices):
                slices.append(carry)
                return
            current = slices[position]
            slices[position] = current ^ carry
            carry = current & carry
            position += 1

    def of(self, doc: int) -> int:
        return sum(((bits >> doc) & 1) << i for i, bits in enumerate(self.slices))

    def top(self, candidates: int, count: int) -> list[int]:
        """The `count` best candidates, best first; equal scores by document number."""
        chosen, need, tied = 0, count, candidates
        for bits in reversed(self.slices):
            if not need:
                break
            high = tied & bits
            found = high.bit_count()
            if found >= need:
                tied = high
            else:
                chosen |= high
                need -= found
                tied &= ~bits
        docs = list(members(chosen))
        if need:
            docs.extend(first_members(tied, need))
        docs.sort(key=lambda doc: (-self.of(doc), doc))
        return docs


def top_by_value(candidates: int, count: int, values: Sequence, ordered: Iterable[int],
                 size: int, descending: bool = False) -> list[int]:
    """The first `count` candidates by a column's value.

    `ordered` yields every document by that value; when many documents are candidates,
    walking it until `count` are found is quicker than sorting the candidates.
    """
    total = candidates.bit_count()
    if total * 8 < size:
        docs = members(candidates)
        if descending:
            return heapq.nlargest(count, docs, key=lambda doc: (values[doc], doc))
        return heapq.nsmallest(count, docs, key=lambda doc: (values[doc], doc))
    data = candidates.to_bytes((size >> 3) + 1, "little")
    found = []
    for doc in ordered:
        if data[doc >> 3] >> (doc & 7) & 1:
            found.append(doc)
            if len(found) == count:
                break
    return found
