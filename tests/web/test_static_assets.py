"""Static files: fingerprinted URLs cached for a year; asset responses never vary by cookie."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def stylesheet_url(client) -> str:
    html = client.get("/it/cart").get_data(as_text=True)
    match = re.search(r'href="(/static/css/shop\.css[^"]*)"', html)
    assert match, "no stylesheet link"
    return match.group(1)


def test_pages_link_static_files_with_their_content_hash(client):
    expected = hashlib.sha256((ROOT / "static/css/shop.css").read_bytes()).hexdigest()[:12]

    assert stylesheet_url(client) == f"/static/css/shop.css?v={expected}"


def test_fingerprinted_file_is_cached_for_a_year_without_vary_cookie(client):
    with client.get(stylesheet_url(client)) as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Expires" not in response.headers
        assert "Cookie" not in response.headers.get("Vary", "")
        assert "Set-Cookie" not in response.headers


def test_stale_or_missing_fingerprint_gets_the_short_lifetime(client):
    for url in ("/static/css/shop.css?v=0123456789ab", "/static/css/shop.css"):
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == "public, max-age=3600"
            assert "Cookie" not in response.headers.get("Vary", "")


def test_media_and_health_do_not_vary_by_cookie(client, demo):
    html = client.get("/it/products/").get_data(as_text=True)
    image = re.search(r'src="(/media/[^"]+)"', html).group(1)

    for url in (image, "/healthz"):
        with client.get(url) as response:
            assert response.status_code == 200, url
            assert "Cookie" not in response.headers.get("Vary", ""), url
