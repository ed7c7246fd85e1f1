"""Model -> Markdown pages, through Jinja templates.

Templates are found project first, then in the package: a site's own ``templates/`` folder
may override any template pizhu ships (the core's in ``pizhu/render/templates``, each kind's
in ``pizhu/kinds/<kind>/templates``). Templates receive finished data and make no decisions
beyond presentation; ``StrictUndefined`` turns a typo in a template into an error, and every
reader-facing word comes from the message catalogue (``t(<key>)``).

The renderer knows no kind of annotation: it is handed the kinds, asks each for its pages and
for the markup of its spans (through the kind's inline template), and lays the spans out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import jinja2
from markupsafe import Markup

from ..core.convert import Converter, mark_done
from ..core.editions import EDITIONS
from ..core.i18n import Messages
from ..core.markup import front_matter, html_text, json_file, markdown_inline, script_json, toc_label, tooltip
from ..core.model import Article, Block, Citing, Contributor, Project, Source, Span
from ..core.options import SiteOptions
from ..core.spans import SpanRules
from ..core.urls import HOME_PAGE, SOURCES_PAGE, article_page, relative_url
from .layout import render_inline

if TYPE_CHECKING:
    from collections.abc import Iterable

CORE_TEMPLATES = Path(__file__).resolve().parent / "templates"
READING_SPEED_CJK = 500
"""Han, kana and hangul characters (punctuation not counted) read per minute: silent reading
of Chinese runs at about 300–500, and news prose is read at the faster end."""
READING_SPEED_WORDS = 230
"""Words of other scripts (Latin, numbers) read per minute."""
MAX_CITING_ARTICLES = 3
"""Articles whose notes the sources page lists under a source; the rest are counted (every note's
sources are in annotations.jsonld), so the page stays small however many articles cite a source."""
PREVIEWS_FILE = "previews.json"
"""Beside an article's page: its previews (popover content by key, relative links as from the page)."""
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]")
_WORD = re.compile(r"[^\W_]+")


def _link(source: Source) -> str:
    """Where a citation of ``source`` links: its address, a repost's, or its record on the sources page."""
    return source.url or source.via_url or f"#source-{source.id}"


def reading_minutes(text: str) -> int:
    """Minutes a reader needs for ``text``: CJK characters at 500 a minute, other words at 230."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return max(1, math.floor(cjk / READING_SPEED_CJK + words / READING_SPEED_WORDS + 0.5))


SITE_PATHS = {"index": "the home page", "sources": "the sources page (sources/)",
              "search": "Material's search index (search/)", "assets": "the site's assets (assets/)",
              "404": "the not-found page",
              **{edition.folder: f"the {name} edition ({edition.folder}/, built into the site after it)"
                 for name, edition in EDITIONS.items()}}
"""Top-level site paths taken by the core pages and by Material (article slugs may not take them)."""


class RenderedKind(Protocol):
    """What the renderer needs of a kind (see :class:`pizhu.kinds.base.SpanKind`)."""

    @property
    def name(self) -> str: ...
    @property
    def rules(self) -> SpanRules: ...
    @property
    def inline_template(self) -> str | None: ...

    def template_folder(self) -> Path: ...
    def preview_keys(self, span: Span) -> list[str]: ...
    def article_sections(self, view: PageView, article: Article) -> list[Markup]: ...
    def article_meta(self, view: PageView, article: Article) -> list[Markup]: ...
    def article_head(self, view: PageView, article: Article) -> list[str]: ...
    def attachments(self, view: PageView, target: tuple[str, str]) -> list[Markup]: ...
    def pages(self, site: SiteRenderer) -> list[Page]: ...


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page, handed to MkDocs as a virtual file."""

    src_uri: str
    """Path inside ``docs/`` the page pretends to have (``sensetime-xu-bing/index.md``)."""
    content: str
    """Markdown source, front matter included."""
    edit_path: str | None = None
    """Project file a contributor edits to change this page."""
    head: tuple[str, ...] = ()
    """HTML for the page's ``<head>`` (meta and link elements, structured data), escaped by its maker."""
    files: tuple[tuple[str, bytes], ...] = ()
    """Files published beside the page, by path inside the site (an article's ``previews.json``)."""


