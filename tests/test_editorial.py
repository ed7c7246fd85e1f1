"""Issue 14, editorial review as a process: source records and excerpts, figure references,
the methodology page and its changelog, the timeline, the house style. Real-project checks run
on one in-process build (no MkDocs), the bad-input cases are fixtures in test_problems.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pizhu.build import Outputs, build_outputs
from pizhu.config import read_site_options
from pizhu.pipeline import load_project
from support import REPO, notes_of, previews_of, terms_of


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
    assert '<dt>最后读取</dt><dd><time datetime="2026-11-29">2026年11月29日</time></dd>' in entry
    assert ('<a href="../sensetime-xu-bing/#note-market-cap-june-2025">注释7：“截至今年6月,市值仅剩477.4…”</a>'
            '<span class="pz-excerpt">：“目前该集团总市值为578.65亿港元”</span>') in entry
    assert '<a href="../glossary/#term-market-cap">市值</a>' in entry
    assert '<a href="../data/sensetime-results/#row-fy2023">商汤集团全年业绩（2023–2024年） · 2023年 · 研发支出</a>' in entry


def test_note_cards_link_each_source_to_its_address_and_show_the_excerpt(real: Outputs) -> None:
    article = page(real, "sensetime-xu-bing/index.md")
    card = article[article.index('id="note-rd-spending"'):]
    card = card[:card.index("</li>")]
    # The source's name goes straight to where it was read (a repost is said so), the excerpt after.
    assert re.search(r'<a href="https://k\.sina\.com\.cn/[^"]+">新快报，2025年3月26日</a>（转载页）'
                     r'<span class="pz-excerpt">：“去年商汤研发支出高达41\.31亿元', card)
    assert '<a href="http://ifengweekly.com/detil.php?id=23787">凤凰周刊' in card


def test_glossary_entries_link_each_source_to_its_address(real: Outputs) -> None:
    glossary = page(real, "glossary.md")
    entry = glossary[glossary.index('#term-market-cap'):]
    entry = entry[:entry.index("### ")]
    assert '<a href="https://www.yicaiglobal.com/news/' in entry


# ---- one figure, one record ----------------------------------------------------------------------

def test_a_figure_reference_prints_the_tables_figure_or_the_editors_words_linked_to_its_row(real: Outputs) -> None:
    note = next(n for n in notes_of(real.project) if n.id == "rd-spending")
    assert "新快报写作{{ figure sensetime-results/fy2023/rnd }}" in note.body_md
    # The table's figure: linked to its row, no tooltip needed.
    assert ('新快报写作<a class="pz-figure-ref" href="../data/sensetime-results/#row-fy2023">34.66亿元</a>'
            in note.body_html)
    staff = next(n for n in notes_of(real.project) if n.id == "staff-2021")
    assert '<strong><a class="pz-figure-ref" href="../data/sensetime-headcount/#row-end-2021" title="' in staff.body_html
    assert ">6113名</a></strong>" in staff.body_html  # the editors' words, checked against 6113人: the row as a tooltip
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
        "data/glossary.yml:4: unknown figure \"demo-revenue/fy2025/revenue\" in a figure reference; did you mean "
        "demo-revenue/fy2024/revenue? (table/row/column, as data/tables/<table>.yml names them)"]
    assert '<a class="pz-figure-ref" href="../data/demo-revenue/#row-fy2024"' in terms_of(project)[0].definition_html


# ---- the methodology page and the changelog ------------------------------------------------------

def test_methodology_page_explains_each_verdict_with_the_label_readers_see(real: Outputs) -> None:
    methodology = page(real, "methodology.md")
    assert methodology.startswith('---\ntitle: "核查方法"\n---')
    assert "## 第二人复核 { #review }" in methodology and "## 来源怎样选 { #sources }" in methodology
    assert ('<dt><span class="pz-badge pz-verdict-unverified">未能核实</span></dt>'
            '<dd><p>本站找不到足以证实或否定它的来源。</p></dd>') in methodology
    assert "未能证实" not in methodology
    assert ("methodology.md", None) in [(p, None) for p, _, _ in read_site_options(REPO)[0].nav_files]


def test_changelog_lists_every_correction_newest_first_linking_what_it_affects(real: Outputs) -> None:
    methodology = page(real, "methodology.md")
    changelog = methodology[methodology.index("{ #corrections }"):]
    assert changelog.count('<li class="pz-correction"') == 13
    entry = changelog[changelog.index('id="correction-staff-2024-reported"'):]
    entry = entry[:entry.index("</li>")]
    assert ('<time datetime="2026-11-29">2026年11月29日</time>：批注<a href="../sensetime-xu-bing/#note-staff-2024">'
            '“锐减至2024年末的3756人”</a>；数据表<a href="../data/sensetime-headcount/#row-end-2024">商汤员工人数 · '
            '2024-12-31</a>') in entry
    assert '<a href="https://www.cinn.cn/p/403176.html">' in entry
    import json

    data = json.loads(real.files["corrections.json"])
    assert [c["id"] for c in data["corrections"]][:2] == ["openai-o1-wording", "haitong-via-and-analyst"]
    assert data["corrections"][2]["affects"] == [
        {"item": "note/staff-2024", "url": "sensetime-xu-bing/#note-staff-2024"},
        {"item": "table/sensetime-headcount/end-2024", "url": "data/sensetime-headcount/#row-end-2024"}]


def test_readers_are_sent_to_the_issue_form_when_the_site_has_a_repository(base_project: Path) -> None:
    from dataclasses import replace

    (base_project / "data/corrections.yml").write_text(
        "- id: growth-figure\n  date: 2025-01-05\n  affects: [note/growth, source/demo-report]\n"
        "  summary: 原写增幅为11%，改为10%。\n  reason: 演示周刊的数字是10%。\n  sources: [demo-report]\n",
        encoding="utf-8")
    options = read_site_options(base_project)[0]
    without = page(build_outputs(base_project, options), "methodology.md")
    with_repo = page(build_outputs(base_project, replace(options, repo_url="https://example.org/pizhu/")),
                     "methodology.md")

    assert "通过本站代码仓库的问题追踪系统告诉编辑" in without and "issues/new" not in without
    assert ('<a href="https://example.org/pizhu/issues/new?template=report-an-error.yml" rel="noopener noreferrer">'
            "在问题追踪系统中报告</a>") in with_repo
    assert '批注<a href="../demo/#note-growth">“营收增长了10%”</a>；来源<a href="../sources/#source-demo-report">演示周刊</a>' \
        in with_repo


# ---- the timeline ------------------------------------------------------------------------------------

def test_every_mention_of_an_event_is_a_link_in_the_article_previewing_the_event(real: Outputs) -> None:
    article = page(real, "sensetime-xu-bing/index.md")
    mentions = re.findall(r'<a class="pz-pop pz-timeline" id="(tl-[a-z0-9-]+)" href="\.\./timeline/#event-([a-z0-9-]+)" '
                          r'data-pz-pop="([a-z0-9-]+)">([^<]+)</a>', article)
    assert sorted((m[1], m[3]) for m in mentions) == sorted([
        ("zhenliang-founded", "2020年"), ("market-value-peak", "巅峰期"), ("fy2024-results", "2024年"),
        ("fy2024-results", "2024年"), ("sensenova-v6", "2024年4月"), ("beijinglier-zhenliang", "近期"),
        ("beijinglier-zhenliang", "认购公告")])
    previews = previews_of(next(p for p in real.pages if p.src_uri == "sensetime-xu-bing/index.md"))
    assert previews["event-sensenova-v6-1"].startswith(
        '<p class="pz-pop-title"><time datetime="2025-04-10">2025年4月10日</time>')
    assert "原文写作2024年4月，实际为2025年4月10日" in previews["event-sensenova-v6-1"]


def test_timeline_page_lists_events_in_date_order_with_sources_and_the_articles_wrong_date(real: Outputs) -> None:
    timeline = page(real, "timeline.md")
    events = re.findall(r"### (\S+) · .+ \{ #event-([a-z0-9-]+) ", timeline)
    assert len(events) == 18
    assert events[0] == ("2014年", "sensetime-founded") and events[-1] == ("2025年8月28日", "interim-results-2025")
    dates = [e.date for e in real.project.kinds["timeline"]]
    assert dates == sorted(dates)
    v6 = timeline[timeline.index("{ #event-sensenova-v6 "):]
    v6 = v6[:v6.index("### ")]
    assert ('原文提及：<a href="../sensetime-xu-bing/#tl-sensenova-v6-1">“2024年4月”</a>，'
            '<span class="pz-timeline-says">原文写作2024年4月，实际为2025年4月10日</span>') in v6
    assert '<a href="https://stheadline.com/realtime-finance/3446386/' in v6
    import json

    data = json.loads(real.files["timeline.json"])
    v6_data = next(e for e in data["events"] if e["id"] == "sensenova-v6")
    assert v6_data["mentions"] == [{"article": "sensetime-xu-bing", "url": "sensetime-xu-bing/#tl-sensenova-v6-1",
                                    "start": 1539, "end": 1546, "text": "2024年4月", "says": "2024-04"}]
    assert all(e["sources"] for e in data["events"])


# ---- house style and what may be cited -----------------------------------------------------------

def test_a_note_may_cite_a_marker_only_about_the_passage_the_mark_follows(base_project: Path) -> None:
    note = base_project / "data/notes/demo/growth.md"
    note.write_text(note.read_text(encoding="utf-8").replace("sources: [demo-report]", 'sources: [demo-report, "1"]'),
                    encoding="utf-8")  # 营收增长了10%。1: the mark follows the passage (after its full stop)

    _, problems = load_project(base_project)

    assert problems == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("商汤，徐冰；“引语，也用全角”。", []),
    ("Co.,Ltd. 与 3.85港元、06:00、SenseTime's", []),
    ("见`a,b`与[链接](https://example.org/x,y)和 https://example.org/p?q=1,2 以及{{ figure a/b/c \"1,2\" }}。", []),
    ("商汤,徐冰", [","]),
    ("商汤(SenseTime)是", ["(", ")"]),
    ("这是结尾.", ["."]),
    ("报告.md 不是句末", []),
])
def test_the_punctuation_rule(text: str, flagged: list[str]) -> None:
    from pizhu.core.editorial import _ASCII_NEXT_TO_CJK, _NOT_PROSE

    blank = _NOT_PROSE.sub(lambda m: "x" * len(m.group(0)), text)
    assert [m.group(0).strip() for m in _ASCII_NEXT_TO_CJK.finditer(blank)] == flagged
