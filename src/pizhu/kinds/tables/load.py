"""Reading ``data/tables/<id>.yml``: columns, rows, typed cells, claims and charts, checked.

The file format is described in :mod:`.model`; each part's fields are declared below as a
:class:`~pizhu.core.fields.Shape` (the loader reads with them, ``pizhu schemas`` publishes them).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...core.articles import reported_already
from ...core.fields import (
    DATE_PATTERN,
    SOURCE_REF_DOC,
    Field,
    Fields,
    Shape,
    list_of_mappings,
    load_yaml_file,
    real_date,
    written_text,
)
from ...core.ids import id_problem
from ...core.limits import MAX_ABS_VALUE, MAX_DECIMALS, MIN_ABS_VALUE
from ...core.markup import render_markdown
from ...core.model import Article, Origin, Registry, Source
from ...core.paths import project_files
from ...core.problems import Problem
from ...core.yamlio import LineList, LineMap
from .figures import (
    FORMULAS,
    UNITS,
    UNITS_SHOWN,
    Formula,
    convert,
    parse_figure,
    parse_formula,
    plain_number,
    same_kind,
    to_decimal,
)
from .model import (
    COLUMN_TYPES,
    DIRECTIONS,
    NUMERIC,
    QUALIFIERS,
    RELATIONS,
    RESERVED_IDS,
    STATUSES,
    TABLES_DIR,
    VERDICTS,
    Cell,
    Chart,
    Claim,
    Column,
    Row,
    Table,
)

CLAIM = Shape("claim", "A cell's figure as the article states it.", (
    Field("quote", "text", "The article's words that state the figure, exactly (one place in the article).",
          required=True),
    Field("prefix", "text", "Text right before the quote, when it occurs more than once."),
    Field("suffix", "text", "Text right after the quote, when it occurs more than once."),
    Field("figure", "text", "The figure exactly as written in the quote (37.7亿元); inferred when left out."),
    Field("means", "text", "The figure the words state without one (超过其营收总额 -> 100%)."),
    Field("relation", "text", "What the words say of the value: = (the default), > or <.", choices=RELATIONS),
    Field("direction", "text", "down when the words make the figure negative (收窄, 下降).",
          choices=tuple(DIRECTIONS)),
    Field("tolerance", "number", "Allowed difference, in the column's unit (default: half the last written digit)."),
    Field("verdict", "text", "differs for a known discrepancy (explained in `note`).", choices=VERDICTS),
    Field("note", "markdown", "What the editors say about the claim."),
))
CELL = Shape("cell", "A cell with details (instead of a plain value).", (
    Field("value", "value", "The figure, text or date; null when unknown."),
    Field("status", "text", "reported (the default), unverified (only the article says it) or disputed "
          "(sources differ; say which in `note`).", choices=STATUSES),
    Field("qualifier", "text", "about (约), over (超) or under (不足).", choices=QUALIFIERS),
    Field("sources", "sources", "The cell's own sources: " + SOURCE_REF_DOC + "."),
    Field("note", "markdown", "A footnote on the cell."),
    Field("claim", "value", "Where the article states this figure: one claim or a list of claims.", shape=CLAIM),
))
DERIVED_CELL = Shape("cell", "A computed cell: only a note, sources and claims.",
                     tuple(f for f in CELL.fields if f.name not in ("value", "qualifier")))
COLUMN = Shape("column", "One column of a table.", (
    Field("id", "id", "Lowercase ASCII words joined by '-'; rows use it as their key.", required=True),
    Field("label", "text", "The column's heading.", required=True),
    Field("type", "text", "What its cells hold (number columns need a `unit`).", choices=COLUMN_TYPES),
    Field("unit", "text", "The unit every number of the column is written in.", choices=tuple(UNITS)),
    Field("decimals", "integer", f"Digits shown after the point (0 to {MAX_DECIMALS})."),
    Field("derive", "text", "A computed column: change(column), change(column, row-id) or ratio(column, column)."),
    Field("note", "markdown", "A remark on the column."),
))
CHART = Shape("chart", "A horizontal bar chart of some number columns of the table.", (
    Field("type", "text", "bar (the only type so far).", choices=("bar",)),
    Field("title", "text", "The chart's title (the table's by default)."),
    Field("description", "text", "One sentence on what the chart shows; the values are added to it."),
    Field("label", "ids", "Columns whose values label each bar group (the first column by default)."),
    Field("values", "ids", "The number columns drawn as bars (of one unit).", required=True),
))
ROW = Shape("row", "One row: `id`, then a value (or a cell with details) for every column.", (
    Field("id", "id", "Lowercase ASCII words joined by '-'; the row's permalink is #row-<id>.", required=True),
), open=True, extra=Field("column", "value", "The row's value for that column (a number, text, a date, or null when "
                          "unknown), or a cell with details.", shape=CELL))
TABLE = Shape("table", "A data table, data/tables/<id>.yml (the file name is the table's id).", (
    Field("title", "text", "The table's title.", required=True),
    Field("period", "text", "The period its figures cover.", required=True),
    Field("caption", "markdown", "What the table shows."),
    Field("article", "id", "The article its claims quote (the only article, by default)."),
    Field("sources", "sources", "Where its figures come from: " + SOURCE_REF_DOC + ".", required=True),
    Field("note", "markdown", "A note under the table."),
    Field("columns", "list", "The columns; the first heads each row (text or date).", required=True, shape=COLUMN),
    Field("rows", "list", "The rows.", required=True, shape=ROW),
    Field("charts", "list", "Charts drawn from the table.", shape=CHART),
))


def load_tables(root: Path, articles: list[Article], sources: Registry[Source], problems: list[Problem]) -> list[Table]:
    """Load every ``data/tables/*.yml`` (derived cells and claims are checked afterwards).

    Returns:
        The tables that loaded (a table with problems is still returned when its structure
        is intact, so that one bad cell does not hide the problems of the others).
    """
    tables = []
    for path in project_files(root, TABLES_DIR, "*.yml", problems):
        table = _load_table(root, path, articles, sources, problems)
        if table is not None:
            tables.append(table)
    return tables


def _load_table(root: Path, path: Path, articles: list[Article], sources: Registry[Source],
                problems: list[Problem]) -> Table | None:
    rel = path.relative_to(root).as_posix()
    data = load_yaml_file(root, rel, problems)
    if data is None:
        return None
    if not isinstance(data, LineMap):
        problems.append(Problem(rel, 1, "a table file must be a mapping of fields",
                                "start with `title: …`; see docs/contributing.md"))
        return None
    f = Fields(data, rel, problems, TABLE)
    wrong = id_problem(path.stem, "table id (the file name)", RESERVED_IDS)
    if wrong:
        problems.append(Problem(rel, None, wrong[0], "rename the file, e.g. sensetime-results.yml"))
        return None
    table = Table(id=path.stem, origin=Origin(rel, data.line), title=f.text("title", required=True) or path.stem,
                  period=f.text("period", required=True) or "", article_id=_article_id(f, articles, root),
                  source_ids=_source_ids(f, "sources", sources, required=True),
                  caption_html=render_markdown(f.text("caption") or ""),
                  note_html=render_markdown(f.text("note") or ""))
    table.columns = _columns(f, problems)
    if table.columns:
        table.rows = _rows(f, table, sources)
        table.charts = _charts(f, table)
    return table


def _article_id(f: Fields, articles: list[Article], root: Path) -> str:
    """The article the table's claims quote: `article:`, or the only article there is."""
    ids = [a.id for a in articles]
    chosen = f.text("article")
    if chosen is None:
        if len(ids) > 1 and _has_claims(f.data):
            f.problem(None, "table has claims but no `article`",
                      f"add `article:` naming the article they quote ({', '.join(ids)})")
        return ids[0] if len(ids) == 1 else ""
    if chosen not in ids:
        if not reported_already(root, chosen, ids):
            f.problem("article", f"unknown article \"{chosen}\"", f"use one of: {', '.join(ids) or 'none'}")
        return ""
    return chosen


def _has_claims(data: LineMap) -> bool:
    rows = data.get("rows")
    return isinstance(rows, list) and any(isinstance(row, dict) and any(isinstance(v, dict) and "claim" in v
                                                                        for v in row.values()) for row in rows)


def _source_ids(f: Fields, key: str, sources: Registry[Source], *, required: bool = False) -> list[str]:
    ids = f.source_ids(key, sources)
    if required and not ids:
        f.problem(key if key in f.data else None, f"{f.what} has no `{key}`",
                  f"add `{key}: [id, …]` naming where its figures come from (ids in data/sources.yml or "
                  "data/sources/*.yml; `article` for figures only the article gives)")
    return ids


def _columns(f: Fields, problems: list[Problem]) -> list[Column]:
    raw = f.data.get("columns")
    if not isinstance(raw, LineList) or not raw:
        f.problem("columns" if "columns" in f.data else None, "table has no `columns`",
                  "list its columns: `columns:` then `- {id: year, label: 年度, type: text}` …")
        return []
    columns: list[Column] = []
    for item in list_of_mappings(raw, f.file, "column", problems):
        column = _column(Fields(item, f.file, problems, COLUMN))
        if column is None:
            continue
        if any(c.id == column.id for c in columns):
            problems.append(Problem(f.file, item.line, f"duplicate column id \"{column.id}\"", "give each column its own id"))
            continue
        columns.append(column)
    for column in columns:
        if column.formula:
            _check_formula(f, column, columns)
    if columns and (columns[0].derived or columns[0].numeric):
        problems.append(Problem(f.file, columns[0].line, f"the first column `{columns[0].id}` must be text or a date: "
                                "it heads each row", "put the row labels (year, date, item) first"))
    return columns


def _column(f: Fields) -> Column | None:
    column_id, label = f.ident(), f.text("label", required=True)
    formula_text = f.text("derive")
    formula = None
    if formula_text is not None:
        formula, error = parse_formula(formula_text)
        if error:
            f.problem("derive", error, "use " + "; or ".join(FORMULAS.values()))
    kind = f.text("type", required=formula_text is None)
    if formula_text is not None:
        if kind not in (None, "number"):
            f.problem("type", f"a derived column is a number, not {kind}", "remove `type` from the derived column")
        kind = "number"
    elif kind is not None and kind not in COLUMN_TYPES:
        f.problem("type", f"unknown column type \"{kind}\"", f"use one of: {', '.join(COLUMN_TYPES)}")
        kind = "text"  # reported once; reading it as text spares the rows a cascade of problems
    unit = _unit(f, column_id, kind, formula)
    decimals = f.data.get("decimals")
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int)
                                 or not 0 <= decimals <= MAX_DECIMALS):
        f.problem("decimals", f"`decimals` must be a whole number of digits from 0 to {MAX_DECIMALS}, not {decimals!r}",
                  "write e.g. `decimals: 1`")
        decimals = None
    if formula_text is not None and decimals is None:
        decimals = 1
    if column_id is None or label is None or kind is None:
        return None
    return Column(column_id, label, kind, unit, f.data.line, decimals, formula, formula_text)


def _unit(f: Fields, column_id: str | None, kind: str | None, formula: Formula | None) -> str | None:
    unit = f.text("unit")
    if formula is not None:
        if unit not in (None, "%"):
            f.problem("unit", f"{formula.name}() gives a percentage, not {unit}", "write `unit: \"%\"` or leave `unit` out")
        return "%"
    if kind == "number" and f.data.get("derive") is not None:
        return "%"
    if kind in NUMERIC:
        if unit is None:
            f.problem("unit" if "unit" in f.data else None, f"{kind} column `{column_id}` has no `unit`",
                      f"add `unit:` with one of: {UNITS_SHOWN}")
        elif unit not in UNITS:
            close = _closest_unit(unit)
            f.problem("unit", f"column `{column_id}` has unknown unit \"{unit}\"",
                      (f"did you mean \"{close}\"? " if close else "") +
                      f"use one of: {UNITS_SHOWN} (and write the numbers in that unit)")
            return None
        return unit
    if unit is not None and kind is not None:
        f.problem("unit", f"a {kind} column has no unit", "remove `unit` or make the column `type: number`")
    return None


def _check_formula(f: Fields, column: Column, columns: list[Column]) -> None:
    assert column.formula is not None
    by_id = {c.id: c for c in columns}
    inputs = [by_id.get(name) for name in column.formula.inputs]
    for name, source in zip(column.formula.inputs, inputs, strict=True):
        if source is None or not source.numeric or source.derived:
            typed = ", ".join(c.id for c in columns if c.numeric and not c.derived) or "none"
            f.problems.append(Problem(f.file, column.line, f"{column.formula.text}: `{name}` is not a typed number column "
                                      "of this table", f"use one of: {typed}"))
            column.formula = None
            return
    if column.formula.name == "ratio" and inputs[0] and inputs[1] and not same_kind(inputs[0].unit or "", inputs[1].unit or ""):
        f.problems.append(Problem(f.file, column.line, f"{column.formula.text} divides {inputs[0].unit} by {inputs[1].unit}",
                                  "a ratio needs two columns of the same kind of unit"))
        column.formula = None


def _rows(f: Fields, table: Table, sources: Registry[Source]) -> list[Row]:
    raw = f.data.get("rows")
    if not isinstance(raw, LineList) or not raw:
        f.problem("rows" if "rows" in f.data else None, "table has no `rows`",
                  "add `rows:` with one mapping per row: `- id: fy2024` and a value for every column")
        return []
    rows: list[Row] = []
    for item in list_of_mappings(raw, f.file, "row", f.problems):
        row = _row(Fields(item, f.file, f.problems, ROW), table, sources)
        if row is None:
            continue
        if any(r.id == row.id for r in rows):
            f.problems.append(Problem(f.file, row.line, f"duplicate row id \"{row.id}\"", "give each row its own id"))
            continue
        rows.append(row)
    _tell_apart(rows, table)
    return rows


def _tell_apart(rows: list[Row], table: Table) -> None:
    """Rows whose first column is the same (two sources' figures for one date) are labelled with
    their first text column as well ("2025-03-26 收盘（新快报）"): a label names one row wherever
    it links to it (the sources page, the notes, a figure's preview)."""
    counts = Counter(row.label for row in rows)
    text_columns = [c.id for c in table.columns[1:] if c.type == "text"]
    for row in rows:
        words = next((str(row.cells[c].value) for c in text_columns if row.cells[c].value not in (None, "")), None)
        if counts[row.label] > 1 and words:
            row.label = f"{row.label} {words}"


def _row(f: Fields, table: Table, sources: Registry[Source]) -> Row | None:
    row_id = f.ident()
    row = Row(row_id or str(f.data.get("id", "?")), f.data.line)  # (a bad id hides none of its cells' problems)
    names = [c.id for c in table.columns]
    for key in f.data:
        if key != "id" and key not in names:
            f.problem(key, f"row \"{row.id}\" has `{key}`, which is not a column of this table",
                      f"use the column ids: {', '.join(names)}")
    for column in table.columns:
        if column.id not in f.data:
            if not column.derived:
                f.problem(None, f"row \"{row.id}\" has no `{column.id}` (every row needs a value for every column)",
                          f"add `{column.id}: …`, or `{column.id}: null` if the figure is unknown")
            row.cells[column.id] = Cell(column, f.data.line)
            continue
        row.cells[column.id] = _cell(f, column, row.id, sources)
    first = row.cells.get(table.columns[0].id)
    row.label = str(first.value) if first and first.value is not None else row.id
    return row if row_id else None


def _cell(f: Fields, column: Column, row_id: str, sources: Registry[Source]) -> Cell:
    raw, line = f.data[column.id], f.data.line_of(column.id)
    cell = Cell(column, line)
    where = f"`{column.id}` of row \"{row_id}\""
    if isinstance(raw, LineMap):
        cf = Fields(raw, f.file, f.problems, DERIVED_CELL if column.derived else CELL, where)
        _cell_details(cf, cell, sources)
        if column.derived:
            return cell
        if "value" not in raw:
            cf.problem(None, f"{where} has no `value`", "add `value: …`, or `value: null` if the figure is unknown")
        line = raw.line_of("value")
        raw = raw.get("value")
    elif column.derived:
        if raw is not None:
            f.problem(column.id, f"{where} is computed ({column.formula.text if column.formula else 'derived'}), "
                      "so it cannot be typed", f"remove the value; to tie it to the article write `{column.id}: {{claim: …}}`")
        return cell
    cell.value = _typed_value(f, column, raw, line, where)
    if cell.status == "reported" and cell.source_ids == ["article"]:
        f.problems.append(Problem(f.file, line, f"{where} comes only from the article but is not marked unverified",
                                  "add `status: unverified` (or cite reporting that confirms it)"))
    return cell


def _cell_details(f: Fields, cell: Cell, sources: Registry[Source]) -> None:
    status = f.text("status")
    if status is not None and status not in STATUSES:
        f.problem("status", f"unknown status \"{status}\"", f"use one of: {', '.join(STATUSES)}")
    elif status is not None:
        cell.status = status
    qualifier = f.text("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        f.problem("qualifier", f"unknown qualifier \"{qualifier}\"",
                  "use about (约), over (超) or under (不足)")
    else:
        cell.qualifier = qualifier
    cell.source_ids = _source_ids(f, "sources", sources)
    cell.note_html = render_markdown(f.text("note") or "")
    if status == "disputed" and not cell.note_html:
        f.problem("status", f"{f.what} is disputed but has no `note`", "say in `note:` which sources give which figure")
    raw = f.data.get("claim")
    if raw is None:
        return
    items = raw if isinstance(raw, LineList) else LineList([raw])
    if not isinstance(raw, LineList):
        items.item_lines = [f.data.line_of("claim")]
    for item, line in zip(items, items.item_lines, strict=False):
        if not isinstance(item, LineMap):
            f.problems.append(Problem(f.file, line, f"the claim of {f.what} must be a mapping",
                                      "write `claim: {quote: …}` with the article's words"))
            continue
        claim = _claim(Fields(item, f.file, f.problems, CLAIM, f"the claim of {f.what}"))
        if claim is not None:
            cell.claims.append(claim)


def _claim(f: Fields) -> Claim | None:
    quote = f.data.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        f.problem("quote" if "quote" in f.data else None, f"{f.what} has no `quote`",
                  "quote the article's words that state the figure, exactly: `quote: …`")
        return None
    claim = Claim(quote=quote.strip("\n"), line=f.data.line_of("quote"), prefix=f.text("prefix", strip=False) or "",
                  suffix=f.text("suffix", strip=False) or "", figure=f.text("figure"), means=f.text("means"),
                  note_html=render_markdown(f.text("note") or ""))
    relation = f.text("relation") or "="
    if relation not in RELATIONS:
        f.problem("relation", f"unknown relation \"{relation}\"", "use =, > or < (what the article's words say)")
    claim.relation = relation if relation in RELATIONS else "="
    direction = f.text("direction")
    if direction is not None and direction not in DIRECTIONS:
        f.problem("direction", f"unknown direction \"{direction}\"", "use down (收窄, 下降, 暴跌 …) or up")
    claim.direction = direction if direction in DIRECTIONS else None
    tolerance = f.data.get("tolerance")
    if tolerance is not None:
        claim.tolerance = to_decimal(tolerance)
        if claim.tolerance is None or claim.tolerance < 0:
            f.problem("tolerance", f"`tolerance` must be zero or a positive number, not {tolerance!r}",
                      "write the allowed difference in the column's unit, e.g. `tolerance: 0.1`")
            claim.tolerance = None
    if claim.means is not None and parse_figure(claim.means) is None:
        f.problem("means", f"`means` \"{claim.means}\" is not a figure with a unit", "write e.g. `means: 100%` or `means: 0元`")
        return None
    verdict = f.text("verdict") or "agrees"
    if verdict not in VERDICTS:
        f.problem("verdict", f"unknown verdict \"{verdict}\"", "use agrees (the default) or differs")
    claim.verdict = verdict if verdict in VERDICTS else "agrees"
    if claim.verdict == "differs" and not claim.note_html:
        f.problem("verdict", f"{f.what} says the article differs but has no `note`",
                  "explain in `note:` which figure is right and why")
    return claim


def _typed_value(f: Fields, column: Column, raw: Any, line: int, where: str) -> Decimal | str | None:
    """A YAML value checked against its column's type."""
    if raw is None:
        return None
    if column.type == "text":
        text = written_text(raw)
        if text is not None:
            return text.strip()
    elif column.type == "date":
        text = written_text(raw) or ""
        if DATE_PATTERN.fullmatch(text) and real_date(text):
            return text
    else:
        value = to_decimal(raw)
        if value is not None and value != 0 and not MIN_ABS_VALUE <= abs(value) <= MAX_ABS_VALUE:
            f.problems.append(Problem(f.file, line, f"{where} is {raw}, outside the range a table can hold "
                                      f"({MIN_ABS_VALUE:g} to {MAX_ABS_VALUE:g} in absolute value)",
                                      f"write the figure in a larger or smaller unit than {column.unit}"))
            return None
        if value is not None and (column.type == "number" or value == value.to_integral_value()):
            return value
    f.problems.append(Problem(f.file, line, f"{where} is {_describe(raw)}, but column `{column.id}` holds "
                              f"{_expected(column)}", _type_hint(column, raw)))
    return None


def _describe(raw: Any) -> str:
    if isinstance(raw, bool):
        return f"the boolean {str(raw).lower()}"
    if isinstance(raw, str):
        return f"text (\"{raw}\")"
    if isinstance(raw, (int, float)):
        return f"the number {raw}"
    return "a list" if isinstance(raw, list) else "a mapping"


def _expected(column: Column) -> str:
    if column.type == "number":
        return f"numbers in {column.unit}"
    if column.type == "integer":
        return f"whole numbers in {column.unit}"
    return "dates (YYYY-MM-DD, YYYY-MM or YYYY)" if column.type == "date" else "text"


def _type_hint(column: Column, raw: Any) -> str:
    if column.numeric and isinstance(raw, str):
        figure = parse_figure(raw)
        if figure and column.unit and same_kind(figure.unit, column.unit):
            number = plain_number(convert(figure.value, figure.unit, column.unit).normalize())
            return f"write the number alone, in {column.unit}: `{column.id}: {number}`"
        return f"write the number alone, in {column.unit}, e.g. `{column.id}: 12.5`; put words in `note:`"
    if column.type == "integer":
        return f"write a whole number of {column.unit}"
    if column.type == "date":
        return "write a date like 2024-12-31 (quote it if YAML reads it otherwise)"
    return f"write `{column.id}:` as a single line of text"


def _charts(f: Fields, table: Table) -> list[Chart]:
    raw = f.data.get("charts")
    if raw is None:
        return []
    by_id = {c.id: c for c in table.columns}
    result = []
    for item in list_of_mappings(raw, f.file, "chart", f.problems):
        cf = Fields(item, f.file, f.problems, CHART)
        if (cf.text("type") or "bar") != "bar":
            cf.problem("type", f"unknown chart type \"{cf.text('type')}\"", "use `type: bar` (the only type so far)")
            continue
        values, label = cf.id_list("values"), cf.id_list("label") or [table.columns[0].id]
        bad = [v for v in values if v not in by_id or not by_id[v].numeric]
        if not values or bad:
            cf.problem("values", f"chart value `{bad[0]}` is not a number column of this table" if bad
                       else "chart has no `values`",
                       f"list number columns: `values: [{', '.join(c.id for c in table.columns if c.numeric)}]`")
            continue
        if any(v not in by_id for v in label):
            cf.problem("label", f"chart label `{next(v for v in label if v not in by_id)}` is not a column of this table",
                       f"use one of: {', '.join(by_id)}")
            continue
        units = {by_id[v].unit for v in values}
        if len(units) > 1:
            cf.problem("values", f"chart mixes units ({', '.join(sorted(u or '' for u in units))})",
                       "chart columns of one unit together; make a second chart for the others")
            continue
        result.append(Chart(cf.text("title") or table.title, item.line, values, label, cf.text("description") or ""))
    return result


def _closest_unit(unit: str) -> str | None:
    """The unit ``unit`` most likely means: most characters in common, then nearest in length
    (亿人民币: 人民币亿元), when they share at least half of them."""
    def score(known: str) -> tuple[float, str]:
        return len(set(known) & set(unit)) - abs(len(known) - len(unit)) / 2, known
    best, known = max(score(known) for known in UNITS)
    return known if best >= len(set(unit)) / 2 else None
