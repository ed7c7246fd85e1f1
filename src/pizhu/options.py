"""What the pipeline needs to know about the site it builds for.

Free of MkDocs on purpose: :mod:`pizhu.config` fills it in, from the file mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """What the pipeline needs to know about the site it builds for."""

    templates: str = "templates"
    edit_base: str | None = None
    strict: bool = False
    """MkDocs' ``strict`` or the plugin's own: warnings stop the build."""
    nav_files: tuple[tuple[str, int | None], ...] = field(default=())
    """Pages the navigation names (path inside docs/, line in mkdocs.yml when found)."""
    docs_dir: str = "docs"
