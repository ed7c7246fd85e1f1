"""Figure references in prose: one figure, one record.

A figure a data table holds is typed there once. Notes, glossary definitions and timeline
events refer to it instead of typing it again::

    {{ figure sensetime-results/fy2024/revenue }}              -> 37.72亿元 (the table's figure)
    {{ figure sensetime-headcount/end-2021/staff "6113名" }}   -> 6113名 (the editors' words)

The bare form prints the table's figure with its unit. The quoted form keeps the words the
editors chose (a rounding, another unit word, a qualifier) and the build checks that they
state the table's figure, at the precision they are written. Either way the figure links to
its row, and when the table changes, the prose follows it or the build stops: the two can
never drift apart. A reference to a figure no table holds, or one whose words disagree with
the table, is an error at its line.

References are resolved once every kind has loaded (tables fill ``Project.values``), by the
kind that owns the prose. The link is relative to the page the prose is written for; prose
that is also previewed elsewhere (a definition in a popover on an article's page) is previewed
on pages at the same depth (``<slug>/``, ``glossary/``, ``timeline/``).
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .markup import html_text, render_markdown, tooltip
from .model import Project
from .problems import Problem
from .urls import relative_url

FIGURE_REF = re.compile(r'\{\{\s*figure\s+(?P<ref>[^\s"{}]+)(?:\s+"(?P<words>[^"\n{}]*)")?\s*\}\}')
"""``{{ figure table/row/column }}`` or ``{{ figure table/row/column "the words" }}``."""
SOMETHING_LIKE_A_REF = re.compile(r"\{\{[^\n]*?(?:\}\}|$)", re.MULTILINE)
"""Anything that starts like a reference (``{{``), so a malformed one (``{{ figur …}}``) is
reported rather than printed."""
_HOLE = "\ue000{}\ue001"
_HOLES = re.compile("\ue000(\\d+)\ue001")
_TAGS = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
"""A tag of HTML, its quoted attribute values whole (a title may hold ">")."""
# Two private-use characters mark where a reference goes while the Markdown is rendered; the
# same characters in a data file (meaningless in prose) are replaced first, so only ours remain.
_MARKERS = str.maketrans({"\ue000": "\ufffd", "\ue001": "\ufffd"})


@dataclass(frozen=True, slots=True)
class Prose:
    """Prose with its figure references resolved."""

    markdown: str
    """The Markdown with every reference replaced by its words (for open data and search)."""
    html: str
    """Sanitised HTML with every reference a link to its row."""


def resolve_figures(text: str, project: Project, from_src: str, file: str, line: int | None,
                    problems: list[Problem], *, count_lines: bool = True,
                    render: Callable[[str], str] = render_markdown) -> Prose:
    """Resolve the figure references in the Markdown ``text``, written at ``file``:``line``.

    Args:
        text: contributor Markdown.
        project: the loaded project (its ``values`` and ``targets``).
        from_src: the page the prose is shown on, for relative links.
        file, line: where ``text`` starts, for problems.
        count_lines: the line of a reference is counted from ``line`` (a note's body); for a
            YAML field, whose block scalar may start on the next line or be folded, every
            problem is reported at the field's own line.
        problems: where unknown, malformed and disagreeing references are reported.
        render: Markdown to sanitised HTML.
    """
    if "{{" not in text:
        return Prose(text, render(text))
    links: list[str] = []
    plain: list[str] = []
    lines: list[int | None] = []

    @functools.cache
    def by_table() -> dict[str, list[str]]:  # (only when a reference is unknown)
        tables: dict[str, list[str]] = {}
        for known in project.values:
            tables.setdefault(known.partition("/")[0], []).append(known)
        return tables

    def at(position: int) -> int | None:
        return line + text.count("\n", 0, position) if line is not None and count_lines else line

    def substitute(match: re.Match[str]) -> str:
        ref_match = FIGURE_REF.fullmatch(match.group(0))
        if ref_match is None:
            problems.append(Problem(file, at(match.start()), f"malformed figure reference \"{match.group(0)}\"",
                                    "write {{ figure table/row/column }} or {{ figure table/row/column \"the words\" }}"))
            return match.group(0)
        ref, words = ref_match.group("ref"), ref_match.group("words")
        value = project.values.get(ref)
        if value is None:
            if project.values.judged(ref.partition("/")[0]):
                close = _closest_ref(ref, by_table())
                fix = (f"did you mean {close[0]}? (table/row/column, as data/tables/<table>.yml names them)" if close else
                       "name a figure a table holds as table/row/column (data/tables/<table>.yml, its row id and "
                       "column id" + (f"; e.g. {', '.join(list(project.values)[:3])})" if project.values
                                      else "); no table holds figures yet"))
                problems.append(Problem(file, at(match.start()), f"unknown figure \"{ref}\" in a figure reference", fix))
            return words if words is not None else match.group(0)
        if words is not None and not words.strip():
            problems.append(Problem(file, at(match.start()), f"the figure reference to \"{ref}\" has empty words",
                                    f"leave the quotes out to print the table's figure ({value.text}), or write the "
                                    "words between them"))
            return match.group(0)
        shown = value.text if words is None else words
        if words is not None:
            wrong = value.states(words)
            if wrong is not None:
                problems.append(Problem(file, at(match.start()), f"\"{words}\" does not state the figure \"{ref}\": "
                                        f"{wrong}", "write the table's figure (at the precision you want it read), "
                                        "or correct the table"))
        target = project.targets.get(value.target)
        href = relative_url(from_src, target.src_uri, target.fragment) if target else None
        # The row's label as a tooltip only where the words are the editors' own ("5000万元" for
        # 0.5亿元): where the table's figure is printed, the link to its row says the rest.
        title = f' title="{tooltip(value.label)}"' if shown != value.text else ""
        links.append(f'<a class="pz-figure-ref" href="{html.escape(href)}"{title}>{html_text(shown)}</a>' if href
                     else f'<span class="pz-figure-ref"{title}>{html_text(shown)}</span>')
        plain.append(shown)
        lines.append(at(match.start()))
        return _HOLE.format(len(links) - 1)

    def in_tag(match: re.Match[str]) -> str:  # a reference in a link's address or title: no link in there
        number = int(match.group(1))
        problems.append(Problem(file, lines[number], "a figure reference inside a link's address or title",
                                "put the reference in the text, outside the link's ( )"))
        return html.escape(plain[number])

    marked = SOMETHING_LIKE_A_REF.sub(substitute, text.translate(_MARKERS))
    pieces = _TAGS.split(render(marked))  # text, tag, text, tag … (the HTML nh3 wrote)
    linked = "".join(_HOLES.sub(in_tag, piece) if n % 2 else _HOLES.sub(lambda m: links[int(m.group(1))], piece)
                     for n, piece in enumerate(pieces))
    return Prose(_HOLES.sub(lambda m: plain[int(m.group(1))], marked), linked)


def _closest_ref(ref: str, tables: dict[str, list[str]]) -> list[str]:
    """The figure ``ref`` most likely means, looked for in its table (or the table closest to its
    table's name): comparing it with every figure of every table took a second per reference."""
    table = ref.partition("/")[0]
    if table not in tables:
        near = difflib.get_close_matches(table, list(tables), n=1, cutoff=0.6)
        table = near[0] if near else table
    return difflib.get_close_matches(ref, tables.get(table, []), n=1, cutoff=0.6)
