"""A page's HTML without the bytes no reader sees (plugin option ``minify: true``).

MkDocs and Material write indented HTML: the article page carried 4.5 KB of indentation,
quotes around attribute values that need none and entities longer than their character.
`minify-html <https://github.com/wilsonzlin/minify-html>`_ (a Rust HTML5 minifier) removes
them: the article page goes from 126.8 to 119.1 KB. Compression removes most of that on the
wire too (22.3 -> 21.8 KiB Brotli), so the gain is mostly in what a browser parses and a crawler
stores.

What is kept, so that the page means what it meant:

- every element and every attribute with a value (``type="text"`` too, which stylesheets may
  select on), every closing tag and the ``<html>``/``<head>`` tags (tools that read pages with a
  simple parser, not a browser's, rely on them: feed readers, scrapers, the tests' text extractor);
- whitespace where a browser shows it: in ``<pre>``, ``<code>`` (Material shows it as
  ``pre-wrap``) and ``<textarea>`` as it is; elsewhere a run of spaces becomes one (a browser
  shows one), and space a browser does not show (between blocks, at a block's edges) goes;
- one space between table cells, which a browser does not show either: Pagefind
  (``search_engine: pagefind``) reads the written page and would join the last word of a cell
  to the first of the next (``kind files`` -> ``kindfiles``);
- scripts and styles as they are (Material's are minified already; pizhu's JSON data scripts
  are compact, and JSON-LD must stay exactly what it says).

Limits, none of which any page of this site reaches (``tests/browser/test_minify.py``): a run of
spaces in ``<kbd>``, ``<samp>``, ``<var>`` or an element styled ``white-space: pre`` inline
becomes one, though Material shows ``kbd`` as ``pre-wrap``; an attribute with an empty value
goes (``title=""``, which stops an ancestor's tooltip, and ``lang=""`` mean something). A page
with MathML is left as it is: minify-html reads ``<title>`` and ``<textarea>`` inside
``<math>`` as HTML's, and would turn escaped text there into markup.
"""

from __future__ import annotations

import re

import minify_html

_CELLS = re.compile(r"(</t[dh]>)(<t[dh][\s>])")
"""Two table cells with nothing between them, as minify-html writes them."""


def minify_page(html: str) -> str:
    """``html`` minified, with what the module lists kept."""
    if "<math" in html:
        return html
    small = minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                               keep_input_type_text_attr=True)
    return _CELLS.sub(r"\1 \2", str(small))
