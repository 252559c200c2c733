"""Every internal link and anchor of the built site resolves; external links are listed, not fetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.invariants import check_links as load_check_links
from tests.sites import EDIT_URL_BASE, OUTPUT, SITE_URL

check_links = load_check_links()


def test_no_broken_internal_link(seed_site: Path, seed_project: Path) -> None:
    site = seed_site
    site_url = check_links.site_url_of(seed_project / "mkdocs.yml")
    assert site_url == SITE_URL
    report = check_links.scan_site(site, site_url)
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "external-links.txt").write_text(check_links.format_external(report), encoding="utf-8")
    assert report.pages > 20 and report.internal > 500, f"suspiciously little checked: {report}"
    assert not report.broken, f"{len(report.broken)} broken internal links:\n" + "\n".join(report.broken[:50])
    broken, external = check_links.check_site(site, site_url)
    assert broken == [] and external == sorted(report.external)
    assert any(url.startswith(f"{EDIT_URL_BASE}/content/") for url in external)


def write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>\n", encoding="utf-8")


def test_checker_catches_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    write(
        tmp_path / "index.html",
        """
        <a href="page/">fine</a> <a href="page/#here">fine anchor</a> <a href="page">directory without slash</a>
        <a href="page/index.html#named">a name</a> <a href="%E2%9C%93/">escaped</a> <a href="#top">top</a>
        <a href="#local">same page</a> <span id="local"></span>
        <img src="img/a.png" srcset="img/a.png 1x, img/b.png 2x">
        <a href="missing/">broken link</a>
        <a href="page/#nowhere">broken anchor</a>
        <a href="../outside.html">outside</a>
        <a href="https://example.org/x">external</a> <a href="mailto:a@example.org">mail</a>
        <a href="data:text/plain,hi">data</a> <a href="https://example.net/site/page/#here">own site</a>
        <a href="/site/page/">root-relative</a> <a href="/elsewhere/">root-relative outside</a>""",
    )
    write(tmp_path / "page" / "index.html", '<h2 id="here">Here</h2><a name="named"></a>')
    write(tmp_path / "✓" / "index.html", "")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"")

    broken, external = check_links.check_site(tmp_path, "https://example.net/site/")

    assert len(broken) == 5, "\n".join(broken)
    assert any("missing/" in b and "missing/index.html does not exist" in b for b in broken)
    assert any("page/#nowhere" in b and "no element with id 'nowhere' in page/index.html" in b for b in broken)
    assert any("img/b.png" in b for b in broken)
    assert any("../outside.html" in b and "outside the site" in b for b in broken)
    assert any("/elsewhere/" in b and "base path" in b for b in broken)
    assert all(b.startswith("index.html:") for b in broken)
    assert external == ["https://example.org/x", "mailto:a@example.org"]


def test_checker_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "index.html", '<a href="gone.html">x</a> <a href="https://example.org/">y</a>')
    out = tmp_path / "report" / "external.txt"
    assert check_links.main([str(tmp_path), "--site-url", "https://example.net/", "--external-out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "1 pages, 1 internal links checked, 1 broken, 1 external" in printed
    assert "broken: index.html:1: gone.html: gone.html does not exist" in printed
    assert "https://example.org/" in out.read_text(encoding="utf-8")
