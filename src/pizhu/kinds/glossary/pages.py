"""The glossary page and ``glossary.json``: every term, where it occurs, what mentions it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.convert import Converter
from ...core.editions import traditional
from ...core.i18n import Messages
from ...core.model import Passage, Project, Source, Target
from ...core.sources import source_json
from ...core.text import excerpt
from ...core.urls import article_page, site_url
from ...render.site import Page, PageView, SiteRenderer
from ..base import Context
from .load import GLOSSARY_FILE
from .matcher import mentioned_terms
from .model import Occurrence, Place, Term

GLOSSARY_PAGE = "glossary.md"
OPEN_DATA_FILE = "glossary.json"
MAX_ARTICLES = 3
"""Articles a glossary entry lists its places in; the rest are counted (all are in glossary.json),
so that the page stays small however many articles the site has (at 8 it passed 450 KB from 10
articles on; at 3 it stays under the 300 KB page budget)."""


@dataclass(frozen=True, slots=True)
class Link:
    """A place as a link on the glossary page."""

    label: str
    url: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class Group:
    """The places of one term in one article (its title shown only when there are several)."""

    title: str | None
    links: list[Link]


@dataclass(frozen=True, slots=True)
class Entry:
    """What the glossary page shows for one term."""

    term: Term
    english: str | None
    """The English name when it says more than the term (not for "OpenAI" / "OpenAI")."""
    sources: list[Source]
    places: list[Group]
    note_places: list[Group]
    more_articles: int
    """Articles where the term occurs beyond those listed (the page lists at most :data:`MAX_ARTICLES`)."""
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
    titles = {a.id: a.title for a in project.articles} if len(project.articles) > 1 else {}
    articles = list(dict.fromkeys(p.article_id for p in term.places))
    shown = set(articles[:MAX_ARTICLES])

    def groups(in_note: bool) -> list[Group]:
        found: dict[str, list[Link]] = {}
        for place in term.places:
            if place.in_note == in_note and place.article_id in shown:
                found.setdefault(place.article_id, []).append(
                    Link(place.label, view.url(place.src_uri, place.fragment), place.excerpt))
        return [Group(titles.get(article_id), links) for article_id, links in found.items()]

    return Entry(term, english, [project.sources[s] for s in term.source_ids], groups(False), groups(True),
                 len(articles) - len(shown), view.edit_url(term.origin.file))


def find_places(term: Term, project: Project, t: Messages, places: PlaceIndex) -> list[Place]:
    """Every paragraph (once) and every passage of another kind where ``term`` occurs, in reading order."""
    found: list[Place] = []
    occurrences: dict[str, list[Occurrence]] = {}
    for occurrence in term.occurrences:
        occurrences.setdefault(occurrence.article_id, []).append(occurrence)
    for article in project.articles:
        numbers = places.numbers[article.id]
        seen: set[str] = set()
        for occurrence in occurrences.get(article.id, ()):
            if occurrence.block_id in seen or occurrence.block_id not in numbers:
                continue
            seen.add(occurrence.block_id)
            number = numbers[occurrence.block_id]
            label = t("article.paragraph", number=number) if number else t("article.lede")
            found.append(Place(article.id, label, article_page(article.id), occurrence.block_id,
                               excerpt(article.canonical, occurrence.start, occurrence.end)))
        for passage, target, terms in places.passages.get(article.id, ()):
            if term.id in terms:
                found.append(Place(article.id, passage.label, target.src_uri, target.fragment, passage.summary,
                                   in_note=True))
    return found


@dataclass(frozen=True, slots=True)
class PlaceIndex:
    """What :func:`find_places` looks up for every term, worked out once per build."""

    numbers: dict[str, dict[str, int]]
    """Paragraph numbers by article id (see :meth:`Article.paragraph_numbers`)."""
    passages: dict[str, list[tuple[Passage, Target, set[str]]]]
    """The passages of other kinds that are shown somewhere, by article id, each with the ids of
    the terms it mentions."""

    @classmethod
    def of(cls, project: Project, terms: list[Term]) -> PlaceIndex:
        shown = [(passage, target) for passage in project.passages
                 if (target := project.targets.get((passage.kind, passage.id))) is not None]
        passages: dict[str, list[tuple[Passage, Target, set[str]]]] = {}
        for (passage, target), mentioned in zip(shown, mentioned_terms((p.text for p, _ in shown), terms), strict=True):
            passages.setdefault(passage.article_id, []).append((passage, target, mentioned))
        return cls({a.id: a.paragraph_numbers() for a in project.articles}, passages)


def glossary_json(ctx: Context, terms: list[Term]) -> dict[str, Any]:
    """``glossary.json``: every term with its definition, sources, occurrences and places."""
    project, t, convert = ctx.project, ctx.messages, traditional(ctx.root)
    order = {category: n for n, category in enumerate(ctx.options.category_ids)}
    return {
        "title": t("glossary.json_title", site=ctx.options.site_name),
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
        "places": [{"article": p.article_id, "label": p.label, "url": site_url(p.src_uri, p.fragment),
                    "note": p.in_note} for p in term.places],
    }
