"""One call from project root to everything a site needs: pages, open data, problems.

The MkDocs plugin and ``pizhu check`` both go through :func:`build_outputs`, so the checks a
contributor runs are exactly the checks that stop a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .export import open_data
from .model import Project
from .pipeline import load_project
from .problems import Problem, errors
from .render import Page, SiteRenderer


@dataclass(slots=True)
class Outputs:
    """What a build of the project produces (nothing is written yet)."""

    project: Project
    problems: list[Problem]
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    """Open-data files by path inside the site (``annotations.jsonld`` …)."""


def build_outputs(root: Path | str, *, templates: str = "templates", edit_base: str | None = None,
                  strict: bool = False) -> Outputs:
    """Load, check and, when nothing stops it, render the project.

    Args:
        root: the project folder (holding ``data/``, ``seeds/`` and ``templates/``).
        templates: templates folder, relative to ``root``.
        edit_base: URL prefix for "edit this" links (``https://…/edit/main``), if any.
        strict: treat warnings as errors.
    """
    root = Path(root)
    project, problems = load_project(root)
    outputs = Outputs(project, problems)
    if errors(problems, strict=strict):
        return outputs
    try:
        outputs.pages = SiteRenderer(project, root / templates, edit_base=edit_base).pages()
    except jinja2.TemplateSyntaxError as exc:
        rel = Path(exc.filename or templates).resolve()
        shown = rel.relative_to(root.resolve()).as_posix() if rel.is_relative_to(root.resolve()) else str(rel)
        problems.append(Problem(shown, exc.lineno, f"template syntax error: {exc.message}", "fix the template"))
        return outputs
    except jinja2.UndefinedError as exc:
        problems.append(Problem(templates, None, f"template uses something undefined: {exc.message}",
                                "fix the name in the template"))
        return outputs
    outputs.files = open_data(project)
    return outputs
