"""The glossary as a kind of span: terms linked where they occur in the articles.

1. Load ``data/glossary.yml`` (:mod:`.load`) and find every occurrence of every term in the
   articles (:mod:`.matcher`); the glossary page lists them all.
2. Offer a link (a ``term`` candidate) for each occurrence outside headings, grouped so that
   a term with ``link: first`` (the default) is linked once per section; ``never`` offers none.
   The placement rule skips a link that would cut or hold another mark, or hold a citation.
3. Check: a term whose every occurrence lies inside a longer term can never be linked (an
   error); a term that occurs nowhere in the articles or in any kind's prose is a warning (an
   error under ``strict``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ...core.fields import Shape
from ...core.figrefs import resolve_figures
from ...core.markup import json_file
from ...core.model import Article, Citing, Project, Span, Target
from ...core.options import SiteOptions
from ...core.problems import Problem, errors
from ...core.sources import citings
from ...core.spans import Candidate, SpanRules
from ...core.text import HAN_RUN
from ...render.site import Page, SiteRenderer
from ..base import Context, SpanKind
from .load import load_terms, term_shape
from .matcher import mentions, record_occurrences, standalone_positions
from .model import Term, all_terms
from .pages import GLOSSARY_PAGE, OPEN_DATA_FILE, PlaceIndex, find_places, glossary_json, glossary_page


class GlossaryKind(SpanKind):
    """Glossary terms: ``Span(kind="term", ref=<term id>)``."""

    name = "term"
    rules = SpanRules(rank=2, link=True, on_conflict="skip")
    site_paths: ClassVar[dict[str, str]] = {"glossary": "the glossary page (glossary/)"}
    inline_template = "term.html.j2"

    def load(self, ctx: Context) -> None:
        count = len(ctx.problems)
        terms = load_terms(ctx.root, ctx.project.sources, ctx.options.category_ids, ctx.problems,
                           pinyin=ctx.options.language.lower().startswith("zh"))
        if errors(ctx.problems[count:]):  # an entry that did not load (a warning leaves it loaded)
            ctx.project.broken.add(self.name)
        record_occurrences(terms, ctx.project.articles)
        ctx.project.kinds[self.name] = terms
        for term in terms:
            ctx.project.targets[(self.name, term.id)] = Target(GLOSSARY_PAGE, term.anchor, term.term)

    def schemas(self, options: SiteOptions) -> dict[str, tuple[Shape, bool]]:
        return {"glossary.schema.json": (term_shape(options.category_ids), True)}

    def summary(self, project: Project) -> str | None:
        return f"{len(all_terms(project))} terms"

    def candidates(self, project: Project, article: Article) -> Iterable[Candidate]:
        for term in all_terms(project):
            if term.link == "never":
                continue
            for number in term.occurrences_by_article.get(article.id, ()):
                occurrence = term.occurrences[number]
                block = article.block_at(occurrence.start)
                if block is None or block.kind == "heading":
                    continue
                group = (term.id, occurrence.section) if term.link == "first" else None
                yield Candidate(occurrence.start, occurrence.end, self.name, term.id,
                                term.origin, f"glossary term \"{term.term}\"",
                                {"term": term, "occurrence": number}, group=group)

    def placed(self, project: Project, article: Article, placed: list[Candidate]) -> None:
        terms = {t.id: t for t in all_terms(project)}
        for candidate in placed:
            terms[candidate.ref].occurrences[candidate.data["occurrence"]].linked = True

    def check(self, ctx: Context) -> None:
        terms, articles = all_terms(ctx.project), ctx.project.articles
        for term in (t for t in terms if "{{" in t.definition_md):  # figure references, now that tables have loaded
            prose = resolve_figures(term.definition_md, ctx.project, GLOSSARY_PAGE, term.origin.file,
                                    term.definition_line, ctx.problems, count_lines=False)
            term.definition_md, term.definition_html = prose.markdown, prose.html
        index = PlaceIndex.of(ctx.project, terms)
        for term in terms:
            term.places = find_places(term, ctx.project, ctx.messages, index)
        _check_shadowed(terms, articles, ctx.problems)
        _check_category_labels(terms, ctx)
        for term in terms:
            # (A term found only inside longer ones is reported as shadowed above, not as unused.)
            if not term.occurrences and not term.places and "articles" not in ctx.project.broken \
                    and not any(mentions(a.canonical, term) for a in articles):
                ctx.problems.append(Problem(term.origin.file, term.origin.line,
                                            f"term \"{term.term}\" ({term.id}) occurs nowhere in the articles or notes",
                                            "remove the entry, or correct its spelling to match the text",
                                            severity="warning"))

    def citations(self, ctx: Context) -> Iterable[Citing]:
        for term in all_terms(ctx.project):
            yield from citings(term.source_ids, self.name, term.id, term.term, term.origin)

    def preview_keys(self, span: Span) -> list[str]:
        return [f"term-{span.ref}"]

    def pages(self, site: SiteRenderer) -> list[Page]:
        return glossary_page(site, all_terms(site.project))

    def open_data(self, ctx: Context) -> dict[str, bytes]:
        terms = all_terms(ctx.project)
        return {OPEN_DATA_FILE: json_file(glossary_json(ctx, terms))} if terms else {}

    def search_words(self, project: Project) -> Iterable[str]:
        return (run for term in all_terms(project) for form in term.forms for run in HAN_RUN.findall(form))


def _check_category_labels(terms: list[Term], ctx: Context) -> None:
    """A category the terms use whose heading would be its bare id ("place"): a warning."""
    for category in dict.fromkeys(term.category for term in terms):
        if not dict(ctx.options.categories).get(category) and not ctx.messages.has(f"glossary.category.{category}"):
            ctx.problems.append(Problem(ctx.options.config_file or "mkdocs.yml", None,
                                        f"the glossary category \"{category}\" has no label: readers would see its id",
                                        f"label it in the pizhu option `categories` ({{{category}: …, …}} instead "
                                        "of a list)", severity="warning"))


def _check_shadowed(terms: list[Term], articles: list[Article], problems: list[Problem]) -> None:
    """A term that occurs only inside longer terms can never be linked: an error."""
    for term in terms:
        if term.occurrences:
            continue
        count, covering = 0, dict[str, None]()
        for article in articles:
            matched = [(t.occurrences[i], t) for t in terms for i in t.occurrences_by_article.get(article.id, ())]
            for form in term.forms:
                for start in standalone_positions(article.canonical, form):
                    count += 1
                    covering.update((t.term, None) for o, t in matched
                                    if o.start <= start and start + len(form) <= o.end)
        if count and covering:
            longer = ", ".join(f"\"{t}\"" for t in covering)
            times = "once" if count == 1 else f"{count} times"
            problems.append(Problem(term.origin.file, term.origin.line,
                                    f"term \"{term.term}\" occurs {times}, always inside a longer term "
                                    f"({longer}), so it can never be linked",
                                    "make it an alias of the longer term, or remove the entry"))
