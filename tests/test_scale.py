"""Pages that list places across articles stay small however many articles the site has: the
glossary and the sources page list at most three articles' places and count the rest (all of
them are in the open data). Sizes at 40 and 100 articles are measured by `make bench`."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from pizhu.build import Outputs, build_outputs
from pizhu.config import read_site_options
from pizhu.kinds.glossary.model import all_terms
from pizhu.kinds.glossary.pages import MAX_ARTICLES
from pizhu.kinds.notes.model import published_notes
from pizhu.render.site import MAX_CITING_ARTICLES
from support import REPO

ARTICLES = 5


def _benchmark_copies() -> object:
    """benchmarks/build.py's make_project: the real article copied N times."""
    spec = importlib.util.spec_from_file_location("bench_build", REPO / "benchmarks/build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_build", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    project = _benchmark_copies().make_project(tmp_path_factory.mktemp("scale") / "p", ARTICLES)  # type: ignore[attr-defined]
    options, problems = read_site_options(project)
    assert problems == []
    outputs = build_outputs(project, options)
    assert [p for p in outputs.problems if p.severity == "error"] == []
    return outputs


def page(outputs: Outputs, src_uri: str) -> str:
    return next(p.content for p in outputs.pages if p.src_uri == src_uri)


def test_a_build_times_its_stages_and_the_benchmark_reads_them(five: Outputs) -> None:
    # `mkdocs build --verbose` logs pizhu's seconds by stage; `make bench` prints them by size.
    seconds = five.stopwatch.seconds
    assert list(seconds) == ["load and check", "render pages", "open data and feeds", "check outputs and overrides"]
    assert all(value >= 0 for value in seconds.values())
    log = f"INFO - Building\nDEBUG - pizhu: seconds by stage: {five.stopwatch.summary()}\nINFO - Done\n"
    parsed = _benchmark_copies().parse_stages(log)  # type: ignore[attr-defined]
    assert parsed == {name: round(value, 2) for name, value in seconds.items()}


def test_the_glossary_lists_three_articles_per_term_and_counts_the_rest(five: Outputs) -> None:
    glossary = page(five, "glossary.md")
    entry = glossary[glossary.index("{ #term-xu-bing "):]
    entry = entry[:entry.index("\n### ")]
    places = re.search(r'<dd class="pz-term-places"[^>]*>(.*?)</dd>', entry, re.DOTALL)
    assert places
    linked = set(re.findall(r'href="\.\./([\w-]+)/#p-', places.group(1)))
    assert len(linked) == MAX_ARTICLES == 3
    assert f"另有{ARTICLES - MAX_ARTICLES}篇文章" in places.group(1)


def test_the_sources_page_lists_three_articles_notes_per_source_and_counts_the_rest(five: Outputs) -> None:
    sources = page(five, "sources.md")
    record = sources[sources.index('id="source-21jingji-2025-06-28"'):]
    record = record[:record.index("</section>")]
    articles = set(re.findall(r'href="\.\./([\w-]+)/#note-', record))
    assert len(articles) == MAX_CITING_ARTICLES == 3
    assert f"另有{ARTICLES - MAX_CITING_ARTICLES}篇文章的注释" in record
    assert 'href="../glossary/#term-' in record  # items on other pages are all listed


def test_the_real_site_lists_everything(five: Outputs) -> None:
    options, _ = read_site_options(REPO)
    real = page(build_outputs(REPO, options), "sources.md")
    assert "篇文章的注释" not in real


def test_each_article_gets_its_own_notes_and_term_links(five: Outputs) -> None:
    # Notes and term occurrences are looked up article by article (not by going through every
    # article's): each copy still gets its own 38 notes, numbered from 1, and the same links.
    project = five.project
    for article in project.articles:
        notes = published_notes(project, article.id)
        assert {n.article_id for n in notes} == {article.id}
        assert [n.number for n in notes] == list(range(1, 39))
    linked: dict[str, int] = {}
    for term in all_terms(project):
        ranges = {a.id: term.occurrences_by_article.get(a.id, range(0)) for a in project.articles}
        assert [i for r in ranges.values() for i in r] == list(range(len(term.occurrences)))
        for article_id, found in ranges.items():
            assert all(term.occurrences[i].article_id == article_id for i in found)
            linked[article_id] = linked.get(article_id, 0) + sum(term.occurrences[i].linked for i in found)
    # The original links one term fewer: its only 港元 lies in a figure of a data table (the
    # tables check their figures against the original alone, so copies have no figures).
    real = linked.pop("sensetime-xu-bing")
    assert set(linked.values()) == {real + 1} and real > 50, (real, linked)
