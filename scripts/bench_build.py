"""Build benchmark: the site's build, rebuild, preview and search against the issue's targets, in one run.

    .venv/bin/python scripts/bench_build.py                      # sizes 1,000 and 10,000
    .venv/bin/python scripts/bench_build.py --quick              # sizes 100 and 300: tests this script
    .venv/bin/python scripts/bench_build.py --sizes 1000 --skip-search --out test-output/bench.md

For each size N it writes a synthetic tree of N briefings (scripts/synthetic.py, seed 1) under a temporary
folder and measures, each step in a subprocess of this one (one process tree):

- cold build: `briefing --root TREE build --site-dir OUT` with a fresh BRIEFING_CACHE_DIR: wall time, peak
  RSS (largest process, from /usr/bin/time or getrusage; and the sum over the process tree, sampled from
  /proc), pages (index.html files), the largest HTML page and the median briefing page;
- search: the cold-built site served on 127.0.0.1, the home page opened in Chromium (Playwright), a word
  typed into the header search box; the bytes served from page load to the first result;
- warm build: one briefing gets a sentence with a new word, built again with the same cache folder;
- generator alone: `generate(Project.at(TREE))` in a child interpreter (fresh cache folder);
- the MkDocs floor: a plain MkDocs + Material project (the repository's markdown_extensions, no plugins,
  a nav of 8 entries) with as many pages as the cold build made, each of about the median briefing page's
  text length, built by `mkdocs build`: wall time and peak RSS;
- preview: `briefing serve`, then one briefing edited; seconds until its page shows the new word.

Progress goes to stderr, the table (Markdown) to stdout and, with --out, to a file. The table says PASS or
FAIL for each target (n/a where its size was not run). The exit status is 0 unless this script itself broke.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import html
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
VENV_PYTHON = REPO / ".venv" / "bin" / "python"


def _reexec_in_venv() -> None:
    """Run under the project's .venv (it has the generator's dependencies), whichever python started us."""
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != (REPO / ".venv").resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


if __name__ == "__main__":
    _reexec_in_venv()

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scripts.synthetic import generate_project  # noqa: E402

BIN = Path(sys.executable).parent
BRIEFING = BIN / "briefing"
MKDOCS = BIN / "mkdocs"
GNU_TIME = Path("/usr/bin/time")
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
KB = 1024
GB_KB = 1_048_576  # 1 GB of RSS, in KB

# The targets.
FLOOR_RATIO = 1.5  # cold build / MkDocs floor, at 10,000
WARM_RATIO = 0.25  # warm build / cold build
RSS_LIMIT_KB = GB_KB
GROWTH_LIMIT = 11.0  # cold build time 10,000 / 1,000
PREVIEW_LIMITS = {1000: 3.0, 10000: 10.0}  # seconds, by size
SEARCH_LIMIT_BYTES = 300 * KB  # at 10,000
SEARCH_SIZE = 10000
FLOOR_SIZE = 10000
LARGEST_PAGE_LIMIT = 300 * KB
MEDIAN_PAGE_LIMIT = 60 * KB

SEARCH_RESULT_TIMEOUT = 10.0  # seconds from typing to the first result
PREVIEW_CHANGE_TIMEOUT = 300.0

# Child processes started in their own process group; killed (the whole group) if we are interrupted.
_GROUPS: set[int] = set()
_STARTED = time.monotonic()


def say(message: str) -> None:
    elapsed = time.monotonic() - _STARTED
    print(f"[bench {elapsed:7.1f} s] {message}", file=sys.stderr, flush=True)


# --- running a measured subprocess -----------------------------------------------------------------------------

RUSAGE_WRAPPER = """\
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


@dataclass
class Run:
    """One measured subprocess: wall time, exit code (None: timed out), peak RSS in KB, its log."""

    command: list[str]
    seconds: float
    returncode: int | None
    max_rss_kb: int | None  # the largest single process of the tree (ru_maxrss)
    tree_rss_kb: int | None  # the sum over the tree's processes, sampled every 0.2 s
    log: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def peak_rss_kb(self) -> int | None:
        values = [v for v in (self.max_rss_kb, self.tree_rss_kb) if v]
        return max(values) if values else None

    def why(self, timeout: float) -> str:
        if self.returncode is None:
            return f"timed out after {timeout:.0f} s"
        tail = _tail(self.log, 6)
        return f"exit status {self.returncode}: {tail}" if tail else f"exit status {self.returncode}"


PROBLEM_LINE = re.compile(r"^(ERROR|WARNING|Traceback)|error", re.I)


def _tail(path: Path, lines: int) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    problems = [line for line in kept if PROBLEM_LINE.search(line)]
    return " / ".join(problems[-3:] if problems else kept[-lines:])[-600:]


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


def tree_rss_kb(root: int) -> int:
    """The resident memory of root and all its descendants, in KB (shared pages counted in each process)."""
    children, total, todo = _children_map(), 0, [root]
    page_kb = os.sysconf("SC_PAGE_SIZE") // KB
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_kb
    return total


