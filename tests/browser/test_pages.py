"""Every page type, loaded once: only local requests, and no console error or failed request.

Errors the product is known to cause are listed in KNOWN_ERRORS, each with a strict xfail test;
the per-page test ignores only those, so any other error still fails it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from .helpers import PAGES, assert_no_errors, assert_only_local_requests, errors

if TYPE_CHECKING:
    from .conftest import Visits

pytestmark = pytest.mark.browser

# name -> (regular expression over an error line, why it happens)
KNOWN_ERRORS = {
    "feed-sitemap-404": (
        r"/feeds/(.+/)?sitemap\.xml",
        "product bug: pages carry <link rel=alternate type=application/atom+xml href=…/feeds/….xml>; Material's "
        "bundle treats every link[rel=alternate] as a language alternate and fetches sitemap.xml next to it, "
        "so each page requests feeds/…/sitemap.xml and gets a 404 (console error). Put the feeds where a "
        "sitemap.xml exists, or ship one in each feeds/ folder",
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_privacy_only_local_requests(visits: Visits, name: str) -> None:
    """No web font, CDN script, analytics or API call: every request goes to our own server."""
    visit = visits.get(name)
    assert visit.recorder.requests, f"{visit.url} recorded no request at all"
    assert_only_local_requests(visit.recorder, visit.url)


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors_or_failed_requests(visits: Visits, name: str) -> None:
    visit = visits.get(name)
    assert_no_errors(visit.recorder, visit.url, ignore=tuple(p for p, _ in KNOWN_ERRORS.values()))


@pytest.mark.parametrize("known", [pytest.param(k, id=k, marks=pytest.mark.xfail(strict=True, reason=r))
                                   for k, (_, r) in KNOWN_ERRORS.items()])
def test_known_error_is_fixed(visits: Visits, known: str) -> None:
    pattern = KNOWN_ERRORS[known][0]
    found = {name: [e for e in errors(visits.get(name).recorder) if re.search(pattern, e)] for name in PAGES}
    found = {name: lines for name, lines in found.items() if lines}
    assert not found, "\n".join(f"{name}: {lines}" for name, lines in found.items())
