"""The Traditional edition: conversion, offset mapping, overrides, the built edition, open data."""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from htmltext import block_texts, document, page_ids
from pizhu.build import build_outputs
from pizhu.core.convert import Converter, OffsetMap, mark_done, opencc_convert
from pizhu.core.editions import EDITIONS, Edition, converter
from pizhu.core.options import SiteOptions
from support import BASE, REPO, copy_project, site_previews, write_seed
from test_fidelity import canonical_lines

SEED = REPO / "seeds" / "sensetime-xu-bing.txt"
ARTICLE = "sensetime-xu-bing/index.html"
# Phrases OpenCC's s2twp really rewrites to another length (checked below), and some it keeps.
LENGTH_CHANGING = {"算法": "演算法", "首席执行官": "執行長", "用户": "使用者", "显卡": "顯示卡", "U盘": "隨身碟",
                   "时间窗口": "時間視窗", "字节": "位元組", "程序员": "程式設計師"}
SAME_LENGTH = {"软件": "軟體", "出租车": "計程車", "数据中心": "資料中心", "商汤": "商湯"}


def edition_converter() -> Converter:
    return converter(REPO, EDITIONS["zh-Hant"], [])


# ---- conversion and the offset map ------------------------------------------------------


def test_s2twp_really_changes_the_length_of_these_phrases() -> None:
    for simplified, traditional in {**LENGTH_CHANGING, **SAME_LENGTH}.items():
        assert opencc_convert("s2twp", simplified) == traditional


def test_spans_land_on_the_same_words_where_phrases_change_length() -> None:
    text = "商汤首席执行官说,算法和用户都在数据中心;显卡、U盘与软件。坐出租车的程序员错过了时间窗口,字节也是。"
    converted, offsets = Converter("s2twp").aligned(text)
    assert converted == opencc_convert("s2twp", text)
    for simplified, traditional in {**LENGTH_CHANGING, **SAME_LENGTH}.items():
        start = text.index(simplified)
        new_start, new_end = offsets.span(start, start + len(simplified))
        assert converted[new_start:new_end] == traditional, simplified
    # A span over several phrases, and the text after them, keep their words.
    start, end = text.index("算法和用户"), text.index("算法和用户") + len("算法和用户")
    assert converted[slice(*offsets.span(start, end))] == "演算法和使用者"
    assert converted[offsets(text.index("都在")):offsets(text.index("都在") + 2)] == "都在"


def test_an_overrides_words_are_escaped_in_html() -> None:
    # Overrides are refused unless they are Han characters only; the HTML conversion escapes
    # what an override writes all the same (text and reader-facing attributes).
    from pizhu.core.convert import Override
    from pizhu.core.model import Origin

    convert = Converter("s2tw", [Override("营收", "<i>營收</i>\"", Origin("x", 1))])
    assert convert.html('<p title="营收">营收</p>') == '<p title="&lt;i&gt;營收&lt;/i&gt;&quot;">&lt;i&gt;營收&lt;/i&gt;"</p>'
    assert convert("营收") == '<i>營收</i>"'  # plain text stays plain text: escaping is the output's


def test_overrides_win_and_are_mapped_like_phrases() -> None:
    from pizhu.core.convert import Override
    from pizhu.core.model import Origin

    convert = Converter("s2twp", [Override("字节", "字節", Origin("x", 1)), Override("时间窗口", "時間窗口", Origin("x", 2))])
    text = "腾讯、字节的时间窗口。"
    converted, offsets = convert.aligned(text)
    assert converted == "騰訊、字節的時間窗口。"
    at = text.index("时间窗口")
    assert converted[slice(*offsets.span(at, at + 4))] == "時間窗口"


phrase_text = st.lists(st.sampled_from([*LENGTH_CHANGING, *SAME_LENGTH, "的", "和", "AI", "。", "\n", "发", "后"]),
                       min_size=1, max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(text=phrase_text, cuts=st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=8))
