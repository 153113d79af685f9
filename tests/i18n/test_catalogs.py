"""Every user-facing string is in the catalogs, and Italian has a translation for each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def catalog(lang: str):
    with open(ROOT / "shop/translations" / lang / "LC_MESSAGES/messages.po", "rb") as f:
        return read_po(f, locale=lang)


def test_every_string_in_code_and_templates_is_in_both_catalogs(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "--ignore-dirs=.* node_modules instance",
         "-o", str(pot), "--no-location", "."],
        cwd=ROOT, check=True)
    with open(pot, "rb") as f:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    for lang in ("it", "en"):
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
        assert sorted(extracted - known) == [], f"run `make messages` and translate ({lang})"


def test_italian_catalog_is_complete_and_keeps_placeholders():
    for message in catalog("it"):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"untranslated: {ids[0]!r}"
        assert "fuzzy" not in message.flags, f"fuzzy: {ids[0]!r}"
        for text in strings:
            for placeholder in ("%(num)d", "%(name)s", "%(value)s", "%(year)d", "%(rate)s"):
                if placeholder in ids[0]:
                    assert placeholder in text, f"{placeholder} lost in {ids[0]!r}"
