"""Real ``mkdocs build --strict`` runs: the fixture project and the real site."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from htmltext import document, page_ids
from support import REPO, mkdocs_build, site_previews


def test_fixture_project_builds(base_project: Path, tmp_path: Path) -> None:
    result = mkdocs_build(base_project, tmp_path / "site")

    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/demo/index.html").read_text(encoding="utf-8")
    assert 'id="第一部分背景"' in page
    assert 'href="../sources/#source-2"' in page
    assert 'id="note-growth"' in page
    assert "尚未审定的注释" not in page  # drafts are not published


def test_bad_data_stops_the_build_without_traceback_or_output(base_project: Path, tmp_path: Path) -> None:
    note = base_project / "data/notes/demo/growth.md"
    note.write_text(note.read_text(encoding="utf-8").replace("营收增长了10%", "营收下降了10%"), encoding="utf-8")
    (base_project / "data/contributors.yml").write_text("- id: x\n  name: [\n", encoding="utf-8")
    site = tmp_path / "site"

    result = mkdocs_build(base_project, site)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ('data/notes/demo/growth.md:2: anchor "营收下降了10%" matches 0 places in seeds/demo.txt; '
            'closest: "营收增长了10%" (line 3, 75% similar)') in result.stderr
    assert "data/contributors.yml:3: invalid YAML" in result.stderr
    assert not site.exists()


def test_real_site_headings_have_readable_unicode_ids(built_site: Path) -> None:
    page = (built_site / "sensetime-xu-bing/index.html").read_text(encoding="utf-8")
    ids = [str(h.get("id")) for h in document(page).xpath("//h2[@id]")]
    assert ids[:3] == ["战略重塑商汤的艰难转型与甩包袱", "ai芯片一场烧钱的国产化赛道", "生成式ai核心业务的竞速与挑战"]
    assert not [i for i in ids if i.startswith("_")]


def test_real_site_citations_link_to_sources(built_site: Path) -> None:
    page = (built_site / "sensetime-xu-bing/index.html").read_text(encoding="utf-8")
    marks = document(page).xpath('//sup[@class="pz-cite"]')
    assert len(marks) == 20
    # One quiet link per mark ("12" is one link, "1,2"), named for what is known of its sources.
    links = [link for mark in marks for link in mark.xpath(".//a")]
    assert [link.get("href") for link in links] == ["../sources/#source-1"] * 20
    assert sum(link.get("aria-label") == "原文来源1、2（未能识别）" and link.text == "1,2" for link in links) == 2
    # Unidentified sources have no card: what is known of them is said once, under the title.
    previews = site_previews(built_site)
    assert previews["source-1"] == previews["source-2"] == ""
    assert page.count("是原文自带的来源标记；原文没有说明它们指什么，本站未能识别") == 1


def test_sources_page_is_honest_about_unidentified_sources(built_site: Path) -> None:
    page = (built_site / "sources/index.html").read_text(encoding="utf-8")
    assert {"source-1", "source-2"} <= page_ids(page)
    assert page.count("未能识别：原文未说明这一来源是什么") == 2
    assert "推测（未经证实）" in page


def test_site_configuration(built_site: Path) -> None:
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert document(page).get("lang") == "zh"
    assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page
    assert (built_site / "sitemap.xml").exists()
    search = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["zh"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


def test_every_internal_link_and_fragment_resolves(built_site: Path) -> None:
    # 404.html uses site-absolute links (it is served at any depth); every other page is checked.
    pages = {p: _parse(p) for p in built_site.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        for href in links.hrefs if page.name != "404.html" else []:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {href}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(built_site)}: {href} (no #{fragment})")
    assert not broken


class _Named(HTMLParser):
    """Each link's text (its accessible name, where it has no aria-label) and address."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") and "headerlink" not in (values.get("class") or ""):
            self._open.append([values["href"] or "", values.get("aria-label") or ""])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, label, *text = self._open.pop()
            self.links.append((label or " ".join("".join(text).split()), href))


def test_links_on_the_sources_page_that_share_a_name_lead_to_one_place(built_site: Path) -> None:
    # A screen reader's list of links shows names only: 24 links read "更正记录（2026年11月29日）" and
    # two rows of one table read alike, each leading somewhere else.
    parser = _Named()
    parser.feed((built_site / "sources/index.html").read_text(encoding="utf-8"))
    places: dict[str, set[str]] = {}
    for name, href in parser.links:
        places.setdefault(name, set()).add(href)
    assert {name: hrefs for name, hrefs in places.items() if len(hrefs) > 1} == {}
    assert any(name.startswith("更正记录（2026年11月29日）：") for name in places)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_search_script_runs_before_materials_bundle(built_site: Path) -> None:
    # Material may post the index to its worker before a script from extra_javascript has
    # loaded; pizhu-search.js wraps that message, so it must come first on every page.
    for page in built_site.rglob("*.html"):
        scripts = [str(src) for src in document(page.read_text(encoding="utf-8")).xpath("//script/@src")]
        names = [s.rsplit("/", 1)[-1] for s in scripts]
        bundle = next(i for i, n in enumerate(names) if n.startswith("bundle."))
        assert "pizhu-search.js" in names[:bundle], (page, names)