def test_the_offset_map_keeps_order_nesting_and_ranges(text: str, cuts: list[int]) -> None:
    converted, offsets = Converter("s2twp").aligned(text)
    assert converted == opencc_convert("s2twp", text)
    mapped = [offsets(i) for i in range(len(text) + 1)]
    assert mapped[0] == 0 and mapped[-1] == len(converted)
    assert mapped == sorted(mapped)  # monotone: nested or apart spans stay so
    points = sorted({c % (len(text) + 1) for c in cuts})
    for start, end in itertools.pairwise(points):
        new_start, new_end = offsets.span(start, end)
        assert 0 <= new_start < new_end <= len(converted)


def test_html_conversion_keeps_ids_links_code_and_done_stretches() -> None:
    # Private-use characters a contributor might write do not open a stretch: only mark_done's do.
    convert = Converter("s2tw")
    html = ('<h2 id="战略" title="战略">战略</h2><a href="#战略">战略</a><code>数据</code>'
            + mark_done("<b>軟件</b>") + '<script type="application/json">{"a": "\\u003ci title=\\"数据\\"\\u003e数据"}</script>'
            + "\ue000\ue001")
    assert convert.html(html) == (
        '<h2 id="战略" title="戰略">戰略</h2><a href="#战略">戰略</a><code>数据</code><b>軟件</b>'
        '<script type="application/json">{"a":"\\u003ci title=\\"數據\\"\\u003e數據"}</script>\ue000\ue001')


# ---- an article laid out from its conversion ------------------------------------------------

NOTE = """---
anchor: {anchor}
kind: context
author: demo-editor
status: published
published: 2025-01-03
sources: [demo-report]
---
注释。
"""


