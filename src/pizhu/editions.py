"""The editions on the MkDocs side: what a converted edition's build converts, and the links
between editions (see :mod:`pizhu.core.editions` for the editions and their overrides)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urljoin

from .core.convert import opencc_convert_each
from .core.limits import MAX_PAGE_BYTES
from .core.paths import read_confined


def site_texts(root: Path, docs_dir: str, pages: Iterable[str]) -> list[str]:
    """What an edition converts: the generated pages and the site's own Markdown pages."""
    texts = list(pages)
    docs = root / docs_dir
    if docs.is_dir():
        texts += [read_confined(root, path.relative_to(root).as_posix(), MAX_PAGE_BYTES) or ""
                  for path in sorted(docs.rglob("*.md"))]
    return texts


ALTERNATE_CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk")


def alternate_forms(texts: Sequence[str]) -> list[set[str]]:
    """How readers may write each of ``texts`` (simplified) in Traditional: every standard OpenCC
    knows, with and without regional words (软件: 軟件, 軟體)."""
    forms: list[set[str]] = [set() for _ in texts]
    for config in ALTERNATE_CONFIGS:
        for found, converted in zip(forms, opencc_convert_each(config, texts), strict=True):
            found.add(converted)
    return [found - {text} for found, text in zip(forms, texts, strict=True)]


SWITCH_SCRIPT = "assets/pizhu-edition.js"
"""The language switch's script: it takes the reader's paragraph along to the other edition."""
_ALTERNATE = re.compile(r'(<a href=")(?P<href>[^"]*)(?P<rest>" hreflang="[^"]*")')
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def per_page_alternates(html: str, page_url: str) -> str:
    """Material's ``extra.alternate`` links point at each edition's home; make the language
    switch's ``<a hreflang>`` links point at this page in each edition (both editions have the
    same pages at the same paths): the page's own path (``page_url``) is appended to each.

    The ``<link rel="alternate" hreflang>`` elements Material writes from the same list go: the
    sitemap says which page is which in each language (:func:`sitemap_alternates`), and Material
    fetches ``sitemap.xml`` beside each such link (``zh-hant/sources/sitemap.xml``: not found).
    """
    def moved(match: re.Match[str]) -> str:
        version = page_version(match["href"], page_url)
        return match[0] if version is None else match[1] + version + match["rest"]

    return _ALTERNATE.sub(moved, _HEAD_ALTERNATE.sub("", html))


def sitemap_alternates(site_url: str | None, alternates: Sequence[dict[str, str]], page_url: str) -> list[tuple[str, str]]:
    """A page's versions in every language, as absolute addresses: the sitemap's hreflang links.

    Args:
        site_url: this edition's address (``https://…/zh-hant/``).
        alternates: Material's ``extra.alternate`` (``link`` relative to this edition's root).
        page_url: the page's path inside its edition (``sources/``).
    """
    if not site_url:
        return []
    versions = [(str(alt["lang"]), page_version(str(alt.get("link") or "./"), page_url))
                for alt in alternates if isinstance(alt, dict) and alt.get("lang")]
    return [(lang, urljoin(site_url, version)) for lang, version in versions if version is not None]


def page_version(link: str, page_url: str) -> str | None:
    """The page at ``page_url`` in the edition whose home is ``link`` (an ``extra.alternate``
    link: both editions have the same pages at the same paths), or ``None`` when ``link`` is no
    edition's home to append a path to (it has a query or a fragment): the language switch
    keeps such a link as it is, and the sitemap names no version for it."""
    if "?" in link or "#" in link:
        return None
    version = (link if link.endswith("/") or not link else link + "/") + page_url
    return re.sub(r"(?:^|(?<=/))\./", "", version) or "./"  # .././ -> ../
