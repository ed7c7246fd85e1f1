"""Links contributors write in prose, checked against the pages and files the site publishes.

A link in a note, a definition or a source's note is written in Markdown; pizhu renders it into
HTML that MkDocs does not look into, so MkDocs' own link validation never sees it. Without this
check a mistyped ``[表](../data/sensetime-result/#row-fy2024)`` would be published broken.

The rule: a relative link is read from the page its prose is shown on (as a browser reads it):
``../glossary/#term-xu-bing`` from an article's page, ``#corrections`` on the page itself. Each
link must lead to a page the site has (a generated page or one of ``docs/``), or a file it
publishes; a ``#fragment`` must be an element that page has: an id written in it, or a heading's,
the one MkDocs' ``toc`` makes from its words with the site's ``slugify``. (A page of ``docs/``
that takes text from elsewhere, by snippets or macros, is not looked into: only the page is
checked.) A link that starts with ``//``, or ``https:`` without a host, leaves the site without
saying where: it must be a full address.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify as toc_slugify

from .markup import render_markdown
from .problems import Problem
from .prose import Written, distinct
from .urls import page_dir, relative_url

_HREF = re.compile(r'href="([^"]*)"')
_IDS = re.compile(r'\bid="([^"]+)"|\{\s*#([^\s}]+)[^}]*\}')
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*$|^(?P<setext>[^\n]*\S[^\n]*)\n(?:=+|-+)[ \t]*$", re.MULTILINE)
_INCLUDES = re.compile(r"--8<--|\{%|\{\{")
"""Text that snippets (``--8<--``) or macros put into a page when MkDocs builds it: ids unknown here."""
_TAG = re.compile(r"<[^>]+>")
MKDOCS_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json"})
"""Files MkDocs and Material write into every site."""
Slugify = Callable[[str, str], str]


class GeneratedPage(Protocol):
    """What the check needs of a generated page (:class:`pizhu.render.site.Page`)."""

    @property
    def src_uri(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def files(self) -> tuple[tuple[str, bytes], ...]: ...


def relative_hrefs(text: str) -> list[str]:
    """The links of Markdown prose that stay on the site, as its rendered HTML writes them
    (an ``http:`` or ``https:`` link without a host too: browsers read it from the page)."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []
    hrefs = []
    for href in dict.fromkeys(_HREF.findall(render_markdown(text))):
        parts = urlsplit(html.unescape(href))
        if not parts.scheme or (parts.scheme.lower() in ("http", "https") and not parts.netloc):
            hrefs.append(href)
    return hrefs


@dataclass
class _Site:
    """What a link may lead to."""

    contents: dict[str, Callable[[], str | None]]
    """The Markdown of each page by the folder it is served from (``glossary/``): a generated
    page's, or a function reading a page of ``docs/`` (``None``: not looked into)."""
    files: set[str]
    slugify: Slugify
    ids: dict[str, set[str] | None] = field(default_factory=dict)

    def ids_on(self, page: str) -> set[str] | None:
        """The ids a page has: written ones, and its headings' (made by MkDocs' toc); ``None``
        for a page whose text is not all here."""
        if page not in self.ids:
            content = self.contents[page]()
            self.ids[page] = None if content is None or _INCLUDES.search(content) else \
                {a or b for a, b in _IDS.findall(content)} | {
                    self.slugify(_heading_text(m.group(1) or m["setext"]), "-") for m in _HEADING.finditer(content)
                    if not _IDS.search(m.group(1) or m["setext"])}
        return self.ids[page]