class TreeSampler:
    """Samples the RSS of a process tree from a thread until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss:{pid}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if not Path("/proc/self/statm").exists():
            return
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_kb(self.pid))
            self._stop.wait(self.interval)

    def stop(self) -> int | None:
        self._stop.set()
        self._thread.join(timeout=10)
        return self.peak or None


def kill_group(pgid: int, grace: float = 10.0, process: subprocess.Popen[bytes] | None = None) -> None:
    """SIGTERM the process group we started, then SIGKILL whatever is left of it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGTERM)
    if process is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
    if process is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    _GROUPS.discard(pgid)


def start(command: list[str], log: Path, env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    _GROUPS.add(process.pid)
    return process


def measured(command: list[str], log: Path, env: dict[str, str], cwd: Path, timeout: float) -> Run:
    """Run command to its end (or timeout), with its wall time and peak RSS."""
    rss_file = log.with_suffix(".rss")
    if GNU_TIME.exists():
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *command]
    else:  # a fresh interpreter whose only children are the command's tree: its ru_maxrss is theirs
        wrapped = [sys.executable, "-c", RUSAGE_WRAPPER, str(rss_file), *command]
    begin = time.perf_counter()
    process = start(wrapped, log, env, cwd)
    sampler = TreeSampler(process.pid)
    returncode: int | None
    try:
        returncode = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        returncode = None
    seconds = time.perf_counter() - begin
    tree = sampler.stop()
    kill_group(process.pid, grace=5, process=process)  # also what the command left running
    return Run(command, seconds, returncode, _read_rss(rss_file), tree, log)


def _read_rss(path: Path) -> int | None:
    """The last line of /usr/bin/time's output (it may first say the command's exit status)."""
    try:
        lines = path.read_text().split()
    except OSError:
        return None
    digits = [w for w in lines if w.isdigit()]
    return int(digits[-1]) if digits else None


# --- results ----------------------------------------------------------------------------------------------------


@dataclass
class Step:
    """A measured value, or why there is none (failed: the step ran and did not give it)."""

    value: float | None = None
    detail: str = ""
    failure: str = ""
    skipped: str = ""


@dataclass
class SizeResult:
    size: int
    steps: dict[str, Step] = field(default_factory=dict)

    def value(self, name: str) -> float | None:
        step = self.steps.get(name)
        return step.value if step else None

    def step(self, name: str) -> Step:
        return self.steps.get(name, Step(skipped="not run"))


class ScriptError(Exception):
    """A step broke for a reason that is not the site's: a bug in this script."""


def guarded(result: SizeResult, names: list[str], errors: list[str], fn: Callable[[], None]) -> None:
    """Run a step; an unexpected exception marks its measurements failed and is remembered as a script error."""
    try:
        fn()
    except Exception as exc:  # the table must still come out; the exit status will say the script broke
        traceback.print_exc(file=sys.stderr)
        errors.append(f"{result.size:,} {names[0]}: {exc!r}")
        for name in names:
            if name not in result.steps or result.steps[name].value is None:
                result.steps[name] = Step(failure=f"script error: {type(exc).__name__}: {exc}"[:300])


# --- the synthetic tree and the built site ----------------------------------------------------------------------


def unique_word(prefix: str) -> str:
    return prefix + "".join(c for c in uuid.uuid4().hex if c.isalpha())[:8]


def append_sentence(path: Path, word: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(f"\n\nA later note on this story adds the word {word} for the benchmark.\n")


def briefing_files(tree: Path) -> list[Path]:
    return sorted((tree / "content" / "briefings").glob("*.md"))


def briefing_page(site: Path, source: Path) -> Path:
    return site / "briefings" / source.stem / "index.html"


def briefing_pages(site: Path, tree: Path) -> list[Path]:
    pages = [p for p in (briefing_page(site, f) for f in briefing_files(tree)) if p.exists()]
    if pages:
        return pages
    return [p for p in (site / "briefings").glob("*/index.html") if not p.parent.name.isdigit()]


ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
NOT_TEXT = re.compile(r"<(script|style)\b.*?</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def text_length(page: Path) -> int:
    """Characters of visible text in the page's article (the whole body if it has none)."""
    source = page.read_text(encoding="utf-8", errors="replace")
    match = ARTICLE.search(source)
    inner = NOT_TEXT.sub(" ", match.group(1) if match else source)
    return len(" ".join(html.unescape(TAG.sub(" ", inner)).split()))


def measure_site(site: Path, tree: Path, result: SizeResult) -> None:
    """Pages, the largest HTML page, the median briefing page (bytes and text length)."""
    pages = list(site.rglob("index.html"))
    result.steps["pages"] = Step(float(len(pages)))
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    result.steps["largest page"] = Step(float(largest.stat().st_size), detail=str(largest.relative_to(site)))
    briefings = briefing_pages(site, tree)
    if not briefings:
        result.steps["median briefing page"] = Step(failure="no briefing page found under briefings/")
        return
    sizes = [p.stat().st_size for p in briefings]
    sample = briefings[:: max(1, len(briefings) // 200)]
    chars = int(statistics.median(text_length(p) for p in sample))
    result.steps["median briefing page"] = Step(
        float(statistics.median(sizes)), detail=f"{len(briefings):,} pages, text {chars:,} chars"
    )
    result.steps["median text"] = Step(float(chars))


# --- the MkDocs floor -------------------------------------------------------------------------------------------

LOREM_TEXT = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore "
    "magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo "
    "consequat duis aute irure in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur excepteur "
    "sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum"
)
LOREM = LOREM_TEXT.split()
FLOOR_SECTIONS = 7  # with Home, a nav of 8 entries


def markdown_extensions_block(mkdocs_yml: Path) -> str:
    """The `markdown_extensions:` block of a mkdocs.yml, verbatim (so any YAML tags in it survive)."""
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines()
    block: list[str] = []
    for line in lines:
        if block and line.strip() and not line[0].isspace() and not line.startswith("#"):
            break
        if block or line.startswith("markdown_extensions:"):
            block.append(line)
    return "\n".join(block) + "\n" if block else ""


class Prose:
    """Deterministic lorem-like Markdown: paragraphs, headings, lists and a table, to a text length."""

    def __init__(self, seed: int) -> None:
        self.state = seed

    def _next(self, n: int) -> int:
        self.state = (self.state * 1103515245 + 12345) % 2**31
        return self.state % n

    def words(self, n: int) -> str:
        return " ".join(LOREM[self._next(len(LOREM))] for _ in range(n))

    def sentence(self) -> str:
        return self.words(8 + self._next(12)).capitalize() + "."

    def page(self, title: str, chars: int) -> str:
        parts, length, block = [f"# {title}\n"], len(title), 0
        while length < chars:
            kind = block % 6
            if kind == 1:
                text = self.words(3 + self._next(3)).capitalize()
                parts.append(f"## {text}\n")
            elif kind == 3:
                items = [self.words(4 + self._next(6)) for _ in range(4)]
                text = " ".join(items)
                parts.append("\n".join(f"- {item}" for item in items) + "\n")
            elif kind == 5:
                rows = [[self.words(1 + self._next(3)) for _ in range(3)] for _ in range(4)]
                text = " ".join(" ".join(r) for r in rows)
                table = ["| " + " | ".join(r) + " |" for r in rows]
                parts.append("\n".join([table[0], "|---|---|---|", *table[1:]]) + "\n")
            else:
                text = " ".join(self.sentence() for _ in range(3 + self._next(3)))
                parts.append(text + "\n")
            length += len(text) + 1
            block += 1
        return "\n".join(parts)


def write_floor(root: Path, pages: int, chars: int) -> None:
    """A plain MkDocs + Material project of `pages` pages of about `chars` characters of text each."""
    docs = root / "docs"
    prose = Prose(seed=1)
    sections = [f"section-{i + 1}" for i in range(FLOOR_SECTIONS)]
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(prose.page("Home", chars), encoding="utf-8")
    written = 1
    for name in sections:
        (docs / name).mkdir()
        (docs / name / "index.md").write_text(prose.page(name.replace("-", " ").title(), chars), encoding="utf-8")
        written += 1
    for i in range(max(0, pages - written)):
        name = sections[i % len(sections)]
        (docs / name / f"page-{i:06d}.md").write_text(prose.page(f"Page {i}", chars), encoding="utf-8")
    nav = ["  - Home: index.md"] + [f"  - {s.replace('-', ' ').title()}: {s}/index.md" for s in sections]
    config = [
        "site_name: MkDocs floor",
        "docs_dir: docs",
        "theme:",
        "  name: material",
        "plugins: []",
        markdown_extensions_block(REPO / "mkdocs.yml").rstrip("\n"),
        "nav:",
        *nav,
    ]
    (root / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")


# --- search in the browser --------------------------------------------------------------------------------------


class CountingServer:
    """A static server on 127.0.0.1 that counts the body bytes it sends (what a browser receives)."""

    def __init__(self, directory: Path) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []
        counter = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def copyfile(self, source: Any, outputfile: Any) -> None:
                data = source.read()
                outputfile.write(data)
                with counter.lock:
                    counter.sent.append((self.path, len(data)))

        handler = functools.partial(Handler, directory=str(directory))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="bench-http", daemon=True)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def reset(self) -> None:
        with self.lock:
            self.sent.clear()

    def snapshot(self) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.sent)


def gzipped_bytes(site: Path, sent: list[tuple[str, int]]) -> int:
    """What the same files weigh gzipped, as GitHub Pages and most hosts send them: what a reader downloads."""
    total = 0
    for path, size in sent:
        local = site / path.split("?")[0].lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        try:
            total += len(gzip.compress(local.read_bytes(), 6))
        except OSError:
            total += size
    return total


RESULT = ".md-search-result__item a[href]"  # a result that links to a page (not a "more" button or a message)


def open_search(page: Any) -> None:
    """Open the header search box as a reader does: its toggle in the header, else the "/" key."""
    toggle = page.locator('header label[for="__search"]').first
    box = page.locator(".md-search__input").first
    if toggle.count() and toggle.is_visible():
        toggle.click()
    elif box.count() and box.is_visible():
        box.click()
    else:
        page.keyboard.press("/")
    box.wait_for(state="visible", timeout=5000)


def search_bytes(site: Path, word: str, result: SizeResult) -> None:
    """Bytes served from the home page's load until the header search shows its first result."""
    if not Path(CHROMIUM).exists():
        result.steps["search"] = Step(failure=f"{CHROMIUM} is missing")
        return
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        result.steps["search"] = Step(failure="the playwright package is not installed")
        return
    with CountingServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            server.reset()
            begin = time.perf_counter()
            page.goto(server.url + "/", wait_until="load", timeout=120_000)
            open_search(page)
            page.locator(".md-search__input").first.press_sequentially(word, delay=50)
            typed = time.perf_counter()
            try:
                first = page.locator(RESULT).first
                first.wait_for(state="attached", timeout=SEARCH_RESULT_TIMEOUT * 1000)
                found = f"first result {first.get_attribute('href')}"
            except PlaywrightError:
                found = ""
            _record_search(result, site, server.snapshot(), found, time.perf_counter() - typed, typed - begin)
        finally:
            browser.close()


def _record_search(
    result: SizeResult, site: Path, sent: list[tuple[str, int]], found: str, wait: float, load: float
) -> None:
    # Judged on the wire: GitHub Pages (and most hosts) send text gzipped, so a reader downloads about the
    # gzipped size of each file; the uncompressed total is in the detail.
    total = gzipped_bytes(site, sent)
    biggest = max(sent, key=lambda s: s[1]) if sent else ("-", 0)
    detail = (
        f"{len(sent)} requests, largest {biggest[0]} {biggest[1] / KB:,.0f} KB; "
        f"{sum(size for _, size in sent) / KB:,.0f} KB uncompressed; page ready {load:.1f} s"
    )
    if found:
        result.steps["search"] = Step(float(total), detail=f"{detail}; {found} {wait:.1f} s after typing")
    else:
        result.steps["search"] = Step(
            failure=f"no result ({RESULT}) within {SEARCH_RESULT_TIMEOUT:.0f} s of typing "
            f"({total / KB:,.0f} KB served by then: {detail})"
        )


# --- preview ----------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """(status, text) of url; (0, "") if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return int(exc.code), ""
    except (OSError, ValueError):
        return 0, ""


def mount_path(tree: Path) -> str:
    """Where `mkdocs serve` mounts the site: the path of site_url in the tree's mkdocs.yml."""
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s]+)", (tree / "mkdocs.yml").read_text(), re.M)
    path = urllib.parse.urlsplit(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def wait_until(predicate: Callable[[], bool], seconds: float, alive: Callable[[], bool], pause: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        if not alive():
            return predicate()
        time.sleep(pause)
    return False


@contextlib.contextmanager
def serving(tree: Path, log: Path, env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    command = [str(BRIEFING), "--root", str(tree), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    process = start(command, log, env, tree)
    sampler = TreeSampler(process.pid)
    try:
        yield process, f"http://127.0.0.1:{port}{mount_path(tree)}"
    finally:
        peak = sampler.stop()
        kill_group(process.pid, grace=15, process=process)
        say(f"preview stopped (peak RSS of its tree {(peak or 0) / KB:,.0f} MB)")


def preview_latency(tree: Path, work: Path, env: dict[str, str], startup: float, result: SizeResult) -> None:
    """Seconds from saving a briefing to its page in `briefing serve` showing the change."""
    sources = briefing_files(tree)
    source = sources[len(sources) // 3]
    # MkDocs serves from a temporary folder, which it removes once stopped; at 10,000 briefings that takes longer
    # than the grace before SIGKILL, so the folder is made inside the run's own, which the run removes.
    tmp = work / "serve-tmp"
    tmp.mkdir(exist_ok=True)
    with serving(tree, work / "serve.log", {**env, "TMPDIR": str(tmp)}) as (process, base):
        alive: Callable[[], bool] = lambda: process.poll() is None  # noqa: E731
        say(f"preview: waiting for {base} (first build)")
        begin = time.perf_counter()
        if not wait_until(lambda: fetch(base)[0] == 200, startup, alive, 0.5):
            why = f"exited: {_tail(work / 'serve.log', 4)}" if not alive() else f"did not answer within {startup:.0f} s"
            result.steps["preview"] = Step(failure=f"briefing serve {why}")
            return
        say(f"preview: up after {time.perf_counter() - begin:.1f} s; editing {source.name}")
        url = f"{base}briefings/{source.stem}/"
        status, _ = fetch(url)
        if status != 200:
            result.steps["preview"] = Step(failure=f"{url} answers {status} before the edit")
            return
        time.sleep(1.0)  # the watcher is running once the server answers; leave it a moment anyway
        word = unique_word("previewword")
        append_sentence(source, word)
        edited = time.perf_counter()
        seen = wait_until(lambda: word in fetch(url)[1], PREVIEW_CHANGE_TIMEOUT, alive, 0.1)
        seconds = time.perf_counter() - edited
        if seen:
            result.steps["preview"] = Step(seconds, detail=f"first build {edited - begin:.0f} s")
        else:
            why = "serve exited" if not alive() else f"not shown within {PREVIEW_CHANGE_TIMEOUT:.0f} s"
            result.steps["preview"] = Step(failure=f"the edit was {why}")


# --- one size ---------------------------------------------------------------------------------------------------

GENERATOR_CHILD = """\
import json, os, sys, time
from pathlib import Path
begin = time.perf_counter()
from generator.build import generate
from generator.content.project import Project
imported = time.perf_counter()
generated = generate(Project.at(Path(sys.argv[2])), workers=os.cpu_count() or 1)  # as a build makes them
done = time.perf_counter()
Path(sys.argv[1]).write_text(json.dumps({"imports": imported - begin, "generate": done - imported,
                                         "pages": len(generated.pages)}))
"""

# Pagefind alone, given the pages a cold build gave it (what `searchable` keeps of each page marked for search),
# in the order of their paths: its process's peak RSS (VmHWM) once it has written the bundle. It runs in the
# build's tree too; this tells how much of the build's peak is the index's own.
PAGEFIND_CHILD = """\
import json, sys, tempfile, time
from pathlib import Path
from generator.site.pagefind import EXCLUDE, MARK, Service, searchable
site, out = Path(sys.argv[2]), Path(sys.argv[1])
def peak(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
service = Service({"exclude_selectors": EXCLUDE, "force_language": "en"})
pages = given = 0
begin = time.perf_counter()
for path in sorted(site.rglob("*.html")):
    text = path.read_text(encoding="utf-8", errors="replace")
    if MARK not in text:
        continue
    text = searchable(text)
    pages, given = pages + 1, given + len(text)
    service.send({"type": "AddFile", "index_id": service.index_id, "file_path": path.relative_to(site).as_posix(),
                  "url": None, "file_contents": text})
service.drain()
added = peak(service.process.pid)
with tempfile.TemporaryDirectory() as bundle:
    service.call({"type": "WriteFiles", "index_id": service.index_id, "output_path": bundle})
    written = peak(service.process.pid)
seconds = time.perf_counter() - begin
service.close()
out.write_text(json.dumps({"pages": pages, "given": given, "added": added, "written": written, "seconds": seconds}))
"""


@dataclass
class Bench:
    args: argparse.Namespace
    work: Path
    errors: list[str] = field(default_factory=list)

    def env(self, cache: Path) -> dict[str, str]:
        cache.mkdir(parents=True, exist_ok=True)
        return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_CACHE_DIR": str(cache), "PYTHONUNBUFFERED": "1"}

    def run_size(self, size: int) -> SizeResult:
        result = SizeResult(size)
        folder = self.work / f"n{size}"
        tree, site = folder / "tree", folder / "site"
        folder.mkdir(parents=True)
        say(f"{size:,}: writing the synthetic tree")
        generate_project(tree, size, seed=self.args.seed)
        measured_site = ["cold", "pages", "largest page", "median briefing page"]
        guarded(result, measured_site, self.errors, lambda: self.cold(tree, site, folder, result))
        if self.args.skip_search:
            result.steps["search"] = Step(skipped="--skip-search")
        elif result.value("pages"):
            guarded(result, ["search"], self.errors, lambda: self.search(site, result))
        else:
            result.steps["search"] = Step(failure="no cold-built site to search")
        if result.value("pages"):
            guarded(result, ["pagefind rss"], self.errors, lambda: self.pagefind(site, folder, result))
        else:
            result.steps["pagefind rss"] = Step(failure="no cold-built site to index")
        guarded(result, ["warm"], self.errors, lambda: self.warm(tree, site, folder, result))
        guarded(result, ["generator"], self.errors, lambda: self.generator(tree, folder, result))
        guarded(result, ["floor"], self.errors, lambda: self.floor(folder, result))
        if self.args.skip_preview:
            result.steps["preview"] = Step(skipped="--skip-preview")
        else:
            guarded(result, ["preview"], self.errors, lambda: self.preview(tree, folder, result))
        if not self.args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        return result

    def cold(self, tree: Path, site: Path, folder: Path, result: SizeResult) -> None:
        say(f"{size_label(result)}: cold build")
        command = [str(BRIEFING), "--root", str(tree), "build", "--site-dir", str(site)]
        run = measured(command, folder / "cold.log", self.env(folder / "cache"), tree, self.args.build_timeout)
        say(f"{size_label(result)}: cold build {run.seconds:.1f} s, exit {run.returncode}")
        if not run.ok:
            why = run.why(self.args.build_timeout)
            result.steps["cold"] = Step(failure=why)
            for name in ("cold rss", "pages", "largest page", "median briefing page"):
                result.steps[name] = Step(failure="no cold build")
            return
        result.steps["cold"] = Step(run.seconds, detail=_rss_detail(run))
        result.steps["cold rss"] = Step(run.peak_rss_kb)
        measure_site(site, tree, result)

    def search(self, site: Path, result: SizeResult) -> None:
        say(f"{size_label(result)}: header search for {self.args.search_word!r} in Chromium")
        search_bytes(site, self.args.search_word, result)
        step = result.steps["search"]
        say(f"{size_label(result)}: search " + (f"{step.value:,.0f} bytes" if step.value is not None else step.failure))

    def child(self, name: str, script: str, argument: Path, folder: Path, result: SizeResult) -> dict[str, Any] | None:
        """Run `script` in a fresh interpreter (argv: its JSON output file, `argument`) as step `name`: what it
        wrote, or None with the step's failure recorded."""
        stem = name.split()[0]  # "pagefind rss": pagefind.json, pagefind.log
        out = folder / f"{stem}.json"
        command = [sys.executable, "-c", script, str(out), str(argument)]
        run = measured(
            command, folder / f"{stem}.log", self.env(folder / f"cache-{stem}"), REPO, self.args.build_timeout
        )
        if not run.ok or not out.exists():
            result.steps[name] = Step(failure=run.why(self.args.build_timeout))
            return None
        data: dict[str, Any] = json.loads(out.read_text())
        data["peak rss"] = run.peak_rss_kb or 0
        return data

    def pagefind(self, site: Path, folder: Path, result: SizeResult) -> None:
        say(f"{size_label(result)}: Pagefind alone, on the pages the cold build gave it")
        data = self.child("pagefind rss", PAGEFIND_CHILD, site, folder, result)
        if data is None:
            return
        result.steps["pagefind rss"] = Step(
            float(data["written"]),
            detail=f"{data['pages']:,} pages, {data['given'] / 1e6:,.1f} MB given; {data['added'] / KB:,.0f} MB "
            f"once given them, {data['written'] / KB:,.0f} MB once its bundle is written ({data['seconds']:.1f} s)",
        )
        say(f"{size_label(result)}: Pagefind alone peaked at {data['written'] / KB:,.0f} MB")

    def warm(self, tree: Path, site: Path, folder: Path, result: SizeResult) -> None:
        if result.value("cold") is None:
            result.steps["warm"] = result.steps["warm rss"] = Step(failure="no cold build to rebuild")
            return
        sources = briefing_files(tree)
        source = sources[len(sources) // 2]
        word = unique_word("warmword")
        append_sentence(source, word)
        say(f"{size_label(result)}: warm build ({source.name} changed)")
        command = [str(BRIEFING), "--root", str(tree), "build", "--site-dir", str(site)]
        run = measured(command, folder / "warm.log", self.env(folder / "cache"), tree, self.args.build_timeout)
        say(f"{size_label(result)}: warm build {run.seconds:.1f} s, exit {run.returncode}")
        if not run.ok:
            result.steps["warm"] = Step(failure=run.why(self.args.build_timeout))
            result.steps["warm rss"] = Step(failure="no warm build")
            return
        page = briefing_page(site, source)
        if not page.exists() or word not in page.read_text(encoding="utf-8", errors="replace"):
            result.steps["warm"] = Step(failure=f"the change is not in {page.relative_to(site)} ({run.seconds:.1f} s)")
            result.steps["warm rss"] = Step(run.peak_rss_kb)
            return
        result.steps["warm"] = Step(run.seconds, detail=_rss_detail(run))
        result.steps["warm rss"] = Step(run.peak_rss_kb)

    def generator(self, tree: Path, folder: Path, result: SizeResult) -> None:
        say(f"{size_label(result)}: generator alone")
        data = self.child("generator", GENERATOR_CHILD, tree, folder, result)
        if data is None:
            return
        result.steps["generator"] = Step(
            float(data["generate"]),
            detail=f"{data['pages']:,} generated pages; imports {data['imports']:.1f} s; "
            f"peak RSS {data['peak rss'] / KB:,.0f} MB",
        )

    def floor(self, folder: Path, result: SizeResult) -> None:
        pages, chars = result.value("pages"), result.value("median text")
        if not pages or chars is None:
            result.steps["floor"] = result.steps["floor rss"] = Step(failure="no cold build to match its page count")
            return
        root = folder / "floor"
        write_floor(root, int(pages), int(chars))
        say(f"{size_label(result)}: MkDocs floor, {int(pages):,} pages of ~{int(chars):,} chars")
        command = [str(MKDOCS), "build", "--site-dir", str(root / "site")]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        run = measured(command, folder / "floor.log", env, root, self.args.build_timeout)
        say(f"{size_label(result)}: floor {run.seconds:.1f} s, exit {run.returncode}")
        if not run.ok:
            result.steps["floor"] = Step(failure=run.why(self.args.build_timeout))
            result.steps["floor rss"] = Step(failure="no floor build")
            return
        built = sorted((root / "site").rglob("index.html"))
        chars = int(statistics.median(text_length(p) for p in built[:: max(1, len(built) // 200)]))
        detail = f"{len(built):,} pages, median text {chars:,} chars; {_rss_detail(run)}"
        result.steps["floor"] = Step(run.seconds, detail=detail)
        result.steps["floor rss"] = Step(run.peak_rss_kb)
        shutil.rmtree(root / "site", ignore_errors=True)

    def preview(self, tree: Path, folder: Path, result: SizeResult) -> None:
        say(f"{size_label(result)}: preview")
        preview_latency(tree, folder, self.env(folder / "cache"), self.args.build_timeout, result)
        step = result.steps["preview"]
        say(f"{size_label(result)}: preview " + (f"{step.value:.2f} s" if step.value is not None else step.failure))


def size_label(result: SizeResult) -> str:
    return f"{result.size:,}"


def _rss_detail(run: Run) -> str:
    parts = []
    if run.max_rss_kb:
        parts.append(f"largest process {run.max_rss_kb / KB:,.0f} MB")
    if run.tree_rss_kb:
        parts.append(f"tree {run.tree_rss_kb / KB:,.0f} MB")
    return "peak RSS: " + ", ".join(parts) if parts else ""


# --- the table --------------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    target: str
    measured: str
    result: str  # PASS, FAIL, n/a, skipped


def _fmt_seconds(v: float) -> str:
    return f"{v:,.1f} s" if v >= 1 else f"{v:.2f} s"


def _fmt_kb(v: float) -> str:
    return f"{v / KB:,.0f} KB" if v >= KB else f"{v / KB:.1f} KB"


def _fmt_mb(v: float) -> str:
    return f"{v / KB:,.0f} MB"


def _cell(step: Step, fmt: Callable[[float], str]) -> str:
    if step.value is not None:
        return fmt(step.value)
    if step.skipped:
        return f"skipped ({step.skipped})"
    return f"FAIL: {step.failure}" if step.failure else "-"


def _ratio(a: float | None, b: float | None) -> str:
    return f" ({a / b:.2f}× floor)" if a is not None and b else ""


def measurement_rows(results: list[SizeResult]) -> list[tuple[str, list[str]]]:
    def row(label: str, name: str, fmt: Callable[[float], str], floor: str = "") -> tuple[str, list[str]]:
        cells = []
        for r in results:
            cell = _cell(r.step(name), fmt)
            if floor:
                cell += _ratio(r.value(name), r.value(floor))
            cells.append(cell)
        return label, cells

    count: Callable[[float], str] = lambda v: f"{v:,.0f}"  # noqa: E731
    return [
        row("pages (index.html)", "pages", count),
        row("cold build", "cold", _fmt_seconds, floor="floor"),
        row("warm build (1 briefing changed)", "warm", _fmt_seconds, floor="floor"),
        row("generator alone (in a child process)", "generator", _fmt_seconds, floor="floor"),
        row("MkDocs floor (same pages)", "floor", _fmt_seconds),
        row("peak RSS, cold build", "cold rss", _fmt_mb, floor="floor rss"),
        row("peak RSS, warm build", "warm rss", _fmt_mb, floor="floor rss"),
        row("peak RSS, MkDocs floor", "floor rss", _fmt_mb),
        row("peak RSS, Pagefind alone (the same pages)", "pagefind rss", _fmt_mb),
        row("largest HTML page", "largest page", _fmt_kb),
        row("median briefing page", "median briefing page", _fmt_kb),
        row("preview: edit to visible", "preview", _fmt_seconds),
        row("search: bytes to first result (gzipped, as served)", "search", _fmt_kb),
    ]


def verdicts(results: list[SizeResult]) -> list[Verdict]:
    by_size = {r.size: r for r in results}
    out: list[Verdict] = []
    out.append(_floor_verdict(by_size.get(FLOOR_SIZE)))
    for r in results:
        out.append(_warm_verdict(r))
    for r in results:
        out.append(_rss_verdict(r))
    out.append(_growth_verdict(by_size.get(1000), by_size.get(10000)))
    for size, limit in PREVIEW_LIMITS.items():
        out.append(
            _limit_verdict(
                by_size.get(size), "preview", f"preview ≤ {limit:.0f} s at {size:,}", limit, _fmt_seconds, size
            )
        )
    out.append(
        _limit_verdict(
            by_size.get(SEARCH_SIZE),
            "search",
            f"search ≤ {SEARCH_LIMIT_BYTES // KB} KB before the first result at {SEARCH_SIZE:,}",
            SEARCH_LIMIT_BYTES,
            _fmt_kb,
            SEARCH_SIZE,
        )
    )
    for r in results:
        out.append(
            _limit_verdict(
                r,
                "largest page",
                f"largest page ≤ {LARGEST_PAGE_LIMIT // KB} KB at {r.size:,}",
                LARGEST_PAGE_LIMIT,
                _fmt_kb,
                r.size,
            )
        )
    for r in results:
        out.append(
            _limit_verdict(
                r,
                "median briefing page",
                f"median briefing page ≤ {MEDIAN_PAGE_LIMIT // KB} KB at {r.size:,}",
                MEDIAN_PAGE_LIMIT,
                _fmt_kb,
                r.size,
            )
        )
    return out


def _not_run(target: str, size: int) -> Verdict:
    return Verdict(target, f"{size:,} not run", "n/a")


def _missing(target: str, step: Step, what: str) -> Verdict:
    if step.skipped:
        return Verdict(target, f"{what}: skipped ({step.skipped})", "skipped")
    return Verdict(target, f"{what}: {step.failure or 'not measured'}", "FAIL")


def _floor_verdict(r: SizeResult | None) -> Verdict:
    target = f"cold build ≤ {FLOOR_RATIO}× MkDocs floor at {FLOOR_SIZE:,}"
    if r is None:
        return _not_run(target, FLOOR_SIZE)
    for name in ("cold", "floor"):
        if r.value(name) is None:
            return _missing(target, r.step(name), name)
    cold, floor = r.value("cold") or 0.0, r.value("floor") or 1.0
    ok = cold <= FLOOR_RATIO * floor
    return Verdict(target, f"{cold / floor:.2f}× ({cold:,.1f} s / {floor:,.1f} s)", "PASS" if ok else "FAIL")


def _warm_verdict(r: SizeResult) -> Verdict:
    target = f"warm build ≤ {WARM_RATIO}× cold at {r.size:,}"
    for name in ("cold", "warm"):
        if r.value(name) is None:
            return _missing(target, r.step(name), name)
    cold, warm = r.value("cold") or 1.0, r.value("warm") or 0.0
    ok = warm <= WARM_RATIO * cold
    return Verdict(target, f"{warm / cold:.2f}× ({warm:,.1f} s / {cold:,.1f} s)", "PASS" if ok else "FAIL")


def _rss_verdict(r: SizeResult) -> Verdict:
    target = f"peak RSS ≤ 1 GB at {r.size:,} (cold and warm builds)"
    values = [v for v in (r.value("cold rss"), r.value("warm rss")) if v is not None]
    if not values:
        return _missing(target, r.step("cold"), "cold build")
    peak = max(values)
    return Verdict(target, _fmt_mb(peak), "PASS" if peak <= RSS_LIMIT_KB else "FAIL")


def _growth_verdict(small: SizeResult | None, large: SizeResult | None) -> Verdict:
    target = f"cold build time growth 1,000 → 10,000 ≤ {GROWTH_LIMIT:.0f}×"
    if small is None or large is None:
        return _not_run(target, 1000 if small is None else 10000)
    a, b = small.value("cold"), large.value("cold")
    if a is None or b is None:
        return Verdict(target, "a cold build failed", "FAIL")
    return Verdict(target, f"{b / a:.1f}× ({a:,.1f} s → {b:,.1f} s)", "PASS" if b <= GROWTH_LIMIT * a else "FAIL")


def _limit_verdict(
    r: SizeResult | None, name: str, target: str, limit: float, fmt: Callable[[float], str], size: int
) -> Verdict:
    if r is None:
        return _not_run(target, size)
    step = r.step(name)
    if step.value is None:
        return _missing(target, step, name)
    return Verdict(target, fmt(step.value), "PASS" if step.value <= limit else "FAIL")


def growth_rows(results: list[SizeResult]) -> list[str]:
    lines = []
    for a, b in zip(results, results[1:], strict=False):
        ta, tb = a.value("cold"), b.value("cold")
        if ta and tb:
            lines.append(
                f"- cold build time {a.size:,} → {b.size:,} briefings: {tb / ta:.1f}× for {b.size / a.size:.0f}× "
                "the briefings"
            )
    return lines


def details(results: list[SizeResult]) -> list[str]:
    lines = []
    for r in results:
        for name, step in r.steps.items():
            if step.detail:
                lines.append(f"- {r.size:,} {name}: {step.detail}")
    return lines


def environment() -> str:
    def version(dist: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as v

        try:
            return v(dist)
        except PackageNotFoundError:
            return "?"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True
    )
    rev = (commit.stdout.strip() or "?") + (" (uncommitted changes)" if dirty.stdout.strip() else "")
    return (
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, commit {rev}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}"
    )


def table(results: list[SizeResult], sizes: list[int], elapsed: float) -> str:
    header = "| measure | " + " | ".join(f"{s:,} briefings" for s in sizes) + " |"
    lines = [
        "## Build benchmark (scripts/bench_build.py)",
        "",
        f"{environment()}; the whole run took {elapsed / 60:.1f} min.",
        "",
        header,
        "|---|" + "---:|" * len(sizes),
    ]
    for label, cells in measurement_rows(results):
        lines.append(f"| {label} | " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    lines += ["", "| target | measured | result |", "|---|---|---|"]
    for v in verdicts(results):
        lines.append(f"| {v.target} | {v.measured.replace('|', '/')} | **{v.result}** |")
    notes = growth_rows(results) + details(results)
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


# --- main -------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of briefings")
    parser.add_argument("--quick", action="store_true", help="sizes 100,300: to test this script")
    parser.add_argument("--skip-preview", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the table (Markdown) to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary trees and sites")
    parser.add_argument("--tmp-dir", type=Path, default=None, help="where the temporary folder goes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search-word", default="trade")
    parser.add_argument("--build-timeout", type=float, default=45 * 60, help="seconds per build (default 2700)")
    args = parser.parse_args(argv)
    args.sizes = [100, 300] if args.quick else sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s})
    return args


def _on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    work = Path(tempfile.mkdtemp(prefix="bench-build-", dir=args.tmp_dir))
    say(f"sizes {', '.join(f'{s:,}' for s in args.sizes)}; working in {work}")
    bench = Bench(args, work)
    results: list[SizeResult] = []
    try:
        for size in args.sizes:
            results.append(bench.run_size(size))
    finally:
        for pgid in list(_GROUPS):
            kill_group(pgid, grace=2)
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = table(results, args.sizes, time.monotonic() - _STARTED)
    sys.stdout.write(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        say(f"wrote {args.out}")
    if bench.errors:
        print("bench_build.py itself failed in: " + "; ".join(bench.errors), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
