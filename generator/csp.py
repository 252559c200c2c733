"""A strict Content Security Policy for every built page.

Scripts may come only from this site, plus the theme's own inline scripts,
each allowed by its SHA-256 hash (computed from the page as built). A script
injected into content would have a different hash and is refused by the
browser, as is any request to another host.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],  # Pagefind's search runs as WebAssembly
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def _hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy_for(html: str, *, live_reload: bool = False) -> str:
    """The page's policy. With live_reload (the preview of `mkdocs serve` only), inline scripts are
    allowed: the server injects its reload script into each page it sends, after the build, with a
    new number each time, so no hash can name it (and a hash would switch 'unsafe-inline' off)."""
    directives = {k: list(v) for k, v in BASE_POLICY.items()}
    if live_reload:
        directives["script-src"].append("'unsafe-inline'")
        return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())
    hashes = []
    for m in _INLINE_SCRIPT.finditer(html):
        attrs = m["attrs"].lower()
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
        hashes.append(_hash(m["body"]))
    directives["script-src"] += sorted(set(hashes))
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def add_csp(html: str, *, live_reload: bool = False) -> str:
    """Insert the policy as the first element of <head>, before anything it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, live_reload=live_reload)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
