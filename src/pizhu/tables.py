"""Data tables: ``data/tables/<id>.yml`` -> checked tables, figure spans, pages and open data.

One table per file. Its columns have a type and a unit; its rows hold typed values; derived
columns (changes, ratios) are computed here, never typed. A cell may name the article quote
its figure appears in (a *claim*): the quote must match one place in the article and state
the figure as the table has it (within the precision the article wrote it, or a stated
tolerance). A claim that holds becomes a ``figure`` span over the figure in the article.

    load  -> columns, rows, cells, claims, charts (types, units, sources checked)
    derive-> derived cells computed from the typed ones
    check -> each claim against the article text; then its figure span

The file format (``data/tables/<id>.yml``; the file name is the table's id)::

    title: 商汤集团全年业绩            # required
    period: 2023、2024财年            # required
    caption: …                       # optional, Markdown
    article: sensetime-xu-bing       # the article claims quote (default: the only one)
    sources: [id, …]                 # required; ids from data/sources*.yml
    columns:                         # the first column heads each row (text or date)
      - {id: year, label: 年度, type: text}              # text | date | number | integer
      - {id: revenue, label: 收入, type: number, unit: 亿元, decimals: 2}
      - {id: loss-change, label: 亏损同比, derive: change(loss)}   # computed, in %
      - {id: rnd-share, label: 研发占收入, derive: "ratio(rnd, revenue)"}
    rows:
      - id: fy2024                   # stable: it is the row's permalink (#row-fy2024)
        year: 2024年
        revenue: 37.72               # a value: a number, text, or null (unknown)
        loss:                        # or a mapping with details:
          value: 43.07
          status: reported           # reported | unverified (article only) | disputed (+ note)
          qualifier: about           # about 约 | over 超 | under 不足
          sources: [id]              # the cell's own sources (shown as a table note)
          note: …                    # Markdown
          claim:                     # or a list of claims
            quote: 净亏损仍高达43.07亿元   # exact words of the article, one place
            figure: 43.07亿元         # as written in the quote (default: its only figure)
            means: 100%              # the figure the words state without one ("超过其营收总额")
            relation: "="            # = (default) | > | <
            direction: down          # the words make it negative (收窄, 下降, 暴跌)
            tolerance: 0.01          # in the column's unit (default: half the last written digit)
            verdict: differs         # a known discrepancy, explained in `note`
        loss-change:                 # a derived cell takes only note, sources, claim
          claim: {quote: 尽管同比收窄33.7%, direction: down}
    charts:
      - {title: …, description: …, values: [revenue, loss], label: [year]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any


from .anchoring import locate_quote
from .figures import (FORMULAS, RELATIONS, UNITS, Figure, Formula, agrees, convert, find_figures,
                      format_number, parse_figure, parse_formula, plain_number,
                      ratio, relative_change, same_kind, to_decimal)
from .ids import id_problem
from .limits import MAX_ABS_VALUE, MAX_DECIMALS, MIN_ABS_VALUE
from .loader import DATE_PATTERN, Fields, list_of_mappings, load_yaml_file
from .markup import render_markdown
from .paths import project_files
from .model import Article, Origin, Source, Span
from .problems import Problem, mark_reading
from .yamlio import LineList, LineMap

TABLES_DIR = "data/tables"
INDEX_PAGE = "data/index.md"
SITE_PATHS = {"data": "the data tables (data/)"}
"""Top-level site paths the tables generate (article slugs may not take them)."""
RESERVED_IDS = {"index": "the data index page (data/index.md)", "tables": "the list of tables (data/tables.json)"}
"""Table ids taken by other files in ``data/`` of the site."""
COLUMN_TYPES = {"text": "文字", "date": "日期", "number": "数值", "integer": "整数"}
NUMERIC = {"number", "integer"}
STATUSES = {"reported": "据报道", "unverified": "未经证实", "disputed": "来源不一"}
QUALIFIERS = {"about": "约", "over": "超", "under": "不足"}
VERDICTS = {"agrees": "一致", "differs": "不一致（已注明）"}
DIRECTIONS = {"up": 1, "down": -1}
TABLE_FIELDS = {"title", "caption", "period", "article", "sources", "note", "columns", "rows", "charts"}
COLUMN_FIELDS = {"id", "label", "type", "unit", "decimals", "derive", "note"}
CELL_FIELDS = {"value", "status", "qualifier", "sources", "note", "claim"}
CLAIM_FIELDS = {"quote", "prefix", "suffix", "figure", "means", "relation", "direction", "tolerance",
                "verdict", "note"}
CHART_FIELDS = {"type", "title", "description", "label", "values"}


@dataclass(slots=True)
class Column:
    """One column: a label, a type and, for numbers, a unit."""

    id: str
    label: str
    type: str
    unit: str | None
    line: int
    decimals: int | None = None
    """Digits shown after the point; ``None`` shows values as written."""
    formula: Formula | None = None
    """For a derived column: how it is computed (``None`` when its formula is broken)."""
    derive: str | None = None
    """The formula as written; set for every derived column, even one whose formula is broken."""

    @property
    def derived(self) -> bool:
        return self.derive is not None

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC

    @property
    def heading_unit(self) -> str:
        """"亿元", "%，计算值", or "" for text columns."""
        if self.derived:
            return f"{self.unit}，计算值"
        return self.unit or ""


@dataclass(slots=True)
class Claim:
    """A cell's figure as the article states it, and what checking it found."""

    quote: str
    line: int
    """Line of ``quote:`` in the table file."""
    prefix: str = ""
    suffix: str = ""
    figure: str | None = None
    """The figure exactly as written in the quote ("37.7亿元"); inferred when left out."""
    means: str | None = None
    """What the words state when they are not a figure ("零" -> "0元", "超过其营收总额" -> "100%")."""
    relation: str = "="
    direction: str | None = None
    tolerance: Decimal | None = None
    verdict: str = "agrees"
    note_html: str = ""
    # Filled in by the check:
    article_id: str = ""
    seed_file: str = ""
    seed_line: int | None = None
    start: int = -1
    """Figure span in the canonical text (-1 when the claim failed)."""
    end: int = -1
    html_id: str = ""
    stated_text: str = ""
    """What the article states, for readers: "37.7亿元" or "超过其营收总额（> 100%）"."""
    table_text: str = ""
    """The table's value it was compared with: "37.72亿元"."""
    allowance_text: str = ""

    @property
    def placed(self) -> bool:
        return self.start >= 0


