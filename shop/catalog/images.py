"""Product pictures for the demo catalog, drawn with Pillow, and the paths of their renditions.

An original is `products/<slug>-<n>.webp` in the media storage (the path ProductImage
stores; shop.catalog.storage); its resized copies sit beside it as `<slug>-<n>-400w.webp`
and `<slug>-<n>-800w.webp`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from PIL import Image, ImageDraw, ImageFont

from shop.catalog.demo_data.types import Bilingual, ProductData
from shop.catalog.image_motifs import MOTIFS, RGB, Pen, darker, lighter, mix
from shop.catalog.storage import media_storage

RENDITION_WIDTHS = (400, 800, 1200)
ORIGINAL_WIDTH = 1200
SUPERSAMPLE = 2  # drawn at twice the size and scaled down, for smooth edges
WEBP_QUALITY = 82
WEBP_METHOD = 2  # flat illustrations: a faster encoder effort costs little in size


@dataclass(frozen=True)
class Swatch:
    """A colour and how each language names it in an alt text."""

    hex: str
    it: str = ""
    en: str = ""

    @property
    def rgb(self) -> RGB:
        return tuple(int(self.hex[i:i + 2], 16) for i in (1, 3, 5))


@dataclass(frozen=True)
class Picture:
    path: str
    width: int
    height: int
    alt: Bilingual


# The main picture's background, then the close-up's, per category.
BACKGROUNDS: dict[str, tuple[Swatch, Swatch]] = {
    "abbigliamento-accessori": (Swatch("#eadcc4", "color sabbia", "sand-coloured"),
                                Swatch("#e4dccd", "color lino", "linen")),
    "forno-dolci": (Swatch("#f4e6cc", "color crema", "cream"),
                    Swatch("#efd8ae", "color miele", "honey")),
    "carta-stampa": (Swatch("#efd7cd", "rosa antico", "dusty pink"),
                     Swatch("#f1e4cc", "color carta", "paper-coloured")),
    "legno-casa": (Swatch("#f1d5b8", "color albicocca", "apricot"),
                   Swatch("#e9dac6", "nocciola chiaro", "light hazel")),
    "piante-giardino": (Swatch("#e1e5cf", "verde salvia chiaro", "pale sage"),
                        Swatch("#efdfcb", "color terra chiara", "light earth")),
    "regali-aziendali": (Swatch("#f0dfb2", "ocra chiaro", "pale ochre"),
                         Swatch("#eed4c5", "color pesca", "peach")),
}
DEFAULT_BACKGROUNDS = BACKGROUNDS["abbigliamento-accessori"]

# Item colours; the named ones are mentioned in the alt text, the others go without saying.
TINTS: dict[str, Swatch] = {
    "blue": Swatch("#3f5f8a", "blu", "blue"),
    "natural": Swatch("#d3c09b", "naturale", "natural"),
    "charcoal": Swatch("#4b4d52", "antracite", "charcoal"),
    "ochre": Swatch("#c9963a", "ocra", "ochre"),
    "brick": Swatch("#a9533f", "rosso mattone", "brick red"),
    "ink": Swatch("#2f4a6e", "blu inchiostro", "ink blue"),
    "sage": Swatch("#8ea283", "verde salvia", "sage green"),
    "denim": Swatch("#5a7699"),
    "jute": Swatch("#b48e5a"),
    "golden": Swatch("#d9a757"),
    "cocoa": Swatch("#6b4531"),
    "hazel": Swatch("#a8743f"),
    "crust": Swatch("#8d5a34"),
    "kraft": Swatch("#b58c5c"),
    "oak": Swatch("#c39a6b"),
    "walnut": Swatch("#7b5338"),
    "pine": Swatch("#dcb784"),
    "leaf": Swatch("#5d8a58"),
    "lavender": Swatch("#8c7bbf"),
    "olive": Swatch("#7d8f62"),
    "terracotta": Swatch("#c4683f"),
}


def rendition_path(path: str, width: int) -> str:
    """The relative path of an image at one of RENDITION_WIDTHS (the original at 1200)."""
    if width not in RENDITION_WIDTHS:
        raise ValueError(f"no rendition {width} px wide; choose one of {RENDITION_WIDTHS}")
    if width == ORIGINAL_WIDTH:
        return path
    stem, dot, ext = path.rpartition(".")
    return f"{stem}-{width}w.{ext}" if dot else f"{path}-{width}w"


def media_root() -> Path:
    """The local media folder (MEDIA_ROOT); code that stores files uses media_storage()."""
    return Path(current_app.config["MEDIA_ROOT"])


def original_path(slug: str, n: int) -> str:
    return f"products/{slug}-{n}.webp"


def ensure_product_pictures(product: ProductData) -> list[Picture]:
    """Draw the product's pictures (1 + extra_images) unless their files already exist."""
    pictures = []
    for n in range(1, 2 + product.extra_images):
        path = original_path(product.slug, n)
        _ensure_files(path, lambda n=n: render(product, close_up=n > 1))
        pictures.append(Picture(path, ORIGINAL_WIDTH, ORIGINAL_WIDTH,
                                alt_text(product, close_up=n > 1)))
    return pictures


