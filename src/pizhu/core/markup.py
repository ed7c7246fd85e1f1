"""Contributor text into every output format, by one rule: escape for the place it lands.

Data files are untrusted input. Each output context has exactly one function here, and
nothing else writes a contributor's string into an output:

- HTML (and SVG) element content: :func:`html_text`; in templates, Jinja's autoescape
  (``markupsafe``), which also covers attributes; ``|safe`` is used only on the output of
  :func:`render_markdown` and of pizhu's own HTML builders;
- Markdown that MkDocs will render (headings, link text): :func:`markdown_inline`;
- a ``title`` attribute, which Material's ``content.tooltips`` turns into HTML: :func:`tooltip`;
- a generated page's title, which MkDocs and Material print *unescaped* into ``<title>``,
  the header, the navigation and the search index: :func:`front_matter`;
- JSON inside ``<script>``: :func:`script_json`;
- a spreadsheet cell: :func:`csv_cell`;
- contributor Markdown: :func:`render_markdown` (sanitised by nh3).
"""

from __future__ import annotations

import functools
import html
import json
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import markdown
import nh3
from markupsafe import Markup

from .limits import MAX_BRACKETS, MAX_NESTING
from .text import LINE_BREAKS

# What a note, definition or source remark may contain; everything else is stripped.
ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "sub", "sup", "del"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


# One converter, reset between texts: building a Markdown instance costs more than most notes.
_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")


