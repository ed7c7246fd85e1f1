"""Notes in a real browser: hover, keyboard, tap, permalinks, no-JavaScript, axe-core.

Below 76.25em a note opens as a card by its marker (``card_page``, 1100 px); on wider screens
(``browser_page``, 1280 px) notes sit in the margin (see test_reader.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

ARTICLE = "sensetime-xu-bing/"
MARKER = ".pz-note-ref a"


@pytest.fixture
def card_page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """1100 px: notes open as cards."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


def test_hover_opens_a_note_that_stays_open_over_the_popover(site_url: str, card_page) -> None:
    browser_page = card_page
    browser_page.goto(site_url + ARTICLE, wait_until="networkidle")
    marker = browser_page.locator(MARKER).first
    marker.hover()
    popover = browser_page.locator(".pz-popover")
    popover.wait_for(state="visible")
    assert popover.locator(".pz-pop-title").inner_text().startswith("注释1")
    box = popover.bounding_box()
    browser_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    browser_page.wait_for_timeout(600)
    assert popover.is_visible()
    browser_page.mouse.move(5, 5)
    popover.wait_for(state="detached")


def test_keyboard_tab_enter_escape(site_url: str, card_page) -> None:
    browser_page = card_page
    browser_page.goto(site_url + ARTICLE, wait_until="networkidle")
    first_marker_id = browser_page.locator(MARKER).first.evaluate("a => a.closest('sup').id")
    for _ in range(80):
        browser_page.keyboard.press("Tab")
        if browser_page.evaluate("document.activeElement.matches('.pz-note-ref a')"):
            break
    else:
        raise AssertionError("Tab never reached a note marker")
    assert browser_page.evaluate("document.activeElement.closest('sup').id") == first_marker_id
    browser_page.keyboard.press("Enter")
    popover = browser_page.locator(".pz-popover")
    popover.wait_for(state="visible")
    assert browser_page.url.endswith(ARTICLE)  # Enter opened the note, it did not navigate
    assert browser_page.evaluate("document.activeElement.matches('.pz-popover')")  # focus moved into it
    browser_page.keyboard.press("Tab")  # to the popover's links
    assert browser_page.evaluate("!!document.activeElement.closest('.pz-popover')")
    browser_page.keyboard.press("Escape")
    popover.wait_for(state="detached")
    assert browser_page.evaluate("document.activeElement.closest('sup') && document.activeElement.closest('sup').id") \
        == first_marker_id


def test_tap_opens_a_note_on_a_phone(site_url: str, phone_page) -> None:
    phone_page.goto(site_url + ARTICLE, wait_until="networkidle")
    marker = phone_page.locator(MARKER).nth(2)
    marker.scroll_into_view_if_needed()
    marker.tap()
    popover = phone_page.locator(".pz-popover")
    popover.wait_for(state="visible")
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.locator("h1").tap()
    popover.wait_for(state="detached")
    marker.tap()
    popover.wait_for(state="visible")
    phone_page.locator(".pz-pop-close").tap()
    popover.wait_for(state="detached")


TARGETED = "id => document.getElementById(id).classList.contains('pz-target')"
"""Whether pizhu.js has marked the element ``id`` as the one the address points to."""


def test_permalink_shows_its_note(site_url: str, browser_page, card_page) -> None:
    card_page.goto(site_url + ARTICLE + "#note-v6-date", wait_until="networkidle")
    note = card_page.locator("#note-v6-date")
    # The mark was missing right after the network went idle in 3 of about 25 runs on this
    # machine (not reproduced since, cause not found): the test waits for it, up to 5 s.
    card_page.wait_for_function(TARGETED, arg="note-v6-date", timeout=5000)
    assert note.is_visible()
    assert card_page.evaluate("(() => { const r = document.getElementById('note-v6-date').getBoundingClientRect();"
                              " return r.top >= 0 && r.top < window.innerHeight; })()")
    # Wide screens: the note opens in the margin, beside its passage (the list is folded away).
    browser_page.goto(site_url + ARTICLE + "#note-v6-date", wait_until="networkidle")
    browser_page.wait_for_function(TARGETED, arg="note-v6-date", timeout=5000)
    margin = browser_page.locator(".pz-mnote--open[data-for='note-v6-date']")
    assert margin.is_visible()
    assert browser_page.evaluate("(() => { const r = document.querySelector('.pz-mnote--open').getBoundingClientRect();"
                                 " return r.top >= 0 && r.top < window.innerHeight; })()")


