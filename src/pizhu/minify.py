"""A page's HTML without the bytes no reader sees (plugin option ``minify: true``).

MkDocs and Material write indented HTML: the article page carried 4.5 KB of indentation,
quotes around attribute values that need none and entities longer than their character.
`minify-html <https://github.com/wilsonzlin/minify-html>`_ (a Rust HTML5 minifier) removes
them: the article page goes from 126.8 to 119.1 KB. Compression removes most of that on the
wire too (22.3 -> 21.8 KiB Brotli), so the gain is mostly in what a browser parses and a crawler
stores.

What is kept, so that the page means what it meant:

- every element and attribute (``type="text"`` too, which stylesheets may select on), every
  closing tag and the ``<html>``/``<head>`` tags (tools that read pages with a simple parser,
  not a browser's, rely on them: feed readers, scrapers, the tests' text extractor);
- whitespace where a browser shows it: in ``<pre>``, ``<code>`` (Material shows it as
  ``pre-wrap``) and ``<textarea>`` as it is; elsewhere a run of spaces becomes one (a browser
  shows one), and space a browser does not show (between blocks, at a block's edges) goes.
  One exception: in ``<kbd>`` and ``<samp>``, which Material also shows as ``pre-wrap``, a run
  of spaces becomes one too (no page of this site has either);
- scripts and styles as they are (Material's are minified already; pizhu's JSON data scripts
  are compact, and JSON-LD must stay exactly what it says).
"""

from __future__ import annotations

import minify_html


def minify_page(html: str) -> str:
    """``html`` minified, with closing tags, scripts and styles kept (see the module)."""
    return str(minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                                  keep_input_type_text_attr=True))
