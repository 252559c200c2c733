"""What the built site is: its absolute URL, name, description, URL style and language.

Feeds, the data export and structured data need absolute URLs. The plugin (`site_info`, given the
configuration MkDocs loaded) and `briefing generate` (`load_site_info`, which loads mkdocs.yml with
MkDocs' own loader, so `!ENV` tags and `INHERIT` mean what they mean to `mkdocs build`) make it
in the same way, from the same configuration.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import yaml

from .urls import page_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


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
        return _join(self.url, page_path(uri, self.use_directory_urls))

    def file_url(self, path: str) -> str:
        return _join(self.url, path)


@lru_cache(maxsize=131072)
def _join(base: str, path: str) -> str:
    """urljoin, remembered: the feeds and the export ask for each briefing's URL many times over."""
    return urljoin(base, path)


class SiteConfigError(Exception):
    """mkdocs.yml is missing, or MkDocs cannot load or validate it. The message is one line: the file,
    then what is wrong with it."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())  # a YAML error spans several lines
        super().__init__(f"{self.path}: {self.reason}")


def site_language(config: MkDocsConfig) -> str:
    """The site's language, as the theme is told it (Material's `theme.language`)."""
    return str(config.theme.get("language") or "en")


def site_info(config: MkDocsConfig) -> SiteInfo | None:
    """What the feeds and structured data need from a loaded MkDocs configuration; None without a
    site_url (the site then publishes no feeds or data export)."""
    if not config.site_url:
        return None
    try:
        return SiteInfo(
            config.site_url,
            name=config.site_name,
            description=config.site_description or "",
            use_directory_urls=config.use_directory_urls,
            language=site_language(config),
        )
    except ValueError as exc:
        raise SiteConfigError(config.config_file_path or "mkdocs.yml", f"site_url: {exc}") from None


# `mkdocs.config.load_config` logs each validation error and warning ("Config value 'x': ...") on
# its module's logger, then raises only a bare "Aborted with a configuration error!".
_CONFIG_VALUE = re.compile(r"^Config value '([^']*)':")


@contextmanager
def _config_problems() -> Iterator[dict[str, list[str]]]:
    """The errors and warnings MkDocs logs while it validates a configuration, for the message of a
    SiteConfigError. Warnings still reach the log; errors do not: the SiteConfigError carries them."""
    from mkdocs.config import base

    found: dict[str, list[str]] = {"errors": [], "warnings": []}

    def record(entry: logging.LogRecord) -> bool:
        if entry.levelno < logging.WARNING:
            return True
        message = _CONFIG_VALUE.sub(r"\1:", entry.getMessage())
        found["errors" if entry.levelno >= logging.ERROR else "warnings"].append(message)
        return entry.levelno < logging.ERROR

    logger = base.log if isinstance(getattr(base, "log", None), logging.Logger) else logging.getLogger("mkdocs.config")
    logger.addFilter(record)
    try:
        yield found
    finally:
        logger.removeFilter(record)


def load_site_info(config_file: Path) -> tuple[SiteInfo | None, Path]:
    """The SiteInfo (None without a site_url) and the docs folder of the project configured by
    config_file, loaded and validated as `mkdocs build` loads it.

    Raises SiteConfigError, naming the file and what is wrong, when it is missing or MkDocs cannot
    read, parse or validate it."""
    from mkdocs.config import load_config
    from mkdocs.config.base import ValidationError
    from mkdocs.exceptions import Abort, ConfigurationError

    if not config_file.is_file():
        raise SiteConfigError(config_file, "no such file" if not config_file.exists() else "not a file")
    with _config_problems() as problems:
        try:
            config = load_config(config_file=str(config_file))
        except Abort as exc:  # validation failed: MkDocs logged why, and `problems` has it
            if problems["errors"]:
                reason = "; ".join(problems["errors"])
            elif problems["warnings"]:  # `strict: true` makes each warning an error
                reason = "; ".join(problems["warnings"]) + " (strict: true makes warnings errors)"
            else:
                reason = exc.format_message()
            raise SiteConfigError(config_file, reason) from None
        except (ConfigurationError, ValidationError) as exc:
            message = exc.format_message() if isinstance(exc, ConfigurationError) else str(exc)
            raise SiteConfigError(config_file, message) from None
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise SiteConfigError(config_file, str(exc) or type(exc).__name__) from None
    return site_info(config), Path(config.docs_dir)
