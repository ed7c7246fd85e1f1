"""The timeline: dated events of the story, each sourced, linked from the article's dated phrases.

1. Load ``data/timeline.yml`` (:mod:`.load`): events with a date only as precise as their
   sources, a title, a description, sources and reservations; each may list the article's
   dated phrases that refer to it (``mentions``), located like note anchors, and the date the
   article gives when it gives a wrong one (``says``).
2. Offer each mention as a ``timeline`` span: a link to the event, previewed like a note. It
   is the innermost mark (rank 4): a note or a quoted passage may hold it, it holds nothing,
   and a mention that cannot be placed (inside a figure's or a term's link) is an error at its
   ``quote:`` line, since a mention is an editorial claim the reader must see.
3. The timeline page lists the events by year in date order, each with its description,
   reservations, sources, the phrases of the article that refer to it and, where the article
   dates it wrongly, the article's date against the real one; ``timeline.json`` is open data.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any, ClassVar

from ...core.fields import Shape
from ...core.figrefs import resolve_figures
from ...core.i18n import Messages
from ...core.markup import json_file
from ...core.model import Article, Citing, Origin, Project, Span, Target
from ...core.options import SiteOptions
from ...core.problems import mark_reading
from ...core.sources import citings, source_json
from ...core.spans import Candidate, SpanRules
from ...core.urls import article_page, site_url
from ...render.site import Page, SiteRenderer
from ..base import Context, SpanKind
from .load import EVENT, load_events
from .model import TIMELINE_FILE, TIMELINE_PAGE, Event, Mention, all_events

OPEN_DATA_FILE = "timeline.json"



def preview_key(event: Event, mention: Mention) -> str:
    """One preview per event; a mention whose date is wrong has its own (it shows the article's date)."""
    return f"event-{event.id}" + (f"-{mention.number}" if mention.says else "")


class TimelineKind(SpanKind):
    """Dated phrases of the article linked to the events they refer to: ``Span(kind="timeline", ref=<event id>)``."""

    name = "timeline"
    rules = SpanRules(rank=4, link=True, on_conflict="error")
    site_paths: ClassVar[dict[str, str]] = {"timeline": "the timeline page (timeline/)"}
    inline_template = "timeline.html.j2"

    def load(self, ctx: Context) -> None:
        events = load_events(ctx.root, ctx.project.articles, ctx.project.sources, ctx.problems)
        ctx.project.kinds[self.name] = events
        for event in events:
            ctx.project.targets[(self.name, event.id)] = Target(TIMELINE_PAGE, event.html_id, event.title)

    def schemas(self, options: SiteOptions) -> dict[str, tuple[Shape, bool]]:
        return {"timeline.schema.json": (EVENT, True)}

    def summary(self, project: Project) -> str | None:
        events = all_events(project)
        return f"{len(events)} events" if events else None

    def candidates(self, project: Project, article: Article) -> Iterable[Candidate]:
        for event in all_events(project):
            for mention in event.mentions:
                if mention.article_id == article.id and mention.start >= 0:
                    yield Candidate(mention.start, mention.end, self.name, event.id, mention.origin,
                                    f"the mention \"{mention.quote}\" of event \"{event.id}\"",
                                    {"event": event, "mention": mention})

    def placed(self, project: Project, article: Article, placed: list[Candidate]) -> None:
        for candidate in placed:
            candidate.data["mention"].placed = True

    def check(self, ctx: Context) -> None:
        """Figure references in descriptions and notes (``{{ figure … }}``), now that tables have loaded."""
        for event in all_events(ctx.project):
            mark_reading(event.origin.file)
            if "{{" in event.description_md:
                prose = resolve_figures(event.description_md, ctx.project, TIMELINE_PAGE, event.origin.file,
                                        event.description_line, ctx.problems, count_lines=False)
                event.description_md, event.description_html = prose.markdown, prose.html
            if "{{" in event.note_md:
                prose = resolve_figures(event.note_md, ctx.project, TIMELINE_PAGE, event.origin.file, event.note_line,
                                        ctx.problems, count_lines=False)
                event.note_md, event.note_html = prose.markdown, prose.html

    def citations(self, ctx: Context) -> Iterable[Citing]:
        for event in all_events(ctx.project):
            yield from citings(event.source_ids, self.name, event.id, event.title,
                               Origin(event.origin.file, event.sources_line))

    def preview_keys(self, span: Span) -> list[str]:
        return [preview_key(span.data["event"], span.data["mention"])]

    def pages(self, site: SiteRenderer) -> list[Page]:
        events = all_events(site.project)
        if not events:
            return []
        years = [(year, list(group)) for year, group in groupby(events, key=lambda e: e.year)]
        return [site.render(TIMELINE_PAGE, "timeline.md.j2", TIMELINE_FILE, title=site.messages("timeline.title"),
                            years=years, count=len(events), json_url=f"../{OPEN_DATA_FILE}")]

    def open_data(self, ctx: Context) -> dict[str, bytes]:
        events = all_events(ctx.project)
        if not events:
            return {}
        return {OPEN_DATA_FILE: json_file({
            "description": "Dated events the annotated articles refer to, in date order, each with its sources; "
                           "mentions are the articles' phrases that refer to an event (code-point offsets over the "
                           "article's canonical text), with the date an article gives when it is wrong (says).",
            "events": [_event_json(e, ctx.project, ctx.messages) for e in events]})}


def _event_json(event: Event, project: Project, t: Messages) -> dict[str, Any]:
    articles = {a.id: a for a in project.articles}
    return {
        "id": event.id, "date": event.date, "date_text": t.date(event.date), "title": event.title,
        "description": event.description_md, "description_html": event.description_html,
        "note": event.note_md or None, "note_html": event.note_html or None,
        "sources": [source_json(project.sources[s]) for s in event.source_ids if s in project.sources],
        "url": site_url(TIMELINE_PAGE, event.html_id),
        "mentions": [{"article": m.article_id, "url": site_url(article_page(m.article_id), m.html_id),
                      "start": m.start, "end": m.end, "text": articles[m.article_id].canonical[m.start:m.end],
                      "says": m.says} for m in event.mentions if m.placed],
    }
