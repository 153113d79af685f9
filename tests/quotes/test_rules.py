"""What may not happen: late or declined acceptance, crossed tokens, outsiders in the staff
pages, unsafe uploads; and the worker's expiry of old quotes."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shop.db import utcnow
from shop.extensions import db
from shop.orders.models import Order
from shop.quotes.errors import InvalidUpload
from shop.quotes.models import Quote, QuoteEvent, QuoteRequest
from shop.quotes.services import expire_quotes
from shop.quotes.validation import check_logo, parse_address_csv
from tests.fixtures.orders import user
from tests.quotes.conftest import company_post, login, request_form, submit


def state(app) -> tuple:
    with app.app_context():
        return (db.session.scalar(select(QuoteRequest.status)),
                db.session.scalar(select(func.count(QuoteEvent.id))),
                db.session.scalar(select(func.count(Order.id))))


def test_declined_quote_cannot_be_accepted(shop, client, quoted):
    assert company_post(client, quoted["token"], "decline", {"reason": "Budget"}).status_code \
        == 303
    before = state(shop)
    assert before[0] == "declined"

    response = company_post(client, quoted["token"], "accept", {"payment": "transfer"})

    assert response.status_code == 303
    assert state(shop) == before
    page = client.get(f"/it/quotes/{quoted['token']}").get_data(as_text=True)
    assert "Accetta e ordina" not in page


def test_quote_past_its_validity_cannot_be_accepted_and_expires(shop, client, quoted):
    with shop.app_context():
        quote = db.session.scalar(select(Quote))
        quote.valid_until = (utcnow() - timedelta(days=2)).date()
        db.session.commit()

    response = company_post(client, quoted["token"], "accept", {"payment": "transfer"})

    assert response.status_code == 303
    assert client.get(response.headers["Location"]).status_code == 200
    assert state(shop)[2] == 0
    with shop.app_context():
        assert expire_quotes() == 1
        db.session.commit()
        assert db.session.scalar(select(QuoteRequest.status)) == "expired"
        assert db.session.scalars(select(QuoteEvent.actor).order_by(
            QuoteEvent.id.desc())).first() == "system"
    response = company_post(client, quoted["token"], "accept", {"payment": "transfer"})
    assert state(shop)[0] == "expired" and state(shop)[2] == 0


def test_worker_round_expires_old_quotes(shop, client, quoted, runner):
    with shop.app_context():
        db.session.scalar(select(Quote)).valid_until = (utcnow() - timedelta(days=1)).date()
        db.session.commit()

    result = runner.invoke(args=["worker", "--once"])

    assert result.exit_code == 0, result.output
    assert "expired quotes 1" in result.output
    assert state(shop)[0] == "expired"


def test_one_token_never_shows_another_quote(shop, client, quoted):
    # A second company's request, quoted too.
    submit(client, request_form(company_name="Altra Srl", vat_number="09876540155",
                                contact_email="altra@example.org", custom_needs="Biscotti"))
    with shop.app_context():
        other = db.session.scalars(select(QuoteRequest).order_by(QuoteRequest.id)).all()[1]
        other_token = other.token

    mine = client.get(f"/it/quotes/{quoted['token']}").get_data(as_text=True)
    theirs = client.get(f"/it/quotes/{other_token}").get_data(as_text=True)

    assert "Pirelli Regali" in mine and "Altra Srl" not in mine
    assert "Altra Srl" in theirs and "Pirelli Regali" not in theirs
    assert "Stiamo preparando il tuo preventivo" in theirs  # not yet quoted: no lines at all
    # Asking the other request's token for this one's version finds nothing.
    assert client.get(f"/it/quotes/{other_token}?version=1").status_code == 404
    assert client.get(f"/it/quotes/{quoted['token']}x").status_code == 404
    assert client.get(f"/it/quotes/{other_token}/pdf").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "customer", "company"])
def test_staff_pages_refuse_others_and_change_nothing(shop, client, requested, who):
    from shop.accounts.models import Role

    if who != "anonymous":
        with shop.app_context():
            user(f"{who}@example.org", Role(who))
            db.session.commit()
        login(client, f"{who}@example.org")
    before = state(shop)
    rid = requested["id"]

    pages = [client.get("/staff/quotes"), client.get(f"/staff/quotes/{rid}"),
             client.get("/staff/quotes/price-breaks")]
    posts = [client.post(f"/staff/quotes/{rid}/review"),
             client.post(f"/staff/quotes/{rid}/draft", data={"valid_until": "2030-01-01"}),
             client.post(f"/staff/quotes/{rid}/send"),
             client.post(f"/staff/quotes/{rid}/transfer-received")]

    expected = 302 if who == "anonymous" else 404
    assert {r.status_code for r in pages} == {expected}
    assert {r.status_code for r in posts} <= {302, 400, 404}
    assert state(shop) == before


SCRIPTED_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(document.cookie)</script>
  <rect width="10" height="10" fill="red" onclick="steal()"/>
  <a xlink:href="javascript:alert(1)"><circle r="3"/></a>
  <image href="https://evil.example/x.png"/>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
  <rect style="fill:url(https://evil.example/track)" fill="url(#ok)"/>
</svg>"""


