"""Search with ``search_engine: pagefind`` in Chromium: what a reader's browser fetches, and when.

The real site built with Pagefind under a sub-path (the ``pagefind_site`` fixture). Recall is
tested with the search-quality suite (test_search_quality.py runs every query on both engines);
byte budgets at 100 articles are benchmarks (benchmarks/search/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import PAGEFIND_BASE

ARTICLE = "sensetime-xu-bing/"


def requests_of(page) -> list[str]:  # type: ignore[no-untyped-def]
    found: list[str] = []
    page.on("request", lambda request: found.append(request.url))
    return found


def first_search(page, url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill(query)
    page.locator("input.md-search__input").press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)


def test_material_index_is_a_stub(pagefind_site: Path) -> None:
    for edition in ("", "zh-hant/"):
        index = pagefind_site / PAGEFIND_BASE / edition / "search/search_index.json"
        assert index.stat().st_size < 1024, index.read_text(encoding="utf-8")[:300]
        assert (pagefind_site / PAGEFIND_BASE / edition / "pagefind/pagefind.js").stat().st_size > 0


def test_a_cold_load_fetches_nothing_of_pagefind(browser_page, pagefind_url: str) -> None:  # type: ignore[no-untyped-def]
    requests = requests_of(browser_page)
    browser_page.goto(pagefind_url + ARTICLE, wait_until="networkidle")
    browser_page.wait_for_timeout(300)
    assert requests, "nothing was requested"
    assert [u for u in requests if "/pagefind/" in u] == []
    assert [u for u in requests if not u.startswith(pagefind_url) and not u.startswith(("data:", "blob:"))] == []


@pytest.mark.parametrize("edition", ["", "zh-hant/"])
def test_the_first_query_fetches_only_the_editions_own_files(browser_page, pagefind_url: str,  # type: ignore[no-untyped-def]
                                                            edition: str) -> None:
    base = pagefind_url + edition
    browser_page.goto(base + ARTICLE, wait_until="networkidle")
    requests = requests_of(browser_page)
    first_search(browser_page, base, "商汤科技")
    browser_page.wait_for_timeout(300)
    outside = [u for u in requests if not u.startswith(pagefind_url) and not u.startswith(("data:", "blob:"))]
    assert outside == [], "search made requests outside the site"
    pagefind = [u for u in requests if "/pagefind/" in u]
    assert base + "pagefind/pagefind.js" in pagefind and base + "pagefind/pizhu-words.json" in pagefind, pagefind
    assert all(u.startswith(base + "pagefind/") for u in pagefind), pagefind  # the edition's own index
    links = browser_page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert any(u.startswith(base + "glossary/") and u.endswith("#term-sensetime") for u in links), links
