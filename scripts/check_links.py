"""Check the links of a built static site, offline.

Every HTML file is parsed with html.parser. Each internal href/src/srcset must resolve to a file of
the site (a directory URL means its index.html; %-escapes are decoded) and each #anchor to an
element with that id in the target page. External links are listed, never fetched.

    python scripts/check_links.py SITE_DIR [--site-url URL] [--external-out FILE]

--site-url (default: site_url from ./mkdocs.yml, if any) makes absolute links to the published
site, and root-relative links under its path (404.html uses them), count as internal.
Exit status 1 if any internal link is broken.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs whose value is one URL.
URL_ATTRIBUTES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("input", "src"),
    ("object", "data"),
    ("form", "action"),
}
SRCSET_TAGS = {"img", "source"}
NOT_LINKS = {"data", "blob", "javascript", "about"}  # schemes that point at nothing to check or list
ALWAYS_THERE = {"", "top"}  # fragments a browser handles without a matching id (HTML spec)


class _Page(HTMLParser):
    """The ids (and <a name>s) of a page and its links with their line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for name, value in values.items():
            if (tag, name) in URL_ATTRIBUTES:
                self.links.append((line, value))
            elif name == "srcset" and tag in SRCSET_TAGS:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((line, candidate.split()[0]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", values.get("content", ""), re.IGNORECASE)
            if match:
                self.links.append((line, match.group(1).strip()))


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0  # internal links checked
    broken: list[str] = field(default_factory=list)  # "page:line: link: why"
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # url -> pages


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def scan_site(site_dir: Path | str, site_url: str | None = None) -> LinkReport:
    site = Path(site_dir).resolve()
    published = urlsplit(site_url) if site_url else None
    base_path = (published.path if published else "/") or "/"
    if not base_path.endswith("/"):
        base_path += "/"
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    report = LinkReport(pages=len(pages))

    for rel, page in pages.items():
        for line, link in page.links:
            url = link.strip()
            parts = urlsplit(url)
            if parts.scheme.lower() in NOT_LINKS:
                continue
            path = parts.path
            if parts.scheme or parts.netloc:
                same_site = (
                    published is not None
                    and parts.netloc.lower() == published.netloc.lower()
                    and parts.scheme.lower() in ("http", "https")
                    and (path + "/").startswith(base_path)
                )
                if not same_site:
                    report.external[url].add(rel)
                    continue
                path = path or "/"
            report.internal += 1
            problem = _check(site, pages, rel, unquote(path), unquote(parts.fragment), base_path)
            if problem:
                report.broken.append(f"{rel}:{line}: {link}: {problem}")
    return report


def _check(site: Path, pages: dict[str, _Page], rel: str, path: str, fragment: str, base_path: str) -> str | None:
    """Why `path#fragment`, linked from page `rel`, does not resolve (None if it does)."""
    if not path:
        target = rel
    else:
        if path.startswith("/"):
            if not (path + "/").startswith(base_path):
                return f"root-relative link outside the site's base path {base_path}"
            joined = path[len(base_path) :]
        else:
            joined = posixpath.join(posixpath.dirname(rel), path)
        target = posixpath.normpath(joined) if joined else "."
        if target == ".." or target.startswith("../"):
            return "points outside the site"
        if path.endswith("/") or (site / target).is_dir():
            target = posixpath.normpath(posixpath.join(target, "index.html"))
        if not (site / target).is_file():
            return f"{target} does not exist"
    if fragment.lower() in ALWAYS_THERE or target not in pages:
        return None
    if fragment not in pages[target].ids:
        return f"no element with id {fragment!r} in {target}"
    return None


def check_site(site_dir: Path | str, site_url: str | None = None) -> tuple[list[str], list[str]]:
    """(broken internal links as "page:line: link: why", sorted external URLs)."""
    report = scan_site(site_dir, site_url)
    return report.broken, sorted(report.external)


def site_url_of(mkdocs_yml: Path) -> str | None:
    """site_url from an mkdocs.yml (read with a regex: the file may hold tags yaml.safe_load rejects)."""
    if not mkdocs_yml.is_file():
        return None
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", mkdocs_yml.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else None


def format_external(report: LinkReport) -> str:
    lines = [f"{len(report.external)} external links (not fetched), with the pages that use them", ""]
    for url in sorted(report.external):
        where = sorted(report.external[url])
        shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        lines.append(f"{url}\n    {len(where)} page(s): {shown}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--site-url", default=None, help="the published site's URL (default: from mkdocs.yml)")
    parser.add_argument("--external-out", type=Path, help="also write the external-link report to this file")
    args = parser.parse_args(argv)
    if not args.site_dir.is_dir():
        parser.error(f"{args.site_dir} is not a directory")
    site_url = args.site_url or site_url_of(Path("mkdocs.yml"))
    report = scan_site(args.site_dir, site_url)
    external = format_external(report)
    if args.external_out:
        args.external_out.parent.mkdir(parents=True, exist_ok=True)
        args.external_out.write_text(external, encoding="utf-8")
    print(external)
    print(
        f"{report.pages} pages, {report.internal} internal links checked, {len(report.broken)} broken, "
        f"{len(report.external)} external"
    )
    for line in report.broken:
        print(f"broken: {line}")
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
