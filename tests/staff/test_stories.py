"""People in stories: named by first name only, with a consent record, never a crime."""

from __future__ import annotations

from sqlalchemy import select

from shop.catalog.models import ConsentRecord, Cooperative, CooperativeTranslation, Product
from shop.extensions import db
from shop.web.markdown import render_markdown
from tests.staff.conftest import edit_form, form_values, indexed_ids, product_id


def draft_naming(client, app, story_en: str, people: str) -> int:
    board = product_id(app, "board")
    data = edit_form(client, board)
    data.update(status="draft", origin_story_en=story_en, people_named=people)
    assert client.post(f"/staff/catalog/products/{board}", data=data).status_code == 303
    return board


def publish(client, product: int):
    data = edit_form(client, product)
    return client.post(f"/staff/catalog/products/{product}/status",
                       data={"csrf_token": data["csrf_token"], "version": data["version"],
                             "status": "active"})


def test_a_story_naming_a_person_is_published_only_with_their_consent(staff_client, shop):
    board = draft_naming(staff_client, shop, "Marco carves every board by hand.", "Marco")

    refused = publish(staff_client, board)

    assert refused.status_code == 409
    assert ("The texts name Marco: add the consent record of each person (first name, date, "
            "who collected it) before publishing.") in refused.get_data(as_text=True)
    with shop.app_context():
        assert db.session.get(Product, board).status == "draft"
    assert indexed_ids(shop, "carves", "en") == []

    token = edit_form(staff_client, board)["csrf_token"]
    recorded = staff_client.post(f"/staff/catalog/products/{board}/consents", data={
        "csrf_token": token, "first_name": "Marco", "given_on": "2026-11-20",
        "collected_by": "Giulia (educatrice)", "notes": "Consenso firmato, copia in sede."})
    published = publish(staff_client, board)

    assert (recorded.status_code, published.status_code) == (303, 303)
    with shop.app_context():
        assert db.session.get(Product, board).status == "active"
        consent = db.session.scalar(select(ConsentRecord))
        assert (consent.first_name, consent.given_on.isoformat(), consent.collected_by,
                consent.product_id) == ("Marco", "2026-11-20", "Giulia (educatrice)", board)
    assert indexed_ids(shop, "carves", "en") == [board]


def test_a_surname_is_refused_as_a_name_to_declare(staff_client, shop):
    board = product_id(shop, "board")
    data = edit_form(staff_client, board)
    data["people_named"] = "Marco Rossi"

    response = staff_client.post(f"/staff/catalog/products/{board}", data=data)

    assert response.status_code == 400
    assert "never a surname" in response.get_data(as_text=True)


def test_a_story_telling_a_crime_or_sentence_is_never_published(staff_client, shop):
    apron = product_id(shop, "apron")
    data = edit_form(staff_client, apron)
    data["origin_story_en"] = "Sewn by someone serving a long sentence for robbery."

    response = staff_client.post(f"/staff/catalog/products/{apron}", data=data)

    assert response.status_code == 409
    assert "remove “sentence”, “robbery”." in response.get_data(as_text=True)
    with shop.app_context():
        assert db.session.get(Product, apron).tr("en").origin_story == "Made in the workshop."


def test_a_cooperative_story_naming_someone_needs_their_consent(staff_client, shop):
    url = "/staff/catalog/cooperatives/1"
    data = form_values(staff_client.get(url).get_data(as_text=True), url)
    data.update(story_it="Anna insegna il taglio.\n\nIl laboratorio apre alle otto.",
                people_named="Anna", commission="22,5", contact_email="filo@example.org")

    refused = staff_client.post(url, data=data)
    staff_client.post(f"{url}/consents", data={
        "csrf_token": data["csrf_token"], "first_name": "Anna", "given_on": "2026-10-01",
        "collected_by": "Luca"})
    saved = staff_client.post(url, data=data)

    assert refused.status_code == 409 and "The texts name Anna" in refused.get_data(as_text=True)
    assert saved.status_code == 303
    with shop.app_context():
        coop = db.session.get(Cooperative, 1)
        assert (coop.commission_bp, coop.contact_email, coop.people_named) == (
            2250, "filo@example.org", "Anna")
    page = staff_client.get("/it/cooperatives/filo").get_data(as_text=True)
    assert "<p>Anna insegna il taglio.</p>\n<p>Il laboratorio apre alle otto.</p>" in page


def test_stories_render_markdown_without_any_markup_of_their_own():
    html = render_markdown("Primo.\n\n**Forte** e <script>alert(1)</script> "
                           "[link](javascript:alert(1)) [sito](https://example.org)\n\n# Titolo")

    assert html == ('<p>Primo.</p>\n<p><strong>Forte</strong> e &lt;script&gt;alert(1)'
                    '&lt;/script&gt; [link](javascript:alert(1)) <a href="https://example.org" '
                    'rel="noopener nofollow">sito</a></p>\n<h3>Titolo</h3>\n')


def test_the_demo_stories_still_read_as_paragraphs(demo, ctx):
    stories = [t.story for t in db.session.scalars(select(CooperativeTranslation))]
    stories += [p.tr(lang).origin_story for p in db.session.scalars(select(Product))
                for lang in ("it", "en")]

    for story in stories:
        html = str(render_markdown(story))
        paragraphs = [p for p in story.split("\n\n") if p.strip()]
        assert html.count("<p>") == len(paragraphs), story
        assert not any(tag in html for tag in ("<h3", "<ul", "<ol", "<em", "<strong", "<a "))