@functools.lru_cache(maxsize=8192)
def render_markdown(text: str, *, inline: bool = False) -> str:
    """Render contributor Markdown to HTML that is safe to put in front of readers.

    Raw HTML is escaped by Python-Markdown's own rules and then everything outside a small
    allow-list is removed by nh3 (Ammonia), which also drops ``javascript:`` and other
    non-http(s) links and adds ``rel="noopener noreferrer"`` to links.

    Args:
        text: Markdown source.
        inline: strip the wrapping ``<p>`` of a one-paragraph result.

    The result depends on nothing but the text, so it is remembered for the life of the
    process: a ``mkdocs serve`` rebuild renders only the Markdown that changed.
    """
    if not text or not text.strip():
        return ""
    if markdown_trouble(text) is not None:  # reported by the house-style check (pizhu.core.editorial)
        return _as_text(text)
    try:
        converted = _MARKDOWN.reset().convert(text)
    except RecursionError:  # (markdown_trouble knows every way found to get here: the last line of defence)
        return _as_text(text)
    clean = nh3.clean(converted, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer")
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return clean.strip()


_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def _as_text(text: str) -> str:
    """Prose shown as the text it is, paragraph by paragraph, without reading its Markdown."""
    return "\n".join(f"<p>{html.escape(part.strip(), quote=False)}</p>" for part in _PARAGRAPHS.split(text) if part.strip())


_OPENERS = ("[", "<", "\\")
_NESTED = re.compile(r"^(?P<indent>[ \t]*)(?P<markers>(?:(?:[-*+>]|\d{1,9}[.)])[ \t]*)*)", re.MULTILINE)
_MARKER = re.compile(r"[-*+>]|\d+[.)]")


@functools.lru_cache(maxsize=8192)  # (asked by the rendering, the check of what it would lose and the house style)
def markdown_trouble(text: str) -> tuple[int, str] | None:
    """Where ``text`` has what Markdown's parser would take quadratic time or unbounded
    recursion on, and what (``None``: nothing): a paragraph with more than
    :data:`~pizhu.core.limits.MAX_BRACKETS` ``[``, ``<`` and ``\\``, or a line nested deeper than
    :data:`~pizhu.core.limits.MAX_NESTING` lists and quotes. Such prose is shown as plain text,
    and refused."""
    if sum(text.count(c) for c in _OPENERS) > MAX_BRACKETS:
        start = 0
        for match in [*_PARAGRAPHS.finditer(text), None]:
            end = match.start() if match else len(text)
            if sum(text.count(c, start, end) for c in _OPENERS) > MAX_BRACKETS:
                return start, f"a paragraph with more than {MAX_BRACKETS} of `[`, `<` and `\\`"
            start = match.end() if match else end
    for match in _NESTED.finditer(text):
        depth = len(match["indent"].expandtabs(4)) // 4 + len(_MARKER.findall(match["markers"]))
        if depth > MAX_NESTING:
            return match.start(), f"lists or quotes nested more than {MAX_NESTING} deep"
    return None


MAYBE_MARKUP = re.compile(r"<|!\[|\]\(|\]:")
"""What prose needs before :func:`render_markdown` could leave anything out: HTML, an image, a link."""


class _Unpublished(HTMLParser):
    """What nh3 removes from Python-Markdown's HTML: elements and attributes outside the
    allow-list, links in other schemes, comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append("an image" if tag == "img" else f"the HTML element <{tag}>")
            return
        for name, value in attrs:
            scheme = urlsplit(value or "").scheme.lower() if name == "href" else ""
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.found.append(f"the attribute `{name}` of <{tag}>")
            elif scheme and scheme not in ALLOWED_URL_SCHEMES:
                self.found.append(f"a {scheme}: link")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.found.append("an HTML comment")


def unpublished_markup(text: str) -> list[str]:
    """What :func:`render_markdown` would leave out of ``text`` without a word (each once, in order)."""
    if not MAYBE_MARKUP.search(text) or markdown_trouble(text) is not None:
        return []
    parser = _Unpublished()
    parser.feed(_MARKDOWN.reset().convert(text))
    parser.close()
    return list(dict.fromkeys(parser.found))


def html_text(text: str) -> str:
    """Escape plain text for HTML (and SVG) element content; attributes are left to Jinja."""
    return html.escape(text, quote=False)


def tooltip(text: str) -> Markup:
    """A ``title`` attribute's value: escaped twice, because Material's ``content.tooltips``
    feature inserts the attribute's text into the page as HTML (a once-escaped ``<`` would
    become a tag). Plain text without ``<``, ``>``, ``&`` or quotes is unchanged."""
    return Markup(html.escape(html.escape(text, quote=False), quote=True))


MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!")
"""What Python-Markdown lets a backslash escape (``<``, ``>`` and ``&`` become entities instead)."""


_TAG = re.compile(r"<[^>]+>")


def plain_text(sanitised_html: str) -> str:
    """The text of HTML that :func:`render_markdown` made, on one line (for feeds and search)."""
    return " ".join(html.unescape(_TAG.sub(" ", sanitised_html)).split())


_HREF = re.compile(r'href="([^"]*)"')


def absolute_links(sanitised_html: str, page_url: str) -> str:
    """The links of HTML written for the page at ``page_url`` (relative, e.g. ``../data/x/#row-y``)
    made absolute, for HTML read elsewhere (feeds, annotations)."""
    return _HREF.sub(lambda m: f'href="{html.escape(urljoin(page_url, html.unescape(m.group(1))))}"', sanitised_html)


def spaced_lines(text: str) -> str:
    """``text`` with each line break as a space: interpolated into a line of Markdown (a heading),
    a line break would end that line and start Markdown of the text's own."""
    return LINE_BREAKS.sub(" ", text)


_PLAIN_LABEL = re.compile(r"[^\W_]+(?:[ ·・\-][^\W_]+)*")
"""Words only: letters, digits and Han characters, joined by single spaces, dots or hyphens."""


def toc_label(text: str) -> Markup:
    """`` data-toc-label="…"`` for a heading's attribute list, when ``text`` is words only; else
    nothing (the table of contents then shows the heading's own, escaped words). Inside a line
    of Markdown a value is read by Markdown's inline patterns before the attribute list is: a
    backtick or an asterisk in it split the heading and let its tail set attributes."""
    return Markup(' data-toc-label="{}"').format(text) if _PLAIN_LABEL.fullmatch(text) else Markup("")


def markdown_inline(text: str) -> str:
    """Escape text for inline Markdown (a heading, a link's text): every character shows as
    itself, and a line break as the space a browser shows for it."""
    out = []
    for ch in spaced_lines(text):
        if ch in "<>&":
            out.append(html.escape(ch))
        elif ch in MARKDOWN_SPECIALS:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def front_matter(title: str) -> str:
    """The YAML front matter of a generated page: its title, as escaped HTML in a JSON string.

    MkDocs and Material print a page's title raw into ``<title>``, the header, the navigation
    and search results, so the title is HTML-escaped here, once, for all of them.
    """
    return f"---\ntitle: {json.dumps(html.escape(title, quote=False), ensure_ascii=False)}\n---\n\n"


def script_json(data: Any) -> str:
    """JSON that can sit inside ``<script>``: ``<``, ``>`` and ``&`` are written as escapes.
    Compact (no space after ``,`` and ``:``: a kilobyte of the article page's JSON-LD)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A text cell for CSV: one that a spreadsheet would run as a formula gets a leading ``'``.

    OWASP's advice on CSV injection: cells beginning with ``= + - @``, a tab or a carriage
    return are prefixed. Numbers are written by pizhu itself and are not passed through here.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def json_file(data: Any) -> bytes:
    """An open-data JSON file: UTF-8, compact, one trailing newline (the same bytes every build).

    Compact, not indented: Python's JSON encoder is written in C only for compact output, and
    at 40 articles the indented files took most of a second to write (and a browser or ``jq``
    indents them for a reader)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
