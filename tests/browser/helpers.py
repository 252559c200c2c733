"""What the browser tests do to a page and what they check, shared by the real tests and the
negative tests of test_can_fail.py (which show that these same checks do fail on a broken site).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .sitebuild import QuietHandler, serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")  # Debian's; playwright cannot download one
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
LOCAL_HOST = "127.0.0.1"

SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"
SEED_TITLE = "Iran rethinks its bet on Russia as the US crisis deepens"

# One page of every kind a reader meets, by name (used in test ids and screenshot names).
PAGES = {
    "home": "/",
    "briefing": f"/briefings/{SEED}/",
    "country": "/countries/iran/",
    "relationship": "/relations/iran--russia/",
    "person": "/people/andrei-rudenko/",
    "organization": "/organizations/state-duma/",
    "topic": "/topics/diplomacy/",
    "timeline": "/timeline/",
    "countries-index": "/countries/",
    "briefings-index": "/briefings/",
}


# --- contexts -------------------------------------------------------------------------------


def is_local(url: str) -> bool:
    """True for a URL the site may load: our server on 127.0.0.1, or inline data: / blob: URLs."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == LOCAL_HOST


def new_context(browser: Browser, viewport: dict[str, int], block_external: bool = False) -> BrowserContext:
    """A fresh context (own storage and cache, so the palette choice does not leak between tests).

    With `block_external`, requests to any other host are still *made* (the page's request event
    fires, so the privacy check sees them) but aborted before they leave the machine. It is off by
    default because routing disables Chromium's HTTP cache, which slows every page load.
    """
    context = browser.new_context(viewport=viewport)
    if block_external:
        context.route(lambda url: not is_local(url), lambda route: route.abort("blockedbyclient"))
    return context


# --- what happens on a page -----------------------------------------------------------------


