"""Reading ``data/glossary.yml``: terms, aliases, pinyin, categories, sources; duplicates refused."""

from __future__ import annotations

from pathlib import Path

from ...core.fields import (
    SOURCE_REF_DOC,
    Field,
    Fields,
    Shape,
    check_duplicate,
    list_of_mappings,
    load_yaml_file,
    written_text,
)
from ...core.markup import render_markdown
from ...core.model import Origin, Registry, Source
from ...core.paths import project_files
from ...core.problems import Problem
from ...core.text import HAN, LINE_BREAKS
from ...core.yamlio import LineList
from .model import LINK_POLICIES, Term

GLOSSARY_FILE = "data/glossary.yml"


def term_shape(categories: tuple[str, ...]) -> Shape:
    """The fields of a glossary entry (``categories`` are the site's)."""
    return Shape("glossary term", "One glossary entry in data/glossary.yml.", (
        Field("id", "id", "Lowercase ASCII words joined by '-'; the entry's permalink is #term-<id>.", required=True),
        Field("term", "text", "The term as the article writes it.", required=True),
        Field("aliases", "list", "Other spellings: traditional forms, English names, tickers.", items="text"),
        Field("english", "text", "The English name, when there is one."),
        Field("pinyin", "text", "Pinyin with tone marks; generated when left out (set it for polyphones)."),
        Field("category", "text", "What kind of thing it is.", required=True, choices=categories),
        Field("link", "text", "Which occurrences become links: first (the first in each section, the default), "
              "all or never.", choices=LINK_POLICIES),
        Field("definition", "markdown", "What it is, in a few sentences (Markdown).", required=True),
        Field("sources", "sources", "What the definition rests on: " + SOURCE_REF_DOC + ".", required=True),
    ))


def load_terms(root: Path, sources: Registry[Source], categories: tuple[str, ...], problems: list[Problem],
               *, pinyin: bool = True) -> list[Term]:
    """Every entry of ``data/glossary.yml`` that loads cleanly (no file, no terms).

    ``pinyin``: entries without one get their pinyin generated (a Chinese site's; a Japanese
    site's 港湾局 is no gǎng wān jú). ``pinyin: ""`` is an entry without pinyin."""
    if not project_files(root, "data", "glossary.yml", problems):
        return []
    data = load_yaml_file(root, GLOSSARY_FILE, problems)
    if isinstance(data, LineList) and not data:
        problems.append(Problem(GLOSSARY_FILE, data.line, "the glossary has no terms",
                                "add a term (see docs/contributing.md), or delete the file"))
    shape = term_shape(categories)
    items = list_of_mappings(data, GLOSSARY_FILE, "term", problems)
    terms = [t for t in (_term(Fields(item, GLOSSARY_FILE, problems, shape), sources, pinyin) for item in items) if t]
    return _without_duplicates(terms, problems)


def _term(f: Fields, sources: Registry[Source], pinyin: bool) -> Term | None:
    count = len(f.problems)
    term_id, text = f.ident(), f.text("term", required=True)
    category = f.choice("category", required=True)
    link = f.text("link") or "first"
    if link not in LINK_POLICIES:
        f.problem("link", f"unknown link policy \"{link}\"",
                  "use first (first occurrence per section), all or never")
    definition = f.text("definition", required=True)
    source_ids = f.source_ids("sources", sources)
    if not source_ids and "sources" in f.data:
        f.problem("sources", "the definition cites no source", "add `sources: [id]` naming what it rests on")
    elif not source_ids:
        f.problem(None, "glossary term has no `sources`", "add `sources: [id]` naming what the definition rests on")
    aliases = _aliases(f)
    if len(f.problems) > count or term_id is None or text is None:
        return None
    given = f.text("pinyin")
    return Term(id=term_id, term=text, origin=Origin(GLOSSARY_FILE, f.data.line), category=category or "",
                definition_md=definition or "", definition_html=render_markdown(definition or ""),
                aliases=[a for a, _ in aliases], english=f.text("english"),
                pinyin=given or (generate_pinyin(text) if pinyin and "pinyin" not in f.data else ""),
                link=link, source_ids=source_ids,
                definition_line=f.data.line_of("definition"),
                form_lines=[f.data.line_of("term"), *(line for _, line in aliases)])


def _aliases(f: Fields) -> list[tuple[str, int]]:
    """The aliases with their lines."""
    value = f.data.get("aliases")
    if value is None:
        return []
    texts = [written_text(v) for v in value] if isinstance(value, LineList) else [None]
    if not isinstance(value, LineList) or None in texts:
        f.problem("aliases", "`aliases` must be a list of spellings",
                  "write `aliases: [商湯, SenseTime]` (quote a spelling that looks like a number: \"1.10\")")
        return []
    if any(LINE_BREAKS.search(text.strip()) for text in texts if text):
        f.problem("aliases", "an alias holds a line break", "write each spelling on one line")
        return []
    return [(text.strip(), line) for text, line in zip(texts, value.item_lines, strict=True) if text and text.strip()]


def generate_pinyin(text: str) -> str:
    """Pinyin with tone marks for the Han characters of ``text`` ("" when it has none).

    Latin parts are kept as written: "AI芯片" -> "AI xīn piàn". Polyphones may come out
    wrong; the entry's ``pinyin`` field overrides this. pypinyin is imported on first use
    (its phrase dictionary takes a fifth of a second to load).
    """
    if not HAN.search(text):
        return ""
    from pypinyin import Style, pinyin

    # pypinyin documents `errors` callables returning a list; its type hints only say str.
    syllables = [s[0] for s in pinyin(text, style=Style.TONE, errors=lambda chars: [chars])]  # type: ignore[arg-type,return-value]
    return " ".join(s.strip() for s in syllables if s.strip())


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
        for index, (form, line) in enumerate(zip(term.forms, term.form_lines, strict=False)):
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
