"""Seed text -> blocks, canonical text and citation marks.

The seed format: one block per line (blank lines are ignored). The first line is the lede; a
line that starts with an opening quotation mark (“ " 「 『 „ « ‹) is quoted speech; a short line
(at most 40 characters) without a citation mark that does not end like a sentence (。！？.!?…
;；,，:：, before a closing quote or not) is a heading; every other line is a paragraph. A
manifest's ``blocks`` corrects any of these.

Citation marks are runs of digits that name the article's own numbered sources ("12" reads as
sources 1 and 2). Where they may appear depends on the language (the manifest's ``markers``):
``cjk`` after 。 or a closing quote ” 」 』 (the default), ``latin`` after . ! ? or a closing quote (not after a
digit: "version 2.0 is" has no mark), ``brackets`` as ``[1]`` anywhere, ``none``. A mark is cut from the canonical text; in
``cjk`` style, so is the single space after it (Chinese sentences are not separated by spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Block, BlockKind, Citation
from .problems import Problem
from .slugs import slugify, unique

MARKER_STYLES: dict[str, re.Pattern[str] | None] = {
    "cjk": re.compile(r"(?<=[。”」』])(\d+)(?: |$)"),
    "latin": re.compile(r"(?<=[^\d\s][.!?”\"’])(\d+)(?= |$)"),
    "brackets": re.compile(r"\[(\d+)\]"),
    "none": None,
}
"""How each style of citation mark is found; group 1 holds the digits."""
BLOCK_KINDS: tuple[BlockKind, ...] = ("lede", "heading", "paragraph", "quote")
QUOTE_OPENERS = ("“", "\"", "「", "『", "„", "«", "‹")
"""Opening quotation marks: Chinese and English, German „…“, French « … » and ‹ … ›."""
# Lines that end like a sentence (in Chinese or a Latin script, a closing quote after the mark
# or not) are never headings.
SENTENCE_END = tuple("。！？.!?…;；,，:：")
CLOSING_QUOTES = "”\"’」』“»›"
HEADING_MAX_CHARS = 40
PAGE_IDS = frozenset({"notes", "title"})
PAGE_ID_PREFIXES = ("fig-", "note-", "p-", "pz-", "ref-", "speech-", "tl-")
"""The ids the article page gives pizhu's own elements (``tests/test_architecture.py`` holds the
page to this list): a heading of the article whose id would be one of them gets ``h-`` before it
(a heading "Notes" took the id of the notes list)."""


@dataclass(slots=True)
class ParsedSeed:
    """What the parser makes of a seed."""

    canonical: str
    blocks: list[Block]
    citations: list[Citation]
    problems: list[Problem]


def split_marker(digits: str, known: set[str], limit: int = 2) -> list[list[str]]:
    """The ways to read ``digits`` as a sequence of known source ids ("12" -> [["1", "2"]]), at
    most ``limit`` of them: one reading is a citation, two make it ambiguous, and a run of digits
    has exponentially many (with sources 1, 2 and 12, "1212…12" doubles them with every "12")."""
    readings: dict[int, list[list[str]]] = {len(digits): [[]]}
    longest = max(map(len, known), default=0)
    for start in range(len(digits) - 1, -1, -1):  # from the end: each position's readings once
        found: list[list[str]] = []
        for cut in range(start + 1, min(len(digits), start + longest) + 1):
            if digits[start:cut] in known:
                found += [[digits[start:cut], *rest] for rest in readings[cut][:limit - len(found)]]
            if len(found) >= limit:
                break
        readings[start] = found
    return readings[0]


def classify(line_no: int, text: str, had_marker: bool, overrides: dict[int, BlockKind]) -> BlockKind:
    """Lede, heading, quote or paragraph, from the line's shape (or the manifest's override)."""
    if line_no in overrides:
        return overrides[line_no]
    if line_no == 1:
        return "lede"
    if text.startswith(QUOTE_OPENERS):
        return "quote"
    if not had_marker and len(text) <= HEADING_MAX_CHARS and not text.rstrip(CLOSING_QUOTES).endswith(SENTENCE_END):
        return "heading"
    return "paragraph"


def parse_seed(text: str, file: str, known_sources: set[str],
               overrides: dict[int, BlockKind] | None = None, markers: str = "cjk") -> ParsedSeed:
    """Split a seed into blocks and citations.

    1. Each non-empty line is one block; its seed line is remembered.
    2. Citation markers are cut out with the single space after them; what remains is the
       block's canonical text, and blocks are joined by ``\\n`` into the article's canonical text.
    3. Each marker is read against the known source ids; an unknown or ambiguous one is a problem.
    4. Blocks are classified (lede, heading, quote, paragraph) and given stable ids.
    """
    overrides = overrides or {}
    blocks: list[Block] = []
    citations: list[Citation] = []
    problems: list[Problem] = []
    pieces: list[str] = []
    offset, section, taken = 0, 0, set[str]()
    for line_no, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if pieces:
            offset += 1  # the "\n" that joins blocks
        canonical_line, line_citations = _cut_markers(line, line_no, offset, file, known_sources, problems,
                                                      MARKER_STYLES[markers])
        citations += line_citations
        kind = classify(line_no, canonical_line, bool(line_citations), overrides)
        if kind == "heading":
            section += 1
            slug = slugify(canonical_line)
            block_id = unique(f"h-{slug}" if slug in PAGE_IDS or slug.startswith(PAGE_ID_PREFIXES) else slug, taken)
        else:
            block_id = unique(f"p-{line_no}", taken)
        blocks.append(Block(len(blocks), kind, offset, offset + len(canonical_line), canonical_line,
                            line_no, block_id, section))
        pieces.append(canonical_line)
        offset += len(canonical_line)
    return ParsedSeed("\n".join(pieces), blocks, citations, problems)


def _cut_markers(line: str, line_no: int, block_offset: int, file: str, known: set[str],
                 problems: list[Problem], pattern: re.Pattern[str] | None) -> tuple[str, list[Citation]]:
    kept: list[str] = []
    citations: list[Citation] = []
    position = at = 0
    for match in pattern.finditer(line) if pattern else ():
        kept.append(line[position:match.start()])
        at += len(kept[-1])  # (the canonical text's length so far: summing it at each mark was quadratic)
        position = match.end()
        digits = match.group(1)
        readings = split_marker(digits, known)
        column = match.start() + 1
        shown_digits = digits if len(digits) <= 20 else f"{digits[:20]}… ({len(digits)} digits)"
        if len(readings) == 1:
            citations.append(Citation(block_offset + at, readings[0], digits, line_no))
        elif not readings:
            problems.append(Problem(file, line_no, f"citation marker \"{shown_digits}\" (column {column}) "
                                    f"names no known source (known: {', '.join(sorted(known)) or 'none'})",
                                    "add source id(s) for it to data/sources.yml"))
        else:
            shown = " or ".join("+".join(r) for r in readings)
            problems.append(Problem(file, line_no, f"citation marker \"{shown_digits}\" (column {column}) is "
                                    f"ambiguous: {shown}", "rename a source id so the marker reads one way"))
    kept.append(line[position:])
    return "".join(kept), citations
