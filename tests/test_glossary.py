"""Glossary: CJK-aware matching, link policy, nesting with notes, the page, the open data.

The test on the real article compares its links with a list checked by hand against
seeds/sensetime-xu-bing.txt: the first occurrence of each term in each section (the lede and
the first paragraph are section 0), never in a heading, longest form first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from pizhu.build import build_outputs
from pizhu.core.model import Article, Origin, Project, Span
from pizhu.core.options import DEFAULT_CATEGORIES as CATEGORIES
from pizhu.core.seed import parse_seed
from pizhu.core.spans import Candidate, place
from pizhu.core.text import excerpt
from pizhu.kinds import KINDS
from pizhu.kinds.glossary import GlossaryKind
from pizhu.kinds.glossary.load import generate_pinyin
from pizhu.kinds.glossary.matcher import Matcher, record_occurrences
from pizhu.kinds.glossary.model import Term, strip_tones
from pizhu.pipeline import load_project
from support import previews_of, terms_of, zh

REPO = Path(__file__).resolve().parent.parent

# Checked by hand against the seed: (paragraph id, linked text, term id), in reading order.
# 港元 is not linked in section 1: both its occurrences there are inside figures ("1400亿港元",
# "477.4亿港元"), which are links to their table rows, and a link cannot hold another.
HAND_CHECKED_LINKS = [
    ('p-1', '商汤科技', 'sensetime'), ('p-1', '徐冰', 'xu-bing'), ('p-1', 'AI芯片', 'ai-chip'),
    ('p-1', '独角兽', 'unicorn'), ('p-1', '生成式AI', 'generative-ai'), ('p-1', '轻资产运营', 'asset-light'),
    ('p-1', '算力', 'computing-power'), ('p-1', '大模型', 'large-model'),
    ('p-2', '执行董事', 'executive-director'), ('p-2', '市值', 'market-cap'),
    ('p-4', '商汤科技', 'sensetime'), ('p-4', 'AI四小龙', 'ai-four-dragons'), ('p-4', '计算机视觉', 'computer-vision'),
    ('p-4', '徐冰', 'xu-bing'), ('p-4', 'IPO', 'ipo'), ('p-4', '市值', 'market-cap'),
    ('p-5', '净亏损', 'net-loss'), ('p-5', 'CEO', 'ceo'), ('p-5', '徐立', 'xu-li'), ('p-5', '1+X改革', 'one-plus-x'),
    ('p-5', '绝影', 'senseauto'), ('p-5', '元萝卜', 'yuanluobo'), ('p-5', '智慧医疗', 'smart-healthcare'),
    ('p-5', '智慧零售', 'smart-retail'), ('p-5', '生成式AI', 'generative-ai'), ('p-5', '大模型', 'large-model'),
    ('p-5', '推理', 'inference'),
    ('p-6', '张立', 'zhang-li'), ('p-6', '大装置', 'sensecore'),
    ('p-8', '商汤', 'sensetime'), ('p-8', 'AI芯片', 'ai-chip'), ('p-8', '徐冰', 'xu-bing'),
    ('p-8', '上海阵量', 'shanghai-zhenliang'), ('p-8', '全资子公司', 'wholly-owned-subsidiary'), ('p-8', 'GPGPU', 'gpgpu'),
    ('p-8', '芯片', 'chip'), ('p-8', '英伟达', 'nvidia'), ('p-8', 'A100', 'nvidia-a100'), ('p-8', 'H100', 'nvidia-h100'),
    ('p-8', '数据中心', 'data-center'), ('p-8', '国产替代', 'domestic-substitution'),
    ('p-9', '张立', 'zhang-li'),
    ('p-10', '流个片', 'tape-out'), ('p-10', 'AMD', 'amd'), ('p-10', '华为', 'huawei'), ('p-10', '寒武纪', 'cambricon'),
    ('p-10', '小米', 'xiaomi'), ('p-10', '编译器', 'compiler'), ('p-10', '算子', 'operator'), ('p-10', '框架', 'framework'),
    ('p-11', '净亏损', 'net-loss'), ('p-11', '三一集团', 'sany-group'), ('p-11', '北京利尔', 'beijing-lier'),
    ('p-11', '投前估值', 'pre-money-valuation'),
    ('p-12', '大模型', 'large-model'), ('p-12', '算力', 'computing-power'), ('p-12', '生成式AI', 'generative-ai'),
    ('p-14', '生成式AI', 'generative-ai'), ('p-14', '商汤', 'sensetime'), ('p-14', '日日新SenseNova V6', 'sensenova'),
    ('p-14', '大模型', 'large-model'), ('p-14', '长思维链', 'long-chain-of-thought'), ('p-14', '推理', 'inference'),
    ('p-14', 'GPT-4o', 'gpt-4o'), ('p-14', 'OpenAI o1', 'openai-o1'),
    ('p-15', '大装置', 'sensecore'), ('p-15', '三位一体', 'trinity-strategy'), ('p-15', '算力', 'computing-power'),
    ('p-15', '轻资产模式', 'asset-light'),
    ('p-16', '腾讯', 'tencent'), ('p-16', '阿里', 'alibaba'), ('p-16', '字节', 'bytedance'), ('p-16', '百度', 'baidu'),
    ('p-16', 'C端', 'consumer-end'), ('p-16', '算力租赁', 'compute-leasing'), ('p-16', '张立', 'zhang-li'),
    ('p-17', 'OpenAI', 'openai'), ('p-17', '显卡', 'graphics-card'), ('p-17', '价格战', 'price-war'),
    ('p-18', '研发费用', 'rd-expenses'), ('p-18', '基座模型', 'foundation-model'), ('p-18', '微调', 'fine-tuning'),
]


def term(term_id: str, text: str, *aliases: str, link: str = "first", category: str = "concept") -> Term:
    return Term(id=term_id, term=text, origin=Origin("data/glossary.yml", 1), category=category,
                definition_md="释义。", definition_html="<p>释义。</p>", aliases=list(aliases),
                pinyin=generate_pinyin(text), link=link, source_ids=["s"],
                form_lines=[1] * (1 + len(aliases)))


def article(seed: str) -> Article:
    parsed = parse_seed(seed, "seeds/t.txt", {"1", "2"})
    return Article(id="t", title="T", seed_file="seeds/t.txt", origin=Origin("data/articles/t.yml", 1),
                   seed_text=seed, canonical=parsed.canonical, blocks=parsed.blocks, citations=parsed.citations)


def link_terms(a: Article, terms: list[Term]) -> None:
    """The glossary's links among the spans ``a`` already has (and its citation marks), placed
    by the one placement rule, as the pipeline does."""
    project = Project(root=".", articles=[a])
    project.kinds["term"] = terms
    record_occurrences(terms, [a])
    there = [Candidate(s.start, s.end, s.kind, s.ref, Origin("x", 1), s.kind) for s in a.spans]
    there += [Candidate(c.offset, c.offset, "cite", "+".join(c.source_ids), Origin("x", 1), "cite") for c in a.citations]
    glossary = GlossaryKind()
    placement = place(a.canonical, [*there, *glossary.candidates(project, a)], {k.name: k.rules for k in KINDS})
    a.spans = placement.spans
    glossary.placed(project, a, [c for c in placement.placed if c.kind == "term"])


def links(a: Article) -> list[tuple[str, str]]:
    return [(a.canonical[s.start:s.end], s.ref) for s in sorted(a.spans, key=lambda s: s.start) if s.kind == "term"]


@pytest.fixture(scope="module")
def real() -> tuple[object, list[object]]:
    return load_project(REPO)


# --- the real article ------------------------------------------------------------------------


def test_real_article_links_match_the_hand_checked_list(real) -> None:  # type: ignore[no-untyped-def]
    project, problems = real
    assert [p.format() for p in problems if p.file == "data/glossary.yml"] == []
    a = project.articles[0]
    found = [(a.block_at(s.start).id, a.canonical[s.start:s.end], s.ref) for s in a.spans if s.kind == "term"]
    assert found == HAND_CHECKED_LINKS


def test_real_glossary_has_forty_sourced_entries_in_known_categories(real) -> None:  # type: ignore[no-untyped-def]
    project, _ = real
    assert len(terms_of(project)) >= 40
    assert all(t.source_ids and t.definition_html and t.category in CATEGORIES for t in terms_of(project))


def test_every_real_link_previews_its_term_and_nests(real) -> None:  # type: ignore[no-untyped-def]
    project, _ = real
    a = project.articles[0]
    terms = [s for s in a.spans if s.kind == "term"]
    assert all(GlossaryKind().preview_keys(s) == [f"term-{s.ref}"] and s.data["term"].id == s.ref for s in terms)
    headings = [b for b in a.blocks if b.kind == "heading"]
    assert not any(h.start <= s.start < h.end for h in headings for s in terms)
    notes = [s for s in a.spans if s.kind == "note"]
    for t in terms:
        for n in notes:
            assert (n.start <= t.start and t.end <= n.end) or t.end <= n.start or n.end <= t.start
    assert any(n.start <= t.start and t.end <= n.end for t in terms for n in notes), "some term sits in a note"


# --- matching ------------------------------------------------------------------------------


def test_longest_form_wins_across_terms_and_aliases() -> None:
    terms = [term("zl", "上海阵量", "阵量"), term("zl-short", "阵"), term("chip", "芯片"), term("ai-chip", "AI芯片"),
             term("st", "商汤科技", "商汤")]
    matches = Matcher(terms).find("上海阵量与阵量、AI芯片和芯片,商汤科技即商汤。阵")
    assert [(m.form, m.term.id) for m in matches] == [
        ("上海阵量", "zl"), ("阵量", "zl"), ("AI芯片", "ai-chip"), ("芯片", "chip"), ("商汤科技", "st"),
        ("商汤", "st"), ("阵", "zl-short")]


@pytest.mark.parametrize(('text', 'expected'), [
    ("OpenAI与AI", ["OpenAI", "AI"]),          # AI is not found inside OpenAI
    ("A100、H100和A1000", ["A100", "H100"]),   # nor A100 inside A1000
    ("AMD芯片", ["AMD", "芯片"]),               # Latin next to Han is fine
    ("用AI芯片", ["AI芯片"]),
])
def test_latin_forms_must_not_be_glued_to_latin_words(text: str, expected: list[str]) -> None:
    terms = [term("ai", "AI"), term("openai", "OpenAI"), term("a100", "A100"), term("h100", "H100"),
             term("amd", "AMD"), term("chip", "芯片"), term("ai-chip", "AI芯片")]
    assert [m.form for m in Matcher(terms).find(text)] == expected


# --- linking policy ------------------------------------------------------------------------


SEED = "芯片导语。\n芯片标题\n芯片一。1 芯片二。\n另一节芯片\n芯片三,芯片四。2"


def test_first_occurrence_per_section_never_in_headings() -> None:
    a = article(SEED)
    chip = term("chip", "芯片")
    link_terms(a, [chip])
    linked = [a.block_at(s.start).seed_line for s in a.spans if s.kind == "term"]
    assert linked == [1, 3, 5]  # lede; first paragraph after each heading (lines 2 and 4)
    assert len(chip.occurrences) == 7 and sum(o.linked for o in chip.occurrences) == 3


def test_link_all_and_never() -> None:
    a = article(SEED)
    link_terms(a, [term("chip", "芯片", link="all")])
    assert len(links(a)) == 5  # every occurrence outside the two headings
    b = article(SEED)
    never = term("chip", "芯片", link="never")
    link_terms(b, [never])
    assert links(b) == [] and len(never.occurrences) == 7


def test_terms_nest_inside_notes_but_never_cut_or_hold_one() -> None:
    a = article("商汤科技的上海阵量成立于2020年。1")
    text = a.canonical
    note_around = Span(0, text.index("成立"), "note", "around")           # holds 商汤科技 and 上海阵量
    note_inside = Span(text.index("阵量"), text.index("阵量") + 2, "note", "inside")  # inside 上海阵量
    a.spans += [note_around, note_inside]
    link_terms(a, [term("st", "商汤科技"), term("zl", "上海阵量")])
    assert links(a) == [("商汤科技", "st")]  # 上海阵量 would hold a whole note (and its marker)
    b = article("商汤科技的上海阵量成立。1")
    b.spans.append(Span(2, b.canonical.index("的") + 3, "note", "crossing"))  # 技的上海 cuts both
    link_terms(b, [term("st", "商汤科技"), term("zl", "上海阵量")])
    assert links(b) == []


def test_the_next_occurrence_is_linked_when_the_first_cannot_be() -> None:
    a = article("芯片业务与芯片。1")
    a.spans.append(Span(1, 3, "note", "n"))  # "片业" cuts the first 芯片
    link_terms(a, [term("chip", "芯片")])
    assert [s.start for s in a.spans if s.kind == "term"] == [5]


# --- pinyin, order, page, open data ---------------------------------------------------------


def test_pinyin_is_generated_for_han_and_sorting_ignores_tones() -> None:
    assert generate_pinyin("上海阵量") == "shàng hǎi zhèn liàng"
    assert generate_pinyin("AI芯片") == "AI xīn piàn"
    assert generate_pinyin("GPT-4o") == ""
    assert strip_tones("lǜ shī") == "lü shi"
    ordered = sorted([term("b", "百度"), term("amd", "AMD"), term("a", "阿里巴巴"), term("c", "C端")],
                     key=lambda t: t.sort_key)
    assert [t.term for t in ordered] == ["阿里巴巴", "AMD", "百度", "C端"]


def test_given_pinyin_overrides_the_generated_one(real) -> None:  # type: ignore[no-untyped-def]
    project, _ = real
    assert {t.id: t.pinyin for t in terms_of(project)}["huawei"] == "Huá wéi"


def test_pinyin_is_generated_only_for_a_chinese_site_and_an_empty_one_means_none(tmp_path: Path) -> None:
    # A Japanese site's 港湾局 is no gǎng wān jú (reuse audit); an editor may also say "none".
    from pizhu.core.model import Registry, Source
    from pizhu.kinds.glossary.load import load_terms

    (tmp_path / "data").mkdir()
    (tmp_path / "data/glossary.yml").write_text(
        "- id: harbour\n  term: 港湾局\n  category: organization\n  definition: x\n  sources: [s]\n"
        "- id: none\n  term: 商汤\n  pinyin: \"\"\n  category: organization\n  definition: x\n  sources: [s]\n",
        encoding="utf-8")
    sources = Registry({"s": Source("s", Origin("data/sources.yml", 1))})
    for chinese, expected in ((True, {"harbour": "gǎng wān jú", "none": ""}), (False, {"harbour": "", "none": ""})):
        problems: list = []  # type: ignore[type-arg]
        terms = load_terms(tmp_path, sources, CATEGORIES, problems, pinyin=chinese)
        assert problems == [] and {t.id: t.pinyin for t in terms} == expected


def test_excerpt_stays_within_its_line() -> None:
    text = "第一行\n这是一段很长很长的文字,其中提到了芯片这个词,后面还有很多很多很多很多的内容。\n下一行"
    at = text.index("芯片")
    shown = excerpt(text, at, at + 2)
    assert "芯片" in shown and "\n" not in shown and shown.startswith("…") and shown.endswith("…")


@pytest.fixture(scope="module")
def outputs():  # type: ignore[no-untyped-def]
    return build_outputs(REPO)


def test_glossary_page_groups_by_category_sorts_by_pinyin_and_links_paragraphs(outputs) -> None:  # type: ignore[no-untyped-def]
    page = next(p for p in outputs.pages if p.src_uri == "glossary.md")
    assert page.edit_path == "data/glossary.yml"
    categories = re.findall(r"^## (.+) \{ #category-([a-z0-9-]+) \}$", page.content, flags=re.MULTILINE)
    assert categories == [(zh()(f"glossary.category.{c}"), c) for c in CATEGORIES]
    terms = {t.id: t for t in terms_of(outputs.project)}
    headings = re.findall(r"^### .*\{ #term-([a-z0-9-]+) ", page.content, flags=re.MULTILINE)
    assert sorted(headings) == sorted(terms)
    for category in CATEGORIES:
        in_category = [i for i in headings if terms[i].category == category]
        assert in_category == sorted(in_category, key=lambda i: terms[i].sort_key)
    entry = page.content[page.content.index("{ #term-tape-out "):]
    entry = entry[:entry.index("###")]
    assert "tape-out" in entry and "liú piàn" in entry and "芯片设计完成后" in entry
    assert 'href="../sensetime-xu-bing/#p-10"' in entry  # 流个片 in the quote
    assert 'href="../sources/#source-pizhu-general-definition"' in entry


def test_every_paragraph_where_a_term_occurs_is_listed(outputs) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(outputs.files["glossary.json"])
    headings = {b.id for b in outputs.project.articles[0].blocks if b.kind == "heading"}
    for entry in data["terms"]:
        blocks = dict.fromkeys(o["block"] for o in entry["occurrences"] if o["block"] not in headings)
        paragraphs = [p["url"] for p in entry["places"] if not p["note"]]
        assert paragraphs == [f"sensetime-xu-bing/#{b}" for b in blocks], entry["id"]
    chip = next(t for t in data["terms"] if t["id"] == "chip")
    assert len([p for p in chip["places"] if not p["note"]]) >= 4  # not only where it is linked


def test_open_data_has_every_term_with_sources_and_occurrences(outputs) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(outputs.files["glossary.json"])
    assert data["count"] == len(data["terms"]) == len(terms_of(outputs.project))
    st = next(t for t in data["terms"] if t["id"] == "sensetime")
    assert st["url"] == "glossary/#term-sensetime" and "SenseTime" in st["aliases"]
    assert st["sources"] and all("publisher" in s for s in st["sources"])
    canonical = outputs.project.articles[0].canonical
    assert all(canonical[o["start"]:o["end"]] == o["text"] for t in data["terms"] for o in t["occurrences"])
    assert sum(o["linked"] for t in data["terms"] for o in t["occurrences"]) == len(HAND_CHECKED_LINKS)


def test_term_link_markup_points_at_the_entry_and_its_preview(outputs) -> None:  # type: ignore[no-untyped-def]
    page = next(p for p in outputs.pages if p.src_uri == "sensetime-xu-bing/index.md")
    # The link's fragment is the preview's key; the card links to the entry through the link itself.
    assert '<a class="pz-pop pz-term" href="../glossary/#term-shanghai-zhenliang">上海阵量</a>' in page.content
    previews = previews_of(page)
    preview = previews["term-shanghai-zhenliang"]
    assert preview.startswith("上海阵量\tshàng hǎi zhèn liàng\t\t公司与机构\n") and "上海阵量智能科技有限公司" in preview


# --- in the browser -------------------------------------------------------------------------


@pytest.mark.browser
def test_term_link_previews_on_hover_focus_and_tap_and_leads_to_the_entry(site_url, browser_page, phone_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(site_url + "sensetime-xu-bing/")
    link = page.locator('a.pz-term[href$="#term-shanghai-zhenliang"]').first
    link.hover()
    popover = page.locator(".pz-popover")
    popover.wait_for()
    assert "上海阵量智能科技有限公司" in popover.inner_text()
    page.keyboard.press("Escape")
    assert popover.count() == 0
    page.locator('a.pz-term[href$="#term-ai-chip"]').first.focus()
    page.locator(".pz-popover").wait_for()
    assert "人工智能计算" in page.locator(".pz-popover").inner_text()
    page.keyboard.press("Escape")
    page.goto(urljoin(page.url, link.get_attribute("href")))
    assert page.url.startswith(site_url + "glossary/")
    assert page.locator("#term-shanghai-zhenliang").is_visible()

    phone_page.goto(site_url + "sensetime-xu-bing/")
    phone_page.locator('a.pz-term[href$="#term-xu-bing"]').first.tap()
    phone_page.locator(".pz-popover").wait_for()
    assert "商汤科技联合创始人" in phone_page.locator(".pz-popover").inner_text()
    assert phone_page.url.endswith("sensetime-xu-bing/")  # a tap previews, it does not navigate


@pytest.mark.browser
def test_without_its_previews_a_term_is_the_link_it_is_without_script(site_url, browser_page, phone_page) -> None:  # type: ignore[no-untyped-def]
    # The previews file cannot be had (a network failure): a click, or a tap, leads to the entry.
    for page, act in ((browser_page, "click"), (phone_page, "tap")):
        page.route("**/previews.json", lambda route: route.abort())
        page.goto(site_url + "sensetime-xu-bing/")
        page.wait_for_function("document.querySelector('.pz-reader-bar > button')")
        getattr(page.locator('a.pz-term[href$="#term-shanghai-zhenliang"]').first, act)()
        page.wait_for_url("**/glossary/#term-shanghai-zhenliang")
        assert page.locator(".pz-popover").count() == 0


@pytest.mark.browser
def test_a_page_reached_by_instant_navigation_fetches_its_own_previews(site_url, browser_page) -> None:  # type: ignore[no-untyped-def]
    # Material swaps pages in place (navigation.instant): the script reads the new page's previews address.
    page, asked = browser_page, []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site_url)
    page.locator('article a[href*="sensetime-xu-bing/"]').first.click()
    page.wait_for_function("document.querySelector('.pz-reader-bar > button')")
    page.locator('a.pz-term[href$="#term-xu-bing"]').first.hover()
    page.locator(".pz-popover").wait_for()
    assert "商汤科技联合创始人" in page.locator(".pz-popover").inner_text()
    assert [u for u in asked if u.endswith("previews.json")] == [site_url + "sensetime-xu-bing/previews.json"]


SITE = "https://pizhu.example.org/"
"""The site's own address (mkdocs.yml's site_url): Material navigates in place only there."""


@pytest.mark.browser
def test_instant_navigation_at_the_sites_own_address_keeps_the_reader_whole(site_url, browser) -> None:  # type: ignore[no-untyped-def]
    # At its real address (not on a loopback port) Material swaps pages in place and runs every
    # <script> of the new content again as JavaScript, dropping its attributes: the reader's words
    # and previews address, in a JSON <script>, were lost (its controls read "skip", "reading";
    # no card opened) and the page threw. Found by the reader audit; requests go to the local site.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(SITE + "**", lambda route: route.fulfill(response=route.fetch(url=site_url + route.request.url[len(SITE):])))
    page, errors, loads = context.new_page(), [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("load", lambda _: loads.append(page.url))
    try:
        # (networkidle: Material navigates in place only once it has the sitemap, fetched after load)
        page.goto(SITE, wait_until="networkidle")
        page.locator('a.md-nav__link[href$="sensetime-xu-bing/"]').first.click()
        page.wait_for_url(SITE + "sensetime-xu-bing/")
        page.wait_for_function("document.querySelector('.pz-reader-bar > button')")
        assert loads == [SITE], "the click reloaded the page: instant navigation was not exercised"
        assert page.locator(".pz-skip").first.inner_text() == "跳到编辑注释"
        page.locator('a.pz-term[href$="#term-xu-bing"]').first.focus()
        page.locator(".pz-popover").wait_for()
        assert "商汤科技联合创始人" in page.locator(".pz-popover").inner_text()
        page.keyboard.press("Escape")
        # The header (and its language switch) is the first page's: the switch leads to this one.
        page.locator(".md-select button").first.hover()
        page.locator('a.md-select__link[hreflang="zh-Hant"]').click()
        page.wait_for_url(SITE + "zh-hant/sensetime-xu-bing/**")
        assert errors == []
    finally:
        context.unroute_all(behavior="ignoreErrors")  # requests the new page still has in flight
        context.close()


@pytest.mark.browser
def test_a_card_asked_for_before_the_previews_arrive_is_given_up_when_the_reader_moves_on(site_url, browser_page) -> None:  # type: ignore[no-untyped-def]
    page, held = browser_page, []
    page.route("**/previews.json", lambda route: held.append(route))  # noqa: PLW0108 - Playwright wraps the handler: a bound builtin cannot be
    page.goto(site_url + "sensetime-xu-bing/")
    page.wait_for_function("document.querySelector('.pz-reader-bar > button')")
    term = page.locator('a.pz-term[href$="#term-shanghai-zhenliang"]').first
    # Enter, then Escape before the file arrives: no card later, focus stays on the term.
    term.focus()
    term.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('.pz-reader-bar > button')")
    assert len(held) == 1
    held.pop().continue_()
    page.wait_for_timeout(600)
    assert page.locator(".pz-popover").count() == 0
    assert page.evaluate("document.activeElement.matches('a.pz-term')")

    # A click, then a click on the article's text before the file arrives: no card, no navigation.
    page.goto(site_url + "sensetime-xu-bing/")
    page.wait_for_function("document.querySelector('.pz-reader-bar > button')")
    term.click()
    page.locator("#p-2").click(position={"x": 5, "y": 5})
    page.wait_for_timeout(200)
    assert len(held) == 1
    held.pop().continue_()
    page.wait_for_timeout(600)
    assert page.locator(".pz-popover").count() == 0 and page.url.endswith("/sensetime-xu-bing/")

    # The mouse moving over the page is enough to fetch the previews: the first card is there at once.
    page.unroute("**/previews.json")
    page.goto(site_url + "sensetime-xu-bing/")
    page.wait_for_function("document.querySelector('.pz-reader-bar > button')")
    with page.expect_response(lambda response: response.url.endswith("/previews.json")):
        page.mouse.move(20, 300)