@dataclass(slots=True)
class Cell:
    """One value of a row (typed, or computed for a derived column)."""

    column: Column
    line: int
    value: Decimal | str | None = None
    status: str = "reported"
    qualifier: str | None = None
    source_ids: list[str] = field(default_factory=list)
    note_html: str = ""
    claims: list[Claim] = field(default_factory=list)
    note_number: int = 0
    """Number of the cell's footnote on the table page (0: none)."""

    @property
    def number(self) -> Decimal | None:
        return self.value if isinstance(self.value, Decimal) else None

    @property
    def display(self) -> str:
        """The value as readers see it: "约3,206", "37.72", "未知", "—"."""
        if self.value is None:
            return "—" if self.column.derived else "未知"
        if isinstance(self.value, str):
            return self.value
        signed = self.column.formula is not None and self.column.formula.name == "change"
        text = format_number(self.value, self.column.decimals, signed=signed)
        return QUALIFIERS.get(self.qualifier or "", "") + text

    @property
    def display_with_unit(self) -> str:
        if self.number is None or not self.column.unit:
            return self.display
        return self.display + self.column.unit

    @property
    def status_label(self) -> str | None:
        return STATUSES[self.status] if self.status != "reported" else None

    @property
    def has_footnote(self) -> bool:
        return bool(self.note_html or self.source_ids)


