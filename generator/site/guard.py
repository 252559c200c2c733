"""The last look at every finished page: anything that could run, redirect or re-base it fails the build.

The site ships no inline script (the theme's are files, see site_config/overrides/partials/javascripts/),
so its Content Security Policy allows scripts from the site only. An inline script in a built page can
then only have come from somewhere else (a template, a docs page, contributor text that slipped through),
and the build stops instead of publishing it. The same scan finds event-handler attributes,
javascript:/vbscript:/data: URLs, `<meta http-equiv>` other than the policy itself, `<base>`, frames
and plug-ins. The tests run it over every page of hostile builds.

The scanner reads tags and their attributes the way an HTML tokenizer does (quoted values may hold
'>' and text that looks like attributes), in one pass: linear in the page. It finds exactly what the
first, character-by-character version found (tests/guard_reference.py; tests/test_csp.py holds them
equal on hostile pages), several times faster.
"""

from __future__ import annotations

import html
import re
import threading
from concurrent.futures import Future
from pathlib import Path

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
_ATTR = re.compile(r"""[\s/]*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_COMMENT_END = "-->"
# Data blocks: the browser never runs them.
DATA_TYPES = {"application/json", "application/ld+json"}
# The only http-equiv values the site writes: the policy, and the theme's compatibility hint.
ALLOWED_HTTP_EQUIV = {"content-security-policy", "x-ua-compatible"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
FORBIDDEN_TAGS = {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data(?!:image/(?:png|gif|jpeg|webp);))\s*:", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


# An attribute as the browser's tokenizer reads it: a name (any characters but space, '/', '>' and, after its
# first, '='), then optionally '=' and a value, quoted (it may hold '>') or not. A quote is part of a value
# only right after '='; elsewhere it is one more character of a name.
_ATTRIBUTE = r"""[\s/]*+([^\s/>][^\s/>=]*+)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s>]*+))?+"""
_ONE_ATTRIBUTE = re.compile(_ATTRIBUTE)
# A comment, or a whole tag: its name, its attributes, and the '>' that ends it. Possessive: linear, never
# backtracking, whatever the page holds.
_WHOLE_TAG = re.compile(rf"<!--|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:{_ATTRIBUTE})*+[\s/]*+)(>|$)")
# What the attributes must hold before anything in them can be reported: a name starting with "on", a ':'
# (a URL scheme), or an '&' (a character reference that could spell one).
_SUSPECT = re.compile(r"""(?:^|[\s"'/=])on|[:&]""", re.I)
_SPECIAL = FORBIDDEN_TAGS | {"meta", "script"}


def unsafe_markup(page: str) -> list[str]:
    """What in a finished HTML page could run script, redirect or re-base it (empty: nothing).

    One pass over the page: each tag is matched whole by one regular expression, and its attributes are
    read only when its name or its attribute text could lead to a finding."""
    found: list[str] = []
    pos = 0
    search = _WHOLE_TAG.search
    while True:
        tag = search(page, pos)
        if tag is None:
            return found
        if tag.group(2) is None:  # a comment
            end = page.find(_COMMENT_END, tag.end())
            pos = len(page) if end < 0 else end + len(_COMMENT_END)
            continue
        pos = tag.end()
        if tag.group(1):  # an end tag
            continue
        name, text = tag.group(2).lower(), tag.group(3)
        if name not in _SPECIAL and not _SUSPECT.search(text):
            if name not in _RAW_TEXT:
                continue
            attrs: dict[str, str] = {}
        else:
            attrs = _read_attributes(text)
            found.extend(_check_tag(name, attrs))
        if name in _RAW_TEXT:  # raw text up to the end tag
            end = _find_end(page, name, pos)
            body = page[pos : end if end >= 0 else len(page)]
            if name == "script" and "src" not in attrs and attrs.get("type", "").strip().lower() not in DATA_TYPES:
                found.append(f"inline <script>: {body.strip()[:80]!r}")
            pos = len(page) if end < 0 else end


_RAW_TEXT = ("script", "style", "textarea", "title")
_END_TAGS = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style", "textarea", "title")}


def _find_end(page: str, name: str, pos: int) -> int:
    match = _END_TAGS[name].search(page, pos)
    return match.start() if match else -1


def _read_attributes(text: str) -> dict[str, str]:
    """A tag's attributes (names lowercased, values unquoted and unescaped); the first of a name counts,
    as in the browser. Quotes and '=' a name starts with are dropped, so '"onclick' is read as a handler too."""
    attrs: dict[str, str] = {}
    for match in _ONE_ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in ("'", '"') and len(value) > 1 and value[-1] == value[0]:
            value = value[1:-1]
        attrs.setdefault(match.group(1).lstrip("\"'=").lower(), html.unescape(value))
    return attrs


def _check_tag(name: str, attrs: dict[str, str]) -> list[str]:
    found = []
    if name in FORBIDDEN_TAGS:
        found.append(f"<{name}> element")
    for attr, value in attrs.items():
        if attr.startswith("on"):
            found.append(f"event handler {attr}= on <{name}>")
        elif attr in URL_ATTRIBUTES:
            for url in value.split(",") if attr == "srcset" else [value]:
                if _BAD_SCHEME.match(_INVISIBLE.sub("", url)):
                    found.append(f"{attr}={url.strip()[:60]!r} on <{name}>")
    if name == "meta" and "http-equiv" in attrs and attrs["http-equiv"].strip().lower() not in ALLOWED_HTTP_EQUIV:
        found.append(f"<meta http-equiv={attrs['http-equiv']!r}>")
    if name == "script" and "src" in attrs and re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", attrs["src"], re.I):
        found.append(f"<script src={attrs['src'][:60]!r}> from another host")
    return found


class Scans:
    """unsafe_markup for the pages of one build, on the other core: a process of its own (started fresh,
    so it holds none of the build's memory, and only once a first batch of pages is there) reads each page
    from the file MkDocs wrote and scans it while the build renders the next ones; `findings` waits for the
    last and gives (where, output file, what) for each page that must not be published.

    Pages go to it by file name, in batches: handing over each page's text cost the build a fifth of its
    time at 10,000 briefings (pickling it, and waking the executor's thread for every page). A page named
    to `submit` is written only once the plugin returns it, so a batch is sent when the next page comes,
    and the rest at `findings` (the build has written every page by then).

    A build that uses it writes a page before its scan is back; the caller deletes the pages named in
    the findings and fails the build (the CLI builds into a work folder, so nothing is published)."""

    BATCH = 256

    def __init__(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self.pending: list[tuple[list[tuple[str, str]], Future[list[tuple[int, list[str]]]]]] = []
        self.batch: list[tuple[str, str]] = []  # (where, output file) of pages not sent yet
        self.lock = threading.Lock()  # pages come from the build and from the copy that makes pages with it

    def submit(self, where: str, path: str) -> None:
        """Scan the page that is about to be written to `path` (`where`: its name in messages)."""
        with self.lock:
            if len(self.batch) >= self.BATCH:
                self._send()
            self.batch.append((where, path))

    def send(self) -> None:
        with self.lock:
            self._send()

    def _send(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        try:
            scan = self.pool.submit(scan_files, [path for _, path in batch])
        except Exception:  # the scanning process is gone: scanned here
            scan = Future()
            scan.set_result(scan_files([path for _, path in batch]))
        self.pending.append((batch, scan))

    def findings(self) -> list[tuple[str, str, list[str]]]:
        try:
            with self.lock:
                if not self.pending:  # fewer pages than a batch (a warm build): scanned here, at once, rather
                    # than starting a process for them (an interpreter and its imports: most of a second)
                    batch, self.batch = self.batch, []
                    return [(batch[i][0], batch[i][1], found) for i, found in scan_files([p for _, p in batch])]
            self.send()
            out = []
            for batch, scan in self.pending:
                for i, found in _results(scan, [path for _, path in batch]):
                    where, path = batch[i]
                    out.append((where, path, found))
        finally:
            self.close()
        return out

    def close(self) -> None:
        self.pending, self.batch = [], []
        self.pool.shutdown(wait=True, cancel_futures=True)


def scan_files(paths: list[str]) -> list[tuple[int, list[str]]]:
    """(position in `paths`, what unsafe_markup finds) for each file that holds something; a file that is
    not there publishes nothing."""
    out = []
    for i, path in enumerate(paths):
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if found := unsafe_markup(text):
            out.append((i, found))
    return out


def _results(scan: Future[list[tuple[int, list[str]]]], paths: list[str]) -> list[tuple[int, list[str]]]:
    """A batch's findings; where the scanning process failed (killed, out of memory), the written pages
    are read back and scanned here."""
    try:
        return scan.result()
    except Exception:
        return scan_files(paths)
