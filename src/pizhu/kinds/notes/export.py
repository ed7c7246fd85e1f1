"""The notes as open data: a W3C Web Annotation collection (``annotations.jsonld``)."""

from __future__ import annotations

from typing import Any

from ...core.model import Article, Project
from .model import Note, published_notes

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {"context": "commenting", "fact-check": "assessing", "correction": "editing",
               "definition": "describing", "data": "commenting"}
SELECTOR_CONTEXT_CHARS = 32
OPEN_DATA_FILE = "annotations.jsonld"


def annotation_collection(project: Project) -> dict[str, Any]:
    """An ``AnnotationCollection`` with one ``Annotation`` per published note.

    Selectors use code-point offsets over the article's canonical text (the seed with its
    citation markers removed, lines joined by ``\\n``).
    """
    articles = {a.id: a for a in project.articles}
    items = [annotation(n, articles[n.article_id], project) for n in published_notes(project)]
    return {
        "@context": CONTEXT,
        "id": OPEN_DATA_FILE,
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
                                   "language": article.language, "purpose": MOTIVATIONS[note.kind]}]
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
