"""Briefing: turn front-matter-tagged article summaries into a cross-linked MkDocs site.

The pipeline is load -> validate -> index -> render; each stage is a module of
its own and passes narrow typed values to the next.
"""

__version__ = "0.2.0"
