"""Every page type, loaded once: only local requests, and no console error or failed request."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .helpers import PAGES, assert_no_errors, assert_only_local_requests

if TYPE_CHECKING:
    from .conftest import Visits

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGES)
def test_privacy_only_local_requests(visits: Visits, name: str) -> None:
    """No web font, CDN script, analytics or API call: every request goes to our own server."""
    visit = visits.get(name)
    assert visit.recorder.requests, f"{visit.url} recorded no request at all"
    assert_only_local_requests(visit.recorder, visit.url)


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors_or_failed_requests(visits: Visits, name: str) -> None:
    """Includes Content-Security-Policy violations, which Chromium logs as console errors."""
    visit = visits.get(name)
    assert_no_errors(visit.recorder, visit.url)