@dataclass(slots=True)
class Row:
    """One row; its first column is its header."""

    id: str
    line: int
    cells: dict[str, Cell] = field(default_factory=dict)
    label: str = ""

    @property
    def html_id(self) -> str:
        return f"row-{self.id}"

    @property
    def claims(self) -> list[Claim]:
        return [claim for cell in self.cells.values() for claim in cell.claims if claim.placed]


@dataclass(slots=True)
class Chart:
    """A bar chart of some numeric columns, one group of bars per row."""

    title: str
    line: int
    values: list[str]
    label: list[str]
    description: str = ""


@dataclass(slots=True)
class Table:
    """One data table, loaded and checked."""

    id: str
    origin: Origin
    title: str
    period: str
    article_id: str
    source_ids: list[str]
    caption_html: str = ""
    note_html: str = ""
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        return f"data/{self.id}.md"

    @property
    def html_id(self) -> str:
        return f"table-{self.id}"

    @property
    def claims(self) -> list[Claim]:
        return [claim for row in self.rows for claim in row.claims]

    @property
    def footnotes(self) -> list[tuple[Row, Cell]]:
        return sorted(((row, cell) for row in self.rows for cell in row.cells.values() if cell.note_number),
                      key=lambda pair: pair[1].note_number)

    @property
    def derived_columns(self) -> list[Column]:
        return [c for c in self.columns if c.derived]

    def row(self, row_id: str) -> Row:
        return next(r for r in self.rows if r.id == row_id)

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)


# ---- load ----------------------------------------------------------------------------------

def load_tables(root: Path, articles: list[Article], sources: dict[str, Source],
                problems: list[Problem]) -> list[Table]:
    """Load every ``data/tables/*.yml``, compute derived cells, check claims, add figure spans.

    Returns:
        The tables that loaded (a table with problems is still returned when its structure
        is intact, so that one bad cell does not hide the problems of the others).
    """
    tables = []
    for path in project_files(root, TABLES_DIR, "*.yml", problems):
        table = _load_table(root, path, articles, sources, problems)
        if table is not None:
            tables.append(table)
    by_id = {a.id: a for a in articles}
    for table in tables:
        mark_reading(table.origin.file)
        _derive(table, problems)
        article = by_id.get(table.article_id)
        if article is not None:
            for row in table.rows:
                for cell in row.cells.values():
                    for index, claim in enumerate(cell.claims):
                        _check_claim(table, row, cell, claim, index, article, problems)
        _number_footnotes(table)
    return tables


def _load_table(root: Path, path: Path, articles: list[Article], sources: dict[str, Source],
                problems: list[Problem]) -> Table | None:
    rel = path.relative_to(root).as_posix()
    data = load_yaml_file(root, rel, problems)
    if data is None:
        return None
    if not isinstance(data, LineMap):
        problems.append(Problem(rel, 1, "a table file must be a mapping of fields",
                                "start with `title: …`; see docs/contributing.md"))
        return None
    f = Fields(data, rel, problems, "table")
    f.unknown_keys(TABLE_FIELDS)
    wrong = id_problem(path.stem, "table id (the file name)", RESERVED_IDS)
    if wrong:
        problems.append(Problem(rel, None, wrong[0], "rename the file, e.g. sensetime-results.yml"))
        return None
    table = Table(id=path.stem, origin=Origin(rel, data.line), title=f.text("title", required=True) or path.stem,
                  period=f.text("period", required=True) or "", article_id=_article_id(f, articles),
                  source_ids=_source_ids(f, "sources", sources, required=True),
                  caption_html=render_markdown(f.text("caption") or ""),
                  note_html=render_markdown(f.text("note") or ""))
    table.columns = _columns(f, problems)
    if table.columns:
        table.rows = _rows(f, table, sources)
        table.charts = _charts(f, table)
    return table


def _article_id(f: Fields, articles: list[Article]) -> str:
    """The article the table's claims quote: `article:`, or the only article there is."""
    ids = [a.id for a in articles]
    chosen = f.text("article")
    if chosen is None:
        if len(ids) > 1 and _has_claims(f.data):
            f.problem(None, "table has claims but no `article`",
                      f"add `article:` naming the article they quote ({', '.join(ids)})")
        return ids[0] if len(ids) == 1 else ""
    if chosen not in ids:
        f.problem("article", f"unknown article \"{chosen}\"", f"use one of: {', '.join(ids) or 'none'}")
        return ""
    return chosen


