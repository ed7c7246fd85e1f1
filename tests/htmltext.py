"""Read back what a reader sees of an article page: the text of its blocks, in order."""

from __future__ import annotations

from html.parser import HTMLParser

import lxml.html
from lxml.html import HtmlElement

# Subtrees that are apparatus, not article text.
SKIP_CLASSES = {"pz-cite", "pz-note-ref", "pz-apparatus", "headerlink", "pz-popover"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}


class BlockText(HTMLParser):
    """Collects the visible text of every element with class ``pz-block``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.ids: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, opens a block, skipped)
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipping = any(s for _, _, s in self._stack) or bool(classes & SKIP_CLASSES)
        opens = "pz-block" in classes and self._current is None
        if opens:
            self._current = []
            self.ids.append(dict(attrs).get("id") or "")
        self._stack.append((tag, opens, skipping))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self._stack:
            open_tag, opens, _ = self._stack.pop()
            if opens and self._current is not None:
                self.blocks.append("".join(self._current))
                self._current = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._current is not None and not any(s for _, _, s in self._stack):
            self._current.append(data)


def block_texts(html: str) -> list[str]:
    """Visible text of each article block, in page order."""
    parser = BlockText()
    parser.feed(html)
    return parser.blocks


def document(html: str) -> HtmlElement:
    """A built page parsed as a browser would (the site's pages are minified: attribute values
    without quotes, in another order, so a test asks the tree, not the text)."""
    return lxml.html.document_fromstring(html)


def page_ids(html: str) -> set[str]:
    """Every ``id`` of a page."""
    return {str(value) for value in document(html).xpath("//@id")}


KEPT_TEXT = ("pre", "script", "style", "textarea")
"""Elements whose text a minifier must keep exactly."""


def page_shape(html: str) -> list[tuple[str, list[tuple[str, str]], str]]:
    """Every element of a page in order: tag, attributes (a class as its list of names), and the
    text of those in :data:`KEPT_TEXT`. Two pages with one shape differ at most in whitespace
    between and inside elements where a browser collapses it."""
    return [(str(e.tag), sorted((k, " ".join(v.split()) if k == "class" else v) for k, v in e.attrib.items()),
             e.text_content() if e.tag in KEPT_TEXT else "")
            for e in document(html).iter() if isinstance(e.tag, str)]