@dataclass(slots=True)
class PageView:
    """What a page's templates may look up: other objects, URLs relative to this page, words."""

    site: SiteRenderer
    src_uri: str
    previews: dict[str, str] = field(default_factory=dict)
    """Popover content by key (``term-xu-bing``, ``event-fy2024-results``): the page's :data:`PREVIEWS_FILE`."""
    _macros: dict[str, Any] = field(default_factory=dict)

    @property
    def project(self) -> Project:
        return self.site.project

    @property
    def t(self) -> Messages:
        return self.site.messages

    def url(self, to_src: str, fragment: str = "") -> str:
        return relative_url(self.src_uri, to_src, fragment)

    def target_url(self, kind: str, item_id: str) -> str | None:
        """Link to an item of any kind (``("term", "xu-bing")``), if that kind showed it somewhere."""
        target = self.project.targets.get((kind, item_id))
        return self.url(target.src_uri, target.fragment) if target else None

    def source(self, source_id: str) -> Source:
        return self.project.sources[source_id]

    def short_name(self, source: Source) -> bool:
        """Whether a list that has named ``source`` in full may name it again by publisher and
        date alone (see :meth:`SiteRenderer.short_named`)."""
        return source.id in self.site.short_named()

    def citing(self, source_id: str) -> tuple[list[Citing], int]:
        """What the sources page lists under a source: every citing item on the site's other
        pages, those on the first :data:`MAX_CITING_ARTICLES` articles; and how many articles'
        items are only counted."""
        articles = {article_page(a.id) for a in self.project.articles}
        listed: list[Citing] = []
        shown: list[str] = []
        more: set[str] = set()
        for item in self.project.cited_by(source_id):
            target = self.project.targets.get((item.kind, item.item))
            page = target.src_uri if target else None
            if page in articles and page not in shown:
                if len(shown) == MAX_CITING_ARTICLES:
                    more.add(page)
                    continue
                shown.append(page)
            listed.append(item)
        return listed, len(more)

    def source_url(self, source_id: str) -> str:
        return self.url(SOURCES_PAGE, f"source-{source_id}")

    def contributor(self, contributor_id: str) -> Contributor:
        return self.project.contributors[contributor_id]

    def has_doc(self, path: str) -> bool:
        """Whether the site has a hand-written page ``docs/<path>`` (for optional links)."""
        return (Path(self.project.root) / self.site.options.docs_dir / path).is_file()

    def edit_url(self, path: str) -> str | None:
        base = self.site.options.edit_base
        return f"{base.rstrip('/')}/{path}" if base else None

    def macros(self, template: str) -> Any:
        """A template's macros, bound to this page (so their links are relative to it)."""
        if template not in self._macros:
            self._macros[template] = self.site.env.get_template(template).make_module({"view": self})
        return self._macros[template]

    def attachments(self, kind: str, item_id: str) -> list[Markup]:
        """What every kind adds to an item of ``kind`` (the quotes a person's entry lists)."""
        return [part for k in self.site.kinds for part in k.attachments(self, (kind, item_id))]


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, keyed by template name and source checksum: kept in memory for the
    life of the process (a ``mkdocs serve`` rebuild compiles nothing that did not change) and in
    Jinja's per-user cache folder in the system's temporary directory (created private, owner
    checked), so a fresh ``mkdocs build`` loads them instead of compiling. Never in the project:
    a pull request could add a cache file there, and a cache file is code."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}
        self.disk: jinja2.BytecodeCache | None = None

    def _on_disk(self) -> jinja2.BytecodeCache | None:
        if self.disk is None:
            try:
                self.disk = jinja2.FileSystemBytecodeCache(pattern="pizhu-%s.cache")
            except RuntimeError:  # no usable private cache folder: compile in memory only
                return None
        return self.disk

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif (disk := self._on_disk()) is not None:
            disk.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()
        if (disk := self._on_disk()) is not None:
            disk.dump_bytecode(bucket)


COMPILED = _CompiledTemplates()


