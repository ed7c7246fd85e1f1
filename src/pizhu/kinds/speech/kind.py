"""Attributed speech: each quoted passage of an article linked to who says it.

``data/speakers.yml`` lists the speakers (a name, what the article or the editors know of
them, sources) with the passages they speak, quoted exactly as anchors are. Each passage
becomes a ``speech`` span: not a link, so notes, terms and figures may sit inside it, followed
by a small marker naming the speaker that previews who they are. A speaker may name a glossary
entry (``term:``), which then lists every quote; speakers without one are listed after the
article. The quotes are published as ``speech.json``.

This kind is the proof that a kind is one folder and one registry line: it touches no core
module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ...core.anchoring import locate_quote
from ...core.articles import reported_already
from ...core.fields import SOURCE_REF_DOC, Field, Fields, Shape, check_duplicate, list_of_mappings, load_yaml_file
from ...core.markup import json_file
from ...core.model import Article, Origin, Project, Span, Target
from ...core.options import SiteOptions
from ...core.paths import project_files
from ...core.problems import Problem
from ...core.spans import Candidate, SpanRules
from ...core.urls import article_page, site_url
from ...render.site import PageView
from ..base import Context, SpanKind

SPEAKERS_FILE = "data/speakers.yml"
OPEN_DATA_FILE = "speech.json"
WAYS = ("direct", "reported")

QUOTE = Shape("quote", "A passage the speaker speaks, quoted exactly from the article.", (
    Field("quote", "text", "The exact words of the article (one place; within one paragraph).", required=True),
    Field("prefix", "text", "Text right before, when the passage occurs more than once."),
    Field("suffix", "text", "Text right after, when the passage occurs more than once."),
    Field("article", "id", "The article (the only one, by default)."),
    Field("way", "text", "direct (quoted words, the default) or reported (paraphrased speech).", choices=WAYS),
))
SPEAKER = Shape("speaker", "Somebody the article quotes, in data/speakers.yml.", (
    Field("id", "id", "Lowercase ASCII words joined by '-'.", required=True),
    Field("name", "text", "The name as the article gives it.", required=True),
    Field("description", "text", "Who they are, as far as known (say when it is not verified).", required=True),
    Field("term", "id", "Their glossary entry, which then lists every quote."),
    Field("sources", "sources", "What the description rests on: " + SOURCE_REF_DOC + ".", required=True),
    Field("quotes", "list", "The passages they speak.", required=True, shape=QUOTE),
))


@dataclass(slots=True)
class Quote:
    """One passage a speaker speaks."""

    quote: str
    origin: Origin
    article_id: str
    way: str
    start: int = -1
    end: int = -1
    number: int = 0
    """1-based among the speaker's quotes."""

    @property
    def html_id(self) -> str:
        return f"speech-{self.article_id}-{self.start}"


@dataclass(slots=True)
class Speaker:
    """Somebody the article quotes."""

    id: str
    name: str
    description: str
    origin: Origin
    source_ids: list[str]
    term: str | None = None
    quotes: list[Quote] = field(default_factory=list)


def all_speakers(project: Project) -> list[Speaker]:
    speakers: list[Speaker] = project.kinds.get("speech", [])
    return speakers


