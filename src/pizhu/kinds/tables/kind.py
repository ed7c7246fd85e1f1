"""Data tables as a kind of span: figures in the article tied to the table rows that hold them.

1. Load every ``data/tables/<id>.yml`` (:mod:`.load`): typed cells with units, claims, charts.
2. Compute derived columns (:mod:`.derive`) and check each claim against the article
   (:mod:`.claims`): the quote must match one place and state the figure as the table has it.
3. Offer each checked figure as a ``figure`` span (a link to its row); when the whole figure
   collides with another mark, its number alone is tried. A figure that cannot be placed is an
   error at its claim's line.
4. Pages (a page per table and the data index) and open data (CSV, JSON) in :mod:`.output`.
5. Every figure is a value other kinds' prose can reference (``{{ figure table/row/column }}``,
   :mod:`.values`), so a figure is typed once, in its table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ...core.fields import Shape
from ...core.model import Article, Citing, Origin, Project, Span, Target
from ...core.options import SiteOptions
from ...core.problems import mark_reading
from ...core.sources import citings
from ...core.spans import Candidate, SpanRules
from ...render.site import Page, SiteRenderer
from ..base import Context, SpanKind
from .claims import check_claim
from .derive import derive
from .load import TABLE, load_tables
from .model import TABLES_DIR, all_tables
from .output import open_data, render_pages
from .values import register_values


class TablesKind(SpanKind):
    """Figures the article states, tied to table cells: ``Span(kind="figure", ref="<table>/<row>/<column>")``."""

    name = "figure"
    rules = SpanRules(rank=3, link=True, on_conflict="error")
    site_paths: ClassVar[dict[str, str]] = {"data": "the data tables (data/)"}
    inline_template = "figure.html.j2"

    def load(self, ctx: Context) -> None:
        count = len(ctx.problems)
        tables = load_tables(ctx.root, ctx.project.articles, ctx.project.sources, ctx.problems)
        for table in tables:
            mark_reading(table.origin.file)
            derive(table, ctx.problems)
            article = ctx.project.article(table.article_id)
            for row in table.rows:
                ctx.project.targets[("row", f"{table.id}/{row.id}")] = Target(table.src_uri, row.html_id, row.label)
                for cell in row.cells.values():
                    for claim in cell.claims:
                        if article is not None:  # an unknown article was reported when the table was read
                            check_claim(table, row, cell, claim, article, ctx.messages, ctx.problems)
            table.number_footnotes()
            ctx.project.targets[("table", table.id)] = Target(table.src_uri, table.html_id, table.title)
            register_values(table, ctx.project.values, ctx.messages)
        # With a broken table, a reference to one of its figures may be fine: report the table
        # only. References to the other tables are still judged.
        added = ctx.problems[count:]
        ctx.project.values.complete = not added
        if all(p.file.startswith(f"{TABLES_DIR}/") for p in added):
            ctx.project.values.broken = frozenset(p.file.removeprefix(f"{TABLES_DIR}/").partition(".")[0]
                                                  for p in added)
        ctx.project.kinds[self.name] = tables

    def schemas(self, options: SiteOptions) -> dict[str, tuple[Shape, bool]]:
        return {"table.schema.json": (TABLE, False)}

    def summary(self, project: Project) -> str | None:
        return f"{len(all_tables(project))} tables"

    def candidates(self, project: Project, article: Article) -> Iterable[Candidate]:
        for table in all_tables(project):
            if table.article_id != article.id:
                continue
            for row in table.rows:
                for cell in row.cells.values():
                    for index, claim in enumerate(cell.claims):
                        if claim.found is None:
                            continue
                        start, end = claim.found
                        yield Candidate(start, end, self.name, f"{table.id}/{row.id}/{cell.column.id}",
                                        Origin(table.origin.file, claim.line),
                                        f"the figure \"{article.canonical[start:end]}\" of {table.id}/{row.id}",
                                        {"table": table, "row": row, "claim": claim, "index": index},
                                        alternatives=(claim.number_only,) if claim.number_only else ())

    def placed(self, project: Project, article: Article, placed: list[Candidate]) -> None:
        for candidate in placed:
            claim, index = candidate.data["claim"], candidate.data["index"]
            claim.start, claim.end = candidate.start, candidate.end
            claim.html_id = f"fig-{candidate.ref.replace('/', '-')}" + (f"-{index + 1}" if index else "")

    def citations(self, ctx: Context) -> Iterable[Citing]:
        for table in all_tables(ctx.project):
            yield from citings(table.source_ids, "table", table.id, table.title, table.origin)
            for row in table.rows:
                for cell in row.cells.values():
                    yield from citings(cell.source_ids, "row", f"{table.id}/{row.id}",
                                       f"{table.title} · {row.label} · {cell.column.label}",
                                       Origin(table.origin.file, cell.line))

    def preview_keys(self, span: Span) -> list[str]:
        table, row = span.data["table"], span.data["row"]
        return [f"figure-{table.id}-{row.id}"]

    def pages(self, site: SiteRenderer) -> list[Page]:
        return render_pages(site, all_tables(site.project))

    def open_data(self, ctx: Context) -> dict[str, bytes]:
        return open_data(ctx.project, all_tables(ctx.project), ctx.messages)
