"""The staff home: paid orders waiting, late parts, low stock and a year of sales, in words."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from shop.accounts.models import User
from shop.audit.context import acting_as
from shop.extensions import db
from shop.fulfilment import services as fulfilments
from shop.fulfilment.models import Fulfilment
from tests.conftest import csrf_token
from tests.web.conftest import login


def section(html: str, heading_id: str) -> str:
    """The HTML of the section labelled by this heading, up to the next section."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start:html.index("</section>", start)]


def test_staff_see_the_paid_orders_waiting_until_a_part_is_taken_up(app, client, world):
    login(client, world.staff_email)
    with app.app_context():
        pickup_number = db.session.scalar(select(Fulfilment).where(
            Fulfilment.id == world.a.pickup_fulfilment_id)).order.number

    waiting = section(client.get("/staff/").get_data(as_text=True), "waiting-heading")
    assert world.shared_order_number in waiting and pickup_number in waiting
    assert f'href="/staff/fulfilments/{world.a.fulfilment_id}"' in waiting

    url = f"/staff/fulfilments/{world.a.fulfilment_id}"
    client.post(f"{url}/status", data={"to": "accepted", "csrf_token": csrf_token(client, url)})

    waiting = section(client.get("/staff/").get_data(as_text=True), "waiting-heading")
    assert world.shared_order_number not in waiting and pickup_number in waiting


def test_late_parts_and_low_stock_show_with_names_in_the_staff_language(app, client, world):
    with app.app_context():
        part = db.session.get(Fulfilment, world.b.fulfilment_id)
        part.due_date = date(2026, 1, 5)
        db.session.execute(User.__table__.update().where(User.email == world.staff_email)
                           .values(locale="en"))
        db.session.commit()
    login(client, world.staff_email, lang="en")

    html = client.get("/staff/", headers={"Accept-Language": "en"}).get_data(as_text=True)

    late = section(html, "overdue-heading")
    assert world.shared_order_number in late and "Legno Buono" in late
    low = section(html, "low-heading")
    # 6 aprons, 3 promised to the two orders: 3 free; 4 boards, 2 promised.
    assert "<strong>Blue apron</strong>" in low and "Workshop of Filo Dritto" in low
    assert "3 left" in low and "<strong>Walnut board</strong>" in low and "2 left" in low
    assert "workshop" not in low


def test_sales_by_cooperative_are_drawn_with_a_table_alternative(app, client, world):
    with app.test_request_context():
        staff = db.session.scalar(select(User).where(User.email == world.staff_email))
        with acting_as(staff):
            fulfilments.advance(staff, world.a.fulfilment_id, "accepted")
            db.session.commit()
            fulfilments.advance(staff, world.a.fulfilment_id, "ready")
            db.session.commit()
            fulfilments.advance(staff, world.a.fulfilment_id, "shipped", carrier="brt",
                                tracking_code="123456789012")
            db.session.commit()
    login(client, world.staff_email)

    chart = section(client.get("/staff/").get_data(as_text=True), "sales-heading")

    assert '<svg class="chart" role="img" aria-labelledby="sales-title sales-desc"' in chart
    assert ("<title id=\"sales-title\">Valore spedito da ogni cooperativa, ultimi 12 mesi"
            "</title>") in chart
    assert "Filo Dritto ha spedito di più, € 65,00" in chart
    assert ('<tr><th scope="row">Filo Dritto</th><td class="num">€ 65,00</td>'
            '<td class="num">2</td></tr>') in chart
    assert ('<tr><th scope="row">Legno Buono</th><td class="num">€ 0,00</td>'
            '<td class="num">0</td></tr>') in chart


def test_the_ledger_shows_words_not_codes(app, client, world):
    login(client, world.a.member_email)
    url = f"/coop/stock/{world.a.variant_id}"
    client.post(f"{url}/adjust", data={"reason": "production", "quantity": "2",
                                       "csrf_token": csrf_token(client, url)})

    html = client.get(url).get_data(as_text=True)

    assert "Correzione del laboratorio" in html
    assert ">workshop<" not in html and "workshop —" not in html
