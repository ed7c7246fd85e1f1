"""The Traditional edition in a real browser: the language switch keeps the reader's place,
popovers and search work, axe-core finds nothing, in light and dark."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import outside_requests

ARTICLE = "sensetime-xu-bing/"
HANT = "zh-hant/"


def switch_to(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Open Material's language menu and choose ``lang`` with the keyboard, as a reader may.

    (Playwright's click and focus first scroll their target "into view", and for a link in the
    sticky header that can move the page the reader was reading: focus without scrolling.)"""
    page.evaluate("() => document.querySelector('.md-header__option .md-select button').focus({preventScroll: true})")
    link = page.locator(f"a.md-select__link[hreflang='{lang}']")
    link.wait_for(state="visible")
    page.evaluate("lang => document.querySelector(`a.md-select__link[hreflang='${lang}']`).focus({preventScroll: true})",
                  lang)
    # (Not expect_navigation: Material's navigation.tracking rewrites the address as the page
    # scrolls, which is a navigation too. Wait for the other edition's address instead.)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: ("/zh-hant/" in url) == (lang == "zh-Hant"))
    page.wait_for_load_state("networkidle")


@pytest.fixture
def card_page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """1100 px: notes open as cards and the endnote list is on the page (1220 px and wider show
    them in the margin instead)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


def in_view(page, element_id: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight; }""", element_id))


def test_switching_edition_keeps_the_paragraph_being_read(site_url: str, card_page) -> None:
    browser_page = card_page
    browser_page.goto(site_url + ARTICLE, wait_until="networkidle")
    # The reader has scrolled paragraph 12 to just below the sticky header (at once, not smoothly).
    browser_page.evaluate("""() => { const p = document.getElementById('p-12');
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        window.scrollTo({top: p.getBoundingClientRect().top + window.scrollY - header - 8, behavior: 'instant'}); }""")
    browser_page.wait_for_function("""() => { const top = document.getElementById('p-12').getBoundingClientRect().top;
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return Math.abs(top - header - 8) < 2; }""")

    switch_to(browser_page, "zh-Hant")

    assert unquote(browser_page.url) == site_url + HANT + ARTICLE + "#p-12"
    assert browser_page.evaluate("document.documentElement.lang") == "zh-Hant"
    assert in_view(browser_page, "p-12")
    assert "商湯" in browser_page.locator("#p-12").inner_text()


def test_switching_back_keeps_the_fragment(site_url: str, card_page) -> None:
    browser_page = card_page
    browser_page.goto(site_url + HANT + ARTICLE + "#note-v6-date", wait_until="networkidle")

    switch_to(browser_page, "zh-Hans")

    assert unquote(browser_page.url) == site_url + ARTICLE + "#note-v6-date"
    assert in_view(browser_page, "note-v6-date")


def test_the_switch_goes_to_the_same_page_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + HANT + "glossary/")
    href = page.locator("a.md-select__link[hreflang='zh-Hans']").get_attribute("href")
    context.close()
    assert href == "../../glossary/"


def test_popovers_work_in_the_traditional_edition(site_url: str, card_page) -> None:
    browser_page = card_page
    browser_page.goto(site_url + HANT + ARTICLE, wait_until="networkidle")
    browser_page.locator(".pz-note-ref a").first.hover()
    popover = browser_page.locator(".pz-popover")
    popover.wait_for(state="visible")
    assert popover.locator(".pz-pop-title").inner_text().startswith("註釋1")
    browser_page.mouse.move(5, 5)
    popover.wait_for(state="detached")
    browser_page.locator("#p-1 a.pz-term").first.focus()
    popover.wait_for(state="visible")
    assert "商湯" in popover.inner_text()


def test_margin_notes_work_in_the_traditional_edition(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + HANT + ARTICLE, wait_until="networkidle")
        page.wait_for_function("document.querySelectorAll('.pz-mnote').length > 0")
        assert page.evaluate("document.documentElement.classList.contains('pz-margin-mode')")
        assert page.locator(".pz-mnote").count() == page.locator(".pz-notes > li").count()
        first = page.locator(".pz-mnote").first
        assert first.inner_text().startswith("1背景") and "商湯聯合創始人" in first.inner_text()
        # Aligned with its marker: the margin note's top is level with the marker's line.
        marker_top = page.evaluate("document.querySelector('.pz-note-ref a').getBoundingClientRect().top")
        note_top = first.evaluate("e => e.getBoundingClientRect().top")
        assert abs(note_top - marker_top) < 40
    finally:
        context.close()


def test_search_in_the_traditional_edition_finds_both_scripts_and_pinyin(site_url: str, browser_page) -> None:
    browser_page.goto(site_url + HANT, wait_until="networkidle")
    box = browser_page.locator("input.md-search__input")
    box.click()
    for query in ("商湯科技", "商汤科技", "shangtang"):
        box.fill(query)
        box.press("End")
        first = browser_page.locator(".md-search-result__item a").first
        first.wait_for(timeout=10_000)
        browser_page.wait_for_function("""() => Array.from(document.querySelectorAll('.md-search-result__item a'))
            .some(a => a.pathname.endsWith('/zh-hant/glossary/') && a.hash === '#term-sensetime')""", timeout=10_000)


def test_axe_finds_no_violations_in_the_traditional_edition(browser, site_url: str) -> None:
    # The simplified pages are checked elsewhere; here the edition's article with its language
    # menu open, light and dark.
    for scheme, path in (("light", ARTICLE), ("dark", ARTICLE)):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(site_url + HANT + path, wait_until="networkidle")
        page.locator(".md-header__option .md-select button").focus()
        results = Axe().run(page)
        context.close()
        assert results.violations_count == 0, (scheme, path, results.generate_report())


def test_no_request_leaves_the_traditional_edition(built_site: Path, site_url: str, browser_page) -> None:
    # One page of each kind (test_site_browser.py visits every page of the simplified edition).
    pages = ["", ARTICLE, ARTICLE + "notes/", "glossary/", "sources/", "data/", "data/sensetime-results/",
             "contributing/", "404.html"]
    assert all((built_site / HANT / page / ("" if page.endswith(".html") else "index.html")).exists() for page in pages)
    outside = outside_requests(browser_page, site_url)
    for page in pages:
        browser_page.goto(site_url + HANT + page, wait_until="networkidle")
    assert outside == []


@pytest.mark.parametrize("page_path", ["sources/", HANT + "glossary/", ARTICLE])
def test_no_request_of_a_page_fails(site_url: str, card_page, page_path: str) -> None:
    # Material fetches sitemap.xml beside every <link rel="alternate">: with each page's versions
    # there (zh-hant/sources/), two requests of every page view failed. The versions are in the
    # sitemaps now; the language switch still leads to the page's own twin.
    failed: list[str] = []
    card_page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
                 if response.status >= 400 else None)
    card_page.goto(site_url + page_path, wait_until="networkidle")
    assert failed == []
    twin = card_page.locator("a.md-select__link[hreflang='zh-Hant']").get_attribute("href")
    assert unquote(twin or "").endswith(("zh-hant/" + page_path).replace("zh-hant/zh-hant/", "zh-hant/"))
