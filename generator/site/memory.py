"""How a build keeps its memory small while MkDocs holds every page.

- `HeldContent`: a page's converted content, compressed, from the moment the plugin has it until the
  theme renders the page (MkDocs keeps every page's content until it has written them all).
- `freeze_generated`, `thaw`: a build's generated site out of the garbage collector's reach while MkDocs
  builds.
- `settle_memory`: the preview's objects moved out of the garbage collector's reach once a build is
  served, so that the next rebuild does not pay for a full collection of everything the preview keeps.
"""

from __future__ import annotations

import gc

from .render import pack, unpack


def freeze_generated() -> None:
    """Move what a build has made so far (the corpus, the index, the generated pages) out of the garbage
    collector's reach (gc.freeze) until the build ends (`thaw`): each full collection MkDocs' own objects
    set off would walk them all again. (The generator freezes the corpus and the index before it makes the
    pages: build.generate's `freeze`.)"""
    gc.freeze()


def thaw() -> None:
    """Give the objects `freeze_generated` froze back to the collector."""
    gc.unfreeze()


def settle_memory() -> None:
    """Collect what the last build left, then freeze every object still alive (gc.freeze); the frozen
    objects of the build before are first given back to the collector."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class HeldContent:
    """A page's HTML while MkDocs holds it, from its conversion until the page is rendered: compressed, as
    MkDocs keeps every page's content until it has written them all (1.4 GB of text at 10,000 briefings).
    It reads as the text it holds, should anything look at it meanwhile."""

    __slots__ = ("packed",)

    def __init__(self, html: str) -> None:
        self.packed = pack(html)

    def __str__(self) -> str:
        return unpack(self.packed)

    def __html__(self) -> str:
        return str(self)

    def __contains__(self, part: str) -> bool:
        return part in str(self)
