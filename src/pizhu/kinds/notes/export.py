"""The notes as W3C Web Annotations (``annotations.jsonld``, one file per annotation, the agents).

What an annotation client gets, following the Web Annotation Data Model:

- every id is an absolute IRI on the site's ``site_url``: the collection
  (``annotations.jsonld``), its one page (``annotations.jsonld#page-1``), each annotation
  (``annotations/<note id>.jsonld``, also published on its own, with its ``@context``), and each
  agent (``annotations/agents.jsonld#<id>``: the contributors and pizhu itself);
- the body is the note (HTML, with the note's kind as its ``purpose``), its verdict as a tag,
  and one ``linking`` body per cited source: that source's record on the sources page, which
  gives its address, archive copy and the excerpt relied on;
- the target's ``source`` is the published article page; its selectors quote the passage
  (``TextQuoteSelector``) and give its position in code points of the article's canonical text
  (``TextPositionSelector``), which is published too, as ``<article>/canonical.txt``;
- ``created`` and ``modified`` come from the note's ``published`` and ``updated`` dates, never
  from the build's clock, so the same data gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from ...core.i18n import Messages
from ...core.markup import absolute_links
from ...core.model import Article, Contributor, Project
from ...core.options import SiteOptions
from ...core.urls import SOURCES_PAGE, article_page, site_url
from ...core.version import VERSION
from .model import Note, published_notes

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {"context": "commenting", "fact-check": "assessing", "correction": "editing",
               "definition": "describing", "data": "commenting"}
SELECTOR_CONTEXT_CHARS = 32
OPEN_DATA_FILE = "annotations.jsonld"
AGENTS_FILE = "annotations/agents.jsonld"
RESERVED_NOTE_IDS = {"agents": f"the file of the annotations' authors ({AGENTS_FILE})"}
"""Note ids taken by other files beside each note's annotation (``annotations/<note id>.jsonld``)."""


def canonical_text_path(article: Article) -> str:
    """Where an article's canonical text is published: the text the selectors count in."""
    return f"{article.id}/canonical.txt"


def annotation_files(project: Project, options: SiteOptions, t: Messages) -> dict[str, dict[str, Any]]:
    """Every open-data document of the notes, by its path in the site."""
    articles = {a.id: a for a in project.articles}
    notes = published_notes(project)
    items = [annotation(n, articles[n.article_id], project, options) for n in notes]
    files: dict[str, dict[str, Any]] = {
        OPEN_DATA_FILE: {
            "@context": CONTEXT,
            "id": options.absolute(OPEN_DATA_FILE),
            "type": "AnnotationCollection",
            "label": t("annotations.label", site=options.site_name),
            "total": len(items),
            "first": {"id": options.absolute(OPEN_DATA_FILE) + "#page-1", "type": "AnnotationPage",
                      "startIndex": 0, "items": items},
            "last": options.absolute(OPEN_DATA_FILE) + "#page-1",
        },
        AGENTS_FILE: {
            "@context": CONTEXT,
            "@graph": [*(agent(c, options) for c in project.contributors.values()), generator(options)],
        },
    }
    for note, item in zip(notes, items, strict=True):
        files[annotation_path(note)] = {"@context": CONTEXT, **item}
    return files


def annotation_path(note: Note) -> str:
    return f"annotations/{note.id}.jsonld"


def agent(contributor: Contributor, options: SiteOptions) -> dict[str, Any]:
    """A contributor as a W3C agent (a team is an Organization)."""
    found: dict[str, Any] = {"id": options.absolute(AGENTS_FILE) + f"#{contributor.id}",
                             "type": "Organization" if contributor.kind == "organization" else "Person",
                             "name": contributor.name}
    if contributor.link:
        found["homepage"] = contributor.link
    return found


def generator(options: SiteOptions) -> dict[str, Any]:
    return {"id": options.absolute(AGENTS_FILE) + "#pizhu", "type": "Software", "name": f"pizhu {VERSION}"}


def w3c_datetime(date: str) -> str:
    """``2026-11-28`` -> ``2026-11-28T00:00:00Z`` (the model's xsd:dateTime)."""
    return f"{date}T00:00:00Z"


def annotation(note: Note, article: Article, project: Project, options: SiteOptions) -> dict[str, Any]:
    """One note as a W3C Web Annotation."""
    author = project.contributors[note.author_id]
    text = article.canonical
    prefix = text[max(0, note.start - SELECTOR_CONTEXT_CHARS):note.start]
    suffix = text[note.end:note.end + SELECTOR_CONTEXT_CHARS]
    page = options.absolute(site_url(article_page(article.id)))
    body: list[dict[str, Any]] = [{"type": "TextualBody", "value": absolute_links(note.body_html, page), "format": "text/html",
                                   "language": article.language, "purpose": MOTIVATIONS[note.kind]}]
    if note.verdict:
        body.append({"type": "TextualBody", "value": note.verdict, "purpose": "tagging"})
    body += [{"type": "SpecificResource", "purpose": "linking",
              "source": options.absolute(site_url(SOURCES_PAGE, f"source-{sid}"))} for sid in note.source_ids]
    found: dict[str, Any] = {
        "id": options.absolute(annotation_path(note)),
        "type": "Annotation",
        "motivation": MOTIVATIONS[note.kind],
        "creator": agent(author, options),
        "generator": generator(options),
        "body": body,
        "target": {
            "source": page,
            "selector": [
                {"type": "TextQuoteSelector", "exact": text[note.start:note.end], "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": note.start, "end": note.end},
            ],
        },
    }
    if note.published_on:
        found["created"] = w3c_datetime(note.published_on)
    if note.updated:
        found["modified"] = w3c_datetime(note.updated)
    return found
