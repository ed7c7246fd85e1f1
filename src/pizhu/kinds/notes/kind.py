"""Editorial notes as a kind of span: a highlighted passage with a numbered marker.

1. Load and anchor every ``data/notes/<article>/<id>.md`` (:mod:`.load`); drafts are checked
   but not published.
2. Offer each published note's passage as a ``note`` span; notes nest or stay apart, and a
   collision is an error at the note's ``anchor:`` line.
3. Number the placed notes in the order their markers are read (a marker follows its
   passage, so by where the passage ends; a note nested at the end of another comes first,
   since its marker is emitted first); the article lists them after its text, the
   notes index page groups them by section, and they are published as W3C Web Annotations
   (``annotations.jsonld``) and as one search entry each.
4. Once every kind has loaded, figure references in the bodies (``{{ figure … }}``) are
   resolved against the tables (:mod:`pizhu.core.figrefs`).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from ...core.fields import Shape
from ...core.figrefs import resolve_figures
from ...core.i18n import Messages
from ...core.markup import absolute_links, html_text, json_file, plain_text, script_json
from ...core.model import Article, Citing, FeedEntry, Origin, Passage, Project, Span, Target
from ...core.options import SiteOptions
from ...core.problems import mark_reading
from ...core.sources import citings
from ...core.spans import Candidate, SpanRules
from ...core.text import excerpt
from ...core.urls import article_page, page_dir, site_url
from ...render.site import Page, PageView, SiteRenderer
from ..base import Context, SpanKind
from .claimreview import claim_reviews
from .export import annotation_files, canonical_text_path
from .load import NOTE, load_notes
from .model import KINDS, VERDICTS, Note, NoteList, Unloaded, all_notes, published_notes

CITING_CHARS = 16
"""How much of a note's passage names it on the sources page."""


def notes_page(article_id: str) -> str:
    """Source path of an article's notes index: ``<slug>/notes.md``."""
    return f"{article_id}/notes.md"


MARGIN_BEFORE_PAINT = (
    "<script>/* pizhu: wide screens lay the article out for margin notes before the first paint,"
    " so that pizhu.js moves nothing when it adds them (its WIDE and pizhu.reading) */(function(){try{"
    "var q=new URLSearchParams(location.search).get('reading');"
    "if(q==='1'||(q!=='0'&&localStorage.getItem('pizhu.reading')==='1'))return;"
    "if(matchMedia('(min-width: 76.25em)').matches)document.documentElement.classList.add('pz-margin-mode')"
    "}catch(e){}})()</script>")
"""An article with notes: margin mode (see pizhu.js) decided in ``<head>``, without a request."""


