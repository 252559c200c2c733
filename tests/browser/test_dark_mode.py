"""The palette toggle switches to the dark (slate) scheme, and text stays readable in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .helpers import PAGES, colour_scheme, luminance, text_contrasts, toggle_palette

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .helpers import Contrast

pytestmark = pytest.mark.browser

MIN_CONTRAST = 3.0
STANCES = ".stance"
BODY_TEXT = "article.md-content__inner p, article.md-content__inner li"


def low(contrasts: list[Contrast]) -> list[str]:
    return [
        f"{c.text!r}: {c.color} on rgb{tuple(round(v) for v in c.background[:3])} = {c.ratio:.2f}"
        for c in contrasts
        if c.ratio < MIN_CONTRAST
    ]


def check_readable(page: Page, scheme: str) -> None:
    stances, text = text_contrasts(page, STANCES), text_contrasts(page, BODY_TEXT)
    assert stances, "the relationship page shows no stance"
    assert text, "the relationship page has no body text"
    problems = low(stances) + low(text)
    assert not problems, f"text below {MIN_CONTRAST}:1 contrast in the {scheme} scheme:\n" + "\n".join(problems)


def test_dark_mode_toggle_and_contrast(desktop_page: Page, base_url: str) -> None:
    page = desktop_page
    page.goto(base_url + PAGES["relationship"])
    assert colour_scheme(page) == "default"
    check_readable(page, "light")

    toggle_palette(page)
    assert colour_scheme(page) == "slate"
    check_readable(page, "dark")
    background = text_contrasts(page, BODY_TEXT)[0].background
    assert luminance(background) < 0.1, f"the dark scheme's page background is not dark: {background}"

    page.reload()  # Material remembers the reader's choice
    assert colour_scheme(page) == "slate"
    toggle_palette(page)
    assert colour_scheme(page) == "default"
