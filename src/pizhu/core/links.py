"""Links contributors write in prose, checked against the pages and files the site publishes.

A link in a note, a definition or a source's note is written in Markdown; pizhu renders it into
HTML that MkDocs does not look into, so MkDocs' own link validation never sees it. Without this
check a mistyped ``[表](../data/sensetime-result/#row-fy2024)`` would be published broken.

The rule: a relative link is read from the page its prose is shown on (as a browser reads it):
``../glossary/#term-xu-bing`` from an article's page, ``#corrections`` on the page itself. Each
link must lead to a page the site has (a generated page or one of ``docs/``), or a file it
publishes; a ``#fragment`` on a generated page must be an element that page has. (On the site's
own pages in ``docs/`` only the page is checked: their headings' ids are MkDocs'.) A link that
starts with ``//`` leaves the site without saying how: it must be written ``https://``.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from typing import Protocol
from urllib.parse import unquote, urlsplit

from .markup import render_markdown
from .problems import Problem
from .prose import Written
from .urls import page_dir

_HREF = re.compile(r'href="([^"]*)"')
_IDS = re.compile(r'\bid="([^"]+)"|\{\s*#([^\s}]+)[^}]*\}')


class GeneratedPage(Protocol):
    """What the check needs of a generated page (:class:`pizhu.render.site.Page`)."""

    @property
    def src_uri(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def files(self) -> tuple[tuple[str, bytes], ...]: ...


def relative_hrefs(text: str) -> list[str]:
    """The links of Markdown prose that stay on the site, as its rendered HTML writes them."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []
    return [href for href in dict.fromkeys(_HREF.findall(render_markdown(text)))
            if not urlsplit(html.unescape(href)).scheme]


def link_problems(prose: Iterable[Written], pages: Sequence[GeneratedPage], files: Iterable[str],
                  docs_pages: Iterable[str], docs_files: Iterable[str]) -> list[Problem]:
    """Every relative link in ``prose`` that leads nowhere from a page it is shown on.

    Args:
        prose: the prose read while loading (:func:`pizhu.core.prose.collecting`).
        pages: the generated pages; a link is checked on each page whose HTML has it.
        files: paths inside the site of the files pizhu publishes (open data).
        docs_pages: source paths of the site's own pages (``about.md``), inside ``docs/``.
        docs_files: paths inside ``docs/`` of its other files (images, downloads).
    """
    linking = [(written, href) for written in _once(prose) for href in relative_hrefs(written.text)]
    if not linking:
        return []
    generated = {page_dir(page.src_uri): page for page in pages}
    site_pages = set(generated) | {page_dir(src) for src in docs_pages}
    site_files = set(files) | set(docs_files) | {path for page in pages for path, _ in page.files}
    hrefs_on = {page.src_uri: set(_HREF.findall(page.content)) for page in pages}
    ids: dict[str, set[str]] = {}
    problems = []
    for written, href in linking:
        for page in pages:
            if href not in hrefs_on[page.src_uri]:
                continue
            here = page_dir(page.src_uri)
            wrong = _leads_nowhere(html.unescape(href), here, generated, site_pages, site_files, ids)
            if wrong:
                problems.append(Problem(written.file, _line(written, href),
                                        f"the link \"{html.unescape(href)}\" in `{written.field}` leads nowhere from "
                                        f"the page {here or '/'}: {wrong}",
                                        f"write the link as read from {here or '/'} (../glossary/#term-…, "
                                        "../data/<table>/#row-…), or a full https:// address"))
                break
    return problems


def _leads_nowhere(href: str, here: str, generated: dict[str, GeneratedPage], site_pages: set[str],
                   site_files: set[str], ids: dict[str, set[str]]) -> str | None:
    """What is wrong with ``href`` read from the page at ``here`` (``None`` if it leads somewhere)."""
    parts = urlsplit(href)
    target, wrong = _target(unquote(parts.path), here, href.startswith("//"))
    if wrong or target in site_files:
        return wrong
    page = f"{target}/" if target else ""
    if page not in site_pages:
        return f"the site has no page or file {page or '/'}"
    fragment = unquote(parts.fragment)
    if fragment and page in generated:
        if page not in ids:
            ids[page] = {a or b for a, b in _IDS.findall(generated[page].content)}
        if fragment not in ids[page]:
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


def _once(prose: Iterable[Written]) -> list[Written]:
    """Each field once (a field read twice is checked once)."""
    return list({(w.file, w.line, w.field): w for w in prose}.values())


def _line(written: Written, href: str) -> int | None:
    """The line of the link in the prose, where lines are exact; else the field's line."""
    position = written.text.find(html.unescape(href))
    if written.exact_lines and written.line is not None and position >= 0:
        return written.line + written.text.count("\n", 0, position)
    return written.line
