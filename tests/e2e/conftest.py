"""Browser journeys: the app on a live server, Debian's Chromium through Playwright, axe-core.

Every test here is marked `e2e` and runs once per viewport (phone, desktop). A test takes
the `shop` fixture, a `harness.Shop` around a fresh page: every page it visits is audited
with axe-core (and, with E2E_SCREENSHOTS=1, screenshotted under test-artifacts/screenshots/;
a failing test always leaves a screenshot of the page it failed on), and the test fails at its
end on serious or critical accessibility violations, console errors, uncaught exceptions,
server errors, missing static or media files and broken images.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.e2e.harness import AXE_PATH, CHROMIUM_PATH, SCREENSHOTS, Shop

E2E_DIR = Path(__file__).resolve().parent

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]

VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}

SHOP_KEY = pytest.StashKey[Shop]()

expect.set_options(timeout=5_000)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/e2e as `e2e`, before `-m` selects or deselects."""
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body, fail on what its pages showed (or attach it to a failure)."""
    try:
        result = yield
    except BaseException:
        shop = item.stash.get(SHOP_KEY, None)
        if shop is not None:
            with contextlib.suppress(PlaywrightError):
                shop.screenshot(f"{len(shop.steps) + 1:02d}-at-failure")
            if shop.problems:
                item.add_report_section("call", "page checks", shop.report())
        raise
    shop = item.stash.get(SHOP_KEY, None)
    if shop is not None:
        shop.assert_clean()
    return result


def require(path: Path, what: str) -> None:
    """CI must never skip the journeys silently; a developer is told how to get them."""
    if path.exists():
        return
    message = f"{what} is missing ({path}): run `make browser` to install it."
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class QuietHandler(WSGIRequestHandler):
    """Keep request lines out of the test output; errors and tracebacks still show."""

    def log_request(self, code="-", size="-") -> None:
        pass


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The session's app served on a free local port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require(CHROMIUM_PATH, "Debian's Chromium")
    require(AXE_PATH, "axe-core")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def page(browser, viewport, live_server) -> Iterator[Page]:
    # A browser language the shop does not speak: tests open /it/… or /en/… explicitly.
    context = browser.new_context(**VIEWPORTS[viewport], locale="de-DE",
                                  timezone_id="Europe/Rome", bypass_csp=True)
    context.set_default_timeout(10_000)
    # axe-core in every document from the start: quicker than injecting it after each load.
    context.add_init_script(path=str(AXE_PATH))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shop(request, page, viewport, live_server) -> Shop:
    """A page on the live shop whose every visited page is checked (see harness.Shop)."""
    shop = Shop(page, live_server, SCREENSHOTS / screenshot_folder(request.node) / viewport,
                viewport)
    request.node.stash[SHOP_KEY] = shop
    return shop


def screenshot_folder(item) -> str:
    """The test's name with its parameters other than the viewport, e.g. test_journey[it]."""
    callspec = getattr(item, "callspec", None)
    params = [str(v) for k, v in (callspec.params.items() if callspec else []) if k != "viewport"]
    name = item.originalname + (f"[{'-'.join(params)}]" if params else "")
    return f"{Path(item.path).stem}/{name}"
