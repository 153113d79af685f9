"""Query strings and path numbers a visitor makes up get a page or a 404, never a 500."""

from __future__ import annotations

import pytest

from tests.web.conftest import login


@pytest.mark.parametrize("query", [
    "lang=x", "endpoint=1", "_method=PUT", "_external=1", "_anchor=x", "_scheme=javascript",
    "values=1", "page=2&lang=en&endpoint=x", "q=a&_method=PUT",
])
def test_query_parameters_never_reach_url_for(demo, client, query):
    for path in ("/it/products/", "/it/search", "/en/cooperatives/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, f"{path}?{query}"
        html = response.get_data(as_text=True)
        assert "_method" not in html and "endpoint=" not in html


def test_pager_and_language_links_keep_harmless_filters(demo, client):
    html = client.get("/it/products/?sort=price_asc&lang=en&endpoint=1").get_data(as_text=True)
    assert 'hreflang="en" href="http://localhost/en/products/?sort=price_asc"' in html \
        or "/en/products/?sort=price_asc" in html


@pytest.mark.parametrize("path", [
    "/coop/fulfilments/99999999999999999999",
    "/coop/fulfilments/2147483648",
    "/coop/stock/99999999999999999999",
    "/coop/statements/99999999999999999999/1",
])
def test_numbers_past_the_id_columns_in_paths_are_not_found(world, client, path):
    login(client, world.a.member_email)
    assert client.get(path).status_code == 404


def test_largest_id_is_still_looked_up(world, client):
    login(client, world.a.member_email)
    assert client.get("/coop/fulfilments/2147483647").status_code == 404