def test_svg_with_script_is_sanitised():
    logo = check_logo(SCRIPTED_SVG, "logo.svg")

    text = logo.data.decode()
    assert logo.content_type == "image/svg+xml"
    assert '<rect width="10" height="10" fill="red"/>' in text
    for bad in ("script", "onload", "onclick", "javascript", "evil.example", "foreignObject",
                "<image", "<a "):
        assert bad not in text


def test_svg_with_an_entity_bomb_is_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>"""
    with pytest.raises(InvalidUpload) as refused:
        check_logo(bomb, "logo.svg")
    assert refused.value.reason == "svg_unreadable"


def test_non_image_upload_is_refused_in_the_form(shop, client):
    files = {"logo": (io.BytesIO(b"MZ\x90\x00 not an image"), "logo.exe")}

    response = submit(client, request_form(custom_needs="Quaderni"), files=files)

    assert response.status_code == 400
    assert "Il logo deve essere un file PNG, PDF o SVG." in response.get_data(as_text=True)
    assert state(shop) == (None, 0, 0)


def test_svg_logo_is_stored_sanitised(shop, client):
    files = {"logo": (io.BytesIO(SCRIPTED_SVG), "logo.svg")}

    response = submit(client, request_form(custom_needs="Quaderni"), files=files)

    assert response.status_code == 303
    with shop.app_context():
        request = db.session.scalar(select(QuoteRequest))
        assert request.logo_type == "image/svg+xml"
        from pathlib import Path

        stored = (Path(shop.instance_path) / "quote-logos" / request.logo_path).read_bytes()
        assert b"script" not in stored and b"onload" not in stored


def test_address_csv_reports_each_bad_row():
    data = (b"name;address;postal_code;city;province;country;quantity\n"
            b"Ufficio Milano;Via Roma 1;20121;Milano;MI;IT;10\n"
            b";Via Po 2;10100;Torino;TO;IT;5\n"
            b"Sede Roma;Via Nazionale 3;001;Roma;RM;IT;x\n")

    rows, errors = parse_address_csv(data)

    assert [r.city for r in rows] == ["Milano"]
    assert [(e.row, e.field, e.code) for e in errors] == [
        (3, "name", "required"), (4, "postal_code", "postcode_invalid"),
        (4, "quantity", "quantity_invalid")]


def test_address_csv_errors_are_shown_per_row(shop, client):
    csv = b"name,address,postal_code,city,province,country,quantity\nA,,20121,Milano,MI,IT,1\n"
    files = {"addresses_csv": (io.BytesIO(csv), "indirizzi.csv")}

    response = submit(client, request_form(custom_needs="Quaderni"), files=files)

    assert response.status_code == 400
    assert "Riga 2, address: il campo è vuoto" in response.get_data(as_text=True)
    assert state(shop) == (None, 0, 0)
