"""Glossary terms: loaded from ``data/glossary.yml``, linked into Chinese running text.

Python-Markdown's ``abbr`` matches a term only between ``\\b`` word boundaries, which Chinese
text (no spaces) almost never has. Here the matcher works on the canonical text itself:

1. Every form of every term (the term and its aliases) is a candidate; at each position the
   longest form that matches wins (上海阵量 before 阵量, AI芯片 before 芯片), and matching
   continues after it, so matches never overlap. A form that starts or ends with a Latin
   letter or digit must not be glued to another one (``AI`` is not found in ``OpenAI``).
2. Each match is an *occurrence* of its term (the glossary page lists them all).
3. An occurrence becomes a *link* (a ``term`` span) unless it is in a heading, would cut a
   note highlight or hold a whole one (the note marker would end up inside the link), holds a
   citation mark, or its term's policy says no: ``first`` (the default) links the first
   occurrence in each section, ``all`` every one, ``never`` none.
4. Checks: duplicate ids, terms and aliases; unknown categories and sources; a term whose
   every occurrence lies inside a longer term (it can never be linked); a term that occurs
   nowhere in the articles or notes (a warning, an error under ``--strict``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pypinyin import Style, pinyin

from .loader import Fields, check_duplicate, list_of_mappings, load_yaml_file
from .markup import render_markdown
from .model import Article, Block, Origin, Project, Source, Span
from .paths import project_files
from .problems import Problem
from .yamlio import LineList, LineMap

if TYPE_CHECKING:
    from .render import Page, SiteRenderer

GLOSSARY_FILE = "data/glossary.yml"
GLOSSARY_PAGE = "glossary.md"
OPEN_DATA_FILE = "glossary.json"
SITE_PATHS = {"glossary": "the glossary page (glossary/)"}
"""Top-level site paths the glossary generates (article slugs may not take them)."""
CATEGORIES = ("人物", "公司与机构", "产品与技术", "概念与术语")
"""Allowed categories, in the order the glossary page shows them."""
LINK_POLICIES = ("first", "all", "never")
FIELDS = {"id", "term", "aliases", "english", "pinyin", "category", "link", "definition", "sources"}
EXCERPT_CHARS = 16
"""Characters of context on each side of an occurrence in its tooltip on the glossary page."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@dataclass(slots=True)
class Occurrence:
    """One place where a term occurs in an article's canonical text."""

    article_id: str
    block_id: str
    start: int
    end: int
    linked: bool = False
    """True when this occurrence became a link."""


@dataclass(slots=True)
class Term:
    """One glossary entry."""

    id: str
    """Lowercase ASCII id; the entry's anchor is ``term-<id>``."""
    term: str
    """The term as the article writes it (simplified Chinese)."""
    origin: Origin
    category: str
    definition_md: str
    definition_html: str
    """Sanitised HTML of the definition."""
    aliases: list[str] = field(default_factory=list)
    """Other forms: traditional spellings, English names, tickers."""
    english: str | None = None
    pinyin: str = ""
    """Pinyin with tone marks (given, or generated for terms with Han characters)."""
    link: str = "first"
    """``first`` (first occurrence per section), ``all`` or ``never``."""
    source_ids: list[str] = field(default_factory=list)
    form_lines: list[int | None] = field(default_factory=list)
    """Line of the term and of each alias in the data file (where problems point)."""
    occurrences: list[Occurrence] = field(default_factory=list)
    """Every match in the articles, in reading order (linked or not)."""

    @property
    def anchor(self) -> str:
        """HTML id of the entry on the glossary page (also its popover key)."""
        return f"term-{self.id}"

    @property
    def forms(self) -> list[str]:
        """The term and its aliases: every spelling the matcher looks for."""
        return [self.term, *self.aliases]

    @property
    def sort_key(self) -> tuple[str, str]:
        """Toneless pinyin (or the Latin term itself), then the term: the page's order."""
        return (strip_tones(self.pinyin or self.term).lower(), self.term)


@dataclass(frozen=True, slots=True)
class Match:
    """A form of a term found in a text."""

    start: int
    end: int
    term: Term
    form: str


