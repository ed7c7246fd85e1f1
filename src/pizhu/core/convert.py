"""Simplified -> Traditional: OpenCC, editorial overrides, and where each character went.

The Traditional edition is generated at build time. Three things are needed here, and none
of them knows MkDocs:

- :class:`Converter`: OpenCC with one configuration (``s2tw`` for the site, see README) plus
  the editors' overrides (``data/zh-hant.yml``), which win wherever their simplified phrase
  occurs. The text between two overrides is converted by OpenCC as one piece.
- :class:`OffsetMap`: where each offset of the simplified text lands in its conversion.
  Annotations are spans over the simplified canonical text; OpenCC converts phrase by phrase
  and some phrases change length (``s2twp``: 算法 -> 演算法, 首席执行官 -> 執行長), so a span
  is moved through the map, never recomputed. The map is monotone, so spans that nest or lie
  apart on the simplified text still do on the converted one.
- :func:`Converter.html`: converts the reader's text of an HTML page, leaving markup, ids,
  links, code and stretches marked as already converted (the article's blocks) alone.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .extras import chinese_module
from .markup import html_text, script_json
from .model import Origin
from .text import HAN

CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk")
"""OpenCC configurations an edition may use (Simplified to some Traditional standard)."""
_NONCE = secrets.token_hex(8)
DONE_OPEN, DONE_CLOSE = f"\ue000{_NONCE}\ue001", f"\ue001{_NONCE}\ue000"
"""Around HTML that is already converted (an article block laid out from the converted text):
:meth:`Converter.html` keeps what is between them and drops them. Private-use characters and a
number drawn at each start, so that no text a contributor writes can open or close one."""
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "data-toc-label", "aria-description", "data-pz-title")
"""Attributes whose values readers see or hear; every other attribute (ids, links, classes) is kept."""
_TOKEN = re.compile(
    re.escape(DONE_OPEN) + r"(?P<done>.*?)" + re.escape(DONE_CLOSE) +
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<script><script\b(?P<script_attrs>[^>]*)>)(?P<script_body>.*?)(?P<script_end></script\s*>)"
    r"|(?P<raw><(?P<raw_tag>style|pre|code|kbd|samp)\b[^>]*>.*?</(?P=raw_tag)\s*>)"
    r"|(?P<tag></?[A-Za-z][^>]*>)"
    r"|(?P<text>[^<\ue000]+|[<\ue000])",
    re.DOTALL)
_ATTRIBUTE = re.compile(r"""(?P<name>[\w:-]+)(?P<eq>\s*=\s*)(?P<q>["'])(?P<value>.*?)(?P=q)""", re.DOTALL)


def _known(config: str) -> str:
    """``config`` if pizhu uses that OpenCC configuration (an edition's, or one back to simplified)."""
    if config not in CONFIGS and config not in ("t2s", "tw2s", "tw2sp", "hk2s"):
        raise ValueError(f"unknown OpenCC configuration {config!r}")
    return config


@cache
def _opencc(config: str) -> Any:
    """One OpenCC converter per configuration, loaded when a text first needs it (the first of
    a build loads the phrase dictionaries the others share: 0.05-0.1 s, 40 MB)."""
    return chinese_module("opencc").OpenCC(_known(config))


def release_opencc() -> None:
    """Let OpenCC's converters go. The Simplified->Traditional phrase dictionary takes 40 MB in
    memory; a build that converts nothing more until its end releases it, and loads it again
    (0.05-0.08 s a configuration) only if it needs it."""
    _opencc.cache_clear()


def opencc_convert(config: str, text: str) -> str:
    """``text`` through OpenCC's ``config`` alone (no overrides).

    OpenCC changes Han characters only (every configuration pizhu uses leaves each other
    character of Unicode's first three planes as it is: ``tests/test_zh_hant.py``), so a text
    without any is returned as it is and loads nothing: a site in another language never loads
    OpenCC's dictionaries. OpenCC reads a C string, and would drop everything from a NUL on:
    the pieces between NULs are converted one by one."""
    if not HAN.search(text):
        return text
    if "\x00" in text:
        return "\x00".join(opencc_convert(config, piece) for piece in text.split("\x00"))
    return str(_opencc(config).convert(text))


def opencc_convert_each(config: str, texts: Sequence[str]) -> list[str]:
    """Each of ``texts`` through OpenCC's ``config``, in one call (thousands of short words cost
    one call, not thousands). OpenCC never matches a phrase across a line break, so each line
    converts as it would alone; a text holding a line break is refused."""
    if any("\n" in text for text in texts):
        raise ValueError("opencc_convert_each converts texts without line breaks")
    converted = opencc_convert(config, "\n".join(texts)).split("\n") if texts else []
    if len(converted) != len(texts):  # pragma: no cover - OpenCC writes no line breaks of its own
        raise ValueError(f"OpenCC {config} changed the number of lines")
    return converted


@lru_cache(maxsize=8192)
def _simplified_char(char: str) -> str:
    """What a converted character was, most likely (to align a text with its conversion)."""
    return opencc_convert("t2s", char) if HAN.match(char) else char


@dataclass(frozen=True, slots=True)
class Override:
    """An editorial correction: wherever ``simplified`` occurs, the edition writes ``traditional``."""

    simplified: str
    traditional: str
    origin: Origin


class OffsetMap:
    """Offsets in a text -> offsets in its conversion (``len(source) + 1`` entries, monotone)."""

    __slots__ = ("_to",)

    def __init__(self, to: list[int]) -> None:
        self._to = to

    def __call__(self, offset: int) -> int:
        return self._to[offset]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A range moved through the map; a non-empty one never becomes empty (a point)."""
        new_start, new_end = self._to[start], self._to[end]
        if start < end and new_start == new_end:
            new_end = min(new_start + 1, self._to[-1])
            new_start = new_end - 1 if new_end > 0 else 0
        return new_start, new_end

    @staticmethod
    def align(source: str, converted: str) -> OffsetMap:
        """Align ``source`` with its conversion ``converted``.

        Both are compared as simplified characters; OpenCC keeps most characters one for one,
        and where it rewrote a phrase to another length (a ``replace``, ``insert`` or ``delete``
        of the diff), offsets inside the phrase are spread over its conversion, and text that
        only the conversion has (算法 -> 演算法) belongs to the word after it.
        """
        to = [0] * (len(source) + 1)
        inserted_at: dict[int, int] = {}
        keys = "".join(_simplified_char(c) for c in converted)
        matcher = difflib.SequenceMatcher(None, source, keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "insert":
                inserted_at.setdefault(i1, j1)
            for k in range(i1, i2):
                to[k] = j1 + (k - i1) * (j2 - j1) // (i2 - i1)
        for k, j in inserted_at.items():
            to[k] = min(to[k], j) if k < len(source) else to[k]
        to[len(source)] = len(converted)
        return OffsetMap(to)

    @staticmethod
    def join(parts: Sequence[tuple[int, int, OffsetMap]]) -> OffsetMap:
        """Maps of consecutive pieces (source length, converted length, map) as one."""
        to: list[int] = []
        base = 0
        for _, converted_length, part in parts:
            to += [base + j for j in part._to[:-1]]
            base += converted_length
        to.append(base)
        return OffsetMap(to)


class Converter:
    """OpenCC's ``config`` with editorial ``overrides`` (longest first where two start together)."""

    def __init__(self, config: str, overrides: Sequence[Override] = ()) -> None:
        _known(config)  # fail early on an unknown configuration (OpenCC loads on the first Han text)
        self.config = config
        self.overrides = {o.simplified: o for o in overrides}
        ordered = sorted(self.overrides, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self._aligned: dict[str, tuple[str, OffsetMap]] = {}

    def pieces(self, text: str) -> list[tuple[str, Override | None]]:
        """``text`` cut at the overrides' phrases: (piece, the override it is, or ``None``)."""
        if self._pattern is None:
            return [(text, None)] if text else []
        found: list[tuple[str, Override | None]] = []
        at = 0
        for match in self._pattern.finditer(text):
            if match.start() > at:
                found.append((text[at:match.start()], None))
            found.append((match.group(0), self.overrides[match.group(0)]))
            at = match.end()
        if at < len(text):
            found.append((text[at:], None))
        return found

    def __call__(self, text: str) -> str:
        """``text`` converted (overrides first, OpenCC between them)."""
        return self._converted(text, str)

    def _converted(self, text: str, written: Callable[[str], str]) -> str:
        """``text`` converted, each override's words as ``written`` gives them (escaped for HTML
        where ``text`` is HTML: an override is data, and OpenCC writes no markup characters)."""
        if not text or not HAN.search(text):
            return text
        return "".join(written(o.traditional) if o else opencc_convert(self.config, piece) for piece, o in self.pieces(text))

    def aligned(self, text: str) -> tuple[str, OffsetMap]:
        """``text`` converted, with the map from its offsets to the conversion's (line by line)."""
        if text in self._aligned:
            return self._aligned[text]
        parts: list[tuple[int, int, OffsetMap]] = []
        out: list[str] = []
        for line in text.split("\n"):
            for piece, override in self.pieces(line):
                converted = override.traditional if override else opencc_convert(self.config, piece)
                offsets = OffsetMap([*(k * len(converted) // len(piece) for k in range(len(piece))), len(converted)]) \
                    if override else OffsetMap.align(piece, converted)
                parts.append((len(piece), len(converted), offsets))
                out.append(converted)
            parts.append((1, 1, OffsetMap([0, 1])))
            out.append("\n")
        parts.pop()
        out.pop()
        result = "".join(out), OffsetMap.join(parts)
        self._aligned[text] = result
        return result

    def html(self, html: str) -> str:
        """The reader's text in ``html`` converted: text, and the attributes in :data:`ATTRIBUTES`.

        Kept as they are: tags and every other attribute (ids and links stay those of the
        simplified edition, so fragments work in both), comments, scripts (JSON data scripts
        are converted value by value), code and preformatted text (examples of data files,
        which are simplified), and what :data:`DONE_OPEN` … :data:`DONE_CLOSE` marks.
        """
        out: list[str] = []
        for token in _TOKEN.finditer(html):
            kind = token.lastgroup
            if token.group("done") is not None:
                out.append(token.group("done"))
            elif token.group("script") is not None:
                out.append(token.group("script") + self._script(token.group("script_attrs"), token.group("script_body"))
                           + token.group("script_end"))
            elif token.group("tag") is not None:
                out.append(_ATTRIBUTE.sub(self._attribute, token.group("tag")))
            elif kind == "text":
                out.append(self._converted(token.group("text"), html_text))
            else:
                out.append(token.group(0))
        return "".join(out)

    def _attribute(self, match: re.Match[str]) -> str:
        if match["name"].lower() not in ATTRIBUTES:
            return match.group(0)
        value = self._converted(match["value"], lambda words: html.escape(words, quote=True))
        return f"{match['name']}{match['eq']}{match['q']}{value}{match['q']}"

    def _script(self, attributes: str, body: str) -> str:
        if "application/json" not in attributes or not HAN.search(body):
            return body
        try:
            data = json.loads(body)
        except ValueError:
            return body
        return script_json(self.json_values(data))

    def json_values(self, data: Any) -> Any:
        """JSON data with every string value converted as HTML (keys are kept: they are ids)."""
        if isinstance(data, str):
            return self.html(data)
        if isinstance(data, list):
            return [self.json_values(item) for item in data]
        if isinstance(data, dict):
            return {key: self.json_values(value) for key, value in data.items()}
        return data


def mark_done(html: str) -> str:
    """``html`` marked as already converted, for :meth:`Converter.html` to keep as it is."""
    return DONE_OPEN + html + DONE_CLOSE


ConvertText = Callable[[str], str]
