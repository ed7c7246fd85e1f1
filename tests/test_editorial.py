"""Issue 14, editorial review as a process: source records and excerpts, figure references,
the methodology page and its changelog, the timeline, the house style. Real-project checks run
on one in-process build (no MkDocs), the bad-input cases are fixtures in test_problems.py."""

from __future__ import annotations

import re

import pytest

from pizhu.build import Outputs, build_outputs
from pizhu.config import read_site_options
from support import REPO


@pytest.fixture(scope="module")
def real() -> Outputs:
    options, problems = read_site_options(REPO)
    assert problems == []
    outputs = build_outputs(REPO, options)
    assert outputs.problems == []
    return outputs


def page(outputs: Outputs, src_uri: str) -> str:
    return next(p.content for p in outputs.pages if p.src_uri == src_uri)


def section(html: str, element_id: str) -> str:
    """The markup from the element with ``element_id`` to the next element of the same class."""
    start = html.index(f'id="{element_id}"')
    end = html.find("<section", start + 1) if "<section" in html[start:] else len(html)
    return html[start:end if end != -1 else len(html)]


# ---- source records ---------------------------------------------------------------------------

def test_every_source_read_at_an_address_says_when(real: Outputs) -> None:
    sources = real.project.sources.values()
    assert [s.id for s in sources if (s.url or s.via_url) and not s.accessed] == []
    assert all(not s.archive for s in sources)  # none seen so far: none recorded


def test_sources_page_shows_when_read_and_what_cites_each_source_with_its_excerpt(real: Outputs) -> None:
    entry = section(page(real, "sources.md"), "source-xinkuaibao-2025-03-26")
    assert '<dt>最后读取</dt><dd><time datetime="2026-11-29">2026-11-29</time></dd>' in entry
    assert ('<a href="../sensetime-xu-bing/#note-market-cap-june-2025">注释7：“截至今年6月,市值仅剩477.4…”</a>'
            '<span class="pz-excerpt">：“目前该集团总市值为578.65亿港元”</span>') in entry
    assert '<a href="../glossary/#term-market-cap">市值</a>' in entry
    assert '<a href="../data/sensetime-results/#row-fy2023">商汤集团全年业绩（2023–2024年） · 2023年 · 研发支出</a>' in entry


def test_note_cards_link_each_source_to_its_address_and_show_the_excerpt(real: Outputs) -> None:
    article = page(real, "sensetime-xu-bing/index.md")
    card = article[article.index('id="note-rd-spending"'):]
    card = card[:card.index("</li>")]
    assert re.search(r'<a href="\.\./sources/#source-xinkuaibao-2025-03-26">新快报，2025-03-26</a> '
                     r'<a class="pz-source-direct" href="https://k\.sina\.com\.cn/[^"]+" rel="noopener noreferrer" '
                     r'aria-label="打开新快报的转载页">转载页</a>'
                     r'<span class="pz-excerpt">：“去年商汤研发支出高达41\.31亿元', card)
    assert ('<a class="pz-source-direct" href="http://ifengweekly.com/detil.php?id=23787" rel="noopener noreferrer" '
            'aria-label="打开凤凰周刊的网页">网页</a>') in card


def test_glossary_entries_link_each_source_to_its_address(real: Outputs) -> None:
    glossary = page(real, "glossary.md")
    entry = glossary[glossary.index('#term-market-cap'):]
    entry = entry[:entry.index("### ")]
    assert 'class="pz-source-direct"' in entry