def test_an_article_converted_with_s2twp_keeps_its_notes_on_their_words(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(BASE, tmp_path / "project")
    for note in (project / "data/notes/demo").glob("*.md"):
        note.unlink()
    seed = "演示公司的首席执行官说,算法和用户都重要。1\n第一部分:显卡\n坐出租车的程序员买了显卡。2"
    write_seed(project, "demo", seed)
    anchors = {"ceo": "首席执行官", "users": "算法和用户", "taxi": "坐出租车的程序员"}
    for note_id, anchor in anchors.items():
        (project / f"data/notes/demo/{note_id}.md").write_text(NOTE.format(anchor=anchor), encoding="utf-8")
    monkeypatch.setitem(EDITIONS, "zh-Hant", dataclasses.replace(EDITIONS["zh-Hant"], opencc="s2twp"))

    outputs = build_outputs(project, SiteOptions(edition="zh-Hant", language="zh-Hant"))

    assert [p.format() for p in outputs.problems] == []
    assert outputs.convert is not None
    page = next(p for p in outputs.pages if p.src_uri == "demo/index.md")
    html = outputs.convert.html(page.content)
    marks = {note: words for words, note in
             re.findall(r'<mark class="pz-note-span">(.*?)</mark><sup class="pz-note-ref" id="ref-note-([a-z]+)"', html)}
    assert marks == {note_id: opencc_convert("s2twp", anchor) for note_id, anchor in anchors.items()}
    assert marks["users"] == "演算法和使用者"
    assert "\ue000" not in html and "\ue001" not in html
    assert [re.sub(r"<sup.*?</sup>|<[^>]+>", "", b) for b in re.findall(r'<p class="pz-block[^>]*>(.*?)</p>', html)] == \
        [opencc_convert("s2twp", line) for line in canonical_lines(seed) if not line.startswith("第一部分")]


# ---- overrides: contributor data, checked at every build -----------------------------------


def overrides_problems(tmp_path: Path, text: str) -> list[str]:
    project = copy_project(BASE, tmp_path / "project")
    (project / "data" / "zh-hant.yml").write_text(text, encoding="utf-8")
    return [p.format() for p in build_outputs(project).problems if p.file == "data/zh-hant.yml"]


def test_an_override_that_no_longer_applies_is_a_problem_at_its_line(tmp_path: Path) -> None:
    problems = overrides_problems(tmp_path, (
        "- simplified: 营收增长\n  traditional: 营收增长\n  why: kept (OpenCC writes 營收增長)\n"
        "- simplified: 不存在的词\n  traditional: 不存在的詞\n  why: gone from the text\n"
        "- simplified: 演示公司\n  traditional: 演示公司\n  why: OpenCC writes it so already\n"))
    assert len(problems) == 2, problems
    assert problems[0].startswith("data/zh-hant.yml:4: override \"不存在的词\" no longer applies: the phrase occurs nowhere")
    assert problems[1].startswith("data/zh-hant.yml:7: override \"演示公司\" no longer applies: OpenCC (s2tw) already")


@pytest.mark.parametrize(("text", "expected"), [
    ("- simplified: 演示\n  traditional: 演示\n  why: x\n  note: y\n", "data/zh-hant.yml:4: unknown field `note`"),
    ("- simplified: 营收\n  traditional: 營收\n", "data/zh-hant.yml:1: conversion override has no `why`"),
    ("- simplified: 营收\n  traditional: 營收\n  why: a\n- simplified: 营收\n  traditional: 营收\n  why: b\n",
     "data/zh-hant.yml:4: \"营收\" is overridden twice (first at data/zh-hant.yml:1)"),
    ("simplified: 营收\n", "data/zh-hant.yml:1: expected a list of conversion overrides"),
    ("- simplified: abc\n  traditional: abc\n  why: x\n", "data/zh-hant.yml:1: override \"abc\" is not a phrase"),
    ("- simplified: &a 营收\n  traditional: *a\n  why: x\n", "data/zh-hant.yml:1:"),
    # Markup in an override's words would reach every page of the edition as HTML (found by a
    # red-team pass: <img onerror> on the sources page, the glossary and the navigation).
    ("- simplified: 营收\n  traditional: 營收<img src=x onerror=alert(1)>\n  why: x\n",
     "data/zh-hant.yml:2: the override of \"营收\" writes \"營收<img src=x onerror=alert(1)>\", which is not Han"),
    ("- simplified: 营收<b>\n  traditional: 營收\n  why: x\n", "data/zh-hant.yml:1: override \"营收<b>\" is not a phrase"),
    # The edition is the article in other characters: an override may not change its words.
    ("- simplified: 营收增长\n  traditional: 營收下降\n  why: x\n",
     "data/zh-hant.yml:2: the override of \"营收增长\" writes \"營收下降\", which is \"营收下降\" in simplified "
     "characters: it would change what the text says"),
])
def test_hostile_overrides_are_refused_with_their_line(tmp_path: Path, text: str, expected: str) -> None:
    problems = overrides_problems(tmp_path, text)
    assert any(p.startswith(expected) for p in problems), problems


def test_the_real_overrides_all_apply() -> None:
    outputs = build_outputs(REPO)
    assert [p.format() for p in outputs.problems if p.file == "data/zh-hant.yml"] == []
    assert len(edition_converter().overrides) >= 2


# ---- words ---------------------------------------------------------------------------------


def test_names_are_written_as_their_owners_write_them() -> None:
    convert = edition_converter()
    names = {"徐冰": "徐冰", "徐立": "徐立", "张立": "張立", "汤晓鸥": "湯曉鷗", "商汤科技": "商湯科技",
             "上海阵量": "上海陣量", "字节跳动": "字節跳動", "腾讯": "騰訊", "寒武纪": "寒武紀", "批注": "批注",
             "大模型和面向客户": "大模型和面向客戶"}
    assert {name: convert(name) for name in names} == names


def test_the_traditional_catalogue_has_what_the_conversion_would_write() -> None:
    # The edition converts each page once more: the catalogue's words must come through unchanged.
    catalogue = yaml.safe_load((REPO / "src/pizhu/i18n/zh-Hant.yml").read_text(encoding="utf-8"))
    convert = edition_converter()
    assert {k: v for k, v in catalogue.items() if convert(str(v)) != str(v)} == {}


# ---- the built edition ----------------------------------------------------------------------


def test_the_traditional_article_is_the_conversion_of_the_seed(built_site: Path) -> None:
    html = (built_site / "zh-hant" / ARTICLE).read_text(encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8")
    convert = edition_converter()
    assert block_texts(html) == canonical_lines(convert(seed))
    assert block_texts(html) == [convert(line) for line in canonical_lines(seed)]


def alternates(html: str) -> dict[str, str]:
    """A page's language switch: language -> address (relative to the page)."""
    assert document(html).xpath('//head/link[@rel="alternate"][@hreflang]') == []  # (the sitemap has them)
    return {str(link.get("hreflang")): str(link.get("href")) for link in document(html).xpath("//a[@hreflang]")}


def sitemap_alternates(sitemap: Path) -> dict[str, dict[str, str]]:
    """Each page of a sitemap (its address) -> its versions: language -> address."""
    import xml.etree.ElementTree as ET

    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {str(url.findtext("s:loc", namespaces=names)): {str(link.get("hreflang")): str(link.get("href"))
                                                           for link in url.findall("x:link", names)}
            for url in ET.parse(sitemap).getroot().findall("s:url", names)}


def test_every_page_has_its_traditional_twin_with_alternate_links(built_site: Path) -> None:
    simplified = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if "zh-hant" not in p.parts}
    traditional = {p.relative_to(built_site / "zh-hant").as_posix() for p in (built_site / "zh-hant").rglob("*.html")}
    assert simplified == traditional
    for rel in sorted(simplified - {"404.html"}):
        depth = rel.count("/")
        page = rel.removesuffix("index.html")
        hant = (built_site / "zh-hant" / rel).read_text(encoding="utf-8")
        hans = (built_site / rel).read_text(encoding="utf-8")
        assert document(hant).get("lang") == "zh-Hant" and document(hans).get("lang") == "zh", rel
        assert alternates(hant)["zh-Hans"] == f'{"../" * (depth + 1)}{page}', rel
        assert alternates(hans)["zh-Hant"] == f'{"../" * depth}zh-hant/{page}', rel
        assert "\ue000" not in hant and "\ue001" not in hant, rel
    # Search engines learn each page's versions from the sitemaps (both editions say the same).
    root = "https://pizhu.example.org/"
    for sitemap, prefix in ((built_site / "sitemap.xml", ""), (built_site / "zh-hant/sitemap.xml", "zh-hant/")):
        listed = sitemap_alternates(sitemap)
        assert len(listed) == len(simplified) - 1, sitemap  # every page but 404.html
        for loc, versions in listed.items():
            page = loc.removeprefix(root + prefix)
            assert versions == {"zh-Hans": root + page, "zh-Hant": root + "zh-hant/" + page}, loc


def test_the_switch_and_the_sitemap_name_the_same_version_of_a_page() -> None:
    # An `extra.alternate` link with a query (another site's home, `?lang=en`) is no edition's
    # home: the switch kept it as it was while the sitemap named a page at that site without the query.
    from pizhu.editions import per_page_alternates, sitemap_alternates

    listed = [{"name": "简体中文", "link": "../", "lang": "zh-Hans"}, {"name": "繁體中文", "link": "./", "lang": "zh-Hant"},
              {"name": "English", "link": "https://example.org/?lang=en", "lang": "en"}]
    # On the page sources/, Material writes a relative link from that page's folder.
    html = "".join(f'<a href="{"" if "://" in alt["link"] else "../"}{alt["link"]}" hreflang="{alt["lang"]}">'
                   for alt in listed)
    site = "https://pizhu.example.org/zh-hant/"
    switch = {lang: urljoin(site + "sources/", href) for lang, href in alternates(per_page_alternates(html, "sources/")).items()}
    assert switch == {"zh-Hans": "https://pizhu.example.org/sources/", "zh-Hant": site + "sources/",
                      "en": "https://example.org/?lang=en"}
    assert dict(sitemap_alternates(site, listed, "sources/")) == {lang: switch[lang] for lang in ("zh-Hans", "zh-Hant")}


def test_the_edition_is_traditional_throughout(built_site: Path) -> None:
    hant = built_site / "zh-hant"
    assert "<title>詞條 - 批注 · pizhu</title>" in (hant / "glossary/index.html").read_text(encoding="utf-8")
    glossary = (hant / "glossary/index.html").read_text(encoding="utf-8")
    assert "商湯科技" in glossary and "聯合創始人" in glossary and "term-sensetime" in page_ids(glossary)
    notes = (hant / "sensetime-xu-bing/notes/index.html").read_text(encoding="utf-8")
    assert "註釋索引" in notes
    assert "來源" in (hant / "sources/index.html").read_text(encoding="utf-8")
    assert "搜尋" in (hant / "index.html").read_text(encoding="utf-8")  # Material's zh-Hant interface
    article = (hant / ARTICLE).read_text(encoding="utf-8")
    previews = site_previews(hant)
    assert "商湯" in previews["term-sensetime"] and "商汤" not in previews["term-sensetime"]
    # Ids stay the simplified edition's, so fragments work in both.
    assert "战略重塑商汤的艰难转型与甩包袱" in page_ids(article)


def test_every_place_below_a_pages_title_has_the_same_id_in_both_editions(built_site: Path) -> None:
    # The language switch takes the reader's place along as a fragment: the glossary's category
    # headings and the notes index's section headings had ids made from their words (公司与机构,
    # 公司與機構), so the switch lost the place there (reader audit). A page's title (h1) is
    # where a switch from the top of the page lands anyway.
    compared = 0
    for page in sorted(p for p in built_site.rglob("*.html") if "zh-hant" not in p.relative_to(built_site).parts):
        other = built_site / "zh-hant" / page.relative_to(built_site)
        if not other.exists():
            continue
        hans, hant = (document(p.read_text(encoding="utf-8")) for p in (page, other))
        below = [{str(v) for v in tree.xpath("//@id")} - {str(v) for v in tree.xpath("//h1/@id")} for tree in (hans, hant)]
        assert below[0] == below[1], (page.relative_to(built_site), sorted(below[0] ^ below[1])[:6])
        compared += 1
    assert compared >= 15


def test_open_data_stays_canonical_and_the_glossary_gives_traditional_forms(built_site: Path) -> None:
    for name in ("annotations.jsonld", "glossary.json", "feed.json", "data/tables.json", "data/sensetime-results.csv"):
        assert (built_site / name).read_bytes() == (built_site / "zh-hant" / name).read_bytes(), name
    glossary = json.loads((built_site / "glossary.json").read_text(encoding="utf-8"))
    sensetime = next(t for t in glossary["terms"] if t["id"] == "sensetime")
    assert sensetime["term"] == "商汤科技"
    assert sensetime["zh_hant"]["term"] == "商湯科技"
    assert "商湯" in sensetime["zh_hant"]["aliases"]


def test_the_offset_map_is_exact_where_nothing_changes_length() -> None:
    text = "徐冰卸任。"
    assert [OffsetMap.align(text, "徐冰卸任。")(i) for i in range(6)] == list(range(6))
    assert Edition("zh-Hant", "s2tw", "data/zh-hant.yml", "zh-hant") == EDITIONS["zh-Hant"]


def test_the_edition_config_repeats_the_original_exactly_where_it_must() -> None:
    # INHERIT replaces lists whole: the plugins and extra.alternate are repeated in
    # mkdocs.zh-hant.yml, and must not drift from mkdocs.yml.
    from mkdocs.config import load_config

    original = load_config(config_file=str(REPO / "mkdocs.yml"))
    edition = load_config(config_file=str(REPO / "mkdocs.zh-hant.yml"))
    assert list(edition.plugins) == list(original.plugins)
    for name in original.plugins:
        mine, theirs = dict(edition.plugins[name].config), dict(original.plugins[name].config)
        if name == "pizhu":
            assert mine.pop("edition") == "zh-Hant" and theirs.pop("edition") is None
        assert mine == theirs, name
    assert [(a["lang"], a["name"]) for a in edition.extra["alternate"]] == \
        [(a["lang"], a["name"]) for a in original.extra["alternate"]]
    assert edition.nav == original.nav and edition.theme.get("features") == original.theme.get("features")
    assert edition.theme["language"] == "zh-Hant" and edition.site_url == original.site_url + "zh-hant/"


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2twp", "s2hk", "t2s"])
def test_opencc_changes_han_characters_only(config: str) -> None:
    # What lets a text without Han characters skip OpenCC (and a site in another language never
    # load it): every other character of the first three planes comes out as it went in.
    import opencc

    from pizhu.core.text import HAN

    others = [chr(c) for c in range(0x01, 0x30000)
              if not 0xD800 <= c < 0xE000 and chr(c) not in "\n\r\u2028\u2029\x85" and not HAN.match(chr(c))]
    converted = opencc.OpenCC(config).convert("\n".join(others)).split("\n")
    assert [(a, b) for a, b in zip(others, converted, strict=True) if a != b] == []
    # NUL is the exception: OpenCC stops reading there, so pizhu converts around it.
    assert opencc_convert(config, "a\x00b") == "a\x00b"
    assert opencc_convert(config, "后来\x00发现\x00") == "\x00".join(
        [opencc_convert(config, "后来"), opencc_convert(config, "发现"), ""])


def test_the_edition_speaks_the_sites_own_words_converted_unless_it_has_its_own(tmp_path: Path) -> None:
    project = copy_project(BASE, tmp_path / "project")
    (project / "i18n").mkdir()
    (project / "i18n/zh-Hans.yml").write_text("notes.heading: 编者按语\nglossary.title: 词语解释\n", encoding="utf-8")
    (project / "i18n/zh-Hant.yml").write_text("glossary.title: 詞彙\n", encoding="utf-8")

    original = build_outputs(project, SiteOptions(language="zh"))
    edition = build_outputs(project, SiteOptions(edition="zh-Hant", language="zh-Hant"))

    assert [p.format() for p in original.problems + edition.problems] == []
    assert original.context.messages("notes.heading") == "编者按语"
    assert edition.context.messages("notes.heading") == "編者按語"  # the site's own, converted (was pizhu's 編輯註釋)
    assert edition.context.messages("glossary.title") == "詞彙"     # the edition's own file wins
    assert original.context.messages("glossary.title") == "词语解释"


def test_an_article_written_in_traditional_characters_gets_no_traditional_edition(base_project: Path) -> None:
    # A Taiwan newsroom's article (language: zh-TW) built with `edition: zh-Hant` was converted
    # again without a word: 公布 became 公佈 and 台灣 臺灣 in a text published as verbatim.
    from mkdocs.config import load_config

    from pizhu.build import build_outputs
    from pizhu.config import site_options

    manifest = base_project / "data/articles/demo.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("language: zh-Hans", "language: zh-TW"),
                        encoding="utf-8")
    edition = base_project / "mkdocs.zh-hant.yml"
    edition.write_text("INHERIT: mkdocs.yml\ntheme:\n  name: material\n  language: zh-Hant\n"
                       "plugins:\n  - pizhu:\n      edition: zh-Hant\n", encoding="utf-8")
    loaded = load_config(config_file=str(edition))
    problems = build_outputs(base_project, site_options(loaded, loaded.plugins["pizhu"].config, base_project)).problems
    assert [p.format() for p in problems] == [
        "data/articles/demo.yml:4: the article is written in zh-TW, the characters of the zh-Hant edition, which would "
        "convert its text again and change what it says verbatim; build the site without `edition: zh-Hant` (or correct "
        "`language:` if the article is in simplified characters)"]
