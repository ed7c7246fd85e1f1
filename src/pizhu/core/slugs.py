"""Readable, Unicode-preserving ids for headings and anchors."""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_DASHES = re.compile(r"[\s_-]+", re.UNICODE)


def slugify(text: str) -> str:
    """Lower-case slug that keeps Han characters: "战略重塑:商汤的“甩包袱”" -> "战略重塑商汤的甩包袱"."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DROP.sub("", text)
    return _DASHES.sub("-", text).strip("-") or "section"


def unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3`` … whichever is not yet in ``taken`` (which it joins)."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate
