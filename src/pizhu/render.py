"""Model -> Markdown pages, through the Jinja templates in ``templates/``.

Templates receive finished data (view objects, pre-laid-out block HTML) and make no
decisions beyond presentation; ``StrictUndefined`` turns a typo in a template into an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import glossary, table_output
from .layout import render_inline
from .markup import front_matter, html_text, markdown_inline, script_json
from .model import Article, Block, Project, Source, Span
from .notes import KINDS, VERDICTS, Note
from .urls import relative_url


HOME = "index.md"
SOURCES = "sources.md"
SITE_PATHS = {"index": "the home page", "sources": "the sources page (sources/)",
              "search": "Material's search index (search/)", "assets": "the site's assets (assets/)",
              "404": "the not-found page"}
"""Top-level site paths taken by the core pages and by Material (article slugs may not take them)."""


def article_page(article_id: str) -> str:
    return f"{article_id}/index.md"


def notes_page(article_id: str) -> str:
    return f"{article_id}/notes.md"


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page, handed to MkDocs as a virtual file."""

    src_uri: str
    """Path inside ``docs/`` the page pretends to have (``sensetime-xu-bing/index.md``)."""
    content: str
    """Markdown source."""
    edit_path: str | None = None
    """Project file a contributor edits to change this page."""


@dataclass(slots=True)
class PageView:
    """What a page's templates may look up: other objects and URLs relative to this page."""

    project: Project
    src_uri: str
    edit_base: str | None
    notes: dict[str, Note] = field(default_factory=dict)
    previews: dict[str, str] = field(default_factory=dict)
    """Popover HTML by key (``source-1``, ``note-v6-date``), shipped as JSON with the page."""

    def url(self, to_src: str, fragment: str = "") -> str:
        return relative_url(self.src_uri, to_src, fragment)

    def source(self, source_id: str) -> Source:
        return self.project.sources[source_id]

    def source_url(self, source_id: str) -> str:
        return self.url(SOURCES, f"source-{source_id}")

    def contributor(self, contributor_id: str) -> Any:
        return self.project.contributors[contributor_id]

    def has_doc(self, path: str) -> bool:
        """Whether a hand-written page ``docs/<path>`` exists (for optional links)."""
        return (Path(self.project.root) / "docs" / path).is_file()

    def edit_url(self, path: str) -> str | None:
        return f"{self.edit_base.rstrip('/')}/{path}" if self.edit_base else None


class SiteRenderer:
    """Renders every generated page of a project."""

    def __init__(self, project: Project, templates: Path, *, edit_base: str | None = None) -> None:
        self.project = project
        self.edit_base = edit_base
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)), undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "md.j2"),
                                                default_for_string=True),
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.env.filters["md"] = lambda text: Markup(markdown_inline(str(text)))
        self.env.filters["text"] = html_text
        self.env.globals.update(KINDS=KINDS, VERDICTS=VERDICTS)

    def pages(self) -> list[Page]:
        """Home, one page (and a notes index) per article, and the sources page."""
        pages = [self._render(HOME, "index.md.j2", "data/articles", title="批注", project=self.project)]
        for article in self.project.articles:
            pages += self._article_pages(article)
        pages.append(self._render(SOURCES, "sources.md.j2", "data/sources.yml", title="来源",
                                  sources=self._sources_in_order()))
        pages += glossary.render_pages(self)
        pages += table_output.render_pages(self)
        return pages

    def render(self, src_uri: str, template: str, edit_path: str | None, *, title: str, **context: Any) -> Page:
        """Render one page from ``template`` (feature modules call this for their pages).

        The page's ``title`` is written into its front matter here, escaped, and never by a
        template: MkDocs and Material print page titles unescaped (see :func:`front_matter`).
        """
        return self._render(src_uri, template, edit_path, title=title, **context)

    def _render(self, src_uri: str, template: str, edit_path: str | None, *, title: str, **context: Any) -> Page:
        view = context.pop("view", None) or PageView(self.project, src_uri, self.edit_base)
        content = self.env.get_template(template).render(view=view, **context)
        return Page(src_uri, front_matter(title) + content, edit_path)

    def _article_pages(self, article: Article) -> list[Page]:
        src = article_page(article.id)
        notes = [n for n in self.project.notes if n.article_id == article.id and n.published]
        notes.sort(key=lambda n: n.number)
        view = PageView(self.project, src, self.edit_base, {n.id: n for n in notes})
        inline: Any = self.env.get_template("inline.html.j2").make_module({"view": view})
        blocks = [(block, Markup(self._lay_out(article, block, view, inline))) for block in article.blocks]
        for note in notes:
            view.previews[note.html_id] = str(inline.note_preview(note))
        previews_json = script_json(view.previews)
        article_page_ = self._render(src, "article.md.j2", article.origin.file, title=article.title, view=view,
                                     article=article,
                                     blocks=blocks, notes=notes, previews_json=Markup(previews_json))
        index_view = PageView(self.project, notes_page(article.id), self.edit_base, {n.id: n for n in notes})
        sections = _notes_by_section(article, notes)
        notes_index = self._render(notes_page(article.id), "notes.md.j2", f"data/notes/{article.id}",
                                   title=f"{article.title}：注释索引",
                                   view=index_view, article=article, sections=sections, notes=notes)
        return [article_page_, notes_index]

    def _lay_out(self, article: Article, block: Block, view: PageView, inline: Any) -> str:
        spans = [s for s in article.spans if block.start <= s.start and s.end <= block.end]

        def point(span: Span) -> str:
            for source_id in span.data.get("ids", []):
                view.previews[f"source-{source_id}"] = str(inline.source_preview(view.source(source_id)))
            return str(inline.point(span))

        def open_tag(span: Span) -> str:
            key = span.data.get("preview")
            if key and key not in view.previews:
                view.previews[key] = str(inline.preview(span))
            return str(inline.open_tag(span))

        def close_tag(span: Span) -> str:
            return str(inline.close_tag(span))

        return render_inline(block.text, block.start, spans, open_tag, close_tag, point)

    def _sources_in_order(self) -> list[Source]:
        sources = list(self.project.sources.values())
        return sorted(sources, key=lambda s: (not s.is_article_marker, int(s.id) if s.id.isdigit() else 0,
                                              s.publisher or "", s.date or "", s.id))


def _notes_by_section(article: Article, notes: list[Note]) -> list[tuple[str, list[Note]]]:
    """Notes grouped under the heading of the section they are in (the lede counts as 导语)."""
    titles = {0: "导语"} | {b.section: b.text for b in article.blocks if b.kind == "heading"}
    grouped: dict[int, list[Note]] = {}
    for note in notes:
        block = article.block_at(note.start)
        grouped.setdefault(block.section if block else 0, []).append(note)
    return [(titles[section], grouped[section]) for section in sorted(grouped)]