def test_edit_links_follow_mkdocs_repo_url_and_edit_uri(base_project: Path, tmp_path: Path) -> None:
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://fixture.invalid/\n",
        "site_url: https://fixture.invalid/\nrepo_url: https://github.com/example/pizhu\nedit_uri: edit/main/docs/\n"
    ).replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n"), encoding="utf-8")
    site = tmp_path / "site"

    result = mkdocs_build(base_project, site)

    assert result.returncode == 0, result.stderr
    article = (site / "demo/index.html").read_text(encoding="utf-8")
    # Material's edit button and pizhu's "edit this note" both go to the data files themselves.
    assert 'href="https://github.com/example/pizhu/edit/main/data/articles/demo.yml"' in article
    assert 'href="https://github.com/example/pizhu/edit/main/data/notes/demo/growth.md"' in article
    assert "edit/main/docs/data" not in article
    sources = (site / "sources/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/pizhu/edit/main/data/sources.yml"' in sources
    notes_index = (site / "demo/notes/index.html").read_text(encoding="utf-8")
    assert "edit/main/data/notes/demo\"" not in notes_index  # a folder has no edit page
    assert 'href="https://github.com/example/pizhu/edit/main/data/notes/demo/growth.md"' in notes_index


def test_each_edition_lets_opencc_go_while_mkdocs_builds_its_pages() -> None:
    # OpenCC's phrase dictionary is 40 MB: the simplified build converts nothing between its
    # configuration and its end, so it lets the converters go (peak memory, issue 11); the
    # Traditional edition converts every page's content, and lets them go once it has (MkDocs
    # reads every page before it renders any, and then calls on_env).
    import jinja2
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from pizhu.core.convert import _opencc

    for config_file, kept in (("mkdocs.yml", False), ("mkdocs.zh-hant.yml", True)):
        config = load_config(config_file=str(REPO / config_file))
        config.plugins.on_config(config)
        assert (_opencc.cache_info().currsize > 0) is kept, config_file
        config.plugins.on_env(jinja2.Environment(autoescape=True), config=config, files=Files([]))
        assert _opencc.cache_info().currsize == 0, config_file


def test_the_search_index_lets_opencc_go_after_the_reader_forms_unless_told_to_keep_it(
        built_site: Path, tmp_path: Path) -> None:
    # The reader forms are a build's last conversion: the dictionaries go before the index is
    # written, the build's moment of most memory; `mkdocs serve` keeps them for its rebuilds.
    from pizhu.build import build_outputs
    from pizhu.core.convert import _opencc
    from pizhu.kinds import KINDS
    from pizhu.search import index_kind_entries

    context = build_outputs(REPO).context
    index = tmp_path / "search_index.json"
    for last, kept in ((False, True), (True, False)):
        shutil.copy(built_site / "search" / "search_index.json", index)
        index_kind_entries(index, KINDS, context, last_conversion=last)
        assert (_opencc.cache_info().currsize > 0) is kept
        forms = json.loads(index.read_text(encoding="utf-8"))["config"]["pizhu"]
        assert forms["chars"]["湯"] == "汤" and forms["phrases"]


def test_two_builds_write_the_same_bytes(tmp_path: Path) -> None:
    # Reproducible builds: nothing in the site may depend on the order a set or dict of strings
    # happens to have in one process (Python draws a new hash seed each run). SOURCE_DATE_EPOCH
    # fixes the one date MkDocs writes (sitemap.xml.gz's header).
    # Both editions, as `make site` builds them.
    sites = [tmp_path / f"site-{seed}" for seed in (1, 2)]
    for seed, site in zip((1, 2), sites, strict=True):
        env = {"PYTHONHASHSEED": str(seed), "SOURCE_DATE_EPOCH": "1764000000"}
        for extra in ((), ("--config-file", "mkdocs.zh-hant.yml")):
            result = mkdocs_build(REPO, site / "zh-hant" if extra else site, *extra, env=env)
            assert result.returncode == 0, result.stderr
    files = [sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for site in sites]
    assert files[0] == files[1]
    differ = [rel for rel in files[0] if (sites[0] / rel).read_bytes() != (sites[1] / rel).read_bytes()]
    assert differ == []