# ---------------------------------------------------------------------------------------------
# Loading and checking


def load_glossary(root: Path, articles: list[Article], sources: dict[str, Source], notes: Sequence[Any],
                  problems: list[Problem]) -> list[Term]:
    """Load ``data/glossary.yml``, link its terms into ``articles`` and check it.

    Every linked occurrence is appended to its article's spans as
    ``Span(start, end, "term", term_id, {"preview": "term-<id>", ...})``.

    Returns:
        The terms that loaded cleanly (the file is optional: no file, no terms).
    """
    if not project_files(root, "data", "glossary.yml", problems):
        return []
    data = load_yaml_file(root, GLOSSARY_FILE, problems)
    if isinstance(data, LineList) and not data:
        problems.append(Problem(GLOSSARY_FILE, data.line, "the glossary has no terms",
                                "add a term (see docs/contributing.md), or delete the file"))
    items = list_of_mappings(data, GLOSSARY_FILE, "term", problems)
    terms = [t for t in (_term(item, sources, problems) for item in items) if t is not None]
    terms = _without_duplicates(terms, problems)
    for article in articles:
        link_terms(article, terms)
    _check_shadowed(terms, articles, problems)
    _check_unused(terms, articles, [note.body_md for note in notes], problems)
    return terms


def _term(item: LineMap, sources: dict[str, Source], problems: list[Problem]) -> Term | None:
    f = Fields(item, GLOSSARY_FILE, problems, "glossary term")
    count = len(problems)
    f.unknown_keys(FIELDS)
    term_id, text = f.ident(), f.text("term", required=True)
    category = f.text("category", required=True)
    if category is not None and category not in CATEGORIES:
        f.problem("category", f"unknown category \"{category}\"", f"use one of: {', '.join(CATEGORIES)}")
    link = f.text("link") or "first"
    if link not in LINK_POLICIES:
        f.problem("link", f"unknown link policy \"{link}\"",
                  "use first (first occurrence per section), all or never")
    definition = f.text("definition", required=True)
    source_ids = f.source_ids("sources", sources)
    if not source_ids and "sources" in item:
        f.problem("sources", "the definition cites no source", "add `sources: [id]` naming what it rests on")
    elif not source_ids:
        f.problem(None, "glossary term has no `sources`", "add `sources: [id]` naming what the definition rests on")
    aliases = _aliases(f)
    if len(problems) > count or term_id is None or text is None:
        return None
    given = f.text("pinyin")
    return Term(id=term_id, term=text, origin=Origin(GLOSSARY_FILE, item.line), category=category or "",
                definition_md=definition or "", definition_html=render_markdown(definition or ""),
                aliases=[a for a, _ in aliases], english=f.text("english"),
                pinyin=given or generate_pinyin(text), link=link, source_ids=source_ids,
                form_lines=[item.line_of("term"), *(line for _, line in aliases)])


def _aliases(f: Fields) -> list[tuple[str, int]]:
    """The aliases with their lines."""
    value = f.data.get("aliases")
    if value is None:
        return []
    if not isinstance(value, LineList) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                                  for v in value):
        f.problem("aliases", "`aliases` must be a list of spellings", "write `aliases: [商湯, SenseTime]`")
        return []
    return [(str(v).strip(), line) for v, line in zip(value, value.item_lines) if str(v).strip()]


def generate_pinyin(text: str) -> str:
    """Pinyin with tone marks for the Han characters of ``text`` ("" when it has none).

    Latin parts are kept as written: "AI芯片" -> "AI xīn piàn". Polyphones may come out
    wrong; the entry's ``pinyin`` field overrides this.
    """
    if not _HAN.search(text):
        return ""
    # pypinyin documents `errors` callables returning a list; its type hints only say str.
    syllables = [s[0] for s in pinyin(text, style=Style.TONE, errors=lambda chars: [chars])]  # type: ignore[arg-type,return-value]
    return " ".join(s.strip() for s in syllables if s.strip())


