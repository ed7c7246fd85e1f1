"""Block text + spans -> inline HTML, nesting properly.

Ranges (notes, terms, figures) open and close around text; points (citations) sit between
characters. At one offset the order is: close the ranges that end there (innermost first),
emit the points, open the ranges that start there (outermost first). Ranges that partly
overlap cannot nest: :func:`pizhu.core.spans.place` never places them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..core.markup import html_text
from ..core.model import Span

SpanMarkup = Callable[[Span], str]


def render_inline(text: str, base: int, spans: Sequence[Span], open_tag: SpanMarkup,
                  close_tag: SpanMarkup, point: SpanMarkup, ranks: Mapping[str, int]) -> str:
    """Lay out ``text`` (which starts at canonical offset ``base``) with its spans.

    Args:
        text: the block's canonical text.
        base: offset of ``text[0]`` in the canonical text.
        spans: spans inside ``[base, base + len(text)]``.
        open_tag, close_tag: markup for the start and end of a range span.
        point: markup for a point span.
        ranks: each kind's rank: on identical ranges, the lower rank is opened first (outside).
    """
    ranges = sorted((s for s in spans if not s.is_point), key=lambda s: (s.start, -s.end, ranks.get(s.kind, 99)))
    points = sorted((s for s in spans if s.is_point), key=lambda s: s.start)
    boundaries = sorted({base, base + len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    for i, at in enumerate(boundaries):
        while stack and stack[-1].end == at:
            out.append(close_tag(stack.pop()))
        out += [point(p) for p in points if p.start == at]
        for span in ranges:
            if span.start == at:
                stack.append(span)
                out.append(open_tag(span))
        if i + 1 < len(boundaries):
            out.append(html_text(text[at - base:boundaries[i + 1] - base]))
    while stack:
        out.append(close_tag(stack.pop()))
    return "".join(out)