def _has_claims(data: LineMap) -> bool:
    rows = data.get("rows")
    return isinstance(rows, list) and any(isinstance(row, dict) and any(isinstance(v, dict) and "claim" in v
                                                                        for v in row.values()) for row in rows)


def _source_ids(f: Fields, key: str, sources: dict[str, Source], *, required: bool = False) -> list[str]:
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
        column = _column(Fields(item, f.file, problems, "column"))
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
    f.unknown_keys(COLUMN_FIELDS)
    column_id, label = f.ident(), f.text("label", required=True)
    formula_text = f.text("derive")
    formula = None
    if formula_text is not None:
        formula, error = parse_formula(formula_text)
        if error:
            f.problem("derive", error, "use " + "; ".join(f"{name}: {doc}" for name, doc in FORMULAS.items()))
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
                      f"add `unit:` with one of: {', '.join(UNITS)}")
        elif unit not in UNITS:
            f.problem("unit", f"column `{column_id}` has unknown unit \"{unit}\"",
                      f"use one of: {', '.join(UNITS)} (and write the numbers in that unit)")
            return None
        return unit
    if unit is not None and kind is not None:
        f.problem("unit", f"a {kind} column has no unit", "remove `unit` or make the column `type: number`")
    return None


def _check_formula(f: Fields, column: Column, columns: list[Column]) -> None:
    assert column.formula is not None
    by_id = {c.id: c for c in columns}
    inputs = [by_id.get(name) for name in column.formula.inputs]
    for name, source in zip(column.formula.inputs, inputs):
        if source is None or not source.numeric or source.derived:
            f.problems.append(Problem(f.file, column.line, f"{column.formula.text}: `{name}` is not a typed number column "
                                      "of this table", f"use one of: {', '.join(c.id for c in columns if c.numeric and not c.derived) or 'none'}"))
            column.formula = None
            return
    if column.formula.name == "ratio" and inputs[0] and inputs[1] and not same_kind(inputs[0].unit or "", inputs[1].unit or ""):
        f.problems.append(Problem(f.file, column.line, f"{column.formula.text} divides {inputs[0].unit} by {inputs[1].unit}",
                                  "a ratio needs two columns of the same kind of unit"))
        column.formula = None


def _rows(f: Fields, table: Table, sources: dict[str, Source]) -> list[Row]:
    raw = f.data.get("rows")
    if not isinstance(raw, LineList) or not raw:
        f.problem("rows" if "rows" in f.data else None, "table has no `rows`",
                  "add `rows:` with one mapping per row: `- id: fy2024` and a value for every column")
        return []
    rows: list[Row] = []
    for item in list_of_mappings(raw, f.file, "row", f.problems):
        row = _row(Fields(item, f.file, f.problems, "row"), table, sources)
        if row is None:
            continue
        if any(r.id == row.id for r in rows):
            f.problems.append(Problem(f.file, row.line, f"duplicate row id \"{row.id}\"", "give each row its own id"))
            continue
        rows.append(row)
    return rows


def _row(f: Fields, table: Table, sources: dict[str, Source]) -> Row | None:
    row_id = f.ident()
    if row_id is None:
        return None
    row = Row(row_id, f.data.line)
    names = [c.id for c in table.columns]
    for key in f.data:
        if key != "id" and key not in names:
            f.problem(key, f"row \"{row_id}\" has `{key}`, which is not a column of this table",
                      f"use the column ids: {', '.join(names)}")
    for column in table.columns:
        if column.id not in f.data:
            if not column.derived:
                f.problem(None, f"row \"{row_id}\" has no `{column.id}` (every row needs a value for every column)",
                          f"add `{column.id}: …`, or `{column.id}: null` if the figure is unknown")
            row.cells[column.id] = Cell(column, f.data.line)
            continue
        row.cells[column.id] = _cell(f, column, row_id, sources)
    first = row.cells.get(table.columns[0].id)
    row.label = first.display if first and first.value is not None else row_id
    return row


