"""Leftmost-longest matching of every form of every term in Chinese running text.

Python-Markdown's ``abbr`` matches a term only between ``\\b`` word boundaries, which Chinese
text (no spaces) almost never has. Here, at each position the longest form that matches wins
(上海阵量 before 阵量, AI芯片 before 芯片) and matching continues after it, so matches never
overlap. A form that starts or ends with a Latin letter or digit must not be glued to another
one (``AI`` is not found in ``OpenAI``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...core.model import Article
from ...core.text import stands_alone
from .model import Occurrence, Term


@dataclass(frozen=True, slots=True)
class Match:
    """A form of a term found in a text."""

    start: int
    end: int
    term: Term
    form: str


class Matcher:
    """Finds every term's forms in a text, longest first, never overlapping."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.forms: dict[str, Term] = {}
        for term in terms:
            for form in term.forms:
                self.forms.setdefault(form, term)
        self.by_first: dict[str, list[str]] = {}
        for form in sorted(self.forms, key=len, reverse=True):
            self.by_first.setdefault(form[0], []).append(form)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches: at each position the longest form that stands alone wins."""
        matches: list[Match] = []
        at = 0
        while at < len(text):
            for form in self.by_first.get(text[at], ()):
                end = at + len(form)
                if text.startswith(form, at) and stands_alone(text, at, end):
                    matches.append(Match(at, end, self.forms[form], form))
                    at = end
                    break
            else:
                at += 1
        return matches


def standalone_positions(text: str, form: str) -> Iterator[int]:
    """Where ``form`` occurs in ``text`` (overlaps included), not glued to a Latin word."""
    at = text.find(form)
    while at != -1:
        if stands_alone(text, at, at + len(form)):
            yield at
        at = text.find(form, at + 1)


def mentions(text: str, term: Term) -> bool:
    """Whether any form of ``term`` occurs in ``text`` on its own."""
    return any(form in text and next(standalone_positions(text, form), None) is not None for form in term.forms)


def mentioned_terms(texts: Iterable[str], terms: Iterable[Term]) -> list[set[str]]:
    """For each of ``texts``, the ids of the terms it mentions (as :func:`mentions` decides),
    found in one pass over every form instead of one call per term and text."""
    forms = [(form, term.id) for term in terms for form in term.forms]
    return [{term_id for form, term_id in forms if form in text and next(standalone_positions(text, form), None) is not None}
            for text in texts]


def record_occurrences(terms: list[Term], articles: Iterable[Article]) -> None:
    """Find every form of every term in ``articles`` and record each match on its term."""
    matcher = Matcher(terms)
    for article in articles:
        before = [len(term.occurrences) for term in terms]
        for match in matcher.find(article.canonical):
            block = article.block_at(match.start)
            if block is not None:
                match.term.occurrences.append(Occurrence(article.id, block.id, match.start, match.end, block.section))
        for term, first in zip(terms, before, strict=True):
            if len(term.occurrences) > first:
                term.occurrences_by_article[article.id] = range(first, len(term.occurrences))