def strip_tones(text: str) -> str:
    """"xīn piàn" -> "xin pian" (ü stays ü)."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn" or ch == "\u0308")
    return unicodedata.normalize("NFC", kept)


def _without_duplicates(terms: list[Term], problems: list[Problem]) -> list[Term]:
    """Report repeated ids, terms and aliases; keep the first entry (or spelling) of each.

    A spelling (term or alias, compared case-insensitively) may name only one entry, or a
    link could not tell which definition to show.
    """
    ids: dict[str, Origin] = {}
    owners: dict[str, tuple[Term, str, int | None]] = {}
    kept: list[Term] = []
    for term in terms:
        if not check_duplicate(ids, term.id, term.origin, "glossary term", problems):
            continue
        unique: list[tuple[str, int | None]] = []
        for index, (form, line) in enumerate(zip(term.forms, term.form_lines)):
            role = "term" if index == 0 else "alias"
            owner = owners.get(form.casefold())
            if owner is None:
                owners[form.casefold()] = (term, role, line)
                unique.append((form, line))
            else:
                problems.append(Problem(term.origin.file, line, *_duplicate_message(term, role, form, owner)))
        if unique and unique[0][0] == term.term:  # an entry whose term is taken is dropped
            term.aliases = [form for form, _ in unique[1:]]
            term.form_lines = [line for _, line in unique]
            kept.append(term)
    return kept


def _duplicate_message(term: Term, role: str, form: str, owner: tuple[Term, str, int | None]) -> tuple[str, str]:
    first, first_role, first_line = owner
    where = f"{first.origin.file}:{first_line}"
    article = "the term" if first_role == "term" else "an alias"
    if first is term:
        return (f"\"{form}\" is both the term and an alias of \"{term.id}\"" if first_role == "term"
                else f"alias \"{form}\" of \"{term.id}\" is listed twice", "remove the repeated alias")
    if role == "term":
        return (f"duplicate term \"{form}\": it is already {article} of \"{first.id}\" ({where})",
                "merge the two entries, or make one an alias of the other")
    return (f"duplicate alias \"{form}\" of \"{term.id}\": it is already {article} of \"{first.id}\" ({where})",
            "keep it in one entry only: a spelling can name only one term")


# ---------------------------------------------------------------------------------------------
# Matching and linking


def _glues(ch: str) -> bool:
    """True for a letter or digit of a script written with spaces (Latin, Greek, digits …)."""
    return ch.isalnum() and not _HAN.match(ch)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A Latin-edged form must not continue a Latin word: no ``AI`` inside ``OpenAI``."""
    if _glues(text[start]) and start > 0 and _glues(text[start - 1]):
        return False
    return not (_glues(text[end - 1]) and end < len(text) and _glues(text[end]))


class Matcher:
    """Leftmost-longest matching of every form of every term (no ``\\b``: CJK-aware)."""

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
                if text.startswith(form, at) and _stands_alone(text, at, end):
                    matches.append(Match(at, end, self.forms[form], form))
                    at = end
                    break
            else:
                at += 1
        return matches


def link_terms(article: Article, terms: Sequence[Term]) -> None:
    """Record every occurrence of ``terms`` in ``article`` and add a span for each link."""
    notes = [s for s in article.spans if s.kind == "note" and not s.is_point]
    points = [c.offset for c in article.citations]
    linked: set[tuple[str, int]] = set()
    for match in Matcher(terms).find(article.canonical):
        block = article.block_at(match.start)
        if block is None:
            continue
        occurrence = Occurrence(article.id, block.id, match.start, match.end)
        match.term.occurrences.append(occurrence)
        if not _may_link(match, block, notes, points):
            continue
        key = (match.term.id, block.section)
        if match.term.link == "first" and key in linked:
            continue
        linked.add(key)
        occurrence.linked = True
        article.spans.append(Span(match.start, match.end, "term", match.term.id,
                                  {"preview": match.term.anchor, "anchor": match.term.anchor,
                                   "page": GLOSSARY_PAGE, "term": match.term, "form": match.form}))


