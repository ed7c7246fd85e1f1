"""The one placement rule (pizhu.core.spans.place), with the registered kinds' rules.

Spans nest or stay apart; a link never holds another mark or a citation; identical ranges
order by rank; a refused candidate of an ``error`` kind is a file:line problem, one of a
``skip`` kind is simply not placed. And on the real site: no <a> inside an <a>, anywhere.
"""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pizhu.core.model import Origin
from pizhu.core.spans import Candidate, Placement, place
from pizhu.kinds import KINDS

RULES = {kind.name: kind.rules for kind in KINDS}
TEXT = "净亏损仍高达43.07亿元,尽管同比收窄33.7%。"
AT = TEXT.index("43.07亿元")


def candidate(kind: str, start: int, end: int, ref: str = "x", alternatives: tuple[tuple[int, int], ...] = ()) -> Candidate:
    return Candidate(start, end, kind, ref, Origin(f"data/{kind}.yml", 7), f"{kind} \"{ref}\"",
                     alternatives=alternatives)


def placed(placement: Placement) -> list[tuple[str, str]]:
    return [(s.kind, TEXT[s.start:s.end]) for s in placement.spans]


def test_every_registered_kind_has_rules_and_a_unique_rank() -> None:
    ranks = [kind.rules.rank for kind in KINDS]
    assert len(set(ranks)) == len(ranks)
    assert {kind.name for kind in KINDS} >= {"cite", "note", "term", "figure", "speech"}


def test_a_note_inside_a_figure_shrinks_the_figure_to_its_number() -> None:
    note = candidate("note", AT + 5, AT + 7, "on-unit")          # "亿元"
    figure = candidate("figure", AT, AT + 7, "loss", ((AT, AT + 5),))
    result = place(TEXT, [figure, note], RULES)
    assert result.problems == []
    assert placed(result) == [("figure", "43.07"), ("note", "亿元")]


def test_a_note_inside_the_figures_number_is_an_error_at_the_figure() -> None:
    note = candidate("note", AT + 1, AT + 5, "inner")              # "3.07"
    figure = candidate("figure", AT, AT + 7, "loss", ((AT, AT + 5),))
    result = place(TEXT, [note, figure], RULES)
    assert [p.format() for p in result.problems] == [
        'data/figure.yml:7: figure "loss" is a link and cannot hold note "inner" (on "3.07"); choose a passage '
        'that does not contain it, or move note "inner" (data/note.yml)']
    assert placed(result) == [("note", "3.07")]


def test_a_figure_inside_a_note_is_fine() -> None:
    note = candidate("note", 0, AT + 7, "around")
    figure = candidate("figure", AT, AT + 7, "loss")
    assert placed(place(TEXT, [figure, note], RULES)) == [("note", TEXT[:AT + 7]), ("figure", "43.07亿元")]


def test_a_term_across_a_notes_edge_is_skipped_not_an_error() -> None:
    note = candidate("note", 0, 3, "loss-word")                    # "净亏损"
    term = candidate("term", 1, 4, "loss-still")                   # "亏损仍"
    result = place(TEXT, [term, note], RULES)
    assert result.problems == [] and placed(result) == [("note", "净亏损")]


def test_two_notes_that_partly_overlap_is_an_error_naming_both() -> None:
    result = place(TEXT, [candidate("note", 0, 4, "a"), candidate("note", 2, 6, "b")], RULES)
    assert [p.format() for p in result.problems] == [
        'data/note.yml:7: note "b" partly overlaps note "a" (data/note.yml) on "损仍"; make one contain the other, '
        "or make them not touch"]


def test_a_link_never_holds_a_citation_point() -> None:
    cite = candidate("cite", 3, 3, "1")
    term = candidate("term", 0, 6, "t")
    figure = candidate("figure", 2, 8, "f")
    result = place(TEXT, [term, cite, figure], RULES)
    assert [p.message for p in result.problems] == ['figure "f" is a link and would hold cite "1" (after "净亏损")']
    assert placed(result) == [("cite", "")]
    # A point at a link's edge is outside it.
    assert place(TEXT, [candidate("cite", 6, 6, "1"), candidate("term", 0, 6, "t")], RULES).problems == []


# Identical ranges, every pair of range kinds: the lower rank is outside, and the outer one
# must not be a link. Expected: which survive, and whether the refusal is an error.
PAIRS = {
    ("note", "speech"): (["note", "speech"], False),
    ("note", "term"): (["note", "term"], False),
    ("note", "figure"): (["note", "figure"], False),
    ("speech", "term"): (["speech", "term"], False),
    ("speech", "figure"): (["speech", "figure"], False),
    ("term", "figure"): (["figure"], False),        # the term (a link, outside by rank) is skipped
    ("note", "note"): (["note", "note"], False),
    ("speech", "speech"): (["speech", "speech"], False),
    ("figure", "figure"): (["figure"], True),        # one figure, claimed twice: an error
    ("term", "term"): (["term"], False),
    ("note", "timeline"): (["note", "timeline"], False),
    ("speech", "timeline"): (["speech", "timeline"], False),
    ("term", "timeline"): (["timeline"], False),     # the term (a link, outside by rank) is skipped
    ("figure", "timeline"): (["figure"], True),     # a mention inside a figure's link: an error
    ("timeline", "timeline"): (["timeline"], True),
}


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_identical_ranges_for_every_pair_of_kinds(pair: tuple[str, str]) -> None:
    survivors, is_error = PAIRS[pair]
    for first, second in itertools.permutations(pair):
        result = place(TEXT, [candidate(first, AT, AT + 7, "a"), candidate(second, AT, AT + 7, "b")], RULES)
        assert [s.kind for s in result.spans] == survivors, (first, second)
        assert bool(result.problems) == is_error


def test_every_kind_pair_is_covered() -> None:
    kinds = sorted(kind.name for kind in KINDS if kind.name != "cite" and kind.inline_template)  # kinds with spans
    assert {tuple(sorted(p)) for p in itertools.combinations_with_replacement(kinds, 2)} <= {
        tuple(sorted(p)) for p in PAIRS}


class _NestedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth, self.nested = 0, 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.nested += self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth = max(0, self.depth - 1)


@pytest.mark.build
def test_no_page_of_the_real_site_has_a_link_inside_a_link(built_site: Path) -> None:
    found = {}
    for page in built_site.rglob("*.html"):
        parser = _NestedLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.nested:
            found[str(page.relative_to(built_site))] = parser.nested
    assert found == {}
