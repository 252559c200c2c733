"""What the built site is: its absolute URL, name, description, URL style and language.

Feeds, the data export and structured data need absolute URLs; the plugin and `briefing generate`
both make this from MkDocs' own configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .urls import page_path


@dataclass(frozen=True)
class SiteInfo:
    """What the feeds and structured data need to know about the built site."""

    url: str  # absolute site URL, e.g. https://example.org/briefing/
    name: str = "Briefing"
    description: str = ""
    use_directory_urls: bool = True
    language: str = "en"

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"site URL must be an absolute http(s) URL, not {self.url!r}")
        if not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    def page_url(self, uri: str) -> str:
        """The absolute URL of the page built from source path `uri`, e.g. 'countries/iran.md'."""
        return urljoin(self.url, page_path(uri, self.use_directory_urls))

    def file_url(self, path: str) -> str:
        return urljoin(self.url, path)
