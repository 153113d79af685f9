"""The shop's public address for links that leave the site (emails, payment return pages).

Production uses SHOP_BASE_URL. In development the web layer records the address the
request came in on (`g.base_url`), so links work on whatever host and port the shop runs.
"""

from __future__ import annotations

from flask import current_app, g


def base_url() -> str:
    return (g.get("base_url") or current_app.config["SHOP_BASE_URL"]).rstrip("/")


def absolute(path: str) -> str:
    return base_url() + path