@dataclass
class Recorder:
    """Every request, console error, uncaught exception and failed request of one page."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Recorder:
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        return self

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def _on_failed(self, request: Request) -> None:
        self.failures.append(f"{request.url}: {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.url}: HTTP {response.status}")


def open_page(context: BrowserContext, url: str, settle: bool = True) -> tuple[Page, Recorder]:
    """Open `url` in a new page with a recorder attached; with `settle`, wait until the network is
    quiet (images and scripts that load after the load event)."""
    page = context.new_page()
    recorder = Recorder().attach(page)
    page.goto(url, wait_until="load")
    if settle:
        page.wait_for_load_state("networkidle")
    return page, recorder


def external_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if not is_local(url)]


def assert_only_local_requests(recorder: Recorder, what: str) -> None:
    outside = external_requests(recorder.requests)
    assert not outside, f"{what} made requests to other hosts than {LOCAL_HOST}:\n" + "\n".join(outside)


def errors(recorder: Recorder) -> list[str]:
    return [f"console: {e}" for e in recorder.console_errors] + [f"request: {f}" for f in recorder.failures]


def assert_no_errors(recorder: Recorder, what: str, ignore: tuple[str, ...] = ()) -> None:
    """No console error, uncaught exception or failed request, except those matching an `ignore` regex."""
    problems = [p for p in errors(recorder) if not any(re.search(pattern, p) for pattern in ignore)]
    assert not problems, f"{what} has errors:\n" + "\n".join(problems)


# --- search ----------------------------------------------------------------------------------

# The header search (docs/javascripts/header-search.js) on the site's Pagefind index. Its dialog says
# what it shows: data-state is "idle", "loading", "done" or "error", data-query the query whose results
# are on screen, data-index "loading", "ready" or "missing" once Pagefind has been asked for.
SEARCH_DIALOG = "[data-briefing-search]"
SEARCH_INPUT = "input.md-search__input"
SEARCH_META = ".md-search-result__meta"
SEARCH_LINKS = ".md-search-result__item a.md-search-result__link"
# Paths of the pages listed in the search results, in order.
RESULT_PATHS_JS = """() => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')]
    .map(a => new URL(a.href).pathname)"""
RESULT_KINDS_JS = """() => [...document.querySelectorAll('.md-search-result__item .briefing-search-kind')]
    .map(e => e.textContent)"""
SEARCH_READY_JS = "() => document.querySelector('[data-briefing-search]')?.dataset.index === 'ready'"
SEARCH_SETTLED_JS = """(q) => {
    const d = document.querySelector('[data-briefing-search]');
    const settled = d && (d.dataset.state === 'done' || d.dataset.state === 'error' || d.dataset.state === 'idle');
    return !!settled && d.dataset.query === q;
}"""
SEARCH_OPEN_JS = "() => document.getElementById('__search').checked"

# Ordinary words of the seed briefing, as a reader might type them, and the form its text has: the typed
# form is never in the text (tests/test_build.py checks), so only English stemming can find it.
INFLECTED = {
    "treaties": "treaty",  # plurals
    "pacts": "pact",
    "alliances": "alliance",
    "articles": "article",
    "partitions": "partition",
    "voted": "votes",  # past tenses
    "integrated": "integrate",
    "cooperated": "cooperate",
    "sanctioned": "sanctions",
    "condemned": "condemns",
    "intervened": "intervenes",
}


@dataclass
class SearchOutcome:
    query: str
    ready: bool  # Pagefind had loaded before typing
    found: bool  # the results of the query typed list every expected page
    seconds: float  # from the last keystroke until the results of the whole query were shown
    paths: list[str]
    meta: str


def open_search(page: Page) -> None:
    """Open the header search with its keyboard shortcut, as a reader does (a click where it is not
    focusable by key, e.g. when a field has focus)."""
    box = page.locator(SEARCH_INPUT)
    if not box.evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")
    if not box.evaluate("el => el === document.activeElement"):
        box.click()


def search(
    page: Page, query: str, expected: list[str], *, ready_timeout: float = 10.0, result_timeout: float = 3.0
) -> SearchOutcome:
    """Type `query` into the header search box as a reader would and read the results of the whole query
    (not those of a prefix still on screen). The page may be reused: a previous query is cleared first.
    """
    box = page.locator(SEARCH_INPUT)
    open_search(page)
    if box.input_value():
        box.press("Control+a")
        box.press("Backspace")
        page.wait_for_function(SEARCH_SETTLED_JS, arg="")
    try:
        page.wait_for_function(SEARCH_READY_JS, timeout=ready_timeout * 1000)
        ready = True
    except Exception:
        ready = False
    box.press_sequentially(query, delay=25)
    start = time.monotonic()
    try:
        page.wait_for_function(SEARCH_SETTLED_JS, arg=query.strip(), timeout=result_timeout * 1000)
        seconds = time.monotonic() - start
    except Exception:
        seconds = float("inf")
    done = page.evaluate(f"() => document.querySelector({SEARCH_DIALOG!r}).dataset.state") == "done"
    paths: list[str] = page.evaluate(RESULT_PATHS_JS)
    found = done and seconds < float("inf") and bool(paths) and all(p in paths for p in expected)
    return SearchOutcome(query, ready, found, seconds, paths, page.locator(SEARCH_META).inner_text().strip())


def assert_search_finds(
    page: Page, query: str, expected: list[str], within: float = 1.0, ready_timeout: float = 10.0
) -> SearchOutcome:
    outcome = search(page, query, expected, ready_timeout=ready_timeout)
    assert outcome.found, (
        f"searching {query!r} did not list {expected} (index loaded: {outcome.ready}); "
        f"results: {outcome.paths}; {outcome.meta!r}"
    )
    assert outcome.seconds < within, f"searching {query!r} took {outcome.seconds:.2f} s to show its results"
    return outcome


class _CompressingHandler(QuietHandler):
    """Serves text (HTML, CSS, JavaScript, JSON, XML, SVG) gzip-compressed to a client that accepts it, as
    GitHub Pages and every common static host do; Pagefind's index files are compressed already."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = path / "index.html"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_compressed(directory: Path) -> AbstractContextManager[str]:
    """Serve `directory` on 127.0.0.1 with text compressed (see _CompressingHandler); yields the base URL."""
    return serve(directory, _CompressingHandler)


