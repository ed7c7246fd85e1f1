"""What a kind of annotation is: one class, one folder, one line in the registry.

A kind (citations, notes, glossary terms, table figures, speech …) lives in its own package
under ``pizhu/kinds/`` with its loader, checks, candidate spans, templates, pages, search
words and open data. The pipeline calls every kind at each stage, in registry order; the
core imports no kind, and kinds reach each other's items only through the project's
``targets`` (where an item is shown) and ``passages`` (prose other kinds may look into).

Every method has a do-nothing default, so a kind implements only the stages it takes part in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from markupsafe import Markup

from ..core.fields import Shape
from ..core.i18n import Messages
from ..core.model import Article, Citing, FeedEntry, Passage, Project, Span
from ..core.options import SiteOptions
from ..core.problems import Problem
from ..core.spans import Candidate, SpanRules
from ..render.site import Page, PageView, SiteRenderer


@dataclass(slots=True)
class Context:
    """What a kind is given at each stage: the project so far, where to report, the site's settings."""

    root: Path
    project: Project
    problems: list[Problem]
    options: SiteOptions
    messages: Messages


class SpanKind:
    """Base class of every kind; subclasses set the class variables and override what they do."""

    name: ClassVar[str]
    """``Span.kind``, the template folder's prefix, the CSS class ``pz-<name>``."""
    rules: ClassVar[SpanRules]
    """Rank, whether it is a link, and what a conflict means (see :mod:`pizhu.core.spans`)."""
    site_paths: ClassVar[Mapping[str, str]] = {}
    """Top-level site paths this kind generates, with a description (article slugs may not take them)."""
    inline_template: ClassVar[str | None] = None
    """Template with the macros ``open_tag(span)``, ``close_tag(span)`` (ranges) or ``point(span)``
    (points), and ``preview(span, key)`` for each key of :meth:`preview_keys`."""

    @classmethod
    def template_folder(cls) -> Path:
        """The kind's own templates (``templates/`` beside its module)."""
        import sys

        return Path(sys.modules[cls.__module__].__file__ or "").parent / "templates"

    # ---- load and check ----------------------------------------------------------------

    def load(self, ctx: Context) -> None:
        """Read the kind's files into ``ctx.project.kinds[self.name]``; register its targets."""

    def candidates(self, project: Project, article: Article) -> Iterable[Candidate]:
        """The spans this kind would like in ``article`` (placed by :func:`pizhu.core.spans.place`)."""
        return ()

    def placed(self, project: Project, article: Article, placed: list[Candidate]) -> None:
        """Learn which of this kind's candidates were placed in ``article`` (and with what range)."""

    def check(self, ctx: Context) -> None:
        """Checks that need every kind loaded and every span placed."""

    def schemas(self, options: SiteOptions) -> dict[str, tuple[Shape, bool]]:
        """This kind's data files as JSON Schema inputs: file name -> (shape, whether a list of them)."""
        return {}

    def summary(self, project: Project) -> str | None:
        """What ``pizhu check`` says this kind loaded ("38 published notes")."""
        return None

    def passages(self, ctx: Context) -> Iterable[Passage]:
        """Prose this kind publishes (after placement), for other kinds to look into."""
        return ()

    def citations(self, ctx: Context) -> Iterable[Citing]:
        """Every source this kind's published items cite (after placement), each with the item's
        ``(kind, id)`` in ``project.targets``: the sources page lists what cites each source."""
        return ()

    # ---- render ------------------------------------------------------------------------

    def preview_keys(self, span: Span) -> list[str]:
        """Keys of the popover previews a span needs on its page (``note-v6-date`` …)."""
        return []

    def article_sections(self, view: PageView, article: Article) -> list[Markup]:
        """Sections this kind adds after an article's text (the notes)."""
        return []

    def article_meta(self, view: PageView, article: Article) -> list[Markup]:
        """Short items for the line under an article's title ("38 notes")."""
        return []

    def article_head(self, view: PageView, article: Article) -> list[str]:
        """Elements for the ``<head>`` of an article's page (structured data), escaped by the kind."""
        return []

    def attachments(self, view: PageView, target: tuple[str, str]) -> list[Markup]:
        """What this kind adds to another kind's item, by its (kind, id) (quotes on a person's entry)."""
        return []

    def pages(self, site: SiteRenderer) -> list[Page]:
        """Pages of this kind's own (the glossary, the table pages)."""
        return []

    def open_data(self, ctx: Context) -> dict[str, bytes]:
        """Open-data files by their path inside the site."""
        return {}

    def feed_entries(self, ctx: Context) -> Iterable[FeedEntry]:
        """Items for the site's Atom and JSON feeds (each published note, each correction)."""
        return ()

    def search_words(self, project: Project) -> Iterable[str]:
        """Words the search index must keep whole (the glossary's terms)."""
        return ()

    def search_entries(self, ctx: Context) -> Mapping[str, list[dict[str, Any]]]:
        """Search entries of the kind's own, by the page they belong on (one per note)."""
        return {}
