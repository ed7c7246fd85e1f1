"""Data tables (placeholder until the data-tables issue lands)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from .model import Article, Source
from .problems import Problem

if TYPE_CHECKING:
    from .render import Page, SiteRenderer


def load_tables(root: Path, articles: list[Article], sources: dict[str, Source],
                problems: list[Problem]) -> list[Any]:
    """Load ``data/tables/*.yml`` and check their figures against the articles (not yet implemented)."""
    return []


def render_pages(renderer: "SiteRenderer") -> list["Page"]:
    """The table pages (none yet)."""
    return []


def open_data(project: Any) -> dict[str, bytes]:
    """Open-data files of the table feature, by path in the site (none yet)."""
    return {}
