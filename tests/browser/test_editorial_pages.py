"""Issue 14's pages in a real browser: the timeline, the methodology page and the sources page
pass axe-core in light and dark; a dated phrase of the article previews its event with the
article's wrong date against the real one."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

PAGES = {"light": ("timeline/", "methodology/", "sources/"), "dark": ("timeline/", "methodology/")}
"""The sources page only once: it is long, and what changed on it is markup, not colour."""


def test_editorial_pages_have_no_axe_violations_in_light_and_dark(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    for scheme, pages in PAGES.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for rel in pages:
            page.goto(site_url + rel, wait_until="networkidle")
            result = Axe().run(page)
            assert result.violations_count == 0, (scheme, rel, result.generate_report())
        context.close()


def test_a_dated_phrase_previews_its_event_with_the_articles_wrong_date(site_url: str, browser_page) -> None:  # type: ignore[no-untyped-def]
    browser_page.goto(site_url + "sensetime-xu-bing/", wait_until="networkidle")
    mention = browser_page.locator("a.pz-timeline#tl-sensenova-v6-1")
    assert mention.inner_text() == "2024年4月"
    mention.focus()
    popover = browser_page.locator(".pz-popover")
    popover.wait_for(state="visible")
    text = popover.inner_text()
    assert popover.locator(".pz-pop-title").inner_text() == "2025年4月10日 · 商汤发布日日新V6"
    assert "原文写作2024年4月，实际为2025年4月10日" in text and "来源：" in text
    assert popover.locator("a", has_text="在时间线中查看").get_attribute("href").endswith("timeline/#event-sensenova-v6")
