"""Paged lists link a window of pages, and the cooperative page shows one page of products."""

from __future__ import annotations

import re

import pytest

from shop.web.pagination import page_window


@pytest.mark.parametrize(("page", "pages", "expected"), [
    (1, 1, [1]),
    (1, 5, [1, 2, 3, 4, 5]),
    (1, 834, [1, 2, 3, None, 834]),
    (400, 834, [1, None, 398, 399, 400, 401, 402, None, 834]),
    (834, 834, [1, None, 832, 833, 834]),
    (4, 7, [1, 2, 3, 4, 5, 6, 7]),
])
def test_page_window_keeps_first_last_and_two_either_side(page, pages, expected):
    assert page_window(page, pages) == expected


def test_cooperative_page_shows_one_page_of_its_products_with_page_links(client, demo, app):
    app.config["PRODUCTS_PER_PAGE"] = 3
    try:
        first = client.get("/it/cooperatives/filo-dritto").get_data(as_text=True)
        second = client.get("/it/cooperatives/filo-dritto?page=2").get_data(as_text=True)
        junk = client.get("/it/cooperatives/filo-dritto?page=abc")
    finally:
        app.config["PRODUCTS_PER_PAGE"] = 12

    cards = re.compile(r'class="card-link" href="/it/products/([^"]+)"')
    assert len(cards.findall(first)) == 3
    assert len(cards.findall(second)) == 3
    assert set(cards.findall(first)).isdisjoint(cards.findall(second))
    assert 'rel="next" href="/it/cooperatives/filo-dritto?page=2"' in first
    assert '<span aria-current="page">2</span>' in second
    assert junk.status_code == 200
