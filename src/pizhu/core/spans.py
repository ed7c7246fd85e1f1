"""THE placement rule: which offered spans an article gets, decided once, after every kind
has offered its candidates.

Every kind offers *candidates* (a note's anchor, a figure in a claim, a term's occurrence, a
citation mark). :func:`place` decides, in one pass and by one rule, which become spans:

- two ranges are either apart or nested (identical ranges count as nested; the kind with the
  lower ``rank`` is the outer one);
- the outer span of a nested pair is never a link (``<a>`` cannot hold another link, and every
  mark either is a link or carries one);
- no link holds a point (a citation mark) strictly inside it.

Candidates are placed kind by kind: first the kinds whose refusal is an error (in rank order),
then the kinds whose refusal is a documented skip, each kind's candidates in reading order.
A refused candidate of an ``error`` kind is a :class:`~pizhu.core.problems.Problem` at its
origin naming what it collides with; one of a ``skip`` kind is simply not linked. A candidate
may offer narrower ranges (``alternatives``) to try when its own range collides, and a
``group`` of which at most one is placed (a term's first occurrence in a section).
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .model import Origin, Span
from .problems import Problem

OnConflict = Literal["error", "skip"]


@dataclass(frozen=True, slots=True)
class SpanRules:
    """What the placement rule needs to know about a kind of span."""

    rank: int
    """Outermost first on identical ranges (a note's highlight holds a term on the same words)."""
    link: bool
    """The span is (or carries) a link, so it may hold nothing."""
    on_conflict: OnConflict
    """``error``: a refused candidate is a problem; ``skip``: it is quietly not placed."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span a kind would like to place."""

    start: int
    end: int
    """``start == end`` for a point (a citation mark)."""
    kind: str
    ref: str
    origin: Origin
    """Where a refusal is reported (the note's ``anchor:`` line, the claim's ``quote:`` line)."""
    label: str
    """How messages name it: ``note "v6-date"``, ``figure "43.07亿元"``."""
    data: Mapping[str, Any] = field(default_factory=dict)
    group: Hashable | None = None
    """At most one candidate of a group is placed (the first that fits, in reading order)."""
    alternatives: tuple[tuple[int, int], ...] = ()
    """Narrower ranges to try, in order, when ``(start, end)`` collides."""

    @property
    def is_point(self) -> bool:
        return self.start == self.end


@dataclass(slots=True)
class Placement:
    """What :func:`place` decided for one article."""

    spans: list[Span] = field(default_factory=list)
    """The placed spans, sorted by (start, -end, rank)."""
    placed: list[Candidate] = field(default_factory=list)
    """The candidates that were placed (with the range they got, which may be an alternative)."""
    problems: list[Problem] = field(default_factory=list)


def place(text: str, candidates: Iterable[Candidate], rules: Mapping[str, SpanRules]) -> Placement:
    """Decide which candidates become spans over ``text`` (an article's canonical text).

    Args:
        text: the canonical text, for quoting collisions in messages.
        candidates: every kind's candidates for this article, in any order.
        rules: each kind's :class:`SpanRules`, by kind name.
    """
    result = Placement()
    taken = _Taken()
    groups: set[Hashable] = set()
    for candidate in sorted(candidates, key=lambda c: _order(c, rules)):
        if candidate.group is not None and candidate.group in groups:
            continue
        placed, blocker = _first_fit(candidate, taken, rules)
        if placed is None:
            if rules[candidate.kind].on_conflict == "error":
                assert blocker is not None
                result.problems.append(_refusal(text, candidate, blocker, rules))
            continue
        if candidate.group is not None:
            groups.add(candidate.group)
        taken.add(Span(placed.start, placed.end, placed.kind, placed.ref, dict(placed.data)), placed)
        result.placed.append(placed)
    result.spans = sorted((s for s, _ in taken.items), key=lambda s: (s.start, -s.end, rules[s.kind].rank))
    return result


class _Taken:
    """The placed spans, sorted by start, so that a candidate is compared only with its neighbours."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[Span, Candidate]] = []
        self.longest = 0

    def add(self, span: Span, candidate: Candidate) -> None:
        at = bisect.bisect_right(self.starts, span.start)
        self.starts.insert(at, span.start)
        self.items.insert(at, (span, candidate))
        self.longest = max(self.longest, span.end - span.start)

    def near(self, start: int, end: int) -> list[tuple[Span, Candidate]]:
        """Every placed span that could touch ``[start, end]`` (none that starts further away can)."""
        return self.items[bisect.bisect_left(self.starts, start - self.longest):bisect.bisect_right(self.starts, end)]


def _order(candidate: Candidate, rules: Mapping[str, SpanRules]) -> tuple[int, int, int, int, str]:
    kind = rules[candidate.kind]
    return (kind.on_conflict != "error", kind.rank, candidate.start, -candidate.end, candidate.ref)


def _first_fit(candidate: Candidate, taken: _Taken,
               rules: Mapping[str, SpanRules]) -> tuple[Candidate | None, Candidate | None]:
    """The candidate (or its first alternative range) that fits, else the first thing in its way."""
    blocker = None
    for start, end in ((candidate.start, candidate.end), *candidate.alternatives):
        trial = candidate if (start, end) == (candidate.start, candidate.end) else _moved(candidate, start, end)
        in_the_way = next((c for span, c in taken.near(start, end) if not fits(trial, span, rules)), None)
        if in_the_way is None:
            return trial, None
        blocker = blocker or in_the_way
    return None, blocker


def _moved(candidate: Candidate, start: int, end: int) -> Candidate:
    return Candidate(start, end, candidate.kind, candidate.ref, candidate.origin, candidate.label, candidate.data,
                     candidate.group)


def fits(candidate: Candidate, span: Span, rules: Mapping[str, SpanRules]) -> bool:
    """The one rule: may ``candidate`` sit beside the placed ``span``?"""
    mine, theirs = rules[candidate.kind], rules[span.kind]
    if candidate.is_point or span.is_point:
        point, holder, holder_rules = ((candidate.start, span, theirs) if candidate.is_point
                                       else (span.start, candidate, mine))
        return not (holder_rules.link and holder.start < point < holder.end)
    if candidate.end <= span.start or span.end <= candidate.start:
        return True  # apart
    outer = _outer(candidate, span, mine, theirs)
    return outer is not None and not outer.link


def _outer(candidate: Candidate, span: Span, mine: SpanRules, theirs: SpanRules) -> SpanRules | None:
    """The rules of whichever of two overlapping ranges holds the other; ``None`` if neither does."""
    inside = span.start <= candidate.start and candidate.end <= span.end
    around = candidate.start <= span.start and span.end <= candidate.end
    if inside and around:  # the same range: the lower rank is the outer one; on a tie, either
        if mine.rank == theirs.rank:
            return mine if mine.link else theirs
        return mine if mine.rank < theirs.rank else theirs
    if inside or around:
        return theirs if inside else mine
    return None  # partly overlapping


def _refusal(text: str, candidate: Candidate, other: Candidate, rules: Mapping[str, SpanRules]) -> Problem:
    """Why ``candidate`` cannot be placed next to ``other``, said at ``candidate``'s origin."""
    def problem(message: str, hint: str) -> Problem:
        return Problem(candidate.origin.file, candidate.origin.line, message, hint)

    if candidate.is_point or other.is_point:
        point, holder = (candidate, other) if candidate.is_point else (other, candidate)
        before = text[max(0, point.start - 8):point.start].rsplit("\n", maxsplit=1)[-1]
        return problem(f"{holder.label} is a link and would hold {point.label} (after \"{before}\")",
                       "choose a passage without the citation mark in it")
    overlap = text[max(candidate.start, other.start):min(candidate.end, other.end)]
    inside = other.start <= candidate.start and candidate.end <= other.end
    around = candidate.start <= other.start and other.end <= candidate.end
    if not (inside or around):
        return problem(f"{candidate.label} partly overlaps {other.label} ({other.origin.file}) on \"{overlap}\"",
                       "make one contain the other, or make them not touch")
    if inside and around:
        outer, inner = ((candidate, other) if rules[candidate.kind].rank < rules[other.kind].rank
                        else (other, candidate))
    else:
        outer, inner = (other, candidate) if inside else (candidate, other)
    return problem(f"{outer.label} is a link and cannot hold {inner.label} (on \"{overlap}\")",
                   f"choose a passage that does not {'sit inside' if outer is other else 'contain'} it, "
                   f"or move {other.label} ({other.origin.file})")
