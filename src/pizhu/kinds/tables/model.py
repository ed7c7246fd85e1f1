"""Data tables: what a table, its columns, rows, cells, claims and charts are.

Data tables: ``data/tables/<id>.yml`` -> checked tables, figure spans, pages and open data.

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

from dataclasses import dataclass, field
from decimal import Decimal

from ...core.i18n import Messages
from ...core.model import Origin, Project
from .figures import Formula, format_number, with_unit

TABLES_DIR = "data/tables"
INDEX_PAGE = "data/index.md"
RESERVED_IDS = {"index": "the data index page (data/index.md)", "tables": "the list of tables (data/tables.json)"}
"""Table ids taken by other files in ``data/`` of the site."""
COLUMN_TYPES = ("text", "date", "number", "integer")
NUMERIC = ("number", "integer")
STATUSES = ("reported", "unverified", "disputed")
"""``reported`` by a source; ``unverified`` (only the article says it); ``disputed`` (sources differ)."""
QUALIFIERS = ("about", "over", "under")
"""Readers see ``table.qualifier.<q>`` before the number (约, 超, 不足)."""
VERDICTS = ("agrees", "differs")
DIRECTIONS = {"up": 1, "down": -1}
RELATIONS = ("=", ">", "<")


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

    def heading_unit(self, t: Messages) -> str:
        """"亿元", "%，计算值", or "" for text columns."""
        if self.derived:
            return t("table.computed_unit", unit=self.unit)
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
    found: tuple[int, int] | None = None
    """Where the figure is in the canonical text, once checked (then offered as a span)."""
    number_only: tuple[int, int] | None = None
    """The figure's number alone, a narrower span to try if the whole figure collides."""
    start: int = -1
    """Figure span in the canonical text, once placed (-1 when the claim failed)."""
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

    def display(self, t: Messages) -> str:
        """The value as readers see it: "约3,206", "37.72", "未知", "—"."""
        if self.value is None:
            return "—" if self.column.derived else t("table.unknown")
        if isinstance(self.value, str):
            return self.value
        signed = self.column.formula is not None and self.column.formula.name == "change"
        text = format_number(self.value, self.column.decimals, signed=signed, group_from=int(t("number.group_from")),
                             thousands=t("number.thousands"), point=t("number.point"))  # (3,206 people; 3206人)
        return (t(f"table.qualifier.{self.qualifier}") if self.qualifier else "") + text

    def display_with_unit(self, t: Messages) -> str:
        if self.number is None or not self.column.unit:
            return self.display(t)
        return with_unit(self.display(t), self.column.unit)

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

    def number_footnotes(self) -> None:
        """Number the cells that have a note or sources, row by row, column by column."""
        number = 0
        for row in self.rows:
            for column in self.columns:
                cell = row.cells.get(column.id)
                if cell is not None and cell.has_footnote:
                    number += 1
                    cell.note_number = number


def all_tables(project: Project) -> list[Table]:
    """The data tables (what the tables kind loaded)."""
    tables: list[Table] = project.kinds.get("figure", [])
    return tables
