"""Data tables: loading, figures checked against the article, figure spans, pages, open data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pizhu.build import build_outputs
from pizhu.core.model import Origin
from pizhu.core.spans import Candidate, place
from pizhu.kinds import KINDS
from pizhu.kinds.tables import TablesKind
from pizhu.pipeline import load_project
from support import REPO, mkdocs_build, partial_overlaps, previews_of, tables_of, zh

DEMO = """\
title: 演示公司营收
period: 2023–2024年
sources: [demo-report]
columns:
  - {id: year, label: 年度, type: text}
  - {id: revenue, label: 营收, type: number, unit: 亿元}
  - {id: growth, label: 营收增长, derive: change(revenue)}
rows:
  - id: fy2023
    year: 2023年
    revenue: 10
  - id: fy2024
    year: 2024年
    revenue:
      value: 11
      note: 演示周刊的数字。
    growth:
      claim:
        quote: 营收增长了10%
charts:
  - title: 演示公司营收（亿元）
    values: [revenue]
"""


def with_table(project: Path, text: str, name: str = "demo-revenue") -> Path:
    (project / "data/tables").mkdir(parents=True, exist_ok=True)
    (project / f"data/tables/{name}.yml").write_text(text, encoding="utf-8")
    return project


def messages(project: Path) -> list[str]:
    return [p.format() for p in load_project(project)[1]]


@pytest.fixture(scope="module")
def real() -> tuple[object, list[object]]:
    return load_project(REPO)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- the real tables -----------------------------------------------------------------------

def test_real_tables_load_and_every_claim_holds(real: tuple) -> None:
    project, problems = real
    assert [p.format() for p in problems if p.file.startswith("data/tables")] == []
    assert len(tables_of(project)) >= 4
    claims = [c for t in tables_of(project) for c in t.claims]
    assert len(claims) >= 16
    article = project.articles[0]
    figures = [s for s in article.spans if s.kind == "figure"]
    assert len(figures) == len(claims)
    written = {article.canonical[s.start:s.end] for s in figures}
    assert {"37.7亿元", "43.07亿元", "33.7%", "41.31亿元", "6114人", "3756人", "477.4亿港元", "24.07万元",
            "1.9亿元", "2285.72万元", "15亿元", "9.10%", "超过其营收总额"} <= written


def test_real_figure_spans_never_cross_or_sit_in_links(real: tuple) -> None:
    article = real[0].articles[0]
    assert partial_overlaps(article.spans) == []
    links = [s for s in article.spans if s.kind in ("term", "figure") and not s.is_point]
    for a in links:
        for b in links:
            if a is not b and a.kind == "figure":
                assert a.end <= b.start or b.end <= a.start, (a, b)


def test_real_results_table_says_which_figure_is_which(real: tuple) -> None:
    table = next(t for t in tables_of(real[0]) if t.id == "sensetime-results")
    fy2024 = table.row("fy2024")
    revenue = fy2024.cells["revenue"]
    assert revenue.display(zh()) == "37.72" and revenue.claims[0].stated_text == "37.7亿元"
    assert fy2024.cells["loss-change"].display(zh()) == "−33.7"
    assert fy2024.cells["rnd-share"].display(zh()) == "109.5"
    headcount = next(t for t in tables_of(real[0]) if t.id == "sensetime-headcount").row("end-2021").cells["staff"]
    assert headcount.display(zh()) == "6113" and headcount.status == "disputed"
    assert headcount.claims[0].verdict == "differs" and headcount.claims[0].stated_text == "6114人"


def test_rows_with_the_same_first_column_are_labelled_apart(real: tuple) -> None:
    # Two sources' figures for one date: the sources page linked both as "… · 2025-03-26 · 市值".
    table = next(t for t in tables_of(real[0]) if t.id == "sensetime-market-value")
    labels = [row.label for row in table.rows]
    assert len(set(labels)) == len(labels)
    assert table.row("close-2025-03-26-caijingtuya").label == "2025-03-26 收盘（财经涂鸦）"
    assert table.row("listing-2021").label == "2021-12-30"  # a label no other row has stays as it was


def test_changing_a_figure_in_the_yaml_fails_with_file_and_line(real_copy: Path) -> None:
    path = real_copy / "data/tables/sensetime-results.yml"
    replace(path, "value: 37.72", "value: 38.5")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if "quote: 2024年商汤营收37.7亿元" in text)

    found = [m for m in messages(real_copy) if m.startswith("data/tables/sensetime-results.yml:")]

    assert found == [f"data/tables/sensetime-results.yml:{line}: the article's \"37.7亿元\" (\"2024年商汤营收37.7亿元\", "
                     "seeds/sensetime-xu-bing.txt line 5) states 37.7亿元 (±0.05亿元), but `revenue` of row \"fy2024\" "
                     "is 38.5亿元; correct the table (or the figures it is computed from); if the article is wrong, "
                     "keep the value and add `verdict: differs` with a `note` to the claim"]


def test_changing_an_input_of_a_derived_figure_fails(real_copy: Path) -> None:
    replace(real_copy / "data/tables/sensetime-results.yml", "value: 64.947", "value: 60")

    everything = messages(real_copy)
    found = [m for m in everything if m.startswith("data/tables/sensetime-results")]

    assert len(found) == 1
    assert 'the article\'s "33.7%" ("尽管同比收窄33.7%"' in found[0]
    # Prose that quotes the derived figure ({{ figure sensetime-results/fy2024/loss-change "33.7%" }}) drifts too:
    assert any(m.startswith("data/notes/sensetime-xu-bing/net-loss-2024.md:") and "fy2024/loss-change" in m
               for m in everything)
    assert "states -33.7% (±0.05%), but change(loss) computed from the table is -28.217% (loss 60 → 43.07亿元)" in found[0]


def test_changing_a_figure_in_the_seed_fails(real_copy: Path) -> None:
    replace(real_copy / "seeds/sensetime-xu-bing.txt", "营收37.7亿元", "营收39.7亿元")
    replace(real_copy / "seeds/sensetime-xu-bing.txt", "超过其营收总额", "接近其营收总额")

    found = [m for m in messages(real_copy) if m.startswith("data/tables/")]

    assert any('claim quote "2024年商汤营收37.7亿元" matches 0 places in seeds/sensetime-xu-bing.txt; '
               'closest: "2024年商汤营收39.7亿元" (line 5, ' in m for m in found), found
    assert any('claim quote "超过其营收总额" matches 0 places' in m for m in found), found


def test_when_the_seed_quote_is_fixed_the_figure_is_still_checked(real_copy: Path) -> None:
    replace(real_copy / "seeds/sensetime-xu-bing.txt", "营收37.7亿元", "营收39.7亿元")
    replace(real_copy / "data/tables/sensetime-results.yml", "quote: 2024年商汤营收37.7亿元",
            "quote: 2024年商汤营收39.7亿元")

    found = [m for m in messages(real_copy) if m.startswith("data/tables/")]

    assert len(found) == 1 and 'the article\'s "39.7亿元"' in found[0] and "is 37.72亿元" in found[0]


# ---- rules, on the fixture project ---------------------------------------------------------

def test_demo_table_checks_and_spans(base_project: Path) -> None:
    project, problems = load_project(with_table(base_project, DEMO))
    assert problems == []
    table = tables_of(project)[0]
    assert table.row("fy2024").cells["growth"].display(zh()) == "+10.0"
    span = next(s for s in project.articles[0].spans if s.kind == "figure")
    assert project.articles[0].canonical[span.start:span.end] == "10%"
    assert TablesKind().preview_keys(span) == ["figure-demo-revenue-fy2024"]
    assert partial_overlaps(project.articles[0].spans) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    revenue: 10\n", "    revenue: 10\n    growth: 10\n",
     'data/tables/demo-revenue.yml:12: `growth` of row "fy2023" is computed (change(revenue)), so it cannot be typed; '
     "remove the value; to tie it to the article write `growth: {claim: …}`"),
    ("sources: [demo-report]", "sources: [demo-report, nowhere]",
     'data/tables/demo-revenue.yml:3: unknown source "nowhere"; use an id from data/sources.yml or data/sources/*.yml, '
     "or add the source there"),
    ("derive: change(revenue)", "derive: change(sales)",
     "data/tables/demo-revenue.yml:7: change(sales): `sales` is not a typed number column of this table; use one of: revenue"),
    ("type: number, unit: 亿元", "type: number",
     "data/tables/demo-revenue.yml:6: number column `revenue` has no `unit`; add `unit:` with one of: 元, 万元, 亿元, "
     "港元, 万港元, 亿港元, 美元, 万美元, 亿美元 (萬, 億 as 万, 亿; a currency before 元: 新台幣億元, 人民币亿元), 人, %, "
     "dollars, thousand dollars, million dollars, billion dollars, trillion dollars, people, percent"),
    ("type: text}", "type: words}",
     'data/tables/demo-revenue.yml:5: unknown column type "words"; use one of: text, date, number, integer'),
    ("    year: 2024年\n", "    year: 2024年\n    profit: 1\n",
     'data/tables/demo-revenue.yml:14: row "fy2024" has `profit`, which is not a column of this table; '
     "use the column ids: year, revenue, growth"),
    ("        quote: 营收增长了10%\n", "        quote: 营收增长了10%\n        verdict: differs\n        note: 不对。\n",
     'data/tables/demo-revenue.yml:19: the claim says the article differs, but its "10%" ("营收增长了10%", '
     'seeds/demo.txt line 3) agrees with `growth` of row "fy2024" (10.0%); remove `verdict: differs` (and update its note)'),
    ("quote: 营收增长了10%", "quote: 演示公司",
     'data/tables/demo-revenue.yml:19: claim quote "演示公司" matches 2 places in seeds/demo.txt: '
     "line 3: …[演示公司]发布了新产品,营收增长了…; line 6: …[演示公司]的前景仍不明朗。…; lengthen the quote or add "
     "`prefix:`/`suffix:` so it matches one place"),
    ("quote: 营收增长了10%", "quote: 发布了新产品",
     'data/tables/demo-revenue.yml:19: the quote "发布了新产品" has no figure in %; write `figure:` exactly as in the '
     "quote, or `means:` when the words state it without a figure"),
    ("values: [revenue]", "values: [year]",
     "data/tables/demo-revenue.yml:22: chart value `year` is not a number column of this table; "
     "list number columns: `values: [revenue, growth]`"),
])
def test_table_problems(base_project: Path, old: str, new: str, expected: str) -> None:
    assert old in DEMO
    assert messages(with_table(base_project, DEMO.replace(old, new, 1))) == [expected]


def test_a_figure_only_the_article_gives_must_say_so(base_project: Path) -> None:
    (base_project / "data/sources.yml").write_text(
        (base_project / "data/sources.yml").read_text(encoding="utf-8") + "- id: article\n  publisher: 原文\n",
        encoding="utf-8")
    text = DEMO.replace("      value: 11\n", "      value: 11\n      sources: [article]\n")

    assert messages(with_table(base_project, text)) == [
        'data/tables/demo-revenue.yml:15: `revenue` of row "fy2024" comes only from the article but is not marked '
        "unverified; add `status: unverified` (or cite reporting that confirms it)"]
    text = text.replace("      sources: [article]\n", "      sources: [article]\n      status: unverified\n")
    assert messages(with_table(base_project, text)) == []


def test_several_problems_are_reported_at_once(base_project: Path) -> None:
    text = DEMO.replace("sources: [demo-report]\n", "").replace("revenue: 10", "revenue: 十亿元").replace(
        "unit: 亿元", "unit: 亿")
    found = messages(with_table(base_project, text))
    assert len(found) >= 3
    assert any("has no `sources`" in m for m in found) and any("unknown unit" in m for m in found)


def test_a_figure_that_would_hold_another_mark_shrinks_to_its_number(base_project: Path) -> None:
    project, _ = load_project(with_table(base_project, DEMO))
    article = project.articles[0]
    at = article.canonical.index("10%")
    # A note on "%" alone: the whole figure (a link) cannot hold it, the number "10" sits beside it.
    note = Candidate(at + 2, at + 3, "note", "percent", Origin("data/notes/demo/percent.md", 2), 'note "percent"')
    rules = {kind.name: kind.rules for kind in KINDS}
    placement = place(article.canonical, [note, *TablesKind().candidates(project, article)], rules)
    assert placement.problems == []
    figure = next(s for s in placement.spans if s.kind == "figure")
    assert article.canonical[figure.start:figure.end] == "10"


# ---- pages and open data -------------------------------------------------------------------

def test_pages_and_open_data(base_project: Path) -> None:
    outputs = build_outputs(with_table(base_project, DEMO))
    assert outputs.problems == []
    pages = {p.src_uri: p for p in outputs.pages}
    page = pages["data/demo-revenue.md"].content
    assert pages["data/demo-revenue.md"].edit_path == "data/tables/demo-revenue.yml"
    assert '<caption id="table-demo-revenue-caption">演示公司营收' in page
    assert '<th scope="col" class="pz-num">营收<span class="pz-unit">（亿元）</span></th>' in page
    assert '<tr id="row-fy2024">' in page and '<th scope="row" class="pz-text">2024年' in page
    assert 'role="img" aria-labelledby="chart-demo-revenue-1-title" aria-describedby="chart-demo-revenue-1-desc"' in page
    assert '来源：<a href="../../sources/#source-demo-report">演示周刊，2024年12月</a>' in page
    assert '<a href="../demo-revenue.csv" download>CSV</a>' in page
    assert 'href="../../demo/#fig-demo-revenue-fy2024-growth"' in page
    assert "data/demo-revenue.md" in pages["data/index.md"].content or "demo-revenue/" in pages["data/index.md"].content

    article = pages["demo/index.md"].content
    assert ('<a class="pz-pop pz-figure" id="fig-demo-revenue-fy2024-growth" href="../data/demo-revenue/#row-fy2024" '
            'data-pz-pop="figure-demo-revenue-fy2024">10%</a>') in article
    previews = previews_of(pages["demo/index.md"])
    # The preview is plain lines (title, row, one "column<TAB>value" per column, the claims): the
    # card links to the row through the figure link's own address.
    assert "\n营收增长（%，计算值）\t+10.0" in previews["figure-demo-revenue-fy2024"]
    assert "<" not in previews["figure-demo-revenue-fy2024"]

    rows = list(csv.reader(io.StringIO(outputs.files["data/demo-revenue.csv"].decode("utf-8-sig"))))
    assert rows == [["id", "年度", "营收（亿元）", "营收增长（%，计算值）", "标注"],
                    ["fy2023", "2023年", "10", "", ""], ["fy2024", "2024年", "11", "10.0", ""]]
    data = json.loads(outputs.files["data/demo-revenue.json"])
    assert data["columns"][2]["derived"] == "change(revenue)"
    growth = data["rows"][1]["cells"]["growth"]
    assert growth["value"] == 10.0 and growth["claims"][0]["quote"] == "营收增长了10%"
    assert json.loads(outputs.files["data/tables.json"])["tables"][0]["csv"] == "demo-revenue.csv"


def test_real_open_data_keeps_statuses(real: tuple) -> None:
    from pizhu.kinds.tables.output import open_data

    files = open_data(real[0], tables_of(real[0]), zh())
    text = files["data/sensetime-market-value.csv"].decode("utf-8-sig")
    assert "市值：超（over）" in text and "市值：未经证实" in text
    data = json.loads(files["data/sensetime-headcount.json"])
    staff = data["rows"][0]["cells"]["staff"]
    assert staff["value"] == 6113 and staff["status"] == "disputed" and staff["claims"][0]["verdict"] == "differs"


@pytest.mark.build
def test_fixture_site_with_a_table_builds(base_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(with_table(base_project, DEMO), site)

    assert result.returncode == 0, result.stderr
    page = (site / "data/demo-revenue/index.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<table class=\"pz-table\"" in page
    assert (site / "data/demo-revenue.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert 'href="../data/demo-revenue/#row-fy2024"' in (site / "demo/index.html").read_text(encoding="utf-8")


# ---- in a real browser ---------------------------------------------------------------------

FIGURE = 'a.pz-figure[data-pz-pop="figure-sensetime-results-fy2024"]'


@pytest.mark.browser
def test_figure_previews_its_row_on_hover_focus_and_tap(site_url: str, browser_page, phone_page) -> None:
    page = browser_page
    page.goto(site_url + "sensetime-xu-bing/", wait_until="networkidle")
    page.locator(FIGURE).first.hover()
    page.wait_for_selector(".pz-popover")
    assert "37.72" in page.locator(".pz-popover").inner_text() and "41.31" in page.locator(".pz-popover").inner_text()
    page.keyboard.press("Escape")
    page.locator(FIGURE).nth(1).focus()
    page.wait_for_selector(".pz-popover")
    assert page.locator(".pz-popover .pz-pop-more a").evaluate("a => a.href") == site_url + "data/sensetime-results/#row-fy2024"

    phone_page.goto(site_url + "sensetime-xu-bing/", wait_until="networkidle")
    figure = phone_page.locator('a.pz-figure[data-pz-pop="figure-sensetime-market-value-article-2025-06"]').first
    figure.scroll_into_view_if_needed()
    figure.tap()
    phone_page.wait_for_selector(".pz-popover")
    assert "未经证实" in phone_page.locator(".pz-popover").inner_text()
    assert phone_page.url.endswith("/sensetime-xu-bing/")  # a tap previews, it does not navigate


@pytest.mark.browser
def test_table_page_has_no_axe_violations_in_light_and_dark(browser, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for rel in ("data/", "data/sensetime-market-value/"):
            page.goto(site_url + rel, wait_until="networkidle")
            result = Axe().run(page)
            assert result.violations_count == 0, (scheme, rel, result.generate_report())
        context.close()


@pytest.mark.browser
def test_charts_and_tables_show_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "data/sensetime-results/")
    assert page.locator("figure.pz-chart svg[role=img]").first.is_visible()
    assert page.locator("#row-fy2024").is_visible()
    page.goto(site_url + "sensetime-xu-bing/")
    page.locator(FIGURE).first.click()
    assert page.url.endswith("/data/sensetime-results/#row-fy2024")
    context.close()


ENGLISH_TABLE = """\
title: Bike lane budget
period: 2026
sources: [council-minutes]
article: bike-lanes
columns:
  - {id: item, label: Item, type: text}
  - {id: cost, label: Cost, type: number, unit: million dollars}
  - {id: signed, label: Signatures, type: number, unit: people}
