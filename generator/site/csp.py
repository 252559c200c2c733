"""A strict Content Security Policy for every built page.

Scripts may come only from this site: the theme's inline scripts are served as files
(site_config/overrides/partials/javascripts/), so the policy names no inline script at all, and
generator/guard.py fails the build if one appears in a page anyway. Any request to another host is
refused by the browser.

The live preview (`mkdocs serve`) is the one exception: its server injects a reload script into
each page it sends, after the build, so there the policy also allows inline scripts. A build never
does.
"""

from __future__ import annotations

import re

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


def policy(*, live_reload: bool = False) -> str:
    """The site's policy; with live_reload (the preview of `mkdocs serve` only) inline scripts run too."""
    directives = {k: list(v) for k, v in BASE_POLICY.items()}
    if live_reload:
        directives["script-src"].append("'unsafe-inline'")
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def add_csp(html: str, *, live_reload: bool = False) -> str:
    """Insert the policy as the first element of <head>, before anything it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(live_reload=live_reload)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
