"""Reading the staff area's plain forms: whole numbers, dates, per-line quantities."""

from __future__ import annotations

from datetime import date

from flask import request


def int_arg(name: str, source=None) -> int | None:
    """A whole number from the query string (or `source`), None when absent or not one."""
    raw = (source if source is not None else request.args).get(name, "")
    try:
        return int(str(raw).strip())
    except ValueError:
        return None


def date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, "").strip())
    except ValueError:
        return None


def per_line(prefix: str) -> dict[int, int] | None:
    """Fields named `<prefix><id>` as {id: quantity}; None if any is not a whole number."""
    result = {}
    for key, raw in request.form.items():
        if not key.startswith(prefix) or not key[len(prefix):].isdigit():
            continue
        raw = raw.strip()
        if raw == "":
            continue
        try:
            result[int(key[len(prefix):])] = int(raw)
        except ValueError:
            return None
    return result
