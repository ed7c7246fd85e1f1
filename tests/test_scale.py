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
from pizhu.kinds.glossary.pages import MAX_ARTICLES
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