def test_without_javascript_markers_are_links_to_notes_and_back(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    marker = page.locator(MARKER).first
    href = marker.get_attribute("href")
    assert re.fullmatch(r"#note-[a-z0-9-]+", href or "")
    marker.click()
    assert page.url.endswith(href)
    back = page.locator(f"{href} .pz-note-quote a").first
    back_href = back.get_attribute("href")
    back.click()
    assert page.url.endswith(back_href)
    context.close()


def test_notes_show_kind_verdict_author_reviewer_and_sources(site_url: str, card_page) -> None:
    browser_page = card_page
    browser_page.goto(site_url + ARTICLE, wait_until="networkidle")
    note = browser_page.locator("#note-v6-date")
    note.locator(".pz-note-byline").wait_for()  # each note gets the usual byline from the reader script
    text = note.inner_text()
    assert "核查" in text and "错误" in text and "作者：批注编辑组" in text and "来源：" in text
    assert "复核：批注复核组（2026年11月29日）" in text
    # Without an edit address the file's path is for contributors, on the notes index.
    assert "data/notes/sensetime-xu-bing/v6-date.md" not in text
    fact_check = browser_page.locator("#note-peak-market-cap").inner_text()
    assert "核查" in fact_check and "有误导" in fact_check
    # "Previous / next" links gave way to the n / p keys (test_reader.py) and the numbered list.


def test_a_card_names_in_full_a_source_the_list_names_in_short(site_url: str, card_page) -> None:
    card_page.goto(site_url + ARTICLE, wait_until="networkidle")
    full = "国际金融报《商汤联合创始人徐冰卸任执行董事及董秘,转战AI芯片业务》，2025年6月2日"
    assert "国际金融报，2025年6月2日" in card_page.locator("#note-xu-bing-role-change .pz-note-sources").inner_text()
    card_page.locator("#ref-note-xu-bing-role-change > a").click()  # note 2: its card, read on its own
    sources = card_page.locator(".pz-popover .pz-note-sources")
    sources.wait_for()
    assert full in sources.inner_text() and "国际金融报，2025年6月2日" not in sources.inner_text()


def test_axe_finds_no_violations_on_the_article(site_url: str, browser_page) -> None:
    browser_page.goto(site_url + ARTICLE, wait_until="networkidle")
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()


def open_note_and_term(page) -> None:  # type: ignore[no-untyped-def]
    """A note open in the margin and a term's card beside it (note cards: test_reader.py)."""
    page.locator(MARKER).first.focus()
    page.keyboard.press("Enter")
    page.locator(".pz-mnote--open").wait_for(state="visible")
    page.locator(".pz-block a.pz-term").nth(3).hover()
    page.locator(".pz-popover").wait_for(state="visible")


def test_axe_finds_no_violations_with_a_note_open(site_url: str, browser_page) -> None:
    browser_page.goto(site_url + ARTICLE, wait_until="networkidle")
    open_note_and_term(browser_page)
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_in_dark_mode(browser, site_url: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + ARTICLE, wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    open_note_and_term(page)  # the accent on an open card's trigger was 3.8:1 in dark mode
    results = Axe().run(page, context=".md-content")
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_a_tap_opens_the_popover_of_the_tapped_link(site_url: str, phone_page) -> None:
    """Every figure, and a sample of terms and notes, nested in highlights or not.

    Chromium's touch adjustment can aim the click of a tap at a larger neighbour (a note
    highlight around a figure); the popover must still belong to what the finger touched.
    """
    phone_page.goto(site_url + ARTICLE, wait_until="networkidle")
    # (The source marks of unidentified sources have no card: they are plain links.)
    selectors = [("a.pz-figure", 1), ("a.pz-term", 6), (MARKER, 5)]
    wrong = []
    for selector, step in selectors:
        links = phone_page.locator(selector)
        for i in range(0, links.count(), step):
            link = links.nth(i)
            link.scroll_into_view_if_needed()
            link.tap()
            phone_page.locator(".pz-popover").wait_for(state="visible")
            if link.get_attribute("aria-expanded") != "true":
                wrong.append(f"{selector} #{i}: {link.inner_text()}")
            phone_page.locator(".pz-pop-close").tap()
            phone_page.locator(".pz-popover").wait_for(state="detached")
    assert wrong == []
