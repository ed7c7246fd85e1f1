"""Open data: W3C Web Annotation JSON-LD for the notes (more formats join as features land)."""

from __future__ import annotations

import json
from typing import Any

from .model import Article, Project
from .notes import Note

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {"context": "commenting", "fact-check": "assessing", "correction": "editing",
               "definition": "describing", "data": "commenting"}
SELECTOR_CONTEXT_CHARS = 32


def open_data(project: Project) -> dict[str, bytes]:
    """Every open-data file, by its path inside the built site."""
    from . import glossary, table_output

    return {"annotations.jsonld": _dump(annotation_collection(project)),
            **glossary.open_data(project), **table_output.open_data(project)}


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def annotation_collection(project: Project) -> dict[str, Any]:
    """An ``AnnotationCollection`` with one ``Annotation`` per published note.

    Selectors use code-point offsets over the article's canonical text (the seed with its
    citation markers removed, lines joined by ``\\n``).
    """
    articles = {a.id: a for a in project.articles}
    notes = sorted((n for n in project.notes if n.published), key=lambda n: (n.article_id, n.number))
    items = [annotation(n, articles[n.article_id], project) for n in notes]
    return {
        "@context": CONTEXT,
        "id": "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "批注: editorial notes",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotation(note: Note, article: Article, project: Project) -> dict[str, Any]:
    """One note as a W3C Web Annotation."""
    author = project.contributors[note.author_id]
    text = article.canonical
    prefix = text[max(0, note.start - SELECTOR_CONTEXT_CHARS):note.start]
    suffix = text[note.end:note.end + SELECTOR_CONTEXT_CHARS]
    body: list[dict[str, Any]] = [{"type": "TextualBody", "value": note.body_html, "format": "text/html",
                                   "language": "zh-Hans", "purpose": MOTIVATIONS[note.kind]}]
    if note.verdict:
        body.append({"type": "TextualBody", "value": note.verdict, "purpose": "tagging"})
    body += [{"type": "TextualBody", "value": f"source:{sid}", "purpose": "tagging"} for sid in note.source_ids]
    return {
        "id": f"{article.id}/#{note.html_id}",
        "type": "Annotation",
        "motivation": MOTIVATIONS[note.kind],
        "creator": {"id": f"contributors#{author.id}", "type": "Person", "name": author.name},
        "body": body,
        "target": {
            "source": article.seed_file,
            "selector": [
                {"type": "TextQuoteSelector", "exact": text[note.start:note.end], "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": note.start, "end": note.end},
            ],
        },
    }
