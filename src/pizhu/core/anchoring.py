"""Quote (+ prefix/suffix) -> exact position in the canonical text, or a helpful problem."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from .model import Article
from .problems import Problem

CONTEXT_CHARS = 12


@dataclass(frozen=True, slots=True)
class Match:
    """Where a quote sits in the canonical text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NearMiss:
    """The closest passage to a quote that matched nowhere."""

    text: str
    start: int
    similarity: float


def find_quote(canonical: str, exact: str, prefix: str = "", suffix: str = "") -> list[Match]:
    """Every place ``exact`` occurs with ``prefix`` right before and ``suffix`` right after it."""
    matches, at = [], canonical.find(exact)
    while at != -1 and exact:
        before_ok = canonical[max(0, at - len(prefix)):at] == prefix
        after_ok = canonical[at + len(exact):at + len(exact) + len(suffix)] == suffix
        if before_ok and after_ok:
            matches.append(Match(at, at + len(exact)))
        at = canonical.find(exact, at + 1)
    return matches


CANDIDATES = 16
"""Windows compared in full with a quote that matched nowhere (the most alike by their characters)."""


def closest(canonical: str, exact: str) -> NearMiss | None:
    """The window of the canonical text most similar to ``exact`` (same length ± a few).

    Every window within a line is scored by the characters it shares with ``exact`` (difflib's
    ``quick_ratio``, kept as the window slides: linear in the text), and only the most alike are
    compared in full: comparing each in full took hours for a long quote in a long text.
    """
    if not exact:
        return None
    size, wanted = len(exact), Counter(exact)
    scored: list[tuple[float, int, int]] = []  # (-quick ratio, start, width)
    for width in sorted({max(1, size - 2), size, size + 2}):
        offset = 0
        for line in canonical.split("\n"):
            if len(line) >= width or (len(line) == len(canonical) and line):
                scored += _window_scores(line, offset, min(width, len(line)), wanted, size)
            offset += len(line) + 1
    best: NearMiss | None = None
    for _, begin, width in sorted(scored)[:CANDIDATES]:
        window = canonical[begin:begin + width]
        ratio = difflib.SequenceMatcher(None, exact, window, autojunk=False).ratio()
        if not best or ratio > best.similarity or (ratio == best.similarity and begin < best.start):
            best = NearMiss(window, begin, ratio)
    return best


def _window_scores(line: str, offset: int, width: int, wanted: Counter[str], size: int) -> list[tuple[float, int, int]]:
    """Each window of ``line`` of ``width`` characters: (-its quick ratio with the quote, start, width)."""
    have: Counter[str] = Counter()
    shared = 0
    scores = []
    for end, char in enumerate(line):
        if have[char] < wanted[char]:
            shared += 1
        have[char] += 1
        if end >= width:
            gone = line[end - width]
            have[gone] -= 1
            if have[gone] < wanted[gone]:
                shared -= 1
        if end >= width - 1:
            scores.append((-2 * shared / (size + width), offset + end - width + 1, width))
    return scores


def context(canonical: str, match: Match) -> str:
    """A short "…before[quote]after…" excerpt for messages."""
    before = canonical[max(0, match.start - CONTEXT_CHARS):match.start].rsplit("\n", maxsplit=1)[-1]
    after = canonical[match.end:match.end + CONTEXT_CHARS].split("\n", maxsplit=1)[0]
    return f"…{before}[{canonical[match.start:match.end]}]{after}…"


SHOWN_MATCHES = 5


def describe_matches(article: Article, matches: list[Match]) -> str:
    """"line 4: …[quote]…; line 9: …" for an ambiguous quote (the first few, and how many more)."""
    shown = "; ".join(f"line {article.seed_line_of(m.start)}: {context(article.canonical, m)}"
                      for m in matches[:SHOWN_MATCHES])
    return shown + (f"; and {len(matches) - SHOWN_MATCHES} more" if len(matches) > SHOWN_MATCHES else "")


def describe_near_miss(article: Article, exact: str) -> str:
    """"closest: "…" (line 14, 96% similar)", or an empty string."""
    miss = closest(article.canonical, exact)
    if miss is None:
        return ""
    return f"; closest: \"{miss.text}\" (line {article.seed_line_of(miss.start)}, {miss.similarity:.0%} similar)"


def locate_quote(article: Article, quote: str, prefix: str, suffix: str, *, what: str, file: str,
                 line: int | None, problems: list[Problem]) -> Match | None:
    """The one place ``quote`` sits in a paragraph of ``article``, or ``None`` and a problem.

    Zero matches names the closest passage; several list them all; a quote across paragraphs
    or in a heading is refused. ``what`` names the quote in messages ("anchor", "claim quote").
    """
    matches = find_quote(article.canonical, quote, prefix, suffix)
    context = " with its prefix/suffix" if prefix or suffix else ""
    if not matches:
        alone = find_quote(article.canonical, quote, "", "") if context else []
        if alone:  # the passage is there: its prefix or suffix is what differs
            wrong = [f"`{name}` \"{words}\"" for name, words, fits in (
                ("prefix", prefix, not prefix or find_quote(article.canonical, quote, prefix, "")),
                ("suffix", suffix, not suffix or find_quote(article.canonical, quote, "", suffix))) if not fits]
            times = "once" if len(alone) == 1 else f"{len(alone)} times"
            problems.append(Problem(file, line, f"{what} \"{quote}\" occurs {times} in {article.seed_file}, but "
                                    f"never beside {' and '.join(wrong) or 'both its prefix and suffix'}: "
                                    f"{describe_matches(article, alone)}",
                                    "copy the words right before/after it exactly (spaces too)"
                                    + (", or leave them out" if len(alone) == 1 else "")))
            return None
        problems.append(Problem(file, line, f"{what} \"{quote}\"{context} matches 0 places in "
                                f"{article.seed_file}{describe_near_miss(article, quote)}",
                                "copy the passage exactly from the article"))
        return None
    if len(matches) > 1:
        problems.append(Problem(file, line, f"{what} \"{quote}\" matches {len(matches)} places in "
                                f"{article.seed_file}: {describe_matches(article, matches)}",
                                f"lengthen the {what.rsplit(maxsplit=1)[-1]} or add `prefix:`/`suffix:` so it matches one place"))
        return None
    match = matches[0]
    block = article.block_at(match.start)
    if "\n" in quote or block is None or match.end > block.end:
        problems.append(Problem(file, line, f"{what} runs across paragraphs", "quote a passage within one paragraph"))
        return None
    if block.kind == "heading":
        problems.append(Problem(file, line, f"{what} is in the heading \"{block.text}\"",
                                "quote a passage of a paragraph, not a heading"))
        return None
    return match
