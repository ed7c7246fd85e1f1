"""Byte budgets of a reader's first visit (issue 11), measured in Chromium against the built site
served with its precompressed files, as a static host that serves them would (benchmarks/serve.py).

Only bytes are asserted; speed is measured by the benchmarks (make bench, make lighthouse).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import serving

ARTICLE = "sensetime-xu-bing/"
COLD_LOAD_BUDGET = 400 * 1024
PAGE_BUDGET = 300 * 1024
INDEX = "search/search_index.json"
PREVIEWS = ARTICLE + "previews.json"


@pytest.fixture(scope="module")
def compressed_url(compressed_site: Path) -> Iterator[str]:
    with serving(compressed_site) as url:
        yield url


def first_visit(browser, url: str, width: int) -> tuple[dict[str, int], object, object]:  # type: ignore[no-untyped-def]
    """Open ``url`` in a fresh context; the encoded bytes of every response by address, and the page."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(urls.get(e["requestId"], "?"), e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    return sizes, page, context


@pytest.mark.parametrize("width", [1440, 375])
def test_a_cold_load_of_the_article_stays_in_budget_and_leaves_the_index_for_search(
        browser, compressed_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    sizes, page, context = first_visit(browser, compressed_url + ARTICLE, width)
    try:
        total = sum(sizes.values())
        assert total <= COLD_LOAD_BUDGET, f"{total:,} bytes: {sorted(sizes.items(), key=lambda kv: -kv[1])[:6]}"
        assert not [u for u in sizes if u.endswith(INDEX)], "the search index was fetched before the reader searched"
        assert not [u for u in sizes if u.endswith(PREVIEWS)], "the previews were fetched before the reader asked for one"
        assert sizes[compressed_url + ARTICLE] < 40 * 1024  # the page itself arrives compressed
        # Reaching for a term (the pointer over it, or focus) fetches them, once.
        with page.expect_response(lambda r: r.url.endswith(PREVIEWS)):
            page.locator("a.pz-term").first.focus()
        page.locator(".pz-popover").wait_for()
        # Going to search fetches it.
        with page.expect_response(lambda r: r.url.endswith(INDEX)):
            if width < 1220:
                page.locator("label[for='__search']").first.click()
            else:
                page.locator("input.md-search__input").click()
    finally:
        context.close()


def test_no_script_blocks_rendering(built_site: Path) -> None:
    for path in (built_site / ARTICLE / "index.html", built_site / "index.html", built_site / "glossary/index.html"):
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        blocking = [s for s in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head) if not re.search(r"\b(defer|async)\b", s)]
        assert blocking == [], (path, blocking)


def test_no_page_is_over_its_budget(built_site: Path) -> None:
    pages = {p.relative_to(built_site).as_posix(): p.stat().st_size for p in built_site.rglob("*.html")}
    assert len(pages) > 10
    assert {p: s for p, s in pages.items() if s > PAGE_BUDGET} == {}
