"""Full-page screenshots of every page type on desktop and phone, in test-output/screenshots/."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import pytest

from .conftest import DEVICES
from .helpers import PAGES

if TYPE_CHECKING:
    from .conftest import Visits

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(visits: Visits, name: str, device: str) -> None:
    visit = visits.get(name, device)
    data = visit.screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{visit.screenshot} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    assert width == DEVICES[device]["width"], f"{visit.screenshot} is {width}px wide"
    assert height >= DEVICES[device]["height"]
    assert visit.title.endswith("- Briefing"), visit.title
