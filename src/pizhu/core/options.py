"""What the pipeline needs to know about the site it builds for.

Free of MkDocs on purpose: :mod:`pizhu.config` fills it in, from the file mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from .i18n import Messages

DEFAULT_CATEGORIES = ("person", "organization", "product", "concept")
"""Glossary categories when the site configures none; readers see ``glossary.category.<id>``."""


FEED_ENTRIES = 100
"""Entries a feed holds by default: every note of the newest two or three articles (a feed reader
fetches the whole file each time; 100 entries of this site's notes are about 175 KB of Atom)."""


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """What the pipeline needs to know about the site it builds for."""

    templates: str = "templates"
    """The site's own templates, which override pizhu's (relative to the project)."""
    messages: str = "i18n"
    """Folder of the site's own words, ``<language>.yml`` (relative to the project): they
    override pizhu's catalogue of that language key by key."""
    edit_base: str | None = None
    repo_url: str | None = None
    """MkDocs' ``repo_url``: where readers report an error (``<repo_url>/issues/new``), when set."""
    strict: bool = False
    """MkDocs' ``strict`` or the plugin's own: warnings stop the build."""
    nav_files: tuple[tuple[str, str, int | None], ...] = field(default=())
    """Pages the navigation names: path inside docs/, and the configuration file and line that
    name it (the line when found)."""
    docs_dir: str = "docs"
    slugify: Callable[[str, str], str] | None = None
    """MkDocs' ``toc`` slugify as the site configures it (the ids of headings), if it does."""
    language: str = "zh"
    """The site's language (MkDocs' ``theme.language``): it chooses the message catalogue."""
    home_page: Literal["auto", "always", "never"] = "auto"
    """Generate a home page listing the articles: ``auto`` unless the site has ``docs/index.md``."""
    config_file: str | None = None
    """The MkDocs configuration these settings were read from (``None``: pizhu's defaults)."""
    site_name: str = "pizhu"
    """MkDocs' ``site_name``: the feeds' and the annotation collection's title."""
    site_url: str | None = None
    """MkDocs' ``site_url``: where the site is published (absolute addresses in open data and feeds)."""
    categories: tuple[tuple[str, str | None], ...] = tuple((c, None) for c in DEFAULT_CATEGORIES)
    """Glossary categories in page order, each with its label (``None``: from the catalogue)."""
    edition: str | None = None
    """A converted edition this build makes (``zh-Hant``, see :mod:`pizhu.editions`); ``None``: the original."""
    feed_entries: int = FEED_ENTRIES
    """How many of the newest notes and corrections the feeds hold."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls`` (false also under Material's offline plugin): pizhu's pages
    link to each other by folder addresses (``glossary/``), so it must be true."""

    def absolute(self, path: str = "") -> str:
        """``path`` (site-relative, e.g. ``sensetime-xu-bing/#note-x``) as an absolute address on
        ``site_url``; still relative when the site has no ``site_url``."""
        if not self.site_url:
            return path
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.categories)

    def category_label(self, category: str, messages: Messages) -> str:
        """What readers see for a category: the site's label, else the catalogue's, else the id."""
        label = dict(self.categories).get(category)
        if label:
            return label
        key = f"glossary.category.{category}"
        return messages(key) if messages.has(key) else category
