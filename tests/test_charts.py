"""Bar charts as inline SVG: accessible, themeable, no script, values as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D  # noqa: N817 (D("37.7") reads like the figure it is)

from pizhu.kinds.tables.charts import Bar, ChartData, Series, bar_chart, describe, nice_ticks, wrap
from support import zh

SVG = "{http://www.w3.org/2000/svg}"


def results_chart() -> ChartData:
    return ChartData("chart-demo-1", "收入与亏损（亿元）", "亿元", ["2023年", "2024年"], [
        Series("收入", [Bar(D("34.058"), "34.058"), Bar(D("37.72"), "37.72")]),
        Series("研发支出", [Bar(None, "未知"), Bar(D("41.31"), "41.31", "unverified")]),
    ], description="研发支出超过收入")


def test_chart_is_well_formed_and_labelled() -> None:
    root = ET.fromstring(bar_chart(results_chart(), zh()))
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    # Named by the title, described by the summary: each read once (it was the name and the description).
    assert root.get("aria-labelledby") == "chart-demo-1-title"
    assert root.get("aria-describedby") == "chart-demo-1-desc"
    assert root.find(SVG + "title").get("id") == "chart-demo-1-title"
    assert root.find(SVG + "title").text == "收入与亏损（亿元）"
    assert root.find(SVG + "desc").get("id") == "chart-demo-1-desc"


def test_text_alternative_lists_every_value() -> None:
    text = describe(results_chart(), zh())
    assert text.startswith("研发支出超过收入。横向条形图，单位：亿元。")
    assert "2023年：收入34.058，研发支出未知。" in text
    assert "2024年：收入37.72，研发支出41.31*。" in text
    assert "未经证实" in text


def test_chart_follows_the_theme_and_makes_no_request() -> None:
    svg = bar_chart(results_chart(), zh())
    assert 'fill="currentColor"' in svg  # text and axes take the page's colour
    assert 'class="pz-chart-s1"' in svg and 'class="pz-chart-s2 pz-chart-hollow"' in svg
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "<style" not in svg and "\n" not in svg  # one line: Markdown leaves it alone


def test_bars_are_proportional_and_unknown_values_have_no_bar() -> None:
    root = ET.fromstring(bar_chart(results_chart(), zh()))
    bars = [r for r in root.iter(SVG + "rect") if "pz-chart-s" in r.get("class", "") and r.get("height") == "16"]
    widths = [float(r.get("width")) for r in bars]
    assert len(bars) == 3  # the unknown 2023 value draws no bar
    assert abs(widths[1] / widths[0] - 37.72 / 34.058) < 0.01
    values = [t.text for t in root.iter(SVG + "text") if "pz-chart-value" in t.get("class", "")]
    assert values == ["34.058", "未知", "37.72", "41.31*"]


def test_ticks_and_wrapping() -> None:
    assert nice_ticks(64.947) == [0, 20, 40, 60, 80]
    assert nice_ticks(3000) == [0, 1000, 2000, 3000]
    assert wrap("2025-06 原文所说“截至今年6月”") == ["2025-06", "原文所说“截至今年6月”"]
    assert wrap("2024年") == ["2024年"]