def _may_link(match: Match, block: Block, notes: Sequence[Span], points: Sequence[int]) -> bool:
    """Not in a heading, not holding a citation mark, nested properly with every note."""
    if match.term.link == "never" or block.kind == "heading":
        return False
    if any(match.start < p < match.end for p in points):
        return False
    for note in notes:
        inside = note.start <= match.start and match.end <= note.end
        apart = match.end <= note.start or note.end <= match.start
        if not (inside or apart):
            return False  # it would cut the highlight, or hold it and its marker
    return True


def _check_shadowed(terms: Sequence[Term], articles: Sequence[Article], problems: list[Problem]) -> None:
    """A term that occurs only inside longer terms can never be linked: an error."""
    for term in terms:
        if term.occurrences:
            continue
        count, covering = 0, dict[str, None]()
        for article in articles:
            matched = [(o, t) for t in terms for o in t.occurrences if o.article_id == article.id]
            for form in term.forms:
                for start in _standalone_positions(article.canonical, form):
                    count += 1
                    covering.update((t.term, None) for o, t in matched
                                    if o.start <= start and start + len(form) <= o.end)
        if count and covering:
            longer = ", ".join(f"\"{t}\"" for t in covering)
            problems.append(Problem(term.origin.file, term.origin.line,
                                    f"term \"{term.term}\" occurs {_times(count)}, always inside a longer term "
                                    f"({longer}), so it can never be linked",
                                    "make it an alias of the longer term, or remove the entry"))


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _check_unused(terms: Sequence[Term], articles: Sequence[Article], note_texts: Sequence[str],
                  problems: list[Problem]) -> None:
    """A term that no article and no note mentions: a warning (an error under ``--strict``)."""
    texts = [a.canonical for a in articles] + list(note_texts)
    for term in terms:
        if term.occurrences or any(next(iter(_standalone_positions(text, form)), None) is not None
                                   for text in texts for form in term.forms):
            continue
        problems.append(Problem(term.origin.file, term.origin.line,
                                f"term \"{term.term}\" ({term.id}) occurs nowhere in the articles or notes",
                                "remove the entry, or correct its spelling to match the text",
                                severity="warning"))


def _standalone_positions(text: str, form: str) -> Iterable[int]:
    """Where ``form`` occurs in ``text`` (overlaps included), not glued to a Latin word."""
    at = text.find(form)
    while at != -1:
        if _stands_alone(text, at, at + len(form)):
            yield at
        at = text.find(form, at + 1)


# ---------------------------------------------------------------------------------------------
# Rendering and open data


@dataclass(frozen=True, slots=True)
class Place:
    """A link from a glossary entry to a paragraph or note where the term occurs."""

    label: str
    """"导语", "第3段", "注释5"; prefixed with the article's title when there are several."""
    url: str
    excerpt: str
    """The occurrence with some context, shown as the link's tooltip."""
    in_note: bool = False
    """True for a note that mentions the term (not a paragraph of the article)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What the glossary page shows for one term."""

    term: Term
    english: str | None
    """The English name when it says more than the term (not for "OpenAI" / "OpenAI")."""
    sources: list[Source]
    places: list[Place]
    note_places: list[Place]
    edit_url: str | None


def render_pages(renderer: SiteRenderer) -> list[Page]:
    """The glossary page: categories in :data:`CATEGORIES` order, terms by pinyin."""
    from .render import PageView

    project = renderer.project
    if not project.terms:
        return []
    view = PageView(project, GLOSSARY_PAGE, renderer.edit_base)
    groups = []
    for category in CATEGORIES:
        terms = sorted((t for t in project.terms if t.category == category), key=lambda t: t.sort_key)
        if terms:
            groups.append((category, [_entry(t, project, view) for t in terms]))
    return [renderer.render(GLOSSARY_PAGE, "glossary.md.j2", GLOSSARY_FILE, title="词条", view=view, groups=groups,
                            count=len(project.terms), json_url=f"../{OPEN_DATA_FILE}")]


def _entry(term: Term, project: Project, view: Any) -> Entry:
    english = term.english if term.english and term.english.casefold() != term.term.casefold() else None
    found = places(term, project, view.url)
    return Entry(term, english, [project.sources[s] for s in term.source_ids],
                 [p for p in found if not p.in_note], [p for p in found if p.in_note],
                 view.edit_url(term.origin.file))


