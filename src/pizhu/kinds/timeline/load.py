"""Reading ``data/timeline.yml``: events, their sources and the article's phrases that refer to them."""

from __future__ import annotations

from pathlib import Path

from ...core.anchoring import locate_quote
from ...core.articles import reported_already
from ...core.fields import SOURCE_REF_DOC, Field, Fields, Shape, check_duplicate, list_of_mappings, load_yaml_file
from ...core.markup import render_markdown
from ...core.model import Article, Origin, Registry, Source
from ...core.paths import project_files
from ...core.problems import Problem
from ...core.yamlio import LineList
from .model import TIMELINE_FILE, Event, Mention

MENTION = Shape("mention", "A dated phrase of the article that refers to the event (it becomes a link to it).", (
    Field("quote", "text", "The article's words, exactly (one place in the article, within a paragraph).",
          required=True),
    Field("prefix", "text", "Text right before the quote, when it occurs more than once."),
    Field("suffix", "text", "Text right after the quote, when it occurs more than once."),
    Field("article", "id", "The article (the only one, by default)."),
    Field("says", "date", "Only when the article dates the event wrongly: the date it gives (YYYY, YYYY-MM or "
          "YYYY-MM-DD); readers see it against the real one."),
))
EVENT = Shape("event", "A dated event of data/timeline.yml.", (
    Field("id", "id", "Lowercase ASCII words joined by '-'; the event's permalink is #event-<id>.", required=True),
    Field("date", "date", "When it happened: YYYY-MM-DD, YYYY-MM or YYYY, only as precise as the sources.",
          required=True),
    Field("title", "text", "What happened, in a short line.", required=True),
    Field("description", "markdown", "What happened, with figures and who reported it (Markdown)."),
    Field("sources", "sources", "What the event rests on: " + SOURCE_REF_DOC + ".", required=True),
    Field("note", "markdown", "Reservations: uncertain dates, sources that disagree (Markdown)."),
    Field("mentions", "list", "The article's dated phrases that refer to the event.", shape=MENTION),
))


def load_events(root: Path, articles: list[Article], sources: Registry[Source], problems: list[Problem]) -> list[Event]:
    """Every event of ``data/timeline.yml`` that loads, in date order (no file, no events)."""
    if not project_files(root, "data", "timeline.yml", problems):
        return []
    data = load_yaml_file(root, TIMELINE_FILE, problems)
    events: list[Event] = []
    seen: dict[str, Origin] = {}
    for item in list_of_mappings(data, TIMELINE_FILE, "event", problems):
        event = _event(Fields(item, TIMELINE_FILE, problems, EVENT), articles, sources, root)
        if event and check_duplicate(seen, event.id, event.origin, "event", problems):
            events.append(event)
    return sorted(events, key=lambda e: e.date)  # ISO dates sort as text; "2024-12" before "2024-12-05"


def _event(f: Fields, articles: list[Article], sources: Registry[Source], root: Path) -> Event | None:
    event_id, date, title = f.ident(), f.date(), f.text("title", required=True)
    if date is None and "date" not in f.data:
        f.problem(None, "event has no `date`", "add `date:` (YYYY-MM-DD, YYYY-MM or YYYY, as precise as the sources)")
    description, note = f.text("description") or "", f.text("note") or ""
    source_ids = f.source_ids("sources", sources, required=True)
    if event_id is None or date is None or title is None:
        return None
    event = Event(event_id, Origin(f.file, f.data.line), date, title, description, render_markdown(description), note,
                  render_markdown(note), source_ids, f.data.line_of("sources") if "sources" in f.data else None,
                  f.data.line_of("description") if description else None, f.data.line_of("note") if note else None)
    raw = f.data.get("mentions")
    if raw is not None and not isinstance(raw, LineList):
        f.problem("mentions", "`mentions` must be a list", "write `mentions:` then `- quote: …` for each phrase")
    for item in list_of_mappings(raw, f.file, "mention", f.problems) if isinstance(raw, LineList) else []:
        mention = _mention(Fields(item, f.file, f.problems, MENTION), event, articles, root)
        if mention is not None:
            event.mentions.append(mention)
    return event


def _mention(f: Fields, event: Event, articles: list[Article], root: Path) -> Mention | None:
    quote, chosen, says = f.text("quote", required=True), f.text("article"), f.date("says")
    ids = [a.id for a in articles]
    article = next((a for a in articles if a.id == chosen), None) if chosen else (articles[0] if len(ids) == 1 else None)
    if article is None:
        if not reported_already(root, chosen, ids):
            f.problem("article" if chosen else None, f"unknown article \"{chosen}\"" if chosen else
                      "the mention names no `article`", f"use one of: {', '.join(ids) or 'none'}")
        return None
    if says is not None and _same_date(says, event.date):
        f.problem("says", f"the article's date {says} agrees with the event's {event.date}",
                  "`says` is only for a wrong date: remove it")
        says = None
    if quote is None:
        return None
    mention = Mention(quote, Origin(f.file, f.data.line_of("quote")), article.id, len(event.mentions) + 1, event.id, says)
    match = locate_quote(article, quote, f.text("prefix", strip=False) or "", f.text("suffix", strip=False) or "", what="mention",
                         file=f.file, line=mention.origin.line, problems=f.problems)
    if match is None:
        return None
    mention.start, mention.end = match.start, match.end
    return mention


def _same_date(said: str, date: str) -> bool:
    """The two dates agree as far as both go ("2025-04" and "2025-04-10" do)."""
    common = min(len(said), len(date))
    return said[:common] == date[:common]
