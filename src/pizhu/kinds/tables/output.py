"""Data tables out: their pages (with charts) and their open data (CSV, JSON)."""

from __future__ import annotations

import csv
import io
import posixpath
from typing import Any

from markupsafe import Markup

from ...core.i18n import Messages
from ...core.markup import csv_cell, json_file
from ...core.model import Project, Source
from ...core.sources import source_json
from ...render.site import Page, SiteRenderer
from . import charts
from .figures import json_number, plain_number
from .model import INDEX_PAGE, TABLES_DIR, Cell, Chart, Table


def render_pages(site: SiteRenderer, tables: list[Table]) -> list[Page]:
    """One page per table (``data/<id>.md``) and the data index (``data/index.md``)."""
    if not tables:
        return []
    t = site.messages
    articles = {a.id: a for a in site.project.articles}
    pages = [site.render(INDEX_PAGE, "data-index.md.j2", TABLES_DIR, title=t("data.title"), tables=tables,
                         downloads={table.id: downloads(table, INDEX_PAGE) for table in tables})]
    for table in tables:
        data = [chart_data(table, chart, n, t) for n, chart in enumerate(table.charts, start=1)]
        drawn = [(chart, Markup(charts.bar_chart(d, t)), [t(f"chart.flag.{f}") for f in d.used_flags])
                 for chart, d in zip(table.charts, data, strict=True)]
        pages.append(site.render(table.src_uri, "table.md.j2", table.origin.file, title=table.title, table=table,
                                 charts=drawn, downloads=downloads(table, table.src_uri),
                                 article=articles.get(table.article_id)))
    return pages


def downloads(table: Table, from_src: str) -> dict[str, str]:
    """Relative URLs of the table's CSV and JSON files as seen from page ``from_src``."""
    here = from_src[:-len("index.md")] if from_src.endswith("index.md") else from_src[:-3] + "/"
    return {ext: posixpath.relpath(f"data/{table.id}.{ext}", here.rstrip("/") or ".") for ext in ("csv", "json")}


def chart_data(table: Table, chart: Chart, number: int, t: Messages) -> charts.ChartData:
    """A chart's bars, labels and text alternative, from the table."""
    columns = [table.column(c) for c in chart.values]
    series = []
    for column in columns:
        assert column is not None
        bars = [charts.Bar(cell.number, cell.display(t), _flag(cell)) for row in table.rows
                for cell in [row.cells[column.id]]]
        series.append(charts.Series(column.label, bars))
    labels = [" ".join(row.cells[c].display(t) for c in chart.label if row.cells[c].value is not None) or row.id
              for row in table.rows]
    unit = columns[0].unit if columns[0] else ""
    return charts.ChartData(f"chart-{table.id}-{number}", chart.title, unit or "", labels, series,
                            description=chart.description)


def _flag(cell: Cell) -> str:
    return "unverified" if cell.status == "unverified" else ("disputed" if cell.status == "disputed" else "")


# ---- open data -----------------------------------------------------------------------------

def open_data(project: Project, tables: list[Table], t: Messages) -> dict[str, bytes]:
    """``data/<id>.csv`` and ``data/<id>.json`` for every table, and ``data/tables.json``."""
    files: dict[str, bytes] = {}
    index = []
    for table in tables:
        files[f"data/{table.id}.csv"] = table_csv(table, t)
        files[f"data/{table.id}.json"] = json_file(table_json(table, project.sources))
        index.append({"id": table.id, "title": table.title, "period": table.period,
                      "csv": f"{table.id}.csv", "json": f"{table.id}.json"})
    if index:
        files["data/tables.json"] = json_file({"tables": index})
    return files


def table_csv(table: Table, t: Messages) -> bytes:
    """One line per row: the row id, every column (label and unit in the header), then remarks (标注).

    Written with a UTF-8 byte-order mark so that spreadsheet programs read the Chinese text.
    Every text cell goes through :func:`~pizhu.core.markup.csv_cell`, so none runs as a formula.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", *(csv_cell(c.label + (t("paren", text=c.heading_unit(t)) if c.unit else ""))
                             for c in table.columns), t("table.csv_remarks")])
    for row in table.rows:
        values, remarks = [], []
        for column in table.columns:
            cell = row.cells[column.id]
            values.append(plain_number(cell.number, column.decimals if column.derived else None)
                          if column.numeric else csv_cell(str(cell.value or "")))
            qualifier = (t(f"table.qualifier.{cell.qualifier}") + t("paren", text=cell.qualifier)
                         if cell.qualifier else "")
            status = t(f"table.status.{cell.status}") if cell.status != "reported" else ""
            remark = t("comma").join(filter(None, [qualifier, status]))
            if remark:
                remarks.append(column.label + t("colon") + remark)
        writer.writerow([row.id, *values, csv_cell(t("list.sep").join(remarks))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_json(table: Table, sources: dict[str, Source]) -> dict[str, Any]:
    """The table with everything known about each cell: sources, status, claims and their checks."""
    return {
        "id": table.id,
        "title": table.title,
        "period": table.period,
        "article": table.article_id,
        "sources": [source_json(sources[s]) for s in table.source_ids if s in sources],
        "columns": [{"id": c.id, "label": c.label, "type": c.type, "unit": c.unit,
                     "derived": c.formula.text if c.formula else None} for c in table.columns],
        "rows": [{"id": row.id, "cells": {c.id: _cell_json(row.cells[c.id]) for c in table.columns}}
                 for row in table.rows],
    }


def _cell_json(cell: Cell) -> dict[str, Any]:
    value: Any = cell.value if isinstance(cell.value, str) else json_number(cell.number, 4 if cell.column.derived else None)
    data: dict[str, Any] = {"value": value}
    if cell.column.numeric:
        data["status"] = cell.status
    if cell.qualifier:
        data["qualifier"] = cell.qualifier
    if cell.source_ids:
        data["sources"] = cell.source_ids
    if cell.note_html:
        data["note_html"] = cell.note_html
    claims = [c for c in cell.claims if c.placed]
    if claims:
        data["claims"] = [{"quote": c.quote, "figure": c.stated_text, "verdict": c.verdict,
                           "article": c.article_id, "start": c.start, "end": c.end} for c in claims]
    return data
