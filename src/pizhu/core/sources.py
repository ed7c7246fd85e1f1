"""Sources and contributors: the ids every kind of annotation refers to.

``data/sources.yml`` plus every ``data/sources/*.yml`` form one id space (split by topic so
that pull requests rarely touch the same file); ``data/contributors.yml`` names who writes
and who reviews.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .fields import Field, Fields, Shape, check_duplicate, list_of_mappings, load_yaml_file
from .markup import render_markdown
from .model import Citing, Contributor, Origin, Registry, Source
from .paths import project_files
from .problems import Problem

VIA = Shape("via", "Where the source was read, when that is a repost.", (
    Field("publisher", "text", "The site the repost was read on."),
    Field("url", "url", "The repost's address, only if you saw it."),
))
SOURCE = Shape("source", "A source: one of the article's own numbered sources, or one the editors cite.", (
    Field("id", "id", "Unique across all source files: lowercase ASCII words joined by '-' "
          "(xinkuaibao-2025-03-26); quoted digits (\"1\") for the article's own numbered sources.", required=True),
    Field("publisher", "text", "The original outlet (required unless `identified: false`)."),
    Field("title", "text", "The headline as published; leave it out if unknown."),
    Field("author", "text", "Who wrote it, when known."),
    Field("date", "date", "Publication date: YYYY-MM-DD, YYYY-MM or YYYY; leave it out if unknown."),
    Field("url", "url", "The original's address, only one you have actually seen."),
    Field("via", "mapping", "Where it was read, when not at the original.", shape=VIA),
    Field("language", "text", "Language tag of the source (zh-Hans, zh-Hant, en)."),
    Field("note", "markdown", "The editors' remark: how it was read, how reliable it is."),
    Field("identified", "boolean", "false for an article marker whose source nobody has identified."),
    Field("guess", "markdown", "A labelled guess at an unidentified source."),
    Field("accessed", "full-date", "When the editors last read it (YYYY-MM-DD)."),
    Field("archive", "url", "A web-archive copy, only one that exists."),
))
CONTRIBUTOR = Shape("contributor", "Somebody (or a team) who writes or reviews notes.", (
    Field("id", "id", "Lowercase ASCII words joined by '-' (pizhu-editors).", required=True),
    Field("name", "text", "The name readers see.", required=True),
    Field("role", "text", "What they do (编辑与事实核查).", required=True),
    Field("link", "url", "A page about them."),
    Field("kind", "text", "person (the default) or organization (a team or desk).", choices=("person", "organization")),
))


def load_sources(root: Path, problems: list[Problem]) -> Registry[Source]:
    """``data/sources.yml`` plus every ``data/sources/*.yml``: one id space."""
    files = [p.relative_to(root).as_posix() for p in project_files(root, "data", "sources.yml", problems)]
    files += [p.relative_to(root).as_posix() for p in project_files(root, "data/sources", "*.yml", problems)]
    if not files:
        problems.append(Problem("data/sources.yml", None, "no sources file",
                                "create data/sources.yml with the article's sources (ids \"1\", \"2\" …)"))
    sources: Registry[Source] = Registry()
    seen: dict[str, Origin] = {}
    for rel in files:
        data = load_yaml_file(root, rel, problems)
        sources.complete &= data is not None
        for item in list_of_mappings(data, rel, "source", problems):
            source = _source(Fields(item, rel, problems, SOURCE))
            if source and check_duplicate(seen, source.id, source.origin, "source", problems):
                sources[source.id] = source
    return sources


def _source(f: Fields) -> Source | None:
    source_id = f.ident()
    identified = f.boolean("identified", True)
    publisher = f.text("publisher", required=identified)
    via = f.sub("via", VIA)
    source = Source(
        id=source_id or "", origin=Origin(f.file, f.data.line), publisher=publisher, title=f.text("title"),
        author=f.text("author"), date=f.date(), url=f.url("url"),
        via_publisher=via.text("publisher") if via else None, via_url=via.url("url") if via else None,
        language=f.text("language"), note_html=render_markdown(f.text("note") or ""), identified=identified,
        guess_html=render_markdown(f.text("guess") or ""), accessed=f.date("accessed", full=True),
        archive=f.url("archive"))
    return source if source_id else None  # (every field is read first: a bad id hides no other problem)


def load_contributors(root: Path, problems: list[Problem]) -> Registry[Contributor]:
    """``data/contributors.yml`` (optional until notes need it)."""
    rel = "data/contributors.yml"
    if not project_files(root, "data", "contributors.yml", problems):
        return Registry()
    contributors: Registry[Contributor] = Registry()
    seen: dict[str, Origin] = {}
    data = load_yaml_file(root, rel, problems)
    contributors.complete = data is not None
    for item in list_of_mappings(data, rel, "contributor", problems):
        f = Fields(item, rel, problems, CONTRIBUTOR)
        cid, name, role = f.ident(), f.text("name", required=True), f.text("role", required=True)
        link, kind = f.url("link"), f.choice("kind", default="person") or "person"
        if cid and name and role and check_duplicate(seen, cid, Origin(rel, item.line), "contributor", problems):
            contributors[cid] = Contributor(cid, name, role, Origin(rel, item.line), link, kind)
    return contributors


def source_json(source: Source) -> dict[str, Any]:
    """A source as open data: the fields that are known."""
    fields = {"id": source.id, "publisher": source.publisher, "title": source.title, "date": source.date,
              "url": source.url}
    return {k: v for k, v in fields.items() if v is not None}


def excerpt_of(source_id: str) -> str | None:
    """The exact words a citation relies on (``{id: …, excerpt: "…"}``), if it gave them."""
    return getattr(source_id, "excerpt", None)


def citings(source_ids: list[str], kind: str, item: str, label: str, origin: Origin) -> list[Citing]:
    """One :class:`~pizhu.core.model.Citing` per cited source of the item ``(kind, item)``."""
    return [Citing(str(s), excerpt_of(s), kind, item, label, origin) for s in source_ids]


def known_contributor(f: Fields, key: str, contributors: Registry[Contributor], *, what: str) -> str | None:
    """A contributor id from ``key``; unknown ids are a problem (unless the contributors file is broken)."""
    value = f.text(key)
    if value is not None and value not in contributors and contributors.complete:
        f.problem(key, f"unknown {what} \"{value}\"",
                  f"use an id from data/contributors.yml ({', '.join(contributors) or 'none yet'})"
                  + (" or add yourself there" if what == "author" else ""))
    return value
