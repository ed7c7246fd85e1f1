"""Contributor Markdown -> sanitised HTML. Data files are untrusted input."""

from __future__ import annotations

import html

import markdown
import nh3

# What a note, definition or source remark may contain; everything else is stripped.
ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "sub", "sup", "del"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str, *, inline: bool = False) -> str:
    """Render contributor Markdown to HTML that is safe to put in front of readers.

    Raw HTML is escaped by Python-Markdown's own rules and then everything outside a small
    allow-list is removed by nh3 (Ammonia), which also drops ``javascript:`` and other
    non-http(s) links and adds ``rel="noopener noreferrer"`` to links.

    Args:
        text: Markdown source.
        inline: strip the wrapping ``<p>`` of a one-paragraph result.
    """
    converted = markdown.markdown(text or "", extensions=[], output_format="html")
    clean = nh3.clean(converted, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer")
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return clean.strip()


def text_to_html(text: str) -> str:
    """Escape plain text for HTML element content."""
    return html.escape(text, quote=False)
