"""The prose contributors write, collected as it is read, for the checks that look across kinds.

Every field a :class:`~pizhu.core.fields.Shape` declares as ``markdown`` is our own prose (a
note's body, a definition, a source's note, a caption, a timeline description …), as opposed
to quotations of others (anchors, claim quotes, excerpts, titles), which are ``text``. While
a project loads, :func:`collecting` gathers every such field as it is read, with its file and
line, so the house-style rules (:mod:`pizhu.core.editorial`) see all of them without knowing
any kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Written:
    """One field of prose, as written."""

    file: str
    line: int | None
    """The field's line (the first line of a note's body)."""
    field: str
    """``note``, ``definition``, ``body`` …"""
    text: str
    exact_lines: bool = False
    """True when ``line + newlines before a place`` is that place's line (a note's body); a YAML
    block scalar may start on the next line or be folded, so its problems go to ``line``."""


_sink: ContextVar[list[Written] | None] = ContextVar("pizhu_prose", default=None)


@contextmanager
def collecting() -> Iterator[list[Written]]:
    """Gather every prose field read inside the ``with`` block."""
    sink: list[Written] = []
    token = _sink.set(sink)
    try:
        yield sink
    finally:
        _sink.reset(token)


def distinct(prose: Iterable[Written]) -> list[Written]:
    """Each field of prose once, in order: a field read twice is one, two fields on one line two."""
    return list(dict.fromkeys(prose))


def record(written: Written) -> None:
    """Note a prose field that was read (nothing happens outside :func:`collecting`)."""
    sink = _sink.get()
    if sink is not None:
        sink.append(written)
