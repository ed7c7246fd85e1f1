"""Every figure of every table as a value prose can reference (``{{ figure table/row/column }}``).

The tables kind fills ``Project.values`` with each numeric cell (typed or computed); notes,
glossary definitions and timeline events resolve their references through it
(:mod:`pizhu.core.figrefs`) without importing this kind.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import partial

from ...core.i18n import Messages
from ...core.model import Registry, Value
from .figures import SCALE_WORDS, convert, find_figures, same_kind
from .model import Cell, Table

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALED = re.compile(rf"\d\s?(?:{SCALE_WORDS}|[mbt]n|[kmb](?![a-z])|千|万|亿|萬|億|兆)", re.IGNORECASE)
"""A number with a scale word after it: the words then mean another amount than the number."""


def register_values(table: Table, values: Registry[Value], t: Messages) -> None:
    """Add every numeric cell of ``table`` that has a figure, by ``table/row/column``."""
    for row in table.rows:
        for cell in row.cells.values():
            if cell.number is None:
                continue
            text = cell.display_with_unit(t)
            values[f"{table.id}/{row.id}/{cell.column.id}"] = Value(
                text, f"{table.title} · {row.label} · {cell.column.label} · {text}", ("row", f"{table.id}/{row.id}"),
                partial(states, cell, t))


def states(cell: Cell, t: Messages, words: str) -> str | None:
    """Whether ``words`` ("37.7亿元", "约34亿元", "5000万元", "6113名") state the cell's figure.

    The words hold one figure: with a unit of the column's kind (converted: "5000万元" for
    0.5亿元), or a bare number read in the column's unit (any unit word: "6113名" for 6113人).
    It agrees when it is the cell's figure rounded to the digits written ("37.7" for 37.72);
    only the magnitude is compared, since the words say the direction ("收窄33.7%").

    Returns:
        ``None`` when the words state the figure, else what the table has instead.
    """
    unit, actual = cell.column.unit or "", cell.number
    assert actual is not None
    have = f"the table has {cell.display_with_unit(t)}"
    figures = [f for f in find_figures(words) if same_kind(f.unit, unit)]
    if len(figures) == 1:
        stated = convert(figures[0].value, figures[0].unit, unit)
        tolerance = convert(figures[0].half_step, figures[0].unit, unit)
    else:
        numbers = _NUMBER.findall(words)
        if figures or len(numbers) != 1:
            return f"the words must hold one figure in {unit} ({have})"
        if _SCALED.search(words):  # "4.5 billion" read as 4.5 of a column in million dollars
            return f"the words scale their number (thousand, million, 万, 亿 …) but name no unit ({have})"
        written = numbers[0].replace(",", "")
        stated = Decimal(written)
        tolerance = Decimal(5).scaleb(-(len(written.partition(".")[2]) + 1))
    return None if abs(abs(actual) - stated) <= tolerance else have
