"""A window of page links: first, last and the pages around the current one, never all."""

from __future__ import annotations

from flask import Flask


def page_window(page: int, pages: int, radius: int = 2) -> list[int | None]:
    """Page numbers to link, in order, with None where pages are left out (shown as …)."""
    shown = sorted({1, pages, *range(max(1, page - radius), min(pages, page + radius) + 1)})
    window: list[int | None] = []
    previous = 0
    for n in shown:
        if n - previous == 2:  # a gap of one page: show the page, not "…"
            window.append(previous + 1)
        elif n - previous > 2 and previous:
            window.append(None)
        window.append(n)
        previous = n
    return window


def init_app(app: Flask) -> None:
    app.jinja_env.globals["page_window"] = page_window
