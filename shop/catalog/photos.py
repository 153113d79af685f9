"""Product photos uploaded by staff: checked, decoded and re-encoded, stored as WebP renditions.

Nothing the browser sent is stored as it came: Pillow decodes the pixels (refusing what is
not a JPEG, PNG or WebP, what is truncated, and decompression bombs), the picture is turned
upright, its metadata (EXIF with GPS, XMP, ICC comments) is left behind, and new WebP files
are written at the widths the storefront's srcset asks for (shop.catalog.images).
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.catalog.editing import LOCALES, get_product
from shop.catalog.errors import InvalidPhoto, ProductMissing
from shop.catalog.images import (
    ORIGINAL_WIDTH,
    RENDITION_WIDTHS,
    rendition_path,
    webp_bytes,
)
from shop.catalog.models import ProductImage, ProductImageTranslation
from shop.catalog.storage import media_storage
from shop.extensions import db

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any camera we expect, far less than a bomb
MIN_WIDTH = 400
UPLOAD_FOLDER = "photos"  # in the media storage; demo pictures live in products/
# The first bytes of each accepted format: a renamed text file or an SVG has none of them.
SIGNATURES = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "WEBP": (b"RIFF",),
}


@dataclass
class DecodedPhoto:
    image: Image.Image
    width: int
    height: int


def decode(data: bytes) -> DecodedPhoto:
    """The upload's pixels, upright and without metadata, or InvalidPhoto saying why not."""
    if len(data) > MAX_BYTES:
        raise InvalidPhoto("too_large")
    kind = next((fmt for fmt, heads in SIGNATURES.items()
                 if any(data.startswith(h) for h in heads)), None)
    if kind is None or (kind == "WEBP" and data[8:12] != b"WEBP"):
        raise InvalidPhoto("not_image")
    if not _complete(data, kind):
        raise InvalidPhoto("truncated")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise InvalidPhoto("bomb")
                opened.load()
                upright = ImageOps.exif_transpose(opened)
    except InvalidPhoto:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidPhoto("bomb") from None
    except OSError as exc:
        reason = "truncated" if "truncated" in str(exc) or "broken" in str(exc) else "not_image"
        raise InvalidPhoto(reason) from None
    except (ValueError, SyntaxError, Image.UnidentifiedImageError):
        raise InvalidPhoto("not_image") from None
    mode = "RGBA" if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info \
        else "RGB"
    # A new image holds the pixels only: no EXIF, GPS, XMP or comments come along.
    clean = Image.new(mode, upright.size)
    clean.paste(upright.convert(mode))
    if clean.width < MIN_WIDTH:
        raise InvalidPhoto("too_small")
    if clean.width > ORIGINAL_WIDTH:
        height = round(clean.height * ORIGINAL_WIDTH / clean.width)
        clean = clean.resize((ORIGINAL_WIDTH, height), Image.Resampling.LANCZOS)
    return DecodedPhoto(clean, clean.width, clean.height)


def _complete(data: bytes, kind: str) -> bool:
    """Whether the file reaches its format's end marker.

    Checked by hand because Pillow's own check is a process-wide switch that another library
    may turn off (WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES when imported).
    """
    if kind == "JPEG":
        return data.rstrip(b"\x00\r\n ").endswith(b"\xff\xd9")
    if kind == "PNG":
        return b"IEND" in data[-16:]
    return int.from_bytes(data[4:8], "little") + 8 <= len(data)  # WEBP: RIFF size


def write_renditions(photo: DecodedPhoto) -> str:
    """Write the photo at every rendition width under a new name; return its stored path."""
    path = f"{UPLOAD_FOLDER}/{secrets.token_hex(12)}.webp"
    storage = media_storage()
    written: list[str] = []
    try:
        for width in RENDITION_WIDTHS:
            target = rendition_path(path, width)
            image = photo.image
            if width < image.width:
                image = image.resize((width, round(image.height * width / image.width)),
                                     Image.Resampling.LANCZOS)
            storage.save(target, webp_bytes(image, method=4))
            written.append(target)
    except OSError:
        for target in written:
            storage.delete(target)
        raise
    return path


def delete_files(path: str) -> None:
    """Remove an uploaded photo's files (demo pictures are left alone)."""
    if not path.startswith(UPLOAD_FOLDER + "/"):
        return
    storage = media_storage()
    for width in RENDITION_WIDTHS:
        storage.delete(rendition_path(path, width))


def image_state(image: ProductImage) -> dict:
    state = {"path": image.path, "position": image.position}
    for locale in LOCALES:
        state[f"alt_{locale}"] = image.alt_for(locale) if image.translations else ""
    return state


def add_photo(user, product_id: int, data: bytes, alts: dict[str, str]) -> ProductImage:
    """Store an uploaded photo for the product, last in its gallery.

    The files are written before the row; if the row cannot be flushed they are removed,
    so a refused upload leaves neither.
    """
    product = get_product(user, product_id)
    photo = decode(data)
    path = write_renditions(photo)
    try:
        image = ProductImage(
            product=product, path=path, width=photo.width, height=photo.height,
            position=max((i.position for i in product.images), default=0) + 1,
            translations=[ProductImageTranslation(locale=locale, alt=alts[locale].strip())
                          for locale in LOCALES])
        db.session.add(image)
        db.session.flush()
        record("photo.create", "product_image", image.id, after=image_state(image),
               summary=product.tr("it").name, only_changes=False)
    except Exception:
        delete_files(path)
        raise
    return image


def _own_image(user, product_id: int, image_id: int) -> ProductImage:
    staff_actor(user)
    image = db.session.get(ProductImage, image_id)
    if image is None or image.product_id != product_id:
        raise ProductMissing(image_id)
    return image


def update_alt(user, product_id: int, image_id: int, alts: dict[str, str]) -> ProductImage:
    image = _own_image(user, product_id, image_id)
    before = image_state(image)
    by_locale = {t.locale: t for t in image.translations}
    for locale in LOCALES:
        alt = alts[locale].strip()
        if locale in by_locale:
            if by_locale[locale].alt != alt:
                by_locale[locale].alt = alt
        else:
            image.translations.append(ProductImageTranslation(locale=locale, alt=alt))
    record("photo.update", "product_image", image.id, before=before, after=image_state(image))
    db.session.flush()
    return image


def move_photo(user, product_id: int, image_id: int, step: int) -> None:
    """Move a photo one place earlier (step -1) or later (+1); the first is the main one."""
    image = _own_image(user, product_id, image_id)
    images = list(image.product.images)
    index = images.index(image)
    target = index + step
    if not 0 <= target < len(images):
        return
    before = [i.id for i in images]
    images[index], images[target] = images[target], images[index]
    for position, item in enumerate(images, start=1):
        item.position = position
    record("photo.reorder", "product", product_id, before={"order": before},
           after={"order": [i.id for i in images]})
    db.session.flush()
    db.session.expire(image.product, ["images"])


def remove_photo(user, product_id: int, image_id: int) -> str:
    """Remove the photo's row; returns its path, whose files the caller deletes after commit."""
    image = _own_image(user, product_id, image_id)
    record("photo.delete", "product_image", image.id, before=image_state(image),
           only_changes=False)
    path = image.path
    db.session.delete(image)
    db.session.flush()
    return path