def _cell(f: Fields, column: Column, row_id: str, sources: dict[str, Source]) -> Cell:
    raw, line = f.data[column.id], f.data.line_of(column.id)
    cell = Cell(column, line)
    where = f"`{column.id}` of row \"{row_id}\""
    if isinstance(raw, LineMap):
        cf = Fields(raw, f.file, f.problems, where)
        cf.unknown_keys(CELL_FIELDS - ({"value", "qualifier"} if column.derived else set()))
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


def _cell_details(f: Fields, cell: Cell, sources: dict[str, Source]) -> None:
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
    for item, line in zip(items, items.item_lines):
        if not isinstance(item, LineMap):
            f.problems.append(Problem(f.file, line, f"the claim of {f.what} must be a mapping",
                                      "write `claim: {quote: …}` with the article's words"))
            continue
        claim = _claim(Fields(item, f.file, f.problems, f"the claim of {f.what}"))
        if claim is not None:
            cell.claims.append(claim)


def _claim(f: Fields) -> Claim | None:
    f.unknown_keys(CLAIM_FIELDS)
    quote = f.data.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        f.problem("quote" if "quote" in f.data else None, f"{f.what} has no `quote`",
                  "quote the article's words that state the figure, exactly: `quote: …`")
        return None
    claim = Claim(quote=quote.strip("\n"), line=f.data.line_of("quote"), prefix=f.text("prefix") or "",
                  suffix=f.text("suffix") or "", figure=f.text("figure"), means=f.text("means"),
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
        if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            return str(raw).strip()
    elif column.type == "date":
        text = str(raw) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
        if DATE_PATTERN.match(text):
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
        cf = Fields(item, f.file, f.problems, "chart")
        cf.unknown_keys(CHART_FIELDS)
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


# ---- derive --------------------------------------------------------------------------------

def _derive(table: Table, problems: list[Problem]) -> None:
    """Compute every derived cell from the typed cells of its row (and its base row)."""
    for column in table.derived_columns:
        formula = column.formula
        if formula is None:
            continue  # its formula was reported when the column was read
        base = None
        if formula.base_row is not None:
            base = next((r for r in table.rows if r.id == formula.base_row), None)
            if base is None:
                problems.append(Problem(table.origin.file, column.line, f"{formula.text}: no row \"{formula.base_row}\"",
                                        f"use a row id: {', '.join(r.id for r in table.rows)}"))
                continue
        for index, row in enumerate(table.rows):
            inputs = _inputs(table, formula, row, base if base else (table.rows[index - 1] if index else None))
            cell = row.cells[column.id]
            numbers = [c.number for c in inputs]
            if formula.name == "change":
                cell.value = None if row is base or len(inputs) < 2 else relative_change(numbers[0], numbers[1])
            else:
                cell.value = ratio(numbers[0], numbers[1])
            if cell.value is not None:
                cell.qualifier = "about" if any(c.qualifier for c in inputs) else None
                # A value computed from a figure only the article gives is no better than that figure.
                cell.status = "unverified" if any(c.status == "unverified" for c in inputs) else "reported"


def _inputs(table: Table, formula: Formula, row: Row, other: Row | None) -> list[Cell]:
    """The cells a derived value is computed from, in formula order."""
    if formula.name == "change":
        name = formula.args[0]
        return [other.cells[name], row.cells[name]] if other is not None else [row.cells[name]]
    return [row.cells[name] for name in formula.args]


def _inputs_text(table: Table, row: Row, column: Column) -> str:
    """"loss 64.947 → 43.07 亿元" for messages about a derived value."""
    formula = column.formula
    assert formula is not None
    index = table.rows.index(row)
    other = (next(r for r in table.rows if r.id == formula.base_row) if formula.base_row
             else (table.rows[index - 1] if index else None))
    cells = _inputs(table, formula, row, other)
    unit = cells[0].column.unit
    if formula.name == "change":
        return f"{formula.args[0]} {' → '.join(_plain(c) for c in cells)}{unit}"
    return f"{cells[0].column.id} {_plain(cells[0])}{unit} / {cells[1].column.id} {_plain(cells[1])}{unit}"


def _plain(cell: Cell) -> str:
    return plain_number(cell.number) if cell.number is not None else "(none)"


# ---- check claims --------------------------------------------------------------------------

def _check_claim(table: Table, row: Row, cell: Cell, claim: Claim, index: int, article: Article,
                 problems: list[Problem]) -> None:
    """Find the claim's quote, compare the article's figure with the cell, then place its span."""
    file, column = table.origin.file, cell.column
    if column.derived and column.formula is None:
        return  # a broken formula was reported already; a comparison would only repeat it
    claim.article_id, claim.seed_file = article.id, article.seed_file
    found = _find(claim, article, file, problems)
    if found is None:
        return
    quote_start = found
    claim.seed_line = article.seed_line_of(quote_start)
    located = _figure_in_quote(claim, column, file, problems)
    if located is None:
        return
    offset, written, stated = located
    where = f"\"{claim.quote}\", {article.seed_file} line {claim.seed_line}"
    if stated.unit and column.unit and not same_kind(stated.unit, column.unit):
        problems.append(Problem(file, claim.line, f"the article's \"{written}\" ({where}) is in {stated.unit}, "
                                f"but column `{column.id}` is in {column.unit}",
                                "tie the claim to a column of the same kind of unit"))
        return
    actual = cell.number
    if actual is None:
        problems.append(Problem(file, claim.line, f"`{column.id}` of row \"{row.id}\" has no value to compare with the "
                                f"article's \"{written}\" ({where})",
                                "fill in the figure (or the figures it is computed from)" ))
        return
    value = convert(stated.value, stated.unit, column.unit or stated.unit) * DIRECTIONS.get(claim.direction or "up", 1)
    tolerance = claim.tolerance if claim.tolerance is not None else convert(stated.half_step, stated.unit, column.unit or stated.unit)
    if claim.means is not None and claim.tolerance is None:
        tolerance = Decimal(0)
    holds = agrees(actual, value, claim.relation, tolerance)
    claim.stated_text = written if claim.means is None else f"{written}（{RELATIONS[claim.relation]}{claim.means}）"
    claim.table_text = cell.display_with_unit
    claim.allowance_text = (f"允许误差±{plain_number(tolerance.normalize())}{column.unit}" if claim.relation == "="
                            else f"原文意为{RELATIONS[claim.relation]}{claim.means or written}")
    if holds != (claim.verdict == "agrees"):
        problems.append(_mismatch(table, row, cell, claim, written, where, actual, value, tolerance, holds))
        return
    start = quote_start + offset
    _place(table, row, cell, claim, index, article, start, start + len(written), problems)


def _find(claim: Claim, article: Article, file: str, problems: list[Problem]) -> int | None:
    match = locate_quote(article, claim.quote, claim.prefix, claim.suffix, what="claim quote",
                         file=file, line=claim.line, problems=problems)
    return match.start if match else None


def _figure_in_quote(claim: Claim, column: Column, file: str,
                     problems: list[Problem]) -> tuple[int, str, Figure] | None:
    """Where the figure sits in the quote, as written, and what it states."""
    if claim.figure is not None:
        at = claim.quote.find(claim.figure)
        if at < 0:
            problems.append(Problem(file, claim.line, f"`figure` \"{claim.figure}\" is not in the quote \"{claim.quote}\"",
                                    "write the figure exactly as the quoted words have it"))
            return None
        stated = parse_figure(claim.means or claim.figure)
        if stated is None:
            problems.append(Problem(file, claim.line, f"\"{claim.figure}\" is not a figure with a unit",
                                    "add `means:` with the figure the words state, e.g. `means: 0元`"))
            return None
        return at, claim.figure, stated
    if claim.means is not None:
        stated = parse_figure(claim.means)
        assert stated is not None
        return 0, claim.quote, stated
    candidates = [fig for fig in find_figures(claim.quote) if column.unit and same_kind(fig.unit, column.unit)]
    if len(candidates) != 1:
        found = "no figure" if not candidates else "several figures (" + ", ".join(c.text for c in candidates) + ")"
        problems.append(Problem(file, claim.line, f"the quote \"{claim.quote}\" has {found} in {column.unit}",
                                "write `figure:` exactly as in the quote, or `means:` when the words state it without a figure"))
        return None
    return candidates[0].start, candidates[0].text, candidates[0]


def _mismatch(table: Table, row: Row, cell: Cell, claim: Claim, written: str, where: str, actual: Decimal,
              value: Decimal, tolerance: Decimal, holds: bool) -> Problem:
    column = cell.column
    if holds:
        return Problem(table.origin.file, claim.line, f"the claim says the article differs, but its \"{written}\" "
                       f"({where}) agrees with `{column.id}` of row \"{row.id}\" ({plain_number(actual)}{column.unit})",
                       "remove `verdict: differs` (and update its note)")
    if column.derived:
        have = (f"{column.formula.text if column.formula else column.id} computed from the table is "
                f"{plain_number(actual.quantize(Decimal('0.001')).normalize())}% ({_inputs_text(table, row, column)})")
    else:
        have = f"`{column.id}` of row \"{row.id}\" is {plain_number(actual)}{column.unit}"
    if claim.relation == "=":
        says = f"states {plain_number(value)}{column.unit} (±{plain_number(tolerance.normalize())}{column.unit})"
    else:
        says = f"states {claim.relation} {plain_number(value)}{column.unit}"
    return Problem(table.origin.file, claim.line, f"the article's \"{written}\" ({where}) {says}, but {have}",
                   "correct the table (or the figures it is computed from); if the article is wrong, keep the "
                   "value and add `verdict: differs` with a `note` to the claim")


def _place(table: Table, row: Row, cell: Cell, claim: Claim, index: int, article: Article, start: int, end: int,
           problems: list[Problem]) -> None:
    """Add the figure span, shrinking it to the number if it would cross another span."""
    clash = _clash(article, start, end)
    if clash is not None:
        number = re.search(r"\d[\d,.]*", article.canonical[start:end])
        if number is not None and _clash(article, start + number.start(), start + number.end()) is None:
            start, end, clash = start + number.start(), start + number.end(), None
    if clash is not None:
        problems.append(Problem(table.origin.file, claim.line,
                                f"the figure \"{article.canonical[start:end]}\" overlaps the {clash.kind} \"{clash.ref}\" "
                                f"on \"{article.canonical[max(start, clash.start):min(end, clash.end)]}\"",
                                "a figure may sit inside a note's passage, but not across it or inside a link: "
                                "quote a figure elsewhere or change the other anchor"))
        return
    claim.start, claim.end = start, end
    claim.html_id = f"fig-{table.id}-{row.id}-{cell.column.id}" + (f"-{index + 1}" if index else "")
    article.spans.append(Span(start, end, "figure", f"{table.id}/{row.id}/{cell.column.id}",
                              {"preview": f"figure-{table.id}-{row.id}", "table": table.id, "row": row.id,
                               "column": cell.column.id, "id": claim.html_id}))


def _clash(article: Article, start: int, end: int) -> Span | None:
    """A span the figure [start, end) may not meet: one it partly overlaps, or any link (term, figure)."""
    for span in article.spans:
        if span.is_point or span.end <= start or end <= span.start:
            continue
        if span.kind in ("term", "figure"):
            return span  # links cannot nest in HTML
        inside = span.start <= start and end <= span.end
        around = start <= span.start and span.end <= end
        if not (inside or around):
            return span
    return None


def _number_footnotes(table: Table) -> None:
    number = 0
    for row in table.rows:
        for column in table.columns:
            cell = row.cells.get(column.id)
            if cell is not None and cell.has_footnote:
                number += 1
                cell.note_number = number
