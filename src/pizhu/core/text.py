"""Small facts about text that several kinds need: what counts as Han, excerpts for tooltips."""

from __future__ import annotations

import re

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")
"""One Han character (the CJK unified ideographs and their extensions; approximately
``\\p{Script=Han}`` without the rare radicals and symbols)."""
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
"""A run of Han characters: what the search plugin hands to jieba."""
EXCERPT_CHARS = 16
"""Characters of context on each side of a passage in an excerpt."""


def excerpt(text: str, start: int, end: int, chars: int = EXCERPT_CHARS) -> str:
    """The stretch ``[start, end)`` with up to ``chars`` of context on each side, within its line."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    before = text[max(left, start - chars):start]
    after = text[end:min(right, end + chars)]
    return ("…" if start - len(before) > left else "") + before + text[start:end] + after + \
        ("…" if end + len(after) < right else "")


def glues(ch: str) -> bool:
    """True for a letter or digit of a script written with spaces (Latin, Greek, digits …)."""
    return ch.isalnum() and not HAN.match(ch)


def stands_alone(text: str, start: int, end: int) -> bool:
    """A Latin-edged form must not continue a Latin word: no ``AI`` inside ``OpenAI``."""
    if glues(text[start]) and start > 0 and glues(text[start - 1]):
        return False
    return not (glues(text[end - 1]) and end < len(text) and glues(text[end]))

LINE_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What ends a line for Markdown or for Python's ``str.splitlines``."""
LINE_BREAKS = re.compile(r"\r\n?|[" + re.escape(LINE_BREAK_CHARS) + "]")