class NotesKind(SpanKind):
    """Editorial notes: ``Span(kind="note", ref=<note id>)``."""

    name = "note"
    rules = SpanRules(rank=0, link=False, on_conflict="error")
    inline_template = "note.html.j2"

    def load(self, ctx: Context) -> None:
        project = ctx.project
        unloaded: list[Unloaded] = []
        notes = load_notes(ctx.root, project.articles, project.sources, project.contributors, ctx.problems, unloaded)
        project.kinds[self.name] = NoteList(notes, unloaded)

    def schemas(self, options: SiteOptions) -> dict[str, tuple[Shape, bool]]:
        return {"note.schema.json": (NOTE, False)}

    def summary(self, project: Project) -> str | None:
        return f"{len(published_notes(project))} published notes"

    def candidates(self, project: Project, article: Article) -> Iterable[Candidate]:
        for note in all_notes(project).published_by_article.get(article.id, []):
            yield Candidate(note.start, note.end, self.name, note.id, Origin(note.origin.file, note.anchor_line),
                            f"note \"{note.id}\"", {"note": note})

    def placed(self, project: Project, article: Article, placed: list[Candidate]) -> None:
        notes: list[Note] = [c.data["note"] for c in placed]
        # By marker position: nested notes' markers then read 1, 2 … ("上海阵量[19][20]").
        for number, note in enumerate(sorted(notes, key=lambda n: (n.end, -n.start, n.id)), start=1):
            note.number = number
            project.targets[(self.name, note.id)] = Target(article_page(article.id), note.html_id,
                                                           note.title or note.anchor)

    def passages(self, ctx: Context) -> Iterable[Passage]:
        for note in published_notes(ctx.project):
            yield Passage(self.name, note.id, note.article_id, note.body_md,
                          ctx.messages("note.label", number=note.number), note.title or note.anchor)

    def check(self, ctx: Context) -> None:
        """Figure references in the bodies (``{{ figure table/row/column }}``), now that tables have loaded."""
        for note in all_notes(ctx.project):
            mark_reading(note.origin.file)
            note.body_html = resolve_figures(note.body_md, ctx.project, article_page(note.article_id), note.origin.file,
                                             note.body_line, ctx.problems).html
        for body in all_notes(ctx.project).unloaded:  # (every problem at once: a wrong field hides none)
            resolve_figures(body.body, ctx.project, article_page(body.article_id), body.file, body.body_line, ctx.problems)

    def citations(self, ctx: Context) -> Iterable[Citing]:
        t = ctx.messages
        for note in published_notes(ctx.project):
            passage = note.title or excerpt(note.anchor, 0, min(len(note.anchor), CITING_CHARS), 0)
            label = t("citing.note", label=t("note.label", number=note.number), passage=passage)
            yield from citings(note.source_ids, self.name, note.id, label, Origin(note.origin.file, note.sources_line))

    def preview_keys(self, span: Span) -> list[str]:
        return []  # the page's script shows a note from the list of notes: nothing is written twice

    def article_meta(self, view: PageView, article: Article) -> list[Markup]:
        notes = published_notes(view.project, article.id)
        if not notes:
            return []
        kinds, verdicts = tally(notes)
        return [Markup(str(view.macros(self.inline_template).count_link(article, notes, kinds, verdicts)))]

    def article_sections(self, view: PageView, article: Article) -> list[Markup]:
        notes = published_notes(view.project, article.id)
        return [Markup(str(view.macros(self.inline_template).endnotes(notes, usual_byline(notes))))] if notes else []

    def pages(self, site: SiteRenderer) -> list[Page]:
        pages = []
        for article in site.project.articles:
            notes = published_notes(site.project, article.id)
            kinds, verdicts = tally(notes)
            pages.append(site.render(notes_page(article.id), "notes.md.j2", f"data/notes/{article.id}",
                                     title=site.messages("notes.index_title", title=article.title), article=article,
                                     sections=_by_section(article, notes, site.messages("article.lede")), notes=notes,
                                     kinds=kinds, verdicts=verdicts, reader_words=site.reader_words()))
        return pages

    def article_head(self, view: PageView, article: Article) -> list[str]:
        head = [MARGIN_BEFORE_PAINT] if published_notes(view.project, article.id) else []
        reviews = claim_reviews(view.project, article, view.site.options, view.t)
        graph = {"@context": "https://schema.org", "@graph": reviews}
        return head + ([f'<script type="application/ld+json">{script_json(graph)}</script>'] if reviews else [])

    def open_data(self, ctx: Context) -> dict[str, bytes]:
        files = {path: json_file(doc) for path, doc in annotation_files(ctx.project, ctx.options, ctx.messages).items()}
        for article in ctx.project.articles:
            files[canonical_text_path(article)] = article.canonical.encode()
        return files

    def search_entries(self, ctx: Context) -> Mapping[str, list[dict[str, Any]]]:
        """One entry per published note (title "注释3 · 核查 · 属实"), on its article's page."""
        t = ctx.messages
        entries: dict[str, list[dict[str, Any]]] = {}
        for note in published_notes(ctx.project):
            page = page_dir(article_page(note.article_id))
            title = " · ".join([t("note.label", number=note.number), *_tags(note, t), *([note.title] if note.title else [])])
            body = plain_text(note.body_html)
            # Material renders result titles and texts as HTML: both are escaped text, like its own.
            entries.setdefault(page, []).append({
                "location": f"{page}#{note.html_id}", "title": html.escape(title, quote=False),
                "text": html.escape(f"{t('quoted', text=note.anchor)} {body}", quote=False)})
        return entries

    def feed_entries(self, ctx: Context) -> Iterable[FeedEntry]:
        """Every published note: its passage quoted, then its text; tagged with its kind and verdict."""
        t = ctx.messages
        titles = {a.id: a.title for a in ctx.project.articles}
        for note in published_notes(ctx.project):
            if note.published_on is None:  # reported by the loader
                continue
            headline = note.title or note.anchor
            yield FeedEntry(
                path=site_url(article_page(note.article_id), note.html_id),
                title=t("feed.note_title", article=titles[note.article_id], number=note.number, title=headline),
                content_html=f"<blockquote><p>{html_text(note.anchor)}</p></blockquote>\n"
                             + absolute_links(note.body_html, ctx.options.absolute(page_dir(article_page(note.article_id)))),
                summary=f"{t('quoted', text=note.anchor)} {plain_text(note.body_html)}",
                published=note.published_on, updated=note.updated,
                authors=(ctx.project.contributors[note.author_id],), tags=tuple(_tags(note, t)))


def _tags(note: Note, t: Messages) -> list[str]:
    """What a reader sees a note as: its kind and, for a fact-check, its verdict (核查, 有误导)."""
    return [t(f"note.kind.{note.kind}"), *([t(f"note.verdict.{note.verdict}")] if note.verdict else [])]



def tally(notes: list[Note]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """How many notes of each kind and fact-checks of each verdict, in the catalogue's order."""
    kinds = [(k, sum(n.kind == k for n in notes)) for k in KINDS]
    verdicts = [(v, sum(n.verdict == v for n in notes)) for v in VERDICTS]
    return [(k, c) for k, c in kinds if c], [(v, c) for v, c in verdicts if c]


def usual_byline(notes: list[Note]) -> list[Note]:
    """The notes that share the most common byline (author, reviewer, date checked), when more
    than one does: the list says that byline once, above it, and not under each of them."""
    counts = Counter((n.author_id, n.reviewed_by, n.checked) for n in notes)
    if not counts:
        return []
    [(byline, count)] = counts.most_common(1)
    return [n for n in notes if (n.author_id, n.reviewed_by, n.checked) == byline] if count > 1 else []


def _by_section(article: Article, notes: list[Note], lede: str) -> list[tuple[str, list[Note]]]:
    """Notes grouped under the heading of the section they are in (the lede counts as 导语)."""
    titles = {0: lede} | {b.section: b.text for b in article.blocks if b.kind == "heading"}
    grouped: dict[int, list[Note]] = {}
    for note in notes:
        block = article.block_at(note.start)
        grouped.setdefault(block.section if block else 0, []).append(note)
    return [(titles[section], grouped[section]) for section in sorted(grouped)]
