"""Issue 14, editorial review as a process: source records and excerpts, figure references,
the methodology page and its changelog, the timeline, the house style. Real-project checks run
on one in-process build (no MkDocs), the bad-input cases are fixtures in test_problems.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pizhu.build import Outputs, build_outputs
from pizhu.config import read_site_options
from pizhu.pipeline import load_project
from support import REPO, notes_of, terms_of


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """The real project's data and seed, to break on purpose."""
    target = tmp_path / "real"
    for folder in ("data", "seeds"):
        shutil.copytree(REPO / folder, target / folder)
    return target


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


# ---- one figure, one record ----------------------------------------------------------------------

def test_a_figure_reference_prints_the_tables_figure_or_the_editors_words_linked_to_its_row(real: Outputs) -> None:
    note = next(n for n in notes_of(real.project) if n.id == "rd-spending")
    assert "新快报写作{{ figure sensetime-results/fy2023/rnd }}" in note.body_md
    assert ('新快报写作<a class="pz-figure-ref" href="../data/sensetime-results/#row-fy2023" '
            'title="商汤集团全年业绩（2023–2024年） · 2023年 · 研发支出 · 34.66亿元">34.66亿元</a>') in note.body_html
    staff = next(n for n in notes_of(real.project) if n.id == "staff-2021")
    assert '<strong><a class="pz-figure-ref" href="../data/sensetime-headcount/#row-end-2021"' in staff.body_html
    assert ">6113名</a></strong>" in staff.body_html  # the editors' words, checked against 6113人
    term = next(t for t in terms_of(real.project) if t.id == "market-cap")
    assert "新快报写作578.65亿港元，财经涂鸦写作约588.42亿港元" in term.definition_md  # open data: plain words
    assert 'href="../data/sensetime-market-value/#row-close-2025-03-26-caijingtuya"' in term.definition_html


@pytest.mark.parametrize(("table", "old", "new", "where"), [
    ("sensetime-results.yml", "      value: 34.66\n", "      value: 34.76\n", "rd-spending.md:"),
    ("sensetime-headcount.yml", "      value: 4672\n", "      value: 4673\n", "staff-2024.md:"),
    ("sensetime-market-value.yml", "      value: 588.42\n", "      value: 588.52\n", "market-cap-june-2025.md:"),
])
def test_a_figure_changed_in_its_table_cannot_drift_from_the_prose_that_quotes_it(
        real_copy: Path, table: str, old: str, new: str, where: str) -> None:
    path = real_copy / "data/tables" / table
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")

    _, problems = load_project(real_copy)

    messages = [p.format() for p in problems]
    assert any(where in m and "does not state the figure" in m for m in messages), messages


def test_figure_references_in_glossary_definitions_are_checked_at_the_definition(base_project: Path) -> None:
    (base_project / "data/tables").mkdir()
    (base_project / "data/tables/demo-revenue.yml").write_text(
        "title: 演示公司营收\nperiod: 2024年\nsources: [demo-report]\ncolumns:\n"
        "  - {id: year, label: 年度, type: text}\n  - {id: revenue, label: 营收, type: number, unit: 亿元}\n"
        "rows:\n  - id: fy2024\n    year: 2024年\n    revenue: 11.04\n", encoding="utf-8")
    (base_project / "data/glossary.yml").write_text(
        "- id: demo-company\n  term: 演示公司\n  category: organization\n  definition: |\n"
        "    一家演示公司，2024年营收{{ figure demo-revenue/fy2024/revenue \"11亿元\" }}。\n"
        "    另见{{ figure demo-revenue/fy2025/revenue }}。\n  sources: [demo-report]\n", encoding="utf-8")

    project, problems = load_project(base_project)

    assert [p.format() for p in problems] == [
        "data/glossary.yml:4: unknown figure \"demo-revenue/fy2025/revenue\" in a figure reference; name a figure a "
        "table holds as table/row/column (data/tables/<table>.yml, its row id and column id; e.g. "
        "demo-revenue/fy2024/revenue)"]
    assert '<a class="pz-figure-ref" href="../data/demo-revenue/#row-fy2024"' in terms_of(project)[0].definition_html
