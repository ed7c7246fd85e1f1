"""Relative URLs between generated pages (MkDocs ``use_directory_urls: true`` layout)."""

from __future__ import annotations

import functools
import posixpath


def page_dir(src_uri: str) -> str:
    """Directory a page is served from: ``a/index.md`` -> ``a/``, ``sources.md`` -> ``sources/``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return stem


@functools.lru_cache(maxsize=65536)
def relative_url(from_src: str, to_src: str, fragment: str = "") -> str:
    """URL of ``to_src`` as seen from ``from_src``, with an optional ``#fragment``."""
    here, there = page_dir(from_src), page_dir(to_src)
    if here == there:
        path = ""
    else:
        path = posixpath.relpath(there or ".", here or ".") + "/"
        if path == "./":
            path = ""
    return path + (f"#{fragment}" if fragment else "") or "./"


HOME_PAGE = "index.md"
SOURCES_PAGE = "sources.md"


def article_page(article_id: str) -> str:
    """Source path of an article's page: ``<slug>/index.md``."""
    return f"{article_id}/index.md"


def site_url(src_uri: str, fragment: str = "") -> str:
    """Path of a page from the site's root (``sensetime-xu-bing/#note-x``), for open data."""
    return page_dir(src_uri) + (f"#{fragment}" if fragment else "")
