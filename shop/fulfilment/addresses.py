"""A company's list of destinations: how each line's units are shared over the addresses.

The rule, the same for every line of the order:
- each address's `quantity` (from the CSV) is its weight: a line of N units is shared in
  proportion to the weights, each share rounded down, the units left over going to the
  largest remainders (ties to the earlier row). When the CSV's quantities add up to N,
  each address gets exactly its quantity;
- when no address gives a quantity (the CSV had none), the units are spread evenly: N
  units over k addresses give N // k each and one more to each of the first N % k rows;
- an address whose share of a line is zero gets no units of that line.
"""

from __future__ import annotations

from shop.money import split_by_weight


def weights(addresses: list[dict]) -> list[int]:
    return [max(int(a.get("quantity") or 0), 0) for a in addresses]


def share_units(units: int, addresses: list[dict]) -> list[int]:
    """Units of one line for each address, in the addresses' order; they add up to `units`."""
    return split_by_weight(units, weights(addresses))


def several(addresses: list[dict] | None) -> bool:
    return len(addresses or []) > 1


def one_line(address: dict) -> str:
    """'Name, street, postcode city (PR), country' for pages and notes."""
    province = f" ({address['province']})" if address.get("province") else ""
    return ", ".join(part for part in (
        address.get("name", ""), address.get("line1", ""),
        f"{address.get('postal_code', '')} {address.get('city', '')}{province}".strip(),
        address.get("country", "")) if part)