def link_problems(prose: Iterable[Written], pages: Sequence[GeneratedPage], files: Iterable[str],
                  docs_pages: Mapping[str, Callable[[], str | None]], docs_files: Iterable[str],
                  slugify: Slugify | None = None) -> list[Problem]:
    """Every relative link in ``prose`` that leads nowhere from a page it is shown on.

    Args:
        prose: the prose read while loading (:func:`pizhu.core.prose.collecting`).
        pages: the generated pages; a link is checked on each page whose HTML has it.
        files: paths inside the site of the files pizhu publishes (open data).
        docs_pages: the site's own pages by source path inside ``docs/`` (``about.md``): a function
            reading each (``None`` for one not to look into).
        docs_files: paths inside ``docs/`` of its other files (images, downloads).
        slugify: the site's ``toc`` slugify (Python-Markdown's by default).
    """
    linking = [(written, href) for written in distinct(prose) for href in relative_hrefs(written.text)]
    if not linking:
        return []
    contents = {page_dir(src): read for src, read in docs_pages.items()} | {
        page_dir(page.src_uri): partial(str, page.content) for page in pages}
    site = _Site(contents, set(files) | set(docs_files) | {path for page in pages for path, _ in page.files}
                 | MKDOCS_FILES, slugify or toc_slugify)
    hrefs_on = {page.src_uri: set(_HREF.findall(page.content)) for page in pages}
    problems = []
    for written, href in linking:
        for page in pages:
            if href not in hrefs_on[page.src_uri]:
                continue
            here = page_dir(page.src_uri)
            wrong = _leads_nowhere(html.unescape(href), here, site)
            if wrong:
                glossary, tables = relative_url(page.src_uri, "glossary.md"), relative_url(page.src_uri, "data/index.md")
                problems.append(Problem(written.file, _line(written, href),
                                        f"the link \"{html.unescape(href)}\" in `{written.field}` leads nowhere from "
                                        f"the page {here or '/'}: {wrong}",
                                        f"write the link as read from {here or '/'} ({glossary}#term-…, "
                                        f"{tables}<table>/#row-…), or a full https:// address"))
                break
    return problems


def _leads_nowhere(href: str, here: str, site: _Site) -> str | None:
    """What is wrong with ``href`` read from the page at ``here`` (``None`` if it leads somewhere)."""
    parts = urlsplit(href)
    if parts.scheme:
        return f"an {parts.scheme}: address needs its host (https://host/…); a link on the site needs no {parts.scheme}:"
    if "%2f" in parts.path.lower():
        return "a browser does not read an encoded slash (%2F) as a folder: write /"
    target, wrong = _target(unquote(parts.path), here, href.startswith("//"))
    if wrong or target in site.files or target.startswith("assets/"):
        return wrong
    page = f"{target}/" if target else ""
    if target == "index.html" or target.endswith("/index.html"):
        page = target.removesuffix("index.html")
    if page not in site.contents:
        return f"the site has no page or file {page or '/'}"
    fragment, ids = unquote(parts.fragment), site.ids_on(page) if parts.fragment else None
    if ids is not None and fragment not in ids:
        return f"the page {page or '/'} has nothing with the id \"{fragment}\""
    return None


def _target(path: str, here: str, other_host: bool) -> tuple[str, str | None]:
    """The path inside the site that ``path`` names from ``here`` (``""``: the home page), or why none."""
    if other_host:
        return "", "it names another host without saying how to reach it"
    if path.startswith("/"):
        return "", "it starts at the root of the web server, which need not be the site's"
    joined = posixpath.normpath(posixpath.join(here, path)) if path else here.rstrip("/") or "."
    if joined == ".." or joined.startswith("../"):
        return "", "it climbs out of the site"
    target = "" if joined == "." else joined
    if path.endswith(".md"):
        return "", f"pages are linked by their address, not their Markdown file ({page_dir(target)})"
    return target, None


def _heading_text(markdown_text: str) -> str:
    """A Markdown heading's words as MkDocs' toc reads them (without closing hashes or markup)."""
    words = re.sub(r"[ \t]+#+$", "", markdown_text)
    return html.unescape(_TAG.sub("", render_markdown(words, inline=True)))


def _line(written: Written, href: str) -> int | None:
    """The line of the link in the prose, where lines are exact; else the field's line."""
    target = re.escape(html.unescape(href))
    found = re.search(rf"\]\(\s*<?{target}>?(?=[\s)])|^[ \t]*\[[^\]\n]+\]:[ \t]*<?{target}>?[ \t]*$",
                      written.text, re.MULTILINE)
    position = found.start() if found else written.text.find(html.unescape(href))
    if written.exact_lines and written.line is not None and position >= 0:
        return written.line + written.text.count("\n", 0, position)
    return written.line
