"""Claims: a cell's figure as the article states it, found in the text and checked."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ...core.anchoring import locate_quote
from ...core.i18n import Messages
from ...core.model import Article
from ...core.problems import Problem
from .derive import inputs_text
from .figures import Figure, agrees, convert, find_figures, parse_figure, plain_number, same_kind, with_unit
from .model import DIRECTIONS, Cell, Claim, Column, Row, Table

RELATION_KEYS = {"=": "eq", ">": "gt", "<": "lt"}


def check_claim(table: Table, row: Row, cell: Cell, claim: Claim, article: Article, t: Messages,
                problems: list[Problem]) -> None:
    """Find the claim's quote and compare the article's figure with the cell; when it holds,
    record where the figure is (``claim.found``), to be offered as a span."""
    file, column = table.origin.file, cell.column
    if (column.derived and column.formula is None) or (not column.derived and not column.unit):
        return  # a broken formula or unit was reported already; a comparison would only repeat it
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
                                "fill in the figure (or the figures it is computed from)"))
        return
    value = convert(stated.value, stated.unit, column.unit or stated.unit) * DIRECTIONS.get(claim.direction or "up", 1)
    tolerance = (claim.tolerance if claim.tolerance is not None
                 else convert(stated.half_step, stated.unit, column.unit or stated.unit))
    if claim.means is not None and claim.tolerance is None:
        tolerance = Decimal(0)
    holds = agrees(actual, value, claim.relation, tolerance)
    relation = t(f"table.relation.{RELATION_KEYS[claim.relation]}")
    claim.stated_text = written if claim.means is None else t("table.stated_means", written=written,
                                                               relation=relation, means=claim.means)
    claim.table_text = cell.display_with_unit(t)
    claim.allowance_text = (t("table.allowance", amount=with_unit(plain_number(tolerance.normalize()), column.unit))
                            if claim.relation == "=" else t("table.means", relation=relation,
                                                            means=claim.means or written))
    if holds != (claim.verdict == "agrees"):
        problem = _mismatch(table, row, cell, claim, written, where, actual, value, tolerance, holds)
        hinted = _relation_hint(claim, offset, written) if not holds and claim.relation == "=" else None
        problems.append(replace(problem, hint=f"{hinted}; or {problem.hint}") if hinted else problem)
        return
    start = quote_start + offset
    claim.found = (start, start + len(written))
    number = re.search(r"\d[\d,.]*", written)
    if number is not None and (number.start(), number.end()) != (0, len(written)):
        claim.number_only = (start + number.start(), start + number.end())


_NOT = r"(?<!不)(?<!没有)(?<!\bno )(?<!\bnot )"
_MORE_BEFORE = re.compile(_NOT + r"(?:\bmore than|\bover|\babove|\bat least|\bupwards of|超过|逾|高于|突破|不少于)\s*$",
                          re.IGNORECASE)
_MORE_AFTER = re.compile(r"^\s*(?:以上|\+)")
_LESS_BEFORE = re.compile(_NOT + r"(?:\bless than|\bfewer than|\bunder|\bbelow|不到|不足|低于)\s*$", re.IGNORECASE)
_LESS_AFTER = re.compile(r"^\s*以下")


def _relation_hint(claim: Claim, offset: int, written: str) -> str | None:
    """When the words right around a figure say "more than" or "less than" (not "no more than"),
    the claim's relation. The relation compares the signed value: with `direction: down`,
    "收窄超过30%" (a fall of more than 30) is a value below −30, `relation: "<"`."""
    before, after = claim.quote[:offset], claim.quote[offset + len(written):]
    more = bool(_MORE_BEFORE.search(before) or _MORE_AFTER.search(after))
    if not more and not (_LESS_BEFORE.search(before) or _LESS_AFTER.search(after)):
        return None
    relation = ">" if more != (claim.direction == "down") else "<"
    said = "more" if more else "less"
    return f"the words say {said} than the figure: if so, add `relation: \"{relation}\"` to the claim"


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
                                    "add `means:` with the figure the words state, in a unit pizhu knows (`means: 0元`, "
                                    "`means: 0 dollars`)"))
            return None
        return at, claim.figure, stated
    if claim.means is not None:
        stated = parse_figure(claim.means)
        assert stated is not None
        return 0, claim.quote, stated
    candidates = [fig for fig in find_figures(claim.quote) if same_kind(fig.unit, column.unit or "")]
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
        actual_text = with_unit(plain_number(actual), column.unit)
        return Problem(table.origin.file, claim.line, f"the claim says the article differs, but its \"{written}\" "
                       f"({where}) agrees with `{column.id}` of row \"{row.id}\" ({actual_text})",
                       "remove `verdict: differs` (and update its note)")
    if column.derived:
        have = (f"{column.formula.text if column.formula else column.id} computed from the table is "
                f"{plain_number(actual.quantize(Decimal('0.001')).normalize())}% ({inputs_text(table, row, column)})")
    else:
        have = f"`{column.id}` of row \"{row.id}\" is {with_unit(plain_number(actual), column.unit)}"
    if claim.relation == "=":
        says = (f"states {with_unit(plain_number(value), column.unit)} "
                f"(±{with_unit(plain_number(tolerance.normalize()), column.unit)})")
    else:
        says = f"states {claim.relation} {with_unit(plain_number(value), column.unit)}"
    return Problem(table.origin.file, claim.line, f"the article's \"{written}\" ({where}) {says}, but {have}",
                   "correct the table (or the figures it is computed from); if the article is wrong, keep the "
                   "value and add `verdict: differs` with a `note` to the claim")
