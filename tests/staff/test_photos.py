"""Photo uploads: real pictures are re-encoded without metadata; anything else leaves no trace."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from shop.catalog.images import RENDITION_WIDTHS, media_root
from shop.catalog.models import ProductImage
from shop.extensions import db
from tests.staff.conftest import audit_count, edit_form, files_under, product_id

ALTS = {"alt_it": "Grembiule blu su un tavolo di legno", "alt_en": "Blue apron on a wooden table"}


def jpeg_with_gps(width: int = 1600, height: int = 1200) -> bytes:
    image = Image.new("RGB", (width, height), (60, 90, 140))
    exif = Image.Exif()
    exif[0x010F] = "Fotocamera"  # Make
    exif[0x8825] = {1: "N", 2: (45.0, 28.0, 10.0), 3: "E", 4: (9.0, 11.0, 20.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), quality=90)
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(0x8825)
    return out.getvalue()


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, format="PNG")
    return out.getvalue()


def noise_png(megabytes: int) -> bytes:
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5) + 1
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
        out, format="PNG", compress_level=0)
    return out.getvalue()


def upload(client, product: int, content: bytes, filename: str, **fields):
    """Post the upload form; the body is built in memory, as a browser would send it."""
    token = edit_form(client, product)["csrf_token"]
    boundary, body = encode_multipart(MultiDict(
        {"csrf_token": token, **ALTS, **fields,
         "photo": FileStorage(io.BytesIO(content), filename=filename)}))
    return client.post(f"/staff/catalog/products/{product}/photos", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def image_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(ProductImage.id)))


def test_a_photo_is_re_encoded_in_every_width_without_its_metadata(staff_client, shop, uploads):
    apron = product_id(shop, "apron")

    response = upload(staff_client, apron, jpeg_with_gps(), "IMG_2041.JPG")

    assert (response.status_code, response.location) == (303, f"/staff/catalog/products/{apron}")
    with shop.app_context():
        image = db.session.scalar(select(ProductImage).where(ProductImage.product_id == apron))
        assert (image.width, image.height) == (1200, 900)
        assert image.path.startswith("photos/") and image.path.endswith(".webp")
        assert "IMG_2041" not in image.path
        assert (image.alt_for("it"), image.alt_for("en")) == (ALTS["alt_it"], ALTS["alt_en"])
        root = media_root()
    files = files_under(uploads)
    assert len(files) == len(RENDITION_WIDTHS)
    for file in files:
        with Image.open(uploads / file) as stored:
            assert stored.format == "WEBP"
            assert stored.width in RENDITION_WIDTHS
            assert not stored.getexif() and "exif" not in stored.info and "xmp" not in stored.info
    assert (root / image.path).exists()
    page = staff_client.get("/it/products/apron").get_data(as_text=True)
    assert f'alt="{ALTS["alt_it"]}"' in page and image.path.removesuffix(".webp") + "-400w.webp" in page


@pytest.mark.parametrize(("content", "filename", "message"), [
    (b"Questo non e' un'immagine, solo testo.\n" * 40, "grembiule.jpg",
     "This file is not a JPEG, PNG or WebP photo. Nothing was saved."),
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900">'
     b'<script>alert(1)</script><rect width="900" height="900"/></svg>', "disegno.svg",
     "This file is not a JPEG, PNG or WebP photo. Nothing was saved."),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "renamed.png",
     "This file is not a JPEG, PNG or WebP photo. Nothing was saved."),
    (jpeg_with_gps()[:6000], "cut-short.jpg",
     "This photo is damaged or incomplete (perhaps the upload was cut short). Nothing was saved."),
    (png(12_000, 12_000, mode="1"), "bomb.png",
     "This image has far too many pixels to be a product photo. Nothing was saved."),
    (png(300, 300), "tiny.png", "This photo is too small: it must be at least 400 pixels wide."),
], ids=["text-named-jpg", "svg", "svg-named-png", "truncated-jpeg", "decompression-bomb", "tiny"])
def test_what_is_not_a_usable_photo_is_refused_and_leaves_nothing(
        staff_client, shop, uploads, content, filename, message):
    apron = product_id(shop, "apron")
    audits = audit_count(shop)

    response = upload(staff_client, apron, content, filename)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert files_under(uploads) == []
    assert image_rows(shop) == 0
    assert audit_count(shop) == audits


def test_a_20_mb_image_gets_a_clear_message_and_leaves_nothing(staff_client, shop, uploads):
    apron = product_id(shop, "apron")
    audits = audit_count(shop)

    response = upload(staff_client, apron, noise_png(20), "huge.png")

    assert response.status_code == 413
    assert ("The photo is larger than 10 MB: export it smaller and upload it again."
            in response.get_data(as_text=True))
    assert files_under(uploads) == []
    assert (image_rows(shop), audit_count(shop)) == (0, audits)


def test_a_photo_needs_its_description_in_both_languages(staff_client, shop, uploads):
    apron = product_id(shop, "apron")

    response = upload(staff_client, apron, jpeg_with_gps(), "a.jpg", alt_en="")

    assert response.status_code == 400
    assert "Please choose a photo and describe it in both languages." in response.get_data(
        as_text=True)
    assert (files_under(uploads), image_rows(shop)) == ([], 0)


def test_photos_are_reordered_and_removed_with_their_files(staff_client, shop, uploads):
    apron = product_id(shop, "apron")
    upload(staff_client, apron, jpeg_with_gps(), "first.jpg")
    upload(staff_client, apron, png(800, 800), "second.png", alt_it="Dettaglio", alt_en="Detail")
    with shop.app_context():
        first, second = db.session.scalars(select(ProductImage.id).where(
            ProductImage.product_id == apron).order_by(ProductImage.position)).all()
    token = edit_form(staff_client, apron)["csrf_token"]

    moved = staff_client.post(f"/staff/catalog/products/{apron}/photos/{second}/move",
                              data={"csrf_token": token, "direction": "up"})
    removed = staff_client.post(f"/staff/catalog/products/{apron}/photos/{first}/delete",
                                data={"csrf_token": token})

    assert (moved.status_code, removed.status_code) == (303, 303)
    with shop.app_context():
        remaining = db.session.scalars(select(ProductImage).where(
            ProductImage.product_id == apron)).all()
        assert [(i.id, i.alt_for("en")) for i in remaining] == [(second, "Detail")]
        assert sorted(files_under(uploads)) == sorted(
            p.removeprefix("photos/") for p in (
                remaining[0].path.replace(".webp", f"-{w}w.webp") if w != 1200
                else remaining[0].path for w in RENDITION_WIDTHS))
