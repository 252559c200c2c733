"""Reading contributor Markdown (bodies of briefings, people, organizations, country intros) in bounded
time: every scan here is one pass over the text plus a binary search per candidate, so a line of
800 backticks or 100,000 '<' costs what its length costs. `validate` and `mentions` both read
bodies through it; no backtracking regular expression ever runs over contributor text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>", re.I)  # cannot run past the next '<'
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")

Span = tuple[int, int]


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(index, line) of each line outside fenced and indented code blocks."""
    fence: str | None = None
    for n, line in enumerate(body.split("\n")):
        opener = FENCE.match(line)
        if opener:
            fence = None if fence == opener[1] else (fence or opener[1])
            continue
        if fence or line.startswith("    "):
            continue
        yield n, line


class _Positions:
    """Where the characters of a class occur in a line; the first one at or after a position."""

    def __init__(self, line: str, chars: str) -> None:
        self.at = [m.start() for m in re.finditer(f"[{re.escape(chars)}]", line)]

    def next(self, pos: int) -> int:
        i = bisect_left(self.at, pos)
        return self.at[i] if i < len(self.at) else -1


def code_spans(line: str) -> list[Span]:
    """Inline code spans: a run of n backticks up to the next run of exactly n (CommonMark), linear."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    by_length: defaultdict[int, deque[int]] = defaultdict(deque)
    for i, (start, end) in enumerate(runs):
        by_length[end - start].append(i)
    spans: list[Span] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        same = by_length[end - start]
        while same and same[0] <= i:
            same.popleft()
        if same:
            j = same.popleft()
            spans.append((start, runs[j][1]))
            i = j + 1
        else:
            i += 1
    return spans


def merge(spans: list[Span]) -> list[Span]:
    """Spans sorted, overlapping ones joined: what `inside` reads."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def inside(spans: list[Span], pos: int) -> bool:
    """Whether pos is inside one of spans (sorted by start, not overlapping: see merge)."""
    i = bisect_left(spans, (pos + 1, -1)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


@dataclass(frozen=True)
class Link:
    dest_start: int
    dest: str  # the destination as written (no '<>', up to whitespace or ')')


_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]*)")


def links(line: str, code: list[Span] | None = None) -> list[Link]:
    """The destination of every inline link `...](dest)` outside code spans, whichever '[' opens it
    (Markdown allows brackets inside link text), and of a reference definition `[id]: dest`."""
    code = code_spans(line) if code is None else code
    stops = _Positions(line, ") \t>")
    out: list[Link] = []
    definition = _DEFINITION.match(line)
    if definition:
        out.append(Link(definition.start(1), definition.group(1)))
    for match in re.finditer(r"\]\(", line):
        if inside(code, match.start()):
            continue
        dest_start = match.end()
        while dest_start < len(line) and line[dest_start] in " \t<":
            dest_start += 1
        stop = stops.next(dest_start)
        out.append(Link(dest_start, line[dest_start : stop if stop >= 0 else len(line)]))
    return out


def images(line: str, code: list[Span] | None = None) -> list[int]:
    """Where '![' (an image, or the start of one) stands outside code spans and unescaped."""
    code = code_spans(line) if code is None else code
    return [
        m.start()
        for m in re.finditer(r"!\[", line)
        if not inside(code, m.start()) and not (m.start() and line[m.start() - 1] == "\\")
    ]


def markup(line: str, code: list[Span] | None = None) -> int:
    """Where raw HTML starts ('<' and a letter, '/', '!' or '?') outside code spans and autolinks, or -1."""
    code = code_spans(line) if code is None else code
    for match in _MARKUP_START.finditer(line):
        at = match.start()
        if not inside(code, at) and _AUTOLINK.match(line, at) is None:
            return at
    return -1


def skip_spans(line: str) -> list[Span]:
    """Spans a mention must not be taken from: code, links and images (`[..](..)`, `[..][..]`),
    autolinks `<..>` and quoted text; merged, for `inside`."""
    code = code_spans(line)
    spans = list(code)
    closes, parens = _Positions(line, "]"), _Positions(line, ")")
    for opening in (m.start() for m in re.finditer(r"\[", line)):
        close = closes.next(opening)
        if close < 0:
            break
        after = line[close + 1 : close + 2]
        end = parens.next(close) if after == "(" else closes.next(close + 1) if after == "[" else -1
        if end >= 0:
            spans.append((opening - 1 if opening and line[opening - 1] == "!" else opening, end + 1))
    ends = _Positions(line, "> \t")
    for opening in (m.start() for m in re.finditer("<", line)):
        end = ends.next(opening + 1)
        if end > opening + 1 and line[end] == ">":
            spans.append((opening, end + 1))
    curly = _Positions(line, "”")
    for opening in (m.start() for m in re.finditer("“", line)):
        end = curly.next(opening)
        if end >= 0:
            spans.append((opening, end + 1))
    straight = [m.start() for m in re.finditer('"', line)]
    spans.extend((a, b + 1) for a, b in zip(straight[::2], straight[1::2], strict=False))
    return merge(spans)
