"""`pip install .` gives a working shop: the wheel carries compiled catalogs and the site."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "shop", "templates", "static",
           "migrations")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """What `pip install .` installs, built from a clean copy of the sources.

    The wheel when the `wheel` package is at hand (pip's isolated build always has it),
    otherwise the build step that fills it (`setup.py build_py`), which is where the catalogs
    are compiled and the site's folders copied. No network, no change to the environment.
    """
    tree = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.pyc", "*.mo", "_site"))
        else:
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("dist")
    site = tmp_path_factory.mktemp("site")
    if importlib.util.find_spec("wheel") is not None:
        subprocess.run([sys.executable, "-c", "from setuptools import build_meta; "
                        f"build_meta.build_wheel({str(out)!r})"],
                       cwd=tree, check=True, capture_output=True)
        (wheel,) = out.glob("*.whl")
        zipfile.ZipFile(wheel).extractall(site)
    else:
        subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(site)],
                       cwd=tree, check=True, capture_output=True)
    return site


def test_package_holds_compiled_catalogs_templates_static_and_migrations(built):
    names = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}

    assert "shop/translations/it/LC_MESSAGES/messages.mo" in names
    assert "shop/translations/en/LC_MESSAGES/messages.mo" in names
    assert "shop/_site/templates/base.html" in names
    assert "shop/_site/static/css/shop.css" in names
    assert "shop/_site/migrations/env.py" in names
    assert any(n.startswith("shop/_site/migrations/versions/0001") for n in names)


def test_installed_package_serves_italian_pages_and_fingerprinted_css(built, tmp_path):
    script = """
from shop import create_app
from shop.config import TestConfig
from shop.extensions import db
app = create_app(type("Installed", (TestConfig,), {
    "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(__import__("pathlib").Path.cwd() / "s.db"),
    "INSTANCE_PATH": "instance", "SEARCH_INDEX_DIR": "instance/search-index"}))
assert app.template_folder.endswith("shop/_site/templates"), app.template_folder
with app.app_context():
    db.create_all()
client = app.test_client()
page = client.get("/it/cart")
assert page.status_code == 200, page.status_code
html = page.get_data(as_text=True)
assert "Carrello" in html
css = [part.split('"')[0] for part in html.split('href="')[1:] if "shop.css" in part][0]
assert "?v=" in css, css
assert client.get(css).status_code == 200
print("ok")
"""
    env = {**os.environ, "PYTHONPATH": str(built)}
    env.pop("TEST_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-P", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"
