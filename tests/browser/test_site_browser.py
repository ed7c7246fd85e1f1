"""The built site in a real browser: no external requests, search, citation marks."""

from __future__ import annotations

from pathlib import Path

from support import outside_requests

ARTICLE = "sensetime-xu-bing/"


def test_no_request_leaves_the_site(built_site: Path, site_url: str, browser_page) -> None:
    # The Traditional edition (zh-hant/) is sampled in test_zh_hant_browser.py.
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if "zh-hant" not in p.parts)
    outside = outside_requests(browser_page, site_url)
    for rel in pages:
        browser_page.goto(site_url + rel, wait_until="networkidle")
    assert len(pages) >= 5
    assert outside == []


def test_search_for_xu_bing_lists_the_article(site_url: str, browser_page) -> None:
    browser_page.goto(site_url, wait_until="networkidle")
    browser_page.locator("label.md-search__icon, .md-search__input").first.click()
    browser_page.keyboard.type("徐冰")
    # Han text arrives like an IME commit (no key events); Material reads the query on keyup,
    # which a real IME's committing key provides.
    browser_page.keyboard.press("End")
    results = browser_page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any(ARTICLE in href for href in hrefs), hrefs


def test_citation_marks_are_quiet_links_to_their_sources(site_url: str, browser_page) -> None:
    """The article's own marks: what is known of them is said once, under the title; an
    unidentified source has no card, its mark is a link to the sources page with a full name."""
    browser_page.goto(site_url + ARTICLE, wait_until="networkidle")
    assert "本站未能识别" in browser_page.locator(".pz-cite-note").inner_text()
    citation = browser_page.locator(".pz-cite a").first
    assert citation.get_attribute("aria-label") == "原文来源1、2（未能识别）"  # "。12": sources 1 and 2
    citation.hover()
    browser_page.wait_for_timeout(400)
    assert browser_page.locator(".pz-popover").count() == 0
    citation.click()
    browser_page.wait_for_url("**/sources/#source-1")
    assert "推测" in browser_page.locator("#source-1").inner_text()