class SiteRenderer:
    """Renders every generated page of a project."""

    def __init__(self, project: Project, kinds: Sequence[RenderedKind], templates: Path, options: SiteOptions,
                 messages: Messages, convert: Converter | None = None) -> None:
        self.project, self.kinds, self.options, self.messages = project, list(kinds), options, messages
        self.convert = convert
        """A converted edition's converter: article blocks are laid out from the converted text."""
        self.kind = {k.name: k for k in kinds}
        self._short_named: frozenset[str] | None = None
        self.rules: Mapping[str, SpanRules] = {k.name: k.rules for k in kinds}
        folders = [templates, CORE_TEMPLATES, *(k.template_folder() for k in kinds)]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in folders if f.is_dir()]),
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "md.j2"),
                                                default_for_string=True),
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=COMPILED)
        self.env.filters["md"] = lambda text: Markup(markdown_inline(str(text)))
        self.env.filters["toc_label"] = toc_label
        self.env.filters["text"] = html_text
        self.env.filters["tooltip"] = tooltip
        self.env.globals["t"] = messages

    def pages(self) -> list[Page]:
        """Home (unless the site has its own), one page per article, the sources page, every kind's pages."""
        pages = []
        if self.options.home_page == "always" or (self.options.home_page == "auto" and not self._site_has_home()):
            pages.append(self.render(HOME_PAGE, "index.md.j2", "data/articles", title=self.messages("home.title")))
        pages += [self.article(article) for article in self.project.articles]
        pages.append(self.render(SOURCES_PAGE, "sources.md.j2", "data/sources.yml", title=self.messages("sources.title"),
                                 sources=self._sources_in_order()))
        for kind in self.kinds:
            pages += kind.pages(self)
        return pages

    def short_named(self) -> frozenset[str]:
        """The sources a list that has named them in full may name again by publisher and date
        (the short form of later citations): those with a title to leave out, whose publisher
        and date no other source has, and whose link no other source shares (the page's script
        gives a card the full name of the list's first link to the same address)."""
        if self._short_named is None:
            sources = list(self.project.sources.values())
            names = Counter((s.publisher, s.date) for s in sources)
            links = Counter(_link(s) for s in sources)
            self._short_named = frozenset(s.id for s in sources if s.title and s.publisher and not s.is_article_marker
                                          and names[(s.publisher, s.date)] == 1 and links[_link(s)] == 1)
        return self._short_named

    def view(self, src_uri: str) -> PageView:
        return PageView(self, src_uri)

    def render(self, src_uri: str, template: str, edit_path: str | None, *, title: str,
               view: PageView | None = None, head: tuple[str, ...] = (), **context: Any) -> Page:
        """Render one page from ``template`` (kinds call this for their pages).

        The page's ``title`` is written into its front matter here, escaped, and never by a
        template: MkDocs and Material print page titles unescaped (see :func:`front_matter`).
        """
        view = view or self.view(src_uri)
        content = self.env.get_template(template).render(view=view, **context)
        return Page(src_uri, front_matter(title) + content, edit_path, head)

    def article(self, article: Article) -> Page:
        """An article's page: its blocks with their spans, what each kind adds; and beside it,
        :data:`PREVIEWS_FILE`, the previews of its terms, figures, events … (the page's script
        fetches it when the reader first reaches for one: a reader who only reads never does)."""
        view = self.view(article_page(article.id))
        blocks = [(block, Markup(self.lay_out(article, block, view))) for block in article.blocks]
        meta = [part for kind in self.kinds for part in kind.article_meta(view, article)]
        sections = [part for kind in self.kinds for part in kind.article_sections(view, article)]
        head = tuple(part for kind in self.kinds for part in kind.article_head(view, article))
        files: tuple[tuple[str, bytes], ...] = ()
        if view.previews:
            previews = self.convert.json_values(view.previews) if self.convert else view.previews
            files = ((f"{article.id}/{PREVIEWS_FILE}", json_file(previews)),)
        page = self.render(view.src_uri, "article.md.j2", article.origin.file, title=article.title, view=view,
                           head=head, article=article, blocks=blocks, meta=meta, sections=sections,
                           previews_url=PREVIEWS_FILE if files else "", reader_words=self.reader_words(),
                           minutes=reading_minutes(article.canonical))
        return replace(page, files=files)

    def reader_words(self) -> Markup:
        """The catalogue's ``reader.js.*`` words as JSON, for the page's script (the reader's controls)."""
        prefix = "reader.js."
        return Markup(script_json({k.removeprefix(prefix): v for k, v in self.messages.texts.items()
                                   if k.startswith(prefix)}))

    def lay_out(self, article: Article, block: Block, view: PageView) -> str:
        """A block's text with its spans as nested inline markup; previews are collected on ``view``."""
        spans = [s for s in article.spans if block.start <= s.start and s.end <= block.end]

        def markup(span: Span) -> Any:
            template = self.kind[span.kind].inline_template
            assert template is not None, span.kind
            return view.macros(template)

        def collect(span: Span) -> None:
            for key in self.kind[span.kind].preview_keys(span):
                if key not in view.previews:
                    view.previews[key] = str(markup(span).preview(span, key))

        def open_tag(span: Span) -> str:
            collect(span)
            return str(markup(span).open_tag(span))

        def close_tag(span: Span) -> str:
            return str(markup(span).close_tag(span))

        def point(span: Span) -> str:
            collect(span)
            return str(markup(span).point(span))

        ranks = {name: rules.rank for name, rules in self.rules.items()}
        if self.convert is None:
            return render_inline(block.text, block.start, spans, open_tag, close_tag, point, ranks)
        return self._lay_out_converted(article, block, spans, (open_tag, close_tag, point), ranks)

    def _lay_out_converted(self, article: Article, block: Block, spans: list[Span],
                           markup: tuple[Callable[[Span], str], ...], ranks: dict[str, int]) -> str:
        """The block's converted text with its spans moved through the offset map (the kinds'
        markup still sees the original spans); marked as done for the page's conversion."""
        assert self.convert is not None
        text, offsets = self.convert.aligned(article.canonical)
        original: dict[int, Span] = {}
        moved = []
        for span in spans:
            start, end = offsets.span(span.start, span.end)
            moved.append(replace(span, start=start, end=end))
            original[id(moved[-1])] = span

        def converted(make: Callable[[Span], str]) -> Callable[[Span], str]:
            return lambda span: self.convert.html(make(original[id(span)])) if self.convert else ""

        start, end = offsets(block.start), offsets(block.end)
        open_tag, close_tag, point = (converted(m) for m in markup)
        return mark_done(render_inline(text[start:end], start, moved, open_tag, close_tag, point, ranks))

    def _site_has_home(self) -> bool:
        return (Path(self.project.root) / self.options.docs_dir / "index.md").is_file()

    def _sources_in_order(self) -> Iterable[Source]:
        sources = list(self.project.sources.values())
        return sorted(sources, key=lambda s: (not s.is_article_marker, int(s.id) if s.id.isdigit() else 0,
                                              s.publisher or "", s.date or "", s.id))
