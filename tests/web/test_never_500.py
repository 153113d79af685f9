"""Whatever a visitor sends to any public route, the answer is a page, never a 500."""

from __future__ import annotations

JUNK_VALUES = ["x", "0", "-1", "99999999999999999999", "<script>", "%00", "é" * 300, "../../etc"]
JUNK_FORM = {"quantity": "9" * 40, "variant_id": "abc", "email": "\x00@x", "action": "pay",
             "delivery_method": "teleport", "shipping_method": "<b>", "expected_total_cents": "1e9",
             "accept_terms": "maybe", "ship_country": "ZZ", "remove": "1"}


def routes(app, prefixes=("storefront.", "root.", "webhooks.")):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(prefixes) and rule.endpoint != "root.media":
            yield rule


def fill(rule, value: str) -> str:
    args = {name: ("it" if name == "lang" else value) for name in rule.arguments}
    path = rule.rule
    for name, arg in args.items():
        path = path.replace(f"<int:{name}>", "7" if not value.isdigit() else value)
        path = path.replace(f"<path:{name}>", arg).replace(f"<{name}>", arg)
    return path


def test_no_route_answers_5xx_to_junk(demo_rw, client):
    app = demo_rw
    app.config["WTF_CSRF_ENABLED"] = False  # reach the views' own validation
    try:
        for value in JUNK_VALUES:
            for rule in routes(app):
                path = fill(rule, value)
                for method in sorted(rule.methods & {"GET", "POST"}):
                    response = client.open(path, method=method, data=JUNK_FORM)
                    assert response.status_code < 500, f"{method} {path}: {response.status_code}"
    finally:
        app.config["WTF_CSRF_ENABLED"] = True


def test_listing_and_pages_accept_junk_query_strings(demo, client):
    for query in ("page=%FF", "sort=%00", "category=" + "a" * 5000, "in_stock[]=1", "q=\x00"):
        assert client.get(f"/en/products/?{query}").status_code == 200