def places(term: Term, project: Project, url: Any) -> list[Place]:
    """Every paragraph (once) and every published note where ``term`` occurs, in reading order.

    Args:
        url: ``url(src_uri, fragment)`` giving a link from the page that shows the places.
    """
    from .render import article_page

    several = len(project.articles) > 1
    found: list[Place] = []
    for article in project.articles:
        prefix = f"《{article.title}》" if several else ""
        numbers = _paragraph_labels(article)
        seen: set[str] = set()
        for occurrence in (o for o in term.occurrences if o.article_id == article.id):
            if occurrence.block_id in seen or occurrence.block_id not in numbers:
                continue
            seen.add(occurrence.block_id)
            found.append(Place(prefix + numbers[occurrence.block_id],
                               url(article_page(article.id), occurrence.block_id),
                               excerpt(article.canonical, occurrence.start, occurrence.end)))
        notes = sorted((n for n in project.notes if n.article_id == article.id and n.published),
                       key=lambda n: n.number)
        for note in notes:
            if any(next(iter(_standalone_positions(note.body_md, form)), None) is not None for form in term.forms):
                found.append(Place(f"{prefix}注释{note.number}", url(article_page(article.id), note.html_id),
                                   note.title or note.anchor, in_note=True))
    return found


def _paragraph_labels(article: Article) -> dict[str, str]:
    """Block id -> "导语" or "第N段" (headings are not paragraphs and have no label)."""
    labels: dict[str, str] = {}
    number = 0
    for block in article.blocks:
        if block.kind == "lede":
            labels[block.id] = "导语"
        elif block.kind != "heading":
            number += 1
            labels[block.id] = f"第{number}段"
    return labels


def excerpt(text: str, start: int, end: int) -> str:
    """The stretch ``[start, end)`` with up to :data:`EXCERPT_CHARS` of context on each side,
    within its line."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    before = text[max(left, start - EXCERPT_CHARS):start]
    after = text[end:min(right, end + EXCERPT_CHARS)]
    return ("…" if start - len(before) > left else "") + before + text[start:end] + after + \
        ("…" if end + len(after) < right else "")


def open_data(project: Project) -> dict[str, bytes]:
    """``glossary.json``: every term with its definition, sources and occurrences."""
    if not project.terms:
        return {}
    from .urls import page_dir

    def url(src_uri: str, fragment: str = "") -> str:
        return page_dir(src_uri) + (f"#{fragment}" if fragment else "")

    terms = sorted(project.terms, key=lambda t: (CATEGORIES.index(t.category), t.sort_key))
    data = {
        "title": "批注 · 词条",
        "description": "Glossary of the annotated articles: terms, aliases, pinyin, definitions "
                       "(Markdown and sanitised HTML), sources and every occurrence "
                       "(code-point offsets over the article's canonical text).",
        "categories": list(CATEGORIES),
        "count": len(terms),
        "terms": [_term_json(t, project, url) for t in terms],
    }
    return {OPEN_DATA_FILE: (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}


def _term_json(term: Term, project: Project, url: Any) -> dict[str, Any]:
    articles = {a.id: a for a in project.articles}
    return {
        "id": term.id,
        "term": term.term,
        "aliases": term.aliases,
        "english": term.english,
        "pinyin": term.pinyin or None,
        "category": term.category,
        "link": term.link,
        "definition": term.definition_md.strip(),
        "definition_html": term.definition_html,
        "sources": [_source_json(project.sources[s]) for s in term.source_ids],
        "url": url(GLOSSARY_PAGE, term.anchor),
        "occurrences": [{"article": o.article_id, "block": o.block_id, "start": o.start, "end": o.end,
                         "text": articles[o.article_id].canonical[o.start:o.end], "linked": o.linked}
                        for o in term.occurrences],
        "places": [{"label": p.label, "url": p.url, "note": p.in_note} for p in places(term, project, url)],
    }


def _source_json(source: Source) -> dict[str, Any]:
    fields = {"id": source.id, "publisher": source.publisher, "title": source.title, "date": source.date,
              "url": source.url}
    return {k: v for k, v in fields.items() if v is not None}
