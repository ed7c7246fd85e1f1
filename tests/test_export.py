"""Open data: the notes as a W3C Web Annotation collection whose selectors re-resolve."""

from __future__ import annotations

import json
from pathlib import Path

from pizhu.core.anchoring import find_quote
from pizhu.pipeline import load_project
from support import REPO, notes_of


def test_annotations_jsonld_selectors_resolve_to_the_same_span(built_site: Path) -> None:
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    project, _ = load_project(REPO)
    canonical = project.articles[0].canonical
    published = [n for n in notes_of(project) if n.published]

    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == len(published) >= 25
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] and item["creator"]["name"]
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert canonical[position["start"]:position["end"]] == quote["exact"]
        matches = find_quote(canonical, quote["exact"], quote["prefix"], quote["suffix"])
        assert [(m.start, m.end) for m in matches] == [(position["start"], position["end"])]
        assert item["body"][0]["type"] == "TextualBody" and item["body"][0]["value"]
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)
