"""A generated page is sanitized when it is made (render.sanitized), its body slot kept; the plugin then
sanitizes only the contributor's converted body as it puts it in (Page.with_body)."""

from __future__ import annotations

import pytest

from generator.site.guard import unsafe_markup
from generator.site.render import BODY, Page, body_slot, sanitized
from generator.site.sanitize import clean

SLOT = str(body_slot("summary"))


def page(html: str, cleaned: bool) -> Page:
    return Page("p.md", 'title: "T"\n', html, "body", cleaned=cleaned)


def test_the_page_is_cleaned_around_its_slot_and_the_body_on_its_own() -> None:
    made = f'<h1 id="t" onclick="x()">T</h1><script>alert(1)</script>{SLOT}<a href="javascript:x()">a</a>'
    html, cleaned = sanitized(made)
    assert cleaned and html.count(BODY) == 1 and 'markdown="1"' in html  # a builder without the plugin converts it
    assert "script" not in html and "onclick" not in html and "javascript:" not in html
    body = '<p>Body <img src="x" onerror="y()"></p>'
    out = page(html, cleaned).with_body(clean(body))
    assert "onerror" not in out and 'markdown="1"' not in out and BODY not in out
    assert out == clean(page(made, False).with_body(body))  # what sanitizing the whole page gives
    assert unsafe_markup(out) == []


@pytest.mark.parametrize(
    "made",
    [
        f"<p>two slots</p>{SLOT}{SLOT}",
        f"<p>\ue000briefing-body\ue000 in the text</p>{SLOT}",  # the placeholder the sanitizer must not see
    ],
)
def test_a_slot_that_cannot_be_kept_leaves_the_whole_page_to_be_sanitized_later(made: str) -> None:
    assert sanitized(made) == (made, False)  # untouched: the plugin sanitizes the page once the body is in


def test_a_page_without_a_slot_is_cleaned_whole() -> None:
    html, cleaned = sanitized('<p>x</p><iframe src="https://e.example"></iframe>')
    assert cleaned and html == "<p>x</p>"


@pytest.mark.parametrize(
    ("link", "rel"),
    [
        ('<a href="../countries/iran/">Iran</a>', False),
        ('<a href="#events">Events</a>', False),
        ('<a class="x" title="a>b" href="https://example.net/a">Source</a>', True),
        ('<a href="//example.net/">Host</a>', True),
        ('<a href="mailto:desk@example.net">Mail</a>', True),
        ('<a href="https://example.net/" rel="opener">Opener</a>', True),  # the author's rel never stays
    ],
)
def test_only_links_to_other_hosts_get_noopener_noreferrer(link: str, rel: bool) -> None:
    out = clean(f"<p>{link}</p>")
    assert out.count("rel=") == (1 if rel else 0), out
    assert ('rel="noopener noreferrer"' in out) == rel and 'opener"' not in out.replace("noopener", "")
