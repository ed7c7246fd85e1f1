"""The editorial rules no single kind owns, checked once everything is loaded.

Source records:

- a source read at an address says when (``accessed``); an ``archive`` is a copy of one of
  its addresses, never the address itself.

Which sources may be cited:

- the article's own markers ("1", "2") that nobody has identified are not sources of what the
  article says: cite ``article``. Only a note about a marked passage may cite its marker (the
  notes kind checks that rule, since it needs the note's place in the article); a glossary
  term, a table, a timeline event or a correction citing one is an error here.

House style, in every field of prose we write (:mod:`pizhu.core.prose`: the ``markdown``
fields of every data file and the notes' bodies; quotations of others, such as anchors, claim
quotes, excerpts and titles, are not prose and keep their punctuation):

- full-width punctuation with Chinese: no ASCII ``, ; : ? ! ( ) "`` next to a Han character
  or a full-width mark, no ASCII ``.`` ending a Chinese sentence. ASCII stays between Latin
  letters and digits ("Co.,Ltd.", "3.85", "06:00"), in code spans, link targets, addresses
  and figure references. A quotation inside our prose takes our punctuation too;
- units and jargon in their standard English form: PFLOPS, not "Petaflops" (outside
  quotation marks, where a source's spelling is kept).

House-style problems are warnings (errors under ``strict``, as this project builds); the
others are errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .markup import MAYBE_MARKUP, markdown_trouble, unpublished_markup
from .model import Project, Source
from .problems import Problem
from .prose import Written, distinct
from .text import HAN_CLASS

EXCERPTS_PER_PROBLEM = 3
_CJK = HAN_CLASS + "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
"""Han characters and the punctuation written with them (full-width forms, “”, ‘’, —, …)."""
_NOT_PROSE = re.compile(r"`[^`\n]*`|\]\([^)\s]*\)|<https?://[^>\s]*>|https?://[^\s)）\]]+|\{\{[^}\n]*\}\}")
"""Code spans, link targets, addresses and figure references: blanked out before checking."""
_ASCII_NEXT_TO_CJK = re.compile(rf'(?<=[{_CJK}])[ \t]*[,;:?!()"]|[,;:?!()"][ \t]*(?=[{_CJK}])'
                                rf"|(?<=[{HAN_CLASS}])\.(?=[ \t\n]|$|[{_CJK}])")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（）", ")": "（）", '"': "“”", ".": "。"}
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』")
_JARGON = re.compile(r"(?<![A-Za-z])(?P<prefix>[Kk]ilo|[Mm]ega|[Gg]iga|[Tt]era|[Pp]eta|[Ee]xa|[KkMmGgTtPpEe])?"
                     r"[Ff][Ll][Oo][Pp][Ss](?![A-Za-z])")
"""FLOPS with or without a prefix, in any spelling (Petaflops, PetaFlops, TFlops, flops)."""
_PREFIXES = {"k": "K", "kilo": "K", "m": "M", "mega": "M", "g": "G", "giga": "G", "t": "T", "tera": "T",
             "p": "P", "peta": "P", "e": "E", "exa": "E"}


def check_editorial(project: Project, prose: Iterable[Written] = ()) -> list[Problem]:
    """Every editorial rule over the loaded project and the prose read while loading it."""
    problems: list[Problem] = []
    for source in project.sources.values():
        problems += source_record_problems(source)
    problems += marker_citation_problems(project)
    for written in distinct(prose):
        problems += punctuation_problems(written) + jargon_problems(written) + markup_problems(written)
    return problems


def markup_problems(written: Written) -> list[Problem]:
    """HTML, images and links in other schemes, which the published prose would lose without a
    word; a paragraph too crowded with brackets for Markdown to read in reasonable time."""
    trouble = markdown_trouble(written.text)
    if trouble is not None:
        return [Problem(written.file, _line_of(written, trouble[0]),
                        f"`{written.field}` has {trouble[1]}, which Markdown cannot read in reasonable time",
                        "split the paragraph, or write fewer links, brackets and levels")]
    found = unpublished_markup(written.text)
    if not found:
        return []
    first = MAYBE_MARKUP.search(written.text)
    return [Problem(written.file, _line_of(written, first.start() if first else 0),
                    f"`{written.field}` has what pizhu does not publish: {', '.join(found)}",
                    "remove it: prose may use Markdown's emphasis, lists, quotes, code and links (http, https, "
                    "mailto or relative), and no other HTML")]


def source_record_problems(source: Source) -> list[Problem]:
    """A source with an address says when it was read there; an archive is a copy of one of its addresses."""
    where = (source.origin.file, source.origin.line)
    problems = []
    if (source.url or source.via_url) and not source.accessed:
        problems.append(Problem(*where, f"source \"{source.id}\" has a URL but no `accessed` date",
                                "add `accessed: YYYY-MM-DD`, the day you last read it at that address (pages "
                                "change: readers need to know when it said what we cite)"))
    if source.archive and not (source.url or source.via_url):
        problems.append(Problem(*where, f"source \"{source.id}\" has an `archive` but no `url` or `via` URL",
                                "give the address the archive is a copy of, or remove `archive`"))
    elif source.archive and source.archive in (source.url, source.via_url):
        problems.append(Problem(*where, f"the `archive` of source \"{source.id}\" is the page itself",
                                "give a web-archive copy (web.archive.org, archive.today) you have seen, "
                                "or remove `archive`"))
    return problems


def marker_citation_problems(project: Project) -> list[Problem]:
    """Only notes may cite an unidentified marker of the article (and only about its passage)."""
    problems = []
    for citing in project.citations:
        source = project.sources.get(citing.source_id)
        if citing.kind == "note" or source is None or not source.is_article_marker or source.identified:
            continue
        problems.append(Problem(citing.origin.file, citing.origin.line,
                                f"{citing.kind} \"{citing.item}\" cites the article's marker \"{source.id}\", whose "
                                "source nobody has identified",
                                "cite `article` for what the article itself says (only a note about the passage a "
                                "marker follows may cite the marker)"))
    return problems


def _line_of(written: Written, position: int) -> int | None:
    """The line a place in the prose is reported at."""
    if written.exact_lines and written.line is not None:
        return written.line + written.text.count("\n", 0, position)
    return written.line


def _context(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    return text[max(left, start - 6):min(right, end + 6)]


def punctuation_problems(written: Written) -> list[Problem]:
    """ASCII punctuation next to Chinese in our prose: one warning per line, with a few examples."""
    blank = _NOT_PROSE.sub(lambda m: "x" * len(m.group(0)), written.text)
    by_line: dict[int | None, list[re.Match[str]]] = {}
    for match in _ASCII_NEXT_TO_CJK.finditer(blank):
        by_line.setdefault(_line_of(written, match.start()), []).append(match)
    problems = []
    for line, matches in by_line.items():
        examples = "; ".join(f"\"{_context(written.text, m.start(), m.end())}\"" for m in matches[:EXCERPTS_PER_PROBLEM])
        more = f" and {len(matches) - EXCERPTS_PER_PROBLEM} more" if len(matches) > EXCERPTS_PER_PROBLEM else ""
        wanted = " ".join(dict.fromkeys(_FULL_WIDTH[m.group(0).strip()] for m in matches))
        problems.append(Problem(written.file, line, f"ASCII punctuation in Chinese prose (`{written.field}`): "
                                f"{examples}{more}", f"write {wanted} with Chinese; ASCII punctuation stays only "
                                "between Latin letters and digits", "warning"))
    return problems


def jargon_problems(written: Written) -> list[Problem]:
    """Units written other than in their standard form (Petaflops -> PFLOPS), outside quotations."""
    blank = _NOT_PROSE.sub(lambda m: "x" * len(m.group(0)), written.text)
    blank = _QUOTED.sub(lambda m: "x" * len(m.group(0)), blank)
    problems = []
    for match in _JARGON.finditer(blank):
        wanted = _PREFIXES.get((match.group("prefix") or "").lower(), "") + "FLOPS"
        if match.group(0) != wanted:
            problems.append(Problem(written.file, _line_of(written, match.start()),
                                    f"\"{match.group(0)}\" in `{written.field}`",
                                    f"write {wanted} (the standard unit; say what it is on first use); a "
                                    "source's own spelling stays only inside quotation marks", "warning"))
    return problems
