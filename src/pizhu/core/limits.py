"""Every limit on contributor input, in one place; messages quote these numbers.

Data files come from strangers' pull requests. Each limit is far above what a real file
needs (the largest real note is about 2 KB, the glossary about 40 KB) and far below what
would make a build slow or large. docs/security.md lists them for contributors.
"""

from __future__ import annotations

MAX_YAML_BYTES = 1024 * 1024
"""A YAML data file (sources, glossary, a table, a manifest …)."""
MAX_NOTE_BYTES = 256 * 1024
"""A note file (front matter and Markdown body). Checking is linear up to this size."""
MAX_SEED_BYTES = 1024 * 1024
"""An article's seed text."""
MAX_PAGE_BYTES = 1024 * 1024
"""A page of the site's own ``docs/`` that pizhu reads (to convert it, or for its ids)."""
MAX_DEPTH = 16
"""Nesting of YAML lists and mappings (a table cell's claim sits at depth 5)."""
MAX_SCALAR_CHARS = 16 * 1024
"""Characters in one YAML value (a glossary definition is a few hundred)."""
MAX_INTEGER_DIGITS = 30
"""Digits in a YAML integer."""
MAX_DECIMALS = 10
"""A table column's ``decimals``."""
MAX_ABS_VALUE = 10**15
"""The largest figure a table cell holds, in its column's unit (a quadrillion)."""
MIN_ABS_VALUE = 1e-9
"""The smallest non-zero figure, so that ratios of table figures stay printable."""
MAX_BRACKETS = 64
"""``[``, ``<`` and ``\\`` in one paragraph of prose (a paragraph with 30 links has 30):
Markdown's parser takes time quadratic in them (20,000 took a minute)."""
MAX_NESTING = 32
"""Levels of lists and quotes in prose (a line's markers, and its indentation in fours):
Markdown's parser recurses once for each (500 overflowed Python's stack)."""


def size_text(size: int) -> str:
    """``1 MiB``, ``256 KiB``, ``2.5 MiB``, ``300 bytes``: how sizes read in messages."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.3g} KiB"
    return f"{size / (1024 * 1024):.3g} MiB"
