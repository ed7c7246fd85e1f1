"""The spine: project files -> checked model. Read it top to bottom."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .core.articles import load_articles, not_loaded
from .core.editorial import check_editorial
from .core.i18n import Messages, site_messages
from .core.model import Project
from .core.options import SiteOptions
from .core.problems import Problem, reading
from .core.prose import collecting
from .core.sources import load_contributors, load_sources
from .core.spans import place
from .kinds import KINDS, Context, SpanKind
from .render.site import SITE_PATHS


def load_project(root: Path | str, options: SiteOptions | None = None,
                 kinds: Sequence[SpanKind] = KINDS, messages: Messages | None = None) -> tuple[Project, list[Problem]]:
    """Load and check everything under ``root``; never stops at the first problem.

    1. Sources and contributors: the ids everything else refers to.
    2. Articles: manifests and their locked seeds, parsed into blocks, canonical text and
       citation marks.
    3. Every kind loads its own files (notes, speech, glossary, tables …).
    4. For each article, every kind offers candidate spans; one placement rule decides which
       become spans (:func:`pizhu.core.spans.place`), and each kind learns what was placed.
    5. Every kind's prose and citations are collected (for kinds that look into them), then
       every kind checks, then the editorial rules no kind owns (source records, which sources
       may be cited, house style in every field of prose read while loading).

    Returns:
        The project and every problem found (errors and warnings).
    """
    root = Path(root)
    options = options or SiteOptions()
    problems: list[Problem] = []
    project = Project(root=str(root))
    messages = messages or site_messages(root, options.messages, options.language, problems)
    ctx = Context(root, project, problems, options, messages)
    with reading("data/"), collecting() as project.prose:  # loaders mark their file; prose is gathered as read
        project.sources = load_sources(root, problems)
        project.contributors = load_contributors(root, problems)
        project.articles = load_articles(root, project.sources, problems, site_paths(kinds))
        if not_loaded(root, [a.id for a in project.articles]):  # (the rule references to one follow)
            project.broken.add("articles")
        for kind in kinds:
            kind.load(ctx)
        place_spans(project, kinds, problems)
        project.passages = [p for kind in kinds for p in kind.passages(ctx)]
        project.citations = [c for kind in kinds for c in kind.citations(ctx)]
        for kind in kinds:
            kind.check(ctx)
        problems += check_editorial(project, project.prose)
    return project, problems


def place_spans(project: Project, kinds: Sequence[SpanKind], problems: list[Problem]) -> None:
    """Every kind's candidates, placed by the one rule; each kind is told what it got."""
    rules = {kind.name: kind.rules for kind in kinds}
    for article in project.articles:
        placement = place(article.canonical, (c for kind in kinds for c in kind.candidates(project, article)), rules)
        article.spans = placement.spans
        problems += placement.problems
        for kind in kinds:
            kind.placed(project, article, [c for c in placement.placed if c.kind == kind.name])


def site_paths(kinds: Sequence[SpanKind]) -> dict[str, str]:
    """Every top-level path the site generates, with what generates it: no article slug may take one."""
    return {**SITE_PATHS, **{path: what for kind in kinds for path, what in kind.site_paths.items()}}
