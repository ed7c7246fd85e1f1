"""Data tables out: their pages (with charts) and their open data (CSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
import posixpath
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import charts
from .figures import json_number, plain_number
from .markup import csv_cell
from .model import Source
from .tables import Cell, Chart, INDEX_PAGE, QUALIFIERS, STATUSES, TABLES_DIR, Table

if TYPE_CHECKING:
    from .render import Page, SiteRenderer


def render_pages(renderer: "SiteRenderer") -> list["Page"]:
    """One page per table (``data/<id>.md``) and the data index (``data/index.md``)."""
    tables = renderer.project.tables
    if not tables:
        return []
    articles = {a.id: a for a in renderer.project.articles}
    pages = [renderer.render(INDEX_PAGE, "data-index.md.j2", TABLES_DIR, title="数据", tables=tables,
                             downloads={t.id: downloads(t, INDEX_PAGE) for t in tables})]
    for table in tables:
        data = [chart_data(table, chart, n) for n, chart in enumerate(table.charts, start=1)]
        drawn = [(chart, Markup(charts.bar_chart(d)), [charts.FLAG_TEXT[f] for f in d.used_flags])
                 for chart, d in zip(table.charts, data)]
        pages.append(renderer.render(table.src_uri, "table.md.j2", table.origin.file, title=table.title, table=table,
                                     charts=drawn, downloads=downloads(table, table.src_uri),
                                     article=articles.get(table.article_id), STATUSES=STATUSES))
    return pages


def downloads(table: Table, from_src: str) -> dict[str, str]:
    """Relative URLs of the table's CSV and JSON files as seen from page ``from_src``."""
    here = from_src[:-len("index.md")] if from_src.endswith("index.md") else from_src[:-3] + "/"
    return {ext: posixpath.relpath(f"data/{table.id}.{ext}", here.rstrip("/") or ".") for ext in ("csv", "json")}


def chart_data(table: Table, chart: Chart, number: int) -> charts.ChartData:
    """A chart's bars, labels and text alternative, from the table."""
    columns = [table.column(c) for c in chart.values]
    series = []
    for column in columns:
        assert column is not None
        bars = [charts.Bar(cell.number, cell.display, _flag(cell)) for row in table.rows
                for cell in [row.cells[column.id]]]
        series.append(charts.Series(column.label, bars))
    labels = [" ".join(row.cells[c].display for c in chart.label if row.cells[c].value is not None) or row.id
              for row in table.rows]
    unit = columns[0].unit if columns[0] else ""
    return charts.ChartData(f"chart-{table.id}-{number}", chart.title, unit or "", labels, series,
                            description=chart.description)


def _flag(cell: Cell) -> str:
    return "unverified" if cell.status == "unverified" else ("disputed" if cell.status == "disputed" else "")


# ---- open data -----------------------------------------------------------------------------

def open_data(project: Any) -> dict[str, bytes]:
    """``data/<id>.csv`` and ``data/<id>.json`` for every table, and ``data/tables.json``."""
    files: dict[str, bytes] = {}
    index = []
    for table in project.tables:
        files[f"data/{table.id}.csv"] = table_csv(table)
        files[f"data/{table.id}.json"] = _dump(table_json(table, project.sources))
        index.append({"id": table.id, "title": table.title, "period": table.period,
                      "csv": f"{table.id}.csv", "json": f"{table.id}.json"})
    if index:
        files["data/tables.json"] = _dump({"tables": index})
    return files


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def table_csv(table: Table) -> bytes:
    """One line per row: the row id, every column (label and unit in the header), then 标注.

    Written with a UTF-8 byte-order mark so that spreadsheet programs read the Chinese text.
    Every text cell goes through :func:`~pizhu.markup.csv_cell`, so none runs as a formula.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", *(csv_cell(c.label + (f"（{c.heading_unit}）" if c.unit else "")) for c in table.columns),
                     "标注"])
    for row in table.rows:
        values, remarks = [], []
        for column in table.columns:
            cell = row.cells[column.id]
            values.append(plain_number(cell.number, column.decimals if column.derived else None)
                          if column.numeric else csv_cell(str(cell.value or "")))
            remark = "，".join(filter(None, [QUALIFIERS.get(cell.qualifier or "") and f"{QUALIFIERS[cell.qualifier or '']}（{cell.qualifier}）",
                                             cell.status_label]))
            if remark:
                remarks.append(f"{column.label}：{remark}")
        writer.writerow([row.id, *values, csv_cell("；".join(remarks))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_json(table: Table, sources: dict[str, Source]) -> dict[str, Any]:
    """The table with everything known about each cell: sources, status, claims and their checks."""
    return {
        "id": table.id,
        "title": table.title,
        "period": table.period,
        "article": table.article_id,
        "sources": [_source_json(sources[s]) for s in table.source_ids if s in sources],
        "columns": [{"id": c.id, "label": c.label, "type": c.type, "unit": c.unit,
                     "derived": c.formula.text if c.formula else None} for c in table.columns],
        "rows": [{"id": row.id, "cells": {c.id: _cell_json(row.cells[c.id]) for c in table.columns}}
                 for row in table.rows],
    }


def _source_json(source: Source) -> dict[str, Any]:
    return {k: v for k, v in {"id": source.id, "publisher": source.publisher, "title": source.title,
                              "date": source.date, "url": source.url}.items() if v is not None}


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