@dataclass
class Transfer:
    """The bytes a page downloaded, per URL: the body as sent (its Content-Length, which every server of
    these tests sets; Chromium reports no body size for a worker's script) and the response headers."""

    body: dict[str, int] = field(default_factory=dict)
    headers: dict[str, int] = field(default_factory=dict)

    def attach(self, page: Page) -> Transfer:
        page.on("response", self._on_response)
        page.on("requestfinished", self._on_finished)
        return self

    def _on_response(self, response: Response) -> None:
        length = response.headers.get("content-length")
        if length is not None:
            self.body[response.url] = int(length)

    def _on_finished(self, request: Request) -> None:
        sizes = request.sizes()
        self.headers[request.url] = sizes["responseHeadersSize"]
        self.body.setdefault(request.url, sizes["responseBodySize"])

    @property
    def wire(self) -> dict[str, int]:
        return {url: self.body.get(url, 0) + self.headers.get(url, 0) for url in {*self.body, *self.headers}}

    def total(self) -> int:
        return sum(self.wire.values())

    def report(self, site_dir: Path | None = None) -> str:
        """One line per URL: bytes on the wire and, with `site_dir`, the size of the file served."""
        wire = self.wire
        width = max((len(urlsplit(u).path) for u in wire), default=0)
        lines, disk = [], 0
        for url in sorted(wire):
            path = urlsplit(url).path
            size = _file_size(site_dir, path) if site_dir else 0
            disk += size
            lines.append(f"{path:<{width}}  {wire[url]:>9,}  {size:>9,}")
        lines.append(f"{'total':<{width}}  {sum(wire.values()):>9,}  {disk:>9,}")
        return "\n".join(lines)


def _file_size(site_dir: Path, path: str) -> int:
    file = site_dir / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file.stat().st_size if file.is_file() else 0


# --- accessibility ---------------------------------------------------------------------------

SEVERE = ("serious", "critical")


def axe_violations(page: Page, within: str | None = None) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page (or in the elements `within` selects)."""
    from axe_playwright_python.sync_playwright import Axe

    # Colours are judged as the reader sees them once the page is still: Material fades its tabs in, and
    # a link caught half-way through that transition would fail the contrast check.
    # (Polled from here: the page's CSP forbids the eval that wait_for_function would use.)
    still = "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"
    deadline = time.monotonic() + 10
    while not page.evaluate(still) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    results = Axe().run(page, context=within, options={"resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v.get("impact") in SEVERE]


def describe_violations(violations: list[dict[str, Any]], limit: int = 5) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']}")
        for node in v["nodes"][:limit]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]!r}")
            summary = node.get("failureSummary", "").splitlines()
            if len(summary) > 1:
                lines.append(f"      {summary[1].strip()[:200]}")
    return "\n".join(lines)


# --- colour contrast -------------------------------------------------------------------------

# For each element: its computed text colour and the background colours from it up to the first
# opaque one (translucent layers are composited in Python).
COLOURS_JS = """(selector) => [...document.querySelectorAll(selector)].map(el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        layers.push(bg);
        const m = bg.match(/rgba?\\(([^)]*)\\)/);
        if (m && m[1].split(/[\\s,\\/]+/).filter(Boolean).length === 3) break;
    }
    return {text: el.textContent.trim().slice(0, 40), color: getComputedStyle(el).color, backgrounds: layers};
})"""

_RGB = re.compile(r"rgba?\(([^)]*)\)")


def parse_colour(css: str) -> tuple[float, float, float, float]:
    match = _RGB.fullmatch(css.strip())
    if not match:
        raise ValueError(f"not an rgb()/rgba() colour: {css!r}")
    parts = [p for p in re.split(r"[\s,/]+", match.group(1)) if p]
    r, g, b = (float(p) for p in parts[:3])
    alpha = float(parts[3].rstrip("%")) / (100 if parts[3].endswith("%") else 1) if len(parts) > 3 else 1.0
    return r, g, b, alpha


def over(
    top: tuple[float, float, float, float], bottom: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    a = top[3]
    return (top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1.0)


def luminance(colour: tuple[float, float, float, float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, float, float, float], bg: tuple[float, float, float, float]) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass
class Contrast:
    text: str
    color: str
    background: tuple[float, float, float, float]
    ratio: float


def text_contrasts(page: Page, selector: str) -> list[Contrast]:
    """The WCAG contrast ratio of each matching element's text against what is behind it."""
    found = []
    for item in page.evaluate(COLOURS_JS, selector):
        bg: tuple[float, float, float, float] = (255.0, 255.0, 255.0, 1.0)  # the canvas
        for layer in reversed(item["backgrounds"]):
            bg = over(parse_colour(layer), bg)
        fg = over(parse_colour(item["color"]), bg)
        found.append(Contrast(item["text"], item["color"], bg, contrast(fg, bg)))
    return found


def colour_scheme(page: Page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def toggle_palette(page: Page) -> None:
    """Click the palette toggle a reader sees (Material shows one label per palette, one at a time)."""
    before = colour_scheme(page)
    page.locator('form[data-md-component="palette"] label').locator("visible=true").first.click()
    page.wait_for_function("b => document.body.getAttribute('data-md-color-scheme') !== b", arg=before)
