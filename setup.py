"""Build step of the package: compiled translations and the site's files go into the wheel.

`pip install .` must give a working shop. The translation catalogs are compiled from the
`.po` sources (the `.mo` files are not committed), and the templates, static files and
migrations, which live at the top of the repository, are copied into `shop/_site/`, where
`create_app()` finds them when the package is installed rather than run from a checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SITE_FOLDERS = ("templates", "static", "migrations")


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile every `<lang>/LC_MESSAGES/*.po` under `source` into `.mo` files under `target`."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source).with_suffix(".mo")
        mo_path = target / relative
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with open(po_path, "rb") as po_file:
            catalog = read_po(po_file, locale=relative.parts[0])
        with open(mo_path, "wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


class BuildWithSite(build_py):
    """The usual build, plus compiled catalogs and the site's folders inside the package."""

    def run(self) -> None:
        super().run()
        package = Path(self.build_lib) / "shop"
        compile_catalogs(HERE / "shop" / "translations", package / "translations")
        for name in SITE_FOLDERS:
            target = package / "_site" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(HERE / name, target,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithSite})
