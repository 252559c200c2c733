"""Briefing: turn front-matter-tagged article summaries into a cross-linked MkDocs site.

The pipeline is load -> validate -> index -> views -> render: `content/` holds the first two stages,
`graph/` the index, `site/` the views, pages and every other output; `kinds.py` and `urls.py` are
the one table of entity kinds and the one module of addresses (docs/architecture.md).
"""

__version__ = "0.2.0"