def alt_text(product: ProductData, *, close_up: bool = False) -> Bilingual:
    """Describe the picture: what it shows, in which colour, on which background."""
    background = _backgrounds(product)[1 if close_up else 0]
    tint = TINTS[product.tint]
    name_it, name_en = _lower_first(product.name.it), _lower_first(product.name.en)
    colour_it = f" ({tint.it})" if tint.it else ""
    colour_en = f" ({tint.en})" if tint.en else ""
    article = "an" if background.en[0] in "aeiou" else "a"
    if close_up:
        return Bilingual(
            f"Dettaglio ravvicinato: {name_it}{colour_it} su fondo {background.it}",
            f"Close-up: {name_en}{colour_en} on {article} {background.en} background")
    return Bilingual(
        f"Illustrazione: {name_it}{colour_it} su fondo {background.it}",
        f"Illustration: {name_en}{colour_en} on {article} {background.en} background")


def render(product: ProductData, *, close_up: bool = False) -> Image.Image:
    """The product's picture at ORIGINAL_WIDTH: the main composition or a closer detail."""
    size = ORIGINAL_WIDTH * SUPERSAMPLE
    background = _backgrounds(product)[1 if close_up else 0].rgb
    tint = TINTS[product.tint].rgb
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    if close_up:
        _dot_pattern(draw, size, darker(background, 0.06))
        # A closer look: the item drawn larger, its lower right part out of the frame.
        pen = Pen(draw, ox=-0.12 * size, oy=-0.08 * size, k=size * 1.45 / 100)
    else:
        draw.ellipse([0.14 * size, 0.14 * size, 0.86 * size, 0.86 * size],
                     fill=lighter(background, 0.28))
        draw.ellipse([0.27 * size, 0.69 * size, 0.73 * size, 0.75 * size],
                     fill=mix(background, (60, 45, 35), 0.12))
        pen = Pen(draw, ox=0.16 * size, oy=0.13 * size, k=size * 0.68 / 100)
    MOTIFS[product.motif](pen, tint)
    if not close_up:
        _wordmark(draw, size, product.cooperative, darker(background, 0.45))
    return image.reduce(SUPERSAMPLE)


def _ensure_files(path: str, draw_original) -> None:
    """Write the original (drawn on demand) and every missing resized copy."""
    storage = media_storage()
    targets = {width: rendition_path(path, width) for width in RENDITION_WIDTHS}
    missing = {width: target for width, target in targets.items() if not storage.exists(target)}
    if not missing:
        return
    if ORIGINAL_WIDTH in missing:
        original = draw_original()
        storage.save(targets[ORIGINAL_WIDTH], webp_bytes(original))
    else:
        with Image.open(io.BytesIO(storage.read(targets[ORIGINAL_WIDTH]))) as stored:
            original = stored.convert("RGB")
    for width, target in missing.items():
        if width != ORIGINAL_WIDTH:
            height = round(original.height * width / original.width)
            storage.save(target, webp_bytes(original.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)))


def webp_bytes(image: Image.Image, method: int = WEBP_METHOD) -> bytes:
    """The picture encoded as the WebP file the media storage keeps."""
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=method)
    return buffer.getvalue()


def _backgrounds(product: ProductData) -> tuple[Swatch, Swatch]:
    return BACKGROUNDS.get(product.category, DEFAULT_BACKGROUNDS)


def _dot_pattern(draw: ImageDraw.ImageDraw, size: int, colour: RGB) -> None:
    step = size // 16
    radius = max(2, size // 320)
    for row, y in enumerate(range(step // 2, size, step)):
        offset = step // 2 if row % 2 else 0
        for x in range(step // 2 + offset, size, step):
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def _wordmark(draw: ImageDraw.ImageDraw, size: int, cooperative_slug: str, colour: RGB) -> None:
    """The cooperative's name, small and letter-spaced, along the bottom edge."""
    text = " ".join(cooperative_slug.replace("-", " ").upper())
    font = ImageFont.load_default(size=size // 40)
    width = draw.textlength(text, font=font)
    draw.text(((size - width) / 2, size * 0.92), text, font=font, fill=colour)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
