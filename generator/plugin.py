"""The MkDocs plugin: translates MkDocs events into calls of the pipeline functions.

It reads and checks content in `on_files`, adds the rendered pages there with
`File.generated` (in memory: nothing is written into a watched folder), sets
edit links, sanitises page HTML and tells `mkdocs serve` what to watch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from .build import BuildOptions, Generated, generate
from .problems import ContentError
from .project import Project
from .sanitize import clean


class BriefingConfig(base.Config):  # type: ignore[no-untyped-call]
    content_dir = c.Type(str, default="content")
    site_config_dir = c.Type(str, default="site_config")
    edit_url_base = c.Optional(c.Type(str))
    profile_latest = c.Type(int, default=20)


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.project: Project | None = None
        self.edit_paths: dict[str, str | None] = {}
        self.generated: Generated | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.project = Project.at(root, self.config.content_dir, self.config.site_config_dir)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.project is not None
        options = BuildOptions(profile_latest=self.config.profile_latest)
        try:
            self.generated = generate(self.project, options)
        except ContentError as exc:
            raise PluginError(f"{exc}\nRun `briefing check` for details.") from None
        self.edit_paths = {}
        for page in self.generated.pages:
            existing = files.get_file_from_path(page.uri)
            if existing is not None:
                raise PluginError(f"docs/{page.uri} clashes with a generated page; rename it")
            files.append(File.generated(config, page.uri, content=page.markdown))
            self.edit_paths[page.uri] = page.edit_path
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig,
                         files: Files) -> str:
        uri = page.file.src_uri
        if uri in self.edit_paths:
            path = self.edit_paths[uri]
            base_url = self.config.edit_url_base
            page.edit_url = f"{base_url.rstrip('/')}/{path}" if (path and base_url) else None
        return markdown

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig,
                        files: Files) -> str:
        return clean(html) if page.file.src_uri in self.edit_paths else html

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.project is not None
        for folder in (self.project.content_dir, self.project.site_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