rows:
  - id: plan
    item: The plan
    cost:
      value: COST
      claim:
        quote: $4.5 million
    signed:
      value: 3000
      claim:
        quote: 3,000 people
"""


def test_words_that_say_more_than_the_figure_suggest_the_claims_relation(tmp_path: Path) -> None:
    # "More than 3,000 people": the check said the article states 3000 (±0.5) and advised
    # `verdict: differs`, where `relation: ">"` was meant (newsroom audit).
    from support import FIXTURES, copy_project, write_seed

    project = copy_project(FIXTURES / "english", tmp_path / "english")
    seed = (project / "seeds/bike-lanes.txt").read_text(encoding="utf-8")
    write_seed(project, "bike-lanes", seed + "The city will spend $4.5 million on them; more than 3,000 people signed.\n")
    with_table(project, ENGLISH_TABLE.replace("COST", "4.5").replace("value: 3000", "value: 3120")
               .replace("quote: 3,000 people", "quote: more than 3,000 people"), "budget")
    problems = [p.format() for p in load_project(project)[1] if p.severity == "error"]
    assert len(problems) == 1 and problems[0].startswith("data/tables/budget.yml:19: the article's \"3,000 people\"")
    assert 'the words say more than the figure: if so, add `relation: ">"` to the claim; or correct the table' in problems[0]


def test_figure_words_with_a_scale_but_no_unit_are_refused(tmp_path: Path) -> None:
    # "4.5 billion" for a cell of 4.5 million dollars passed: a bare number is read in the column's unit.
    from support import FIXTURES, copy_project, write_seed

    project = copy_project(FIXTURES / "english", tmp_path / "english")
    seed = (project / "seeds/bike-lanes.txt").read_text(encoding="utf-8")
    write_seed(project, "bike-lanes", seed + "The city will spend $4.5 million on them; 3,000 people signed a petition.\n")
    with_table(project, ENGLISH_TABLE.replace("COST", "4.5"), "budget")
    note = project / "data/notes/bike-lanes/forty-km.md"
    text = note.read_text(encoding="utf-8")
    for words, wrong in (("4.5 billion", True), ("4.5", False), ("$4.5 million", False), ("4.5 million dollars", False)):
        note.write_text(text + f'\nIt costs {{{{ figure budget/plan/cost "{words}" }}}}.\n', encoding="utf-8")
        problems = [p.format() for p in load_project(project)[1] if p.severity == "error"]
        assert bool(problems) == wrong, (words, problems)
        assert not wrong or "scale their number" in problems[0]


@pytest.mark.parametrize(("cost", "expected"), [
    ("4.5", []),
    ("4.7", ['data/tables/budget.yml:15: the article\'s "$4.5 million" ("$4.5 million", seeds/bike-lanes.txt line 7) '
             'states $4.5 million (±$0.05 million), but `cost` of row "plan" is $4.7 million; '
             "correct the table (or the figures it is computed from); if the article is wrong, keep the value and add "
             "`verdict: differs` with a `note` to the claim"]),
])
def test_an_english_table_is_checked_against_english_figures(tmp_path: Path, cost: str, expected: list[str]) -> None:
    # "$4.5 million" and "3,000 people", as an English newsroom writes them (the units were Chinese only).
    from support import FIXTURES, copy_project, write_seed

    project = copy_project(FIXTURES / "english", tmp_path / "english")
    seed = (project / "seeds/bike-lanes.txt").read_text(encoding="utf-8")
    write_seed(project, "bike-lanes", seed + "The city will spend $4.5 million on them; 3,000 people signed a petition.\n")
    with_table(project, ENGLISH_TABLE.replace("COST", cost), "budget")
    problems = [p.format() for p in load_project(project)[1] if p.severity == "error"]
    assert problems == expected


def test_traditional_scale_words_and_named_currencies_are_read(base_project: Path) -> None:
    # A Taiwan newsroom's "6.2萬元" passed against a cell of 11亿元: 萬 was no scale pizhu knew, so
    # the bare 6.2 was read in the column's unit; 億元 was no unit, nor was 新台幣45億元 a figure.
    with_table(base_project, DEMO.replace("unit: 亿元", "unit: 億元"))
    note = base_project / "data/notes/demo/growth.md"
    text = note.read_text(encoding="utf-8")
    for words, wrong in (("11萬元", True), ("110000萬元", False), ("新台幣11億元", False), ("人民币11亿元", False),
                         ("港幣11億元", True), ("11億", True), ("11", False)):
        note.write_text(text + f'\n营收{{{{ figure demo-revenue/fy2024/revenue "{words}" }}}}。\n', encoding="utf-8")
        problems = messages(base_project)
        assert bool(problems) == wrong, (words, problems)


def test_a_comma_in_a_number_inside_braces_is_told_about(tmp_path: Path) -> None:
    # `claim: {quote: 员工3,206人}`: YAML splits the mapping at the comma ("unknown field 206人").
    from support import FIXTURES, copy_project

    project = copy_project(FIXTURES / "taiwan", tmp_path / "taiwan")
    table = project / "data/tables/mingri-results.yml"
    table.write_text(table.read_text(encoding="utf-8").replace('{quote: "公司員工共3,206人"}', "{quote: 公司員工共3,206人}"),
                     encoding="utf-8")
    assert any("unknown field `206人`" in m and "a comma inside `{ … }` separates fields" in m for m in messages(project))
