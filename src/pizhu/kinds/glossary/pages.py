"""The glossary page and ``glossary.json``: every term, where it occurs, what mentions it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...core.convert import Converter
from ...core.editions import traditional
from ...core.i18n import Messages
from ...core.model import Project, Source
from ...core.sources import source_json
from ...core.text import excerpt
from ...core.urls import article_page, site_url
from ...render.site import Page, PageView, SiteRenderer
from ..base import Context
from .load import GLOSSARY_FILE
from .matcher import mentions
from .model import Term

GLOSSARY_PAGE = "glossary.md"
OPEN_DATA_FILE = "glossary.json"
Url = Callable[[str, str], str]
"""``url(src_uri, fragment)``: a link to a page, as seen from wherever the link is shown."""


@dataclass(frozen=True, slots=True)
class Place:
    """A link from a glossary entry to a paragraph or note where the term occurs."""

    label: str
    """"导语", "第3段", "注释5"; prefixed with the article's title when there are several."""
    url: str
    excerpt: str
    """The occurrence with some context, shown as the link's tooltip."""
    in_note: bool = False
    """True for a passage of another kind (a note) that mentions the term."""


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


def glossary_page(site: SiteRenderer, terms: list[Term]) -> list[Page]:
    """The glossary page: categories in the site's order, terms by pinyin."""
    if not terms:
        return []
    view = site.view(GLOSSARY_PAGE)
    groups = []
    for category in site.options.category_ids:
        in_category = sorted((t for t in terms if t.category == category), key=lambda t: t.sort_key)
        if in_category:
            groups.append((site.options.category_label(category, site.messages),
                           [_entry(t, site.project, view) for t in in_category]))
    return [site.render(GLOSSARY_PAGE, "glossary.md.j2", GLOSSARY_FILE, title=site.messages("glossary.title"),
                        view=view, groups=groups, count=len(terms), json_url=f"../{OPEN_DATA_FILE}")]


def _entry(term: Term, project: Project, view: PageView) -> Entry:
    english = term.english if term.english and term.english.casefold() != term.term.casefold() else None
    found = places(term, project, view.url, view.t)
    return Entry(term, english, [project.sources[s] for s in term.source_ids],
                 [p for p in found if not p.in_note], [p for p in found if p.in_note],
                 view.edit_url(term.origin.file))


def places(term: Term, project: Project, url: Url, t: Messages) -> list[Place]:
    """Every paragraph (once) and every passage of another kind where ``term`` occurs, in reading order."""
    several = len(project.articles) > 1
    found: list[Place] = []
    for article in project.articles:
        prefix = t("glossary.article_prefix", title=article.title) if several else ""
        numbers = article.paragraph_numbers()
        seen: set[str] = set()
        for occurrence in (o for o in term.occurrences if o.article_id == article.id):
            if occurrence.block_id in seen or occurrence.block_id not in numbers:
                continue
            seen.add(occurrence.block_id)
            number = numbers[occurrence.block_id]
            label = t("article.paragraph", number=number) if number else t("article.lede")
            found.append(Place(prefix + label, url(article_page(article.id), occurrence.block_id),
                               excerpt(article.canonical, occurrence.start, occurrence.end)))
        for passage in (p for p in project.passages if p.article_id == article.id):
            target = project.targets.get((passage.kind, passage.id))
            if target is not None and mentions(passage.text, term):
                found.append(Place(prefix + passage.label, url(target.src_uri, target.fragment), passage.summary,
                                   in_note=True))
    return found


def glossary_json(ctx: Context, terms: list[Term]) -> dict[str, Any]:
    """``glossary.json``: every term with its definition, sources, occurrences and places."""
    project, t, convert = ctx.project, ctx.messages, traditional(ctx.root)
    order = {category: n for n, category in enumerate(ctx.options.category_ids)}
    return {
        "title": t("glossary.json_title"),
        "description": "Glossary of the annotated articles: terms, aliases, pinyin, definitions "
                       "(Markdown and sanitised HTML), sources and every occurrence "
                       "(code-point offsets over the article's canonical text); zh_hant: the term "
                       "and aliases as the Traditional edition writes them.",
        "categories": [{"id": c, "label": ctx.options.category_label(c, t)} for c in order],
        "count": len(terms),
        "terms": [_term_json(term, project, t) | _traditional_forms(term, convert)
                  for term in sorted(terms, key=lambda x: (order[x.category], x.sort_key))],
    }


def _traditional_forms(term: Term, convert: Converter) -> dict[str, Any]:
    """How the Traditional edition writes the term and its aliases (OpenCC and the editors' overrides)."""
    return {"zh_hant": {"term": convert(term.term), "aliases": list(dict.fromkeys(convert(a) for a in term.aliases))}}


def _term_json(term: Term, project: Project, t: Messages) -> dict[str, Any]:
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
        "sources": [source_json(project.sources[s]) for s in term.source_ids],
        "url": site_url(GLOSSARY_PAGE, term.anchor),
        "occurrences": [{"article": o.article_id, "block": o.block_id, "start": o.start, "end": o.end,
                         "text": articles[o.article_id].canonical[o.start:o.end], "linked": o.linked}
                        for o in term.occurrences],
        "places": [{"label": p.label, "url": p.url, "note": p.in_note} for p in places(term, project, site_url, t)],
    }
