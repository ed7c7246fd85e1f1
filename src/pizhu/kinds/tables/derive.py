"""Derived columns: values computed from the typed cells of their row, never typed."""

from __future__ import annotations

from ...core.problems import Problem
from .figures import Formula, plain_number, ratio, relative_change, with_unit
from .model import Cell, Column, Row, Table


def derive(table: Table, problems: list[Problem]) -> None:
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
            inputs = _inputs(table, formula, row, base or (table.rows[index - 1] if index else None))
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


def inputs_text(table: Table, row: Row, column: Column) -> str:
    """"loss 64.947 → 43.07 亿元" for messages about a derived value."""
    formula = column.formula
    assert formula is not None
    index = table.rows.index(row)
    other = (next(r for r in table.rows if r.id == formula.base_row) if formula.base_row
             else (table.rows[index - 1] if index else None))
    cells = _inputs(table, formula, row, other)
    unit = cells[0].column.unit
    if formula.name == "change":
        return f"{formula.args[0]} {with_unit(' → '.join(_plain(c) for c in cells), unit)}"
    return f"{cells[0].column.id} {with_unit(_plain(cells[0]), unit)} / {cells[1].column.id} {with_unit(_plain(cells[1]), unit)}"


def _plain(cell: Cell) -> str:
    return plain_number(cell.number) if cell.number is not None else "(none)"

