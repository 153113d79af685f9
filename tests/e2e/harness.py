"""The browser harness: a Shop drives a Playwright page and checks every page it lands on.

Each page a test reaches (through `goto`, `click`, `click_link`, `submit` or `check`) is
audited with axe-core and searched for broken images; with E2E_SCREENSHOTS=1 it is also
saved as a full-page screenshot (a failing test always saves one of the page it failed on).
Console errors, uncaught exceptions, server errors and missing static or media files are
recorded as they happen. A test whose pages show any of these fails at its end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Error, Locator, Page, Response

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_PATH = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# A full-page screenshot of every checked page costs more than its axe audit (about a third
# of a journey's time): taken only when asked for; a failure is always screenshotted.
SCREENSHOT_EVERY_STEP = os.environ.get("E2E_SCREENSHOTS") == "1"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
ASSET_PREFIXES = ("/static/", "/media/")
NODES_SHOWN = 6

# axe verdicts by (viewport, digest of the serialised DOM): a document already audited in
# this session, byte for byte and at the same size, gets the same verdict without a rerun.
_AXE_VERDICTS: dict[tuple[str, str], list[dict]] = {}

_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  const target = (t) => t.map((part) => Array.isArray(part) ? part.join(' >>> ') : part).join(', ');
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: target(n.target), summary: n.failureSummary || ''})),
  }));
}"""

_DOM_DIGEST = """async () => {
  const bytes = new TextEncoder().encode(document.documentElement.outerHTML);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}"""

# Lazy images below the fold would never be requested (and blank in a full-page screenshot):
# load them all, so a missing file shows up and a screenshot is complete.
_LOAD_IMAGES = """async (timeoutMs) => {
  const images = Array.from(document.images);
  images.forEach((img) => { if (img.loading === 'lazy') img.loading = 'eager'; });
  const settled = (img) => img.complete ? null : new Promise((resolve) => {
    img.addEventListener('load', resolve, {once: true});
    img.addEventListener('error', resolve, {once: true});
  });
  await Promise.race([Promise.all(images.map(settled)),
                      new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  return images.filter((img) => img.complete && img.naturalWidth === 0)
               .map((img) => img.currentSrc || img.src || img.outerHTML.slice(0, 120));
}"""


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "page"


