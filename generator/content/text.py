"""The rules for every piece of contributor text that reaches a page, wherever it is written:
content files, site_config/*.yml (topic labels, country names) or a file's name.

Plain text holds no markup: no '<' followed by a letter, '/', '!' or '?' (a tag, closed or not, a
comment, a declaration), no control character, no Unicode noncharacter, and no bidirectional
override or isolate (which can make a name display as something else). Outputs escape it anyway;
these rules make `briefing check` say so first, with the place to fix.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"<[A-Za-z/!?]")
# C0 controls but tab and newline, DEL, C1 controls, noncharacters, bidi embeddings/overrides/isolates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The first character no text may hold, as (index, description), or None."""
    match = _FORBIDDEN.search(text)
    if match is None:
        # other noncharacters (U+1FFFE, U+1FFFF, ... U+10FFFF) are rare enough to look for one by one
        for i, char in enumerate(text):
            if ord(char) > 0xFFFF and (ord(char) & 0xFFFE) == 0xFFFE:
                return i, f"a Unicode noncharacter (U+{ord(char):04X})"
        return None
    char = match.group(0)
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        return match.start(), f"a bidirectional override ({code})"
    if "\ufdd0" <= char <= "\ufdef" or char in "\ufffe\uffff":
        return match.start(), f"a Unicode noncharacter ({code})"
    return match.start(), f"a control character ({code})"


def plain_text(value: str) -> str:
    """A pydantic AfterValidator: the value as it is, or ValueError saying what to change."""
    if not value.strip():
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError("has spaces at the start or end; remove them")
    bad = forbidden_character(value)
    if bad is not None:
        raise ValueError(f"contains {bad[1]} at character {bad[0] + 1}{why(bad[1])}; remove it")
    if _MARKUP.search(value) or "\n" in value:
        if "\n" in value:
            raise ValueError("must be one line; join the lines")
        raise ValueError(
            "raw HTML is not allowed; write plain text (a '<' may not be followed by a letter, '/', '!' or '?')"
        )
    return value


def why(description: str) -> str:
    """What makes a forbidden character harmful, where that is not obvious."""
    return ", which can make text display as something else" if "bidirectional" in description else ""


# Names a page may not take: the index of its folder, a year (year pages live there), and the device
# names Windows refuses as file names (a clone on Windows could not hold the page).
_WINDOWS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def reserved(slug: str) -> str | None:
    """Why a page name (a file name, a topic or country id) cannot be used, or None."""
    if slug == "index":
        return "'index' names the index page of its folder"
    if slug.isdigit():
        return f"'{slug}' is all digits, as the year pages are"
    if slug in _WINDOWS:
        return f"'{slug}' is a device name on Windows"
    return None


def not_reserved(slug: str) -> str:
    """A pydantic AfterValidator for ids."""
    why_not = reserved(slug)
    if why_not:
        raise ValueError(f"{why_not}; choose another id")
    return slug