class SpeechKind(SpanKind):
    """Quoted passages: ``Span(kind="speech", ref=<speaker id>)``."""

    name = "speech"
    rules = SpanRules(rank=1, link=False, on_conflict="error")
    inline_template = "speech.html.j2"

    def load(self, ctx: Context) -> None:
        speakers: list[Speaker] = []
        if project_files(ctx.root, "data", "speakers.yml", ctx.problems):
            data = load_yaml_file(ctx.root, SPEAKERS_FILE, ctx.problems)
            seen: dict[str, Origin] = {}
            for item in list_of_mappings(data, SPEAKERS_FILE, "speaker", ctx.problems):
                speaker = _speaker(Fields(item, SPEAKERS_FILE, ctx.problems, SPEAKER), ctx)
                if speaker and check_duplicate(seen, speaker.id, speaker.origin, "speaker", ctx.problems):
                    speakers.append(speaker)
        ctx.project.kinds[self.name] = speakers

    def schemas(self, options: SiteOptions) -> dict[str, tuple[Shape, bool]]:
        return {"speakers.schema.json": (SPEAKER, True)}

    def summary(self, project: Project) -> str | None:
        return f"{len(all_speakers(project))} speakers"

    def candidates(self, project: Project, article: Article) -> Iterable[Candidate]:
        for speaker in all_speakers(project):
            for quote in speaker.quotes:
                if quote.article_id == article.id and quote.start >= 0:
                    yield Candidate(quote.start, quote.end, self.name, speaker.id, quote.origin,
                                    f"the quote of {speaker.name} \"{quote.quote[:12]}…\"",
                                    {"speaker": speaker, "quote": quote})

    def placed(self, project: Project, article: Article, placed: list[Candidate]) -> None:
        for candidate in placed:
            quote: Quote = candidate.data["quote"]
            project.targets[(self.name, quote.html_id)] = Target(article_page(article.id), quote.html_id,
                                                                 quote.quote)

    def check(self, ctx: Context) -> None:
        for speaker in all_speakers(ctx.project):
            if speaker.term is not None and ("term", speaker.term) not in ctx.project.targets \
                    and "term" not in ctx.project.broken:  # (a broken glossary is reported on its own)
                ctx.problems.append(Problem(speaker.origin.file, speaker.origin.line,
                                            f"speaker \"{speaker.id}\" names the glossary entry \"{speaker.term}\", "
                                            "which does not exist", "use a term id from data/glossary.yml, or "
                                            "leave `term` out"))

    def preview_keys(self, span: Span) -> list[str]:
        return [f"speaker-{span.ref}"]

    def attachments(self, view: PageView, target: tuple[str, str]) -> list[Markup]:
        macros = view.macros(self.inline_template)
        return [Markup(str(macros.quotes_entry(speaker))) for speaker in all_speakers(view.project)
                if ("term", speaker.term) == target and speaker.quotes]

    def article_sections(self, view: PageView, article: Article) -> list[Markup]:
        unlisted = [s for s in all_speakers(view.project) if s.term is None
                    and any(q.article_id == article.id for q in s.quotes)]
        return [Markup(str(view.macros(self.inline_template).speakers_section(unlisted)))] if unlisted else []

    def open_data(self, ctx: Context) -> dict[str, bytes]:
        speakers = all_speakers(ctx.project)
        if not speakers:
            return {}
        articles = {a.id: a for a in ctx.project.articles}
        return {OPEN_DATA_FILE: json_file({
            "description": "Who speaks each quoted passage of the articles (code-point offsets over the "
                           "article's canonical text).",
            "speakers": [_speaker_json(s, articles) for s in speakers]})}


def _speaker(f: Fields, ctx: Context) -> Speaker | None:
    count = len(f.problems)
    speaker_id, name = f.ident(), f.text("name", required=True)
    description = f.text("description", required=True)
    source_ids = f.source_ids("sources", ctx.project.sources, required=True)
    term = f.text("term")
    speaker = Speaker(speaker_id or "", name or "", description or "", Origin(f.file, f.data.line), source_ids, term)
    raw = f.data.get("quotes")
    if not isinstance(raw, list) or not raw:
        f.problem("quotes" if "quotes" in f.data else None, f"speaker \"{speaker_id}\" has no `quotes`",
                  "list the passages they speak: `quotes:` then `- quote: …`")
    for item in list_of_mappings(raw, f.file, "quote", f.problems) if isinstance(raw, list) else []:
        quote = _quote(Fields(item, f.file, f.problems, QUOTE), ctx)
        if quote is not None:
            speaker.quotes.append(quote)
            quote.number = len(speaker.quotes)
    return speaker if len(f.problems) == count else None


def _quote(f: Fields, ctx: Context) -> Quote | None:
    text = f.text("quote", required=True)
    chosen = f.text("article")
    ids = [a.id for a in ctx.project.articles]
    article = ctx.project.article(chosen) if chosen else (ctx.project.articles[0] if len(ids) == 1 else None)
    if article is None:
        if not reported_already(ctx.root, chosen, ids):
            f.problem("article" if chosen else None, f"unknown article \"{chosen}\"" if chosen else
                      "the quote names no `article`", f"use one of: {', '.join(ids) or 'none'}")
        return None
    if text is None:
        return None
    quote = Quote(text, Origin(f.file, f.data.line_of("quote")), article.id, f.choice("way", default="direct") or "direct")
    match = locate_quote(article, text, f.text("prefix", strip=False) or "", f.text("suffix", strip=False) or "", what="quote",
                         file=f.file, line=quote.origin.line, problems=f.problems)
    if match is None:
        return None
    quote.start, quote.end = match.start, match.end
    return quote


def _speaker_json(speaker: Speaker, articles: dict[str, Article]) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "description": speaker.description, "term": speaker.term,
            "sources": speaker.source_ids,
            "quotes": [{"article": q.article_id, "url": site_url(article_page(q.article_id), q.html_id),
                        "way": q.way, "start": q.start, "end": q.end,
                        "text": articles[q.article_id].canonical[q.start:q.end]} for q in speaker.quotes]}