class Shop:
    """A browser tab on the live shop, with the page checks every test gets for free."""

    def __init__(self, page: Page, base_url: str, screenshot_dir: Path, viewport: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.viewport = viewport
        self.screenshot_dir = screenshot_dir
        self.problems: list[str] = []
        self.steps: list[str] = []
        self._loaded: list[str] = []
        self._checked: set[str] = set()
        self._expected_error_documents: set[str] = set()
        self._failed_assets: set[str] = set()
        shutil.rmtree(screenshot_dir, ignore_errors=True)
        screenshot_dir.mkdir(parents=True, exist_ok=True)
        # Handlers only append to lists: a sync Playwright handler must not call back into
        # the page (no evaluate, no screenshot) while Playwright is dispatching its event.
        page.on("load", self._on_load)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("response", self._on_response)

    # -- moving around --------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def path(self) -> str:
        """The current page's path and query, without the server's origin."""
        parts = urlsplit(self.page.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def goto(self, path: str, *, status: int = 200, step: str | None = None) -> Response:
        """Open a path of the shop, expect its HTTP status, and check the page."""
        url = self.url(path)
        if status >= 400:
            self._expected_error_documents.add(url)
        response = self.page.goto(url, wait_until="load")
        assert response is not None, f"no response for {url}"
        assert response.status == status, f"GET {path}: HTTP {response.status}, expected {status}"
        self.check(step or path)
        return response

    def click(self, target: Locator, *, step: str) -> None:
        """Click something that loads a new page, wait for it, and check it."""
        with self.page.expect_navigation(wait_until="load"):
            target.click()
        self.check(step)

    def click_link(self, name: str | re.Pattern, *, within: Locator | None = None,
                   exact: bool = True, step: str | None = None) -> None:
        scope = within if within is not None else self.page
        link = scope.get_by_role("link", name=name, exact=exact)
        self.click(link, step=step or f"link {name if isinstance(name, str) else 'pattern'}")

    def submit(self, button: str, *, within: Locator | None = None,
               step: str | None = None) -> None:
        """Press a form's submit button by its accessible name, and check the result page."""
        scope = within if within is not None else self.page
        self.click(scope.get_by_role("button", name=button, exact=True),
                   step=step or f"submit {button}")

    @contextmanager
    def navigation(self, *, step: str) -> Iterator[None]:
        """For navigations started otherwise (keyboard, script): wait, then check the page."""
        with self.page.expect_navigation(wait_until="load"):
            yield
        self.check(step)

    # -- checks -----------------------------------------------------------------------------

    def check(self, step: str) -> None:
        """Audit the current page with axe-core, load its images (E2E_SCREENSHOTS=1: save a
        screenshot)."""
        page = self.page
        page.wait_for_load_state("load")
        url = page.url
        self.steps.append(f"{len(self.steps) + 1:02d}-{slugify(step)}")
        name = self.steps[-1]
        violations = self._run_axe()
        if violations:
            (self.screenshot_dir / f"{name}.axe.json").write_text(
                json.dumps({"url": url, "violations": violations}, indent=2, ensure_ascii=False))
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            self.problems.append(self._describe_axe(blocking, url, name))
        broken = page.evaluate(_LOAD_IMAGES, 5000)
        for src in broken:
            self.problems.append(f"broken image on {url} ({self.viewport}, {name}): {src}")
        if SCREENSHOT_EVERY_STEP:
            self.screenshot(name)
        self._checked.add(url)

    def screenshot(self, name: str) -> Path:
        path = self.screenshot_dir / f"{name}.png"
        # CSS pixels keep phone shots (device scale 2) quick to take and to look at.
        self.page.screenshot(path=str(path), full_page=True, animations="disabled", scale="css")
        return path

    def assert_clean(self) -> None:
        """Fail with everything the pages showed: violations, errors, pages left unchecked."""
        unchecked = sorted({u for u in self._loaded if u not in self._checked})
        problems = self.problems + [
            f"page loaded but never checked: {u} (navigate with shop.goto/click/click_link/"
            "submit/navigation, or call shop.check)" for u in unchecked]
        if problems:
            raise AssertionError(self.report(problems))

    def report(self, problems: list[str] | None = None) -> str:
        problems = self.problems if problems is None else problems
        head = f"{len(problems)} problem(s) on the pages of this test ({self.viewport}):"
        return "\n\n".join([head, *problems])

    def _run_axe(self) -> list[dict]:
        page = self.page
        key = (self.viewport, page.evaluate(_DOM_DIGEST))
        if key not in _AXE_VERDICTS:
            if not page.evaluate("() => typeof window.axe === 'object'"):
                page.add_script_tag(path=str(AXE_PATH))
            _AXE_VERDICTS[key] = page.evaluate(_RUN_AXE, AXE_TAGS)
        return _AXE_VERDICTS[key]

    def _describe_axe(self, violations: list[dict], url: str, step: str) -> str:
        lines = [f"axe-core: {len(violations)} serious/critical violation(s) on {url} "
                 f"({self.viewport}, step {step}):"]
        for v in violations:
            lines.append(f"  - {v['id']} [{v['impact']}] {v['help']}  <{v['helpUrl']}>")
            for node in v["nodes"][:NODES_SHOWN]:
                summary = " ".join(node["summary"].split())
                lines.append(f"      {node['target']}: {summary[:300]}")
            if len(v["nodes"]) > NODES_SHOWN:
                lines.append(f"      … and {len(v['nodes']) - NODES_SHOWN} more")
        return "\n".join(lines)

    # -- event handlers (record only) --------------------------------------------------------

    def _on_load(self, page: Page) -> None:
        self._loaded.append(page.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "")
        # Chromium logs every failed load: skip documents opened on purpose with an error
        # status, and assets the response handler has already reported.
        if (message.text.startswith("Failed to load resource")
                and source in self._expected_error_documents | self._failed_assets):
            return
        self.problems.append(f"console error on {self.page.url}: {message.text} (from {source})")

    def _on_page_error(self, error: Error) -> None:
        self.problems.append(f"uncaught exception on {self.page.url}: {error.message}")

    def _on_response(self, response: Response) -> None:
        status, url = response.status, response.url
        if status >= 500:
            self.problems.append(f"HTTP {status} for {response.request.method} {url}")
        elif (status == 404 and url.startswith(self.base_url + "/")
              and urlsplit(url).path.startswith(ASSET_PREFIXES)):
            self._failed_assets.add(url)
            self.problems.append(f"missing asset (HTTP 404): {url} on {self.page.url}")
