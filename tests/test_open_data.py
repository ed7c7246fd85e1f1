"""Open data that machines read: ClaimReview JSON-LD (read by extruct), W3C Web Annotations
(checked against the Data Model's MUST and SHOULD assertions, see wadm.py), and the Atom and
JSON feeds (read by feedparser)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import extruct
import feedparser
import pytest

import wadm
from htmltext import document, page_ids
from pizhu.core.i18n import Messages
from pizhu.kinds.notes.claimreview import SCALE
from pizhu.kinds.notes.model import Note
from pizhu.pipeline import load_project
from support import REPO, mkdocs_build, notes_of

SITE_URL = "https://pizhu.example.org/"
ARTICLE = "sensetime-xu-bing"
T = Messages.for_language("zh-Hans")


@pytest.fixture(scope="module")
def published() -> list[Note]:
    project, _ = load_project(REPO)
    return [n for n in notes_of(project) if n.published]


def site_path(built_site: Path, url: str) -> tuple[Path, str]:
    """The built file an absolute address on the site is served from, and its fragment."""
    assert url.startswith(SITE_URL), url
    parts = urlsplit(url)
    path = built_site / parts.path.lstrip("/")
    return (path / "index.html" if parts.path.endswith("/") else path), parts.fragment


def has_id(page: Path, fragment: str) -> bool:
    return fragment in page_ids(page.read_text(encoding="utf-8"))


# ---- ClaimReview ------------------------------------------------------------------------


def claim_reviews(built_site: Path) -> list[dict[str, Any]]:
    page = built_site / ARTICLE / "index.html"
    data = extruct.extract(page.read_text(encoding="utf-8"), base_url=SITE_URL + f"{ARTICLE}/",
                           syntaxes=["json-ld"], uniform=True)
    found = []
    for item in data["json-ld"]:
        found += item if isinstance(item, list) else item.get("@graph", [item])
    return [item for item in found if item.get("@type") == "ClaimReview"]


def test_every_published_fact_check_and_correction_is_one_claim_review(built_site: Path, published: list[Note]) -> None:
    reviews = claim_reviews(built_site)
    reviewed = [n for n in published if n.kind in ("fact-check", "correction")]
    assert len(reviews) == len(reviewed) >= 20
    by_url = {r["url"]: r for r in reviews}
    page = built_site / ARTICLE / "index.html"
    for note in reviewed:
        review = by_url.pop(f"{SITE_URL}{ARTICLE}/#note-{note.id}")
        assert has_id(page, f"note-{note.id}")
        assert review["claimReviewed"] == note.anchor
        assert review["datePublished"] == note.published_on
        assert review.get("dateModified") == note.updated
        assert review["author"]["@type"] == "Organization" and review["author"]["name"] == "批注编辑组"
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["appearance"]["@type"] == "NewsArticle"
        assert claim["appearance"]["headline"] == "商汤联合创始人徐冰卸任，转向AI芯片业务"
        # The article's date is inferred from a repost (date_note) and its publisher unknown: left out.
        assert "datePublished" not in claim["appearance"] and "publisher" not in claim["appearance"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        if note.kind == "correction":
            assert rating["alternateName"] == T("note.kind.correction")
        else:
            assert note.verdict is not None
            assert rating["alternateName"] == T(f"note.verdict.{note.verdict}")
            if note.verdict in SCALE:
                assert (rating["ratingValue"], rating["worstRating"], rating["bestRating"]) == (SCALE[note.verdict], 1, 3)
            else:
                assert "ratingValue" not in rating
    assert not by_url


def test_context_notes_and_definitions_give_no_claim_review(built_site: Path, published: list[Note]) -> None:
    urls = {r["url"] for r in claim_reviews(built_site)}
    others = [n for n in published if n.kind not in ("fact-check", "correction")]
    assert others
    assert not {f"{SITE_URL}{ARTICLE}/#note-{n.id}" for n in others} & urls
    assert {r["reviewRating"]["alternateName"] for r in claim_reviews(built_site)} >= {"属实", "有误导", "错误"}


def test_the_json_ld_cannot_be_closed_by_contributor_text(base_project: Path, tmp_path: Path) -> None:
    contributors = base_project / "data" / "contributors.yml"
    hostile = '</script><script>alert(1)</script> & <!--'
    contributors.write_text(contributors.read_text(encoding="utf-8").replace("name: 演示编辑", f"name: '{hostile}'"),
                            encoding="utf-8")
    result = mkdocs_build(base_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(scripts) == 1 and "<" not in scripts[0]
    [review] = json.loads(scripts[0])["@graph"]
    assert review["author"]["name"] == hostile


# ---- W3C Web Annotations ------------------------------------------------------------------


def test_the_assertions_fail_the_export_they_were_written_against() -> None:
    # The export as it was: relative ids, a repository path as target, no page id, no created.
    old = {"@context": wadm.ANNO_CONTEXT, "id": "sensetime-xu-bing/#note-x", "type": "Annotation",
           "motivation": "commenting", "creator": {"id": "contributors#pizhu-editors", "name": "x"},
           "body": {"type": "TextualBody", "value": "x"}, "target": {"source": "seeds/sensetime-xu-bing.txt"}}
    assert "3.1 id is a single IRI" in wadm.failures(old, wadm.ANNOTATION_MUST)
    assert "3.2 every target is an IRI or a resource of the model" in wadm.failures(old, wadm.ANNOTATION_MUST)
    assert {"3.3.1 has created", "3.3.2 every creator has an IRI id", "3.3.1 has a generator"} <= set(
        wadm.failures(old, wadm.ANNOTATION_SHOULD))
    assert "5.2 id is a single IRI" in wadm.failures({"type": "AnnotationPage", "items": []}, wadm.PAGE_MUST)


def test_the_annotations_conform_to_the_data_model(built_site: Path, published: list[Note]) -> None:
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert wadm.failures(collection, wadm.COLLECTION_MUST) == []
    assert collection["id"] == f"{SITE_URL}annotations.jsonld"
    page = collection["first"]
    assert wadm.failures(page, wadm.PAGE_MUST) == []
    assert collection["last"] == page["id"]
    items = page["items"]
    assert collection["total"] == len(items) == len(published)
    for embedded in items:
        item = {"@context": collection["@context"], **embedded}  # an embedded item is in its collection's context
        assert wadm.failures(item, wadm.ANNOTATION_MUST) == [], list(wadm.resource_problems(item))
        assert wadm.failures(item, wadm.ANNOTATION_SHOULD) == [], item["id"]


def test_every_annotation_is_published_at_its_own_id(built_site: Path, published: list[Note]) -> None:
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    dates = {f"{SITE_URL}annotations/{n.id}.jsonld": n for n in published}
    for item in collection["first"]["items"]:
        path, _ = site_path(built_site, item["id"])
        alone = json.loads(path.read_text(encoding="utf-8"))
        assert alone == {"@context": wadm.ANNO_CONTEXT, **item}
        assert wadm.failures(alone, wadm.ANNOTATION_MUST) == []
        note = dates[item["id"]]
        assert item["created"] == f"{note.published_on}T00:00:00Z"
        assert item.get("modified") == (f"{note.updated}T00:00:00Z" if note.updated else None)
        assert item["generator"]["name"].startswith("pizhu ")
        # The target is the published article page; the creator's id resolves to the agents file.
        assert item["target"]["source"] == f"{SITE_URL}{ARTICLE}/"
        agents_path, agent_id = site_path(built_site, item["creator"]["id"])
        agents = json.loads(agents_path.read_text(encoding="utf-8"))["@graph"]
        assert any(a["id"] == item["creator"]["id"] for a in agents) and agent_id


def test_position_selectors_count_in_the_published_canonical_text(built_site: Path) -> None:
    canonical = (built_site / ARTICLE / "canonical.txt").read_text(encoding="utf-8")
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    for item in collection["first"]["items"]:
        quote, position = item["target"]["selector"]
        assert canonical[position["start"]:position["end"]] == quote["exact"]


# ---- feeds --------------------------------------------------------------------------------


def test_every_page_links_both_feeds_for_autodiscovery(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = {str(link.get("type")): str(link.get("href"))
                 for link in document(html).xpath('//head/link[@rel="alternate"][@type]')}
        assert set(links) == {"application/atom+xml", "application/feed+json"}, page
        for href in links.values():
            if page.name == "404.html":  # served at any address, so it links from the site's root
                assert href.startswith("/")
                assert (built_site / href.removeprefix("/")).is_file()
            else:
                assert (page.parent / href).resolve().is_file(), (page, href)


@pytest.fixture(scope="module")
def corrections() -> list[dict[str, Any]]:
    project, _ = load_project(REPO)
    return [{"id": c.id, "date": c.date} for c in project.kinds["correction"].corrections]


def test_the_atom_feed_lists_every_published_note_and_correction_newest_first(
        built_site: Path, published: list[Note], corrections: list[dict[str, Any]]) -> None:
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == "zh-Hans"
    entries = feed.entries
    assert len(entries) == len(published) + len(corrections) and corrections
    notes = {f"{SITE_URL}{ARTICLE}/#note-{n.id}": n for n in published}
    fixes = {f"{SITE_URL}methodology/#correction-{c['id']}": c for c in corrections}
    latest = [e.updated_parsed for e in entries]
    assert latest == sorted(latest, reverse=True)
    for entry in entries:
        assert entry.link == entry.id
        page, fragment = site_path(built_site, entry.link)
        assert has_id(page, fragment)
        if entry.id in fixes:
            fix = fixes.pop(entry.id)
            year, month, day = (int(part) for part in fix["date"].split("-"))
            assert entry.published.startswith(fix["date"]) and entry.title.startswith(f"更正记录（{year}年{month}月{day}日）")
            assert {t.term for t in entry.tags} == {"更正"} and "原因" in entry.content[0].value
            continue
        note = notes.pop(entry.id)
        assert entry.published.startswith(str(note.published_on))
        assert entry.updated.startswith(str(note.updated or note.published_on))
        assert entry.author == "批注编辑组"
        assert {t.term for t in entry.tags} >= {T(f"note.kind.{note.kind}")}
        if note.verdict:
            assert T(f"note.verdict.{note.verdict}") in {t.term for t in entry.tags}
        assert note.anchor in entry.content[0].value
    assert not notes and not fixes
    assert feed.feed.author == "批注 · pizhu"  # the site: the author of the corrections


def test_the_feeds_hold_the_newest_entries_the_site_asks_for() -> None:
    # Feed readers fetch the whole file each time: a site of many articles keeps its feeds to
    # the newest `feed_entries` (100 by default; every note stays in annotations.jsonld). The
    # option read from mkdocs.yml: tests/fixtures/problems/feed-entries-zero.
    from dataclasses import replace

    from pizhu.build import build_outputs
    from pizhu.config import read_site_options

    options, problems = read_site_options(REPO)
    assert problems == [] and options.feed_entries == 100

    def feeds(limit: int) -> tuple[list[str], list[str]]:
        files = build_outputs(REPO, replace(options, feed_entries=limit)).files
        atom = [e.id for e in feedparser.parse(files["feed.xml"]).entries]
        return atom, [item["id"] for item in json.loads(files["feed.json"])["items"]]

    every, _ = feeds(100)
    assert 5 < len(every) < 100
    assert feeds(5) == (every[:5], every[:5])


def test_the_json_feed_matches_the_atom_feed(built_site: Path, published: list[Note]) -> None:
    feed = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == f"{SITE_URL}feed.json" and feed["home_page_url"] == SITE_URL
    assert feed["authors"] == [{"name": "批注 · pizhu", "url": SITE_URL}]
    atom = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert [i["id"] for i in feed["items"]] == [e.id for e in atom.entries]
    by_id = {f"{SITE_URL}{ARTICLE}/#note-{n.id}": n for n in published}
    for item in feed["items"]:
        assert item["url"] == item["id"] and item["content_html"]
        note = by_id.get(item["id"])
        if note is None:
            assert "/methodology/#correction-" in item["id"] and "authors" not in item
            continue
        assert item["date_published"] == f"{note.published_on}T00:00:00Z"
        assert item["date_modified"] == f"{note.updated or note.published_on}T00:00:00Z"
        assert item["authors"] == [{"name": "批注编辑组"}]
        assert item["summary"].startswith(f"“{note.anchor}”")


def test_feeds_and_annotations_are_the_same_bytes_on_every_build(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = mkdocs_build(REPO, again)
    assert result.returncode == 0, result.stderr
    files = ["feed.xml", "feed.json", "annotations.jsonld", "annotations/agents.jsonld", f"{ARTICLE}/canonical.txt"]
    for rel in files:
        assert (again / rel).read_bytes() == (built_site / rel).read_bytes(), rel


def test_a_published_note_without_a_date_is_an_error(base_project: Path) -> None:
    from pizhu.build import build_outputs

    note = base_project / "data" / "notes" / "demo" / "growth.md"
    note.write_text(note.read_text(encoding="utf-8").replace("published: 2025-01-03\n", ""), encoding="utf-8")
    problems = build_outputs(base_project).problems
    [problem] = [p for p in problems if "published" in p.message]
    assert problem.file == "data/notes/demo/growth.md" and problem.line == 6
    assert "`published: YYYY-MM-DD`" in problem.hint


def test_a_site_without_site_url_is_warned_that_it_has_no_feeds(base_project: Path) -> None:
    from pizhu.build import build_outputs
    from pizhu.config import read_site_options

    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://fixture.invalid/\n", ""),
                      encoding="utf-8")
    options, _ = read_site_options(base_project)
    outputs = build_outputs(base_project, options)
    assert "feed.xml" not in outputs.files
    [warning] = [p for p in outputs.problems if "site_url" in p.message]
    assert warning.severity == "warning" and warning.file == "mkdocs.yml"


def test_links_inside_feeds_and_annotations_are_absolute_and_resolve(built_site: Path) -> None:
    # Note bodies link to table rows relative to the article page; read elsewhere, they must not.
    texts = [item["content_html"] for item in json.loads((built_site / "feed.json").read_text(encoding="utf-8"))["items"]]
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    texts += [body["value"] for item in collection["first"]["items"] for body in item["body"] if "value" in body]
    hrefs = {href for text in texts for href in re.findall(r'href="([^"]+)"', text)}
    assert any("#row-" in href for href in hrefs)
    for href in hrefs:
        if href.startswith(SITE_URL):
            page, fragment = site_path(built_site, href)
            assert page.is_file() and (not fragment or has_id(page, fragment)), href
        else:
            assert urlsplit(href).scheme == "https", href
