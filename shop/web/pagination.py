"""A window of page links: first, last and the pages around the current one, never all."""

from __future__ import annotations

from flask import Flask


def page_window(page: int, pages: int, radius: int = 2) -> list[int | None]:
    """Page numbers to link, in order, with None where pages are left out (shown as …)."""
    shown = sorted({1, pages, *range(max(1, page - radius), min(pages, page + radius) + 1)})
    window: list[int | None] = []
    for n in shown:
        if window and n - window[-1] > 1:  # type: ignore[operator]
            window.append(None)
        window.append(n)
    return window


def init_app(app: Flask) -> None:
    app.jinja_env.globals["page_window"] = page_window
