"""The spine: project files -> checked model -> pages. Read it top to bottom."""

from __future__ import annotations

from pathlib import Path

from . import glossary, render, tables
from .glossary import load_glossary
from .loader import load_articles, load_contributors, load_sources
from .model import Project, Span
from .notes import load_notes
from .problems import Problem, reading
from .tables import load_tables

# Every top-level path the site generates, with what generates it: no article slug may take one.
SITE_PATHS = render.SITE_PATHS | glossary.SITE_PATHS | tables.SITE_PATHS


def load_project(root: Path | str) -> tuple[Project, list[Problem]]:
    """Load and check everything under ``root``; never stops at the first problem.

    1. Sources and contributors: the ids everything else refers to.
    2. Articles: manifests and their seeds, parsed into blocks, canonical text and citations.
    3. Notes: loaded, checked and anchored to the canonical text (note spans).
    4. Glossary: terms linked into the canonical text, CJK-aware (term spans).
    5. Tables: figures checked against the article text (figure spans).
    6. Citations become point spans; every article's spans are sorted.

    Returns:
        The project and every problem found (errors and warnings).
    """
    root = Path(root)
    problems: list[Problem] = []
    project = Project(root=str(root))
    with reading("data/"):  # each loader marks the file it is on, for an internal error's report
        project.sources = load_sources(root, problems)
        project.contributors = load_contributors(root, problems)
        project.articles = load_articles(root, project.sources, problems, SITE_PATHS)
        project.notes = load_notes(root, project.articles, project.sources, project.contributors, problems)
        project.terms = load_glossary(root, project.articles, project.sources, project.notes, problems)
        project.tables = load_tables(root, project.articles, project.sources, problems)
    for article in project.articles:
        article.spans += [Span(c.offset, c.offset, "cite", "+".join(c.source_ids), {"ids": c.source_ids, "raw": c.raw})
                          for c in article.citations]
        article.spans.sort(key=lambda s: (s.start, -s.end))
    return project, problems
