"""The MkDocs plugin: wiring only. All the work happens in :mod:`pizhu.build`.

What it adds to a site, so that ``plugins: [pizhu]`` is the whole set-up:

- the pages and open data pizhu generates (never over a page the site has: that is an error);
- its stylesheet and scripts, from the package (a site's own ``docs/assets/pizhu.css`` …
  replaces pizhu's);
- the Markdown extension its pages need (``attr_list``), when the site has not enabled it;
- in every page's ``<head>``, links to the feeds; in an article's, its ClaimReview JSON-LD;
- the glossary's words to the search plugin's segmenter, and its own search entries (notes);
  or, with ``search_engine: pagefind``, a Pagefind index in pizhu's words behind Material's
  search box (:mod:`pizhu.pagefind`);
- for a converted edition (``edition: zh-Hant``), the conversion of every page, title, the
  navigation and the site's name (:mod:`pizhu.editions`); on every page, links to the same page
  in the other editions (``extra.alternate``: the language switch and ``hreflang`` links);
- with ``minify: true``, every page's HTML minified (:mod:`pizhu.minify`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from .build import Outputs, build_outputs
from .compress import compress_site
from .config import PizhuConfig, config_problems, data_edit_uri, site_options
from .core.convert import Converter, release_opencc
from .core.extras import MissingExtraError
from .core.markup import script_json
from .core.problems import errors, format_problems, internal_error
from .editions import SWITCH_SCRIPT, per_page_alternates, sitemap_alternates
from .kinds import KINDS
from .kinds.glossary.pages import GLOSSARY_PAGE
from .kinds.notes.kind import notes_page
from .minify import minify_page
from .pagefind import (
    PagefindError,
    build_index,
    entry_records,
    exclude_from_material,
    pagefind_binary,
    stub_material_index,
    term_records,
)
from .render.feeds import ATOM_FILE, JSON_FILE
from .render.site import COMPILED
from .render.social import social_tags
from .search import add_words_to_jieba, dictionary_words, edition_words, index_kind_entries, load_jieba, remember_cuts

if TYPE_CHECKING:  # only for on_serve's signature: a build does not load the live-reload server
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.pizhu")

SEARCH_SCRIPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "material": ("assets/pizhu-search.js", ("pizhu-query.js", "pizhu-search.js")),
    "pagefind": ("assets/pizhu-pagefind.js", ("pizhu-query.js", "pizhu-pagefind.js"))}
"""Each search engine's script in the site, and the files of ``pizhu/assets`` it is made of (the
query rewriting both engines share comes first)."""
ASSETS: dict[str, tuple[str, ...]] = {"assets/pizhu.css": ("pizhu.css",), "assets/pizhu.js": ("pizhu.js",),
                                      SWITCH_SCRIPT: ("pizhu-edition.js",)}
"""Files the plugin adds to the site, by their path in it, from ``pizhu/assets`` (besides the search engine's script)."""
FEEDS = ((ATOM_FILE, "application/atom+xml", "feed.link_atom"), (JSON_FILE, "application/feed+json", "feed.link_json"))
"""The feeds every page links to for autodiscovery: path, media type, title's message key."""
THEME_DIR = Path(__file__).resolve().parent / "theme"
"""Theme templates pizhu adds (``sitemap.xml`` with each page's language versions)."""
REQUIRED_EXTENSIONS = ("attr_list",)
"""Markdown extensions pizhu's pages use ({ #id .class } on headings)."""
_SERVING = False
"""Whether this process is ``mkdocs serve``, after its first build (MkDocs makes a new plugin for
every rebuild: this outlives them, as the search's remembered cuts do)."""
# Material's bundle, as its base template writes it; pizhu-search.js must run just before it.
BUNDLE = re.compile(r'<script src="(?P<base>[^"]*?)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


class PizhuPlugin(BasePlugin[PizhuConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    """Runs the pizhu pipeline once per build and hands its pages to MkDocs."""

    def __init__(self) -> None:
        self.outputs: Outputs | None = None
        self.root = Path.cwd()
        self.search = False
        self.pagefind = False
        self.indexed_pages: list[str] = []
        self._not_indexed: set[str] | None = None

    # Early (before the search plugin's own on_config): the pipeline runs before MkDocs writes
    # anything, so bad data stops the build with every problem listed and site_dir untouched.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        options = site_options(config, self.config, self.root)
        try:
            self.outputs = build_outputs(self.root, options)
        except Exception as exc:  # the last line of defence, as in `pizhu check`
            raise PluginError(internal_error(exc)) from None
        found = config_problems(config) + self.outputs.problems
        stopping = errors(found, strict=options.strict)
        if stopping:
            raise PluginError(f"pizhu found {len(stopping)} problem(s):\n{format_problems(stopping)}")
        for problem in found:
            log.warning(problem.format())
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.extra_css.append("assets/pizhu.css")
        config.extra_javascript.append("assets/pizhu.js")
        convert = self.outputs.convert
        if convert is not None:
            convert_config(config, convert)
        if config.extra.get("alternate"):
            config.extra_javascript.append(SWITCH_SCRIPT)
            # pizhu's sitemap.xml (each page's language versions), before the theme's, after the site's own
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        self.search = _search_plugin(config) is not None
        self.pagefind = self.config.search_engine == "pagefind"
        self.indexed_pages = []
        self._not_indexed = None
        if self.pagefind:
            if not self.search:
                raise PluginError("pizhu: search_engine: pagefind answers Material's search box: "
                                  "enable Material's search plugin (plugins: [search, pizhu])")
            try:
                pagefind_binary()
            except PagefindError as exc:
                raise PluginError(f"pizhu: {exc}") from None
        stopwatch = self.outputs.stopwatch
        if convert is None and not _SERVING:
            # The original edition converts nothing while MkDocs builds its pages: OpenCC's
            # dictionaries go (before jieba loads its own), and the search index's reader forms
            # load what they need after Material's search has written its index (peak memory at
            # 100 articles: 318 -> 283 MiB, for 0.08 s). `mkdocs serve` keeps them after its
            # first build: every rebuild would load them again.
            with stopwatch.stage("release OpenCC"):
                release_opencc()
        if self.search:
            self._teach_jieba(self.outputs)
        return config

    def _teach_jieba(self, outputs: Outputs) -> None:
        """The search plugin's segmenter learns the kinds' words (and, in a converted edition,
        their spelling there and that of every word of the original's text)."""
        words = [word for kind in KINDS for word in kind.search_words(outputs.project)]
        convert, stopwatch = outputs.convert, outputs.stopwatch
        if dictionary_words(words) or convert is not None:  # (never for a site without Chinese words)
            with stopwatch.stage("jieba's dictionary (Material's search loads it anyway)"):
                try:
                    load_jieba()
                except MissingExtraError as exc:  # (build_outputs says so first; this is the last line)
                    raise PluginError(str(exc)) from None
        with stopwatch.stage("search words"):
            add_words_to_jieba(words)
            if convert is not None:
                project = outputs.project
                texts = [a.canonical for a in project.articles] + [p.text for p in project.passages] + \
                    [page.content for page in outputs.pages]
                add_words_to_jieba([*(convert(w) for w in words), *edition_words(texts, convert)])

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """A converted edition: section and link titles (page titles are converted with the pages)."""
        if self.outputs is not None and self.outputs.convert is not None:
            convert = self.outputs.convert
            items = list(nav.items)
            while items:
                item = items.pop()
                if not isinstance(item, Page) and item.title:
                    item.title = convert(item.title)
                items += getattr(item, "children", None) or []
        return nav

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A converted edition: the page's text, title and table of contents (before search indexes them).
        With Pagefind, Material's search plugin is told to leave the page out of its index."""
        if self.pagefind:
            exclude_from_material(page.meta)
        if self.outputs is None or self.outputs.convert is None:
            return html
        with self.outputs.stopwatch.stage("convert pages"):
            return self._converted(html, page, self.outputs.convert)

    @staticmethod
    def _converted(html: str, page: Page, convert: Converter) -> str:
        if page.title:
            page.title = convert(page.title)
        if isinstance(page.meta.get("title"), str):  # Material's <title> prefers it
            page.meta["title"] = convert(page.meta["title"])
        links: list[AnchorLink] = list(page.toc.items)
        while links:
            link = links.pop()
            link.title = convert(link.title)
            links += link.children
        return convert.html(html)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.outputs is not None
        for page in self.outputs.pages:
            file = File.generated(config, page.src_uri, content=page.content)
            # (A page made from a whole folder of files, like the notes index, has no one file to edit.)
            is_file = page.edit_path is not None and Path(page.edit_path).suffix in (".yml", ".md", ".txt")
            if page.edit_path and is_file and config.repo_url and (config.edit_uri or config.edit_uri_template):
                # Material's edit button goes to the data file, not to a docs/ page that does not exist.
                file.edit_uri = data_edit_uri(page.edit_path, self.outputs.context.options.docs_dir)
            files.append(file)
            for path, content in page.files:
                files.append(File.generated(config, path, content=content))
        package = resources.files("pizhu") / "assets"
        assets = dict(ASSETS)
        if self.search:
            path, names = SEARCH_SCRIPTS["pagefind" if self.pagefind else "material"]
            assets[path] = names
        for path, names in assets.items():
            if files.get_file_from_path(path) is None:  # the site's own file wins
                content = b"\n".join((package / name).read_bytes() for name in names)
                files.append(File.generated(config, path, content=content))
        # MkDocs holds the pages' Markdown now: pizhu's copy is let go (7 MB of text at 100 articles).
        self.outputs.pages = [replace(page, content="", files=()) for page in self.outputs.pages]
        return files

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # MkDocs makes a new Jinja environment for every build and compiles the theme's templates
        # again (a third of a `mkdocs serve` rebuild): pizhu's cache of compiled templates (keyed
        # by source checksum, in memory and in Jinja's private per-user folder) serves the theme too.
        env.bytecode_cache = COMPILED
        alternates = config.extra.get("alternate") or []
        env.globals["pizhu_alternates"] = lambda page: sitemap_alternates(config.site_url, alternates, page.url)
        if self.outputs is not None and self.outputs.convert is not None and not _SERVING:
            # A converted edition has converted every page's content by now (MkDocs reads all
            # pages before it renders any): OpenCC's dictionaries go while Material's search
            # builds its index, and the search entries and reader forms load what they need at the end.
            with self.outputs.stopwatch.stage("release OpenCC"):
                release_opencc()
        return env

    def _page_extras(self, output: str, page: Page, config: MkDocsConfig) -> str:
        assert self.outputs is not None
        with self.outputs.stopwatch.stage("page heads"):
            return self._with_extras(output, page, config)

    def _with_extras(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.pagefind and self._pagefind_indexes(page.file.src_uri):
            self.indexed_pages.append(page.file.dest_uri)
        output = per_page_alternates(output, page.url) if config.extra.get("alternate") else output
        output = self._with_head(self._with_scripts(output), page.file.src_uri, page.url)
        return social_tags(output, title=page.title or config.site_name, content=page.content or "",
                           site_name=config.site_name, language=str(config.theme.get("language") or "en"),
                           description=page.meta.get("description"), site_description=config.site_description,
                           url=page.canonical_url)

    # Last, after every plugin's own changes to the page.
    @event_priority(-100)
    def _minify(self, output: str, page: Page, config: MkDocsConfig) -> str:
        assert self.outputs is not None
        with self.outputs.stopwatch.stage("minify"):
            return self._minified(output)

    def _minified(self, html: str) -> str:
        """``html`` minified if the site asks for it (option ``minify``)."""
        return minify_page(html) if self.config.minify else html

    on_post_page = CombinedEvent(_page_extras, _minify)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # The 404 page is served at any address: it links the feeds from the site's root.
        if template_name != "404.html":
            return output_content
        return self._minified(self._with_head(self._with_scripts(output_content), None, None))

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """After the first build of ``mkdocs serve``: watch the data, and remember the search's
        cuts for the rebuilds (most texts are what they were)."""
        global _SERVING  # noqa: PLW0603 - MkDocs makes a new plugin for every rebuild
        _SERVING = True
        remember_cuts()
        for folder in ("data", "seeds", self.config.templates, self.config.messages):
            if (self.root / folder).exists():
                server.watch(str(self.root / folder))
        return server

    # Early: the open data is written, and its bytes let go (32 MB at 100 articles), before the
    # search plugin builds its index, the build's moment of most memory.
    @event_priority(50)
    def _write_open_data(self, config: MkDocsConfig) -> None:
        assert self.outputs is not None
        site = Path(config.site_dir)
        with self.outputs.stopwatch.stage("write open data"):
            self._write_files(site)

    def _write_files(self, site: Path) -> None:
        assert self.outputs is not None
        for rel, content in self.outputs.files.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        self.outputs.files = dict.fromkeys(self.outputs.files, b"")

    # Late: the search plugin must have written search/search_index.json.
    @event_priority(-50)
    def _finish_site(self, config: MkDocsConfig) -> None:
        try:
            self._search_and_compress(config)
        except MissingExtraError as exc:  # (Chinese text somewhere pizhu check does not look, say a theme override)
            raise PluginError(str(exc)) from None

    def _search_and_compress(self, config: MkDocsConfig) -> None:
        assert self.outputs is not None
        site, stopwatch = Path(config.site_dir), self.outputs.stopwatch
        if self.pagefind:
            with stopwatch.stage("Pagefind index"):
                self._pagefind(site)
        elif self.search:
            with stopwatch.stage("search index: entries and reader forms"):
                index_kind_entries(site / "search" / "search_index.json", KINDS, self.outputs.context,
                                   self.outputs.convert.html if self.outputs.convert else None,
                                   last_conversion=not _SERVING)
        if self.config.compress:
            with stopwatch.stage("compress"):
                done = compress_site(site)
            log.info("pizhu: compressed %d files: %d KiB, gzip %d KiB, brotli %d KiB", done.files,
                     done.original // 1024, done.gzip // 1024, done.brotli // 1024)
        # `mkdocs build --verbose` shows it; `make bench` reads it.
        log.debug("pizhu: seconds by stage: %s", stopwatch.summary())

    on_post_build = CombinedEvent(_write_open_data, _finish_site)

    def _pagefind_indexes(self, src_uri: str) -> bool:
        """Pagefind indexes every page but the glossary (a record per term) and the notes indexes
        (they repeat the notes, which are records)."""
        assert self.outputs is not None
        if self._not_indexed is None:
            self._not_indexed = {GLOSSARY_PAGE, *(notes_page(a.id) for a in self.outputs.project.articles)}
        return src_uri not in self._not_indexed

    def _pagefind(self, site: Path) -> None:
        """Material's index emptied, and the site's Pagefind index (:mod:`pizhu.pagefind`) written."""
        assert self.outputs is not None
        stub_material_index(site / "search" / "search_index.json")
        ctx, convert = self.outputs.context, self.outputs.convert
        records = term_records(ctx, convert) + entry_records(KINDS, ctx, convert)
        words = [word for kind in KINDS for word in kind.search_words(self.outputs.project)]
        try:
            done = build_index(site, self.indexed_pages, records, ctx, words, convert)
        except PagefindError as exc:
            raise PluginError(f"pizhu: {exc}") from None
        log.info("pizhu: Pagefind indexed %d pages and %d records: %d files, %d KiB", done.pages, done.records,
                 done.files, done.bytes // 1024)

    def _with_head(self, html: str, src_uri: str | None, url: str | None) -> str:
        """Before ``</head>``: the feeds' autodiscovery links (every page; relative to the page at
        ``url``, from the site's root without one), and a generated page's own elements (structured data).

        (Material fetches ``sitemap.xml`` next to every ``rel=alternate`` link, meant for language
        versions: the links stay on the site's own origin, so that fetch does too.)"""
        assert self.outputs is not None
        t, options = self.outputs.context.messages, self.outputs.context.options
        head = [f'<link rel="alternate" type="{kind}" '
                f'href="{escape(get_relative_url(path, url) if url is not None else urlsplit(options.absolute(path)).path)}" '
                f'title="{escape(t(key))}">' for path, kind, key in FEEDS if path in self.outputs.files]
        generated = next((p for p in self.outputs.pages if p.src_uri == src_uri), None)
        head += generated.head if generated else ()
        return html.replace("</head>", "".join(head) + "</head>", 1) if head else html

    def _with_scripts(self, html: str) -> str:
        """What the page's scripts need, right before Material's bundle (at the end of the body,
        where it blocks no rendering): the words of the site's language, and pizhu-search.js,
        which must wrap the search worker's messages before the bundle sends the first one."""
        assert self.outputs is not None
        t = self.outputs.context.messages
        words = script_json({"close": t("js.close"), "search": t("js.search")})
        extra = f'<script type="application/json" id="pz-words">{words}</script>'
        script = SEARCH_SCRIPTS["pagefind" if self.pagefind else "material"][0]
        return BUNDLE.sub(lambda m: extra + (f'<script src="{m["base"]}{script}"></script>'
                                             if self.search else "") + m[0], html, count=1)


def convert_config(config: MkDocsConfig, convert: Converter) -> None:
    """A converted edition: the site's name and description, and the palette toggles' labels."""
    for key in ("site_name", "site_description", "copyright"):
        if config.get(key):
            config[key] = convert(config[key])
    palettes = config.theme.get("palette")
    for palette in palettes if isinstance(palettes, list) else [palettes] if isinstance(palettes, dict) else []:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = convert(toggle["name"])


def _search_plugin(config: MkDocsConfig) -> BasePlugin | None:  # type: ignore[type-arg]
    """Material's search plugin, if the site uses it."""
    return config.plugins.get("material/search") or config.plugins.get("search")
