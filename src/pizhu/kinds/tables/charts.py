"""Horizontal bar charts as inline SVG, drawn at build time.

Why hand-written rather than a library: the charts are simple (one or a few bars per row of
a table) and must be accessible and themeable, which the candidates are not out of the box.
pygal 3.1 links a tooltip script from a CDN by default, hard-codes colours in an embedded
``<style>``, and has no ``role``/``aria-labelledby``; matplotlib turns text into paths (or
needs a CJK font on every build machine) and bakes colours in. Here:

- ``role="img"`` named by its ``<title>`` and described by its ``<desc>`` (``aria-labelledby``,
  ``aria-describedby``: a screen reader says each once); the description lists every value,
  and the page puts the full table right after the chart;
- colours are CSS classes (``pz-chart-s1`` …) styled from ``pizhu/assets/pizhu.css`` with a
  light and a dark value, with presentation attributes as a fallback; text and axes use
  ``currentColor``, so the chart follows Material's light and dark schemes;
- text stays text (searchable, selectable, the page's font); no script, no request.

Bars are horizontal, each category's label on its own line above its bars, and the chart is
drawn 340 units wide: on a 375 px phone it is shown at about its own size, so its 12-unit text
stays at least 12 px (a wider drawing, scaled down to fit, would shrink it to 8.5 px); wider
screens show it up to about 1.5 times that size (``pizhu.css``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ...core.i18n import Messages
from ...core.markup import html_text

WIDTH = 340
FONT = 12
BAR = 16
BAR_GAP = 3
GROUP_GAP = 12
LABEL_GAP = 4
PAD = 8
VALUE_ROOM = 84
LABEL_MAX = 150
FALLBACK_COLOURS = ("#3949ab", "#d84315", "#00796b", "#6d4c41")
FLAG_MARKS = {"unverified": "*", "disputed": "†"}
FLAGS = ("unverified", "disputed")
"""Flags in the order their explanations (``chart.flag.<flag>``) are listed."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its value (``None`` when unknown), the text shown beside it, and a flag."""

    value: Decimal | None
    label: str
    flag: str = ""
    """``unverified`` (drawn hollow), ``disputed`` or empty."""


@dataclass(frozen=True, slots=True)
class Series:
    """Bars of one column, one per category."""

    name: str
    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class ChartData:
    """Everything a chart shows."""

    id: str
    """Unique on its page; prefixes the ids of ``<title>`` and ``<desc>``."""
    title: str
    unit: str
    categories: list[str]
    series: list[Series]
    description: str = ""
    """An editor's sentence on what the chart shows; the values are added to it."""

    @property
    def used_flags(self) -> list[str]:
        return [f for f in FLAGS if any(b.flag == f for s in self.series for b in s.bars)]


def text_width(text: str, size: int = FONT) -> float:
    """Rough rendered width: CJK characters are square, Latin ones about 0.58 em."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.58 for ch in text)


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top`` (0, 20, 40, 60 …)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def wrap(label: str, width: float = LABEL_MAX) -> list[str]:
    """A category label on one line, or on two when it is wider than ``width`` (split at a space)."""
    if text_width(label) <= width or " " not in label:
        return [label]
    head, _, tail = label.rpartition(" ")
    while text_width(head) > width and " " in head:
        head, _, rest = head.rpartition(" ")
        tail = rest + " " + tail
    return [head, tail]


def tick_label(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:g}"


def describe(data: ChartData, t: Messages) -> str:
    """The text alternative: the editor's sentence, then every value, category by category."""
    stop = t("full_stop")
    parts = [data.description.rstrip(stop) + stop] if data.description else []
    parts.append(t("chart.kind_and_unit", unit=data.unit) + stop)
    for index, category in enumerate(data.categories):
        values = t("comma").join(f"{s.name}{s.bars[index].label}{FLAG_MARKS.get(s.bars[index].flag, '')}"
                                 if len(data.series) > 1 else s.bars[index].label + FLAG_MARKS.get(s.bars[index].flag, "")
                                 for s in data.series)
        parts.append(category + t("colon") + values + stop)
    parts += [t(f"chart.flag.{f}") + stop for f in data.used_flags]
    return "".join(parts)


def bar_chart(data: ChartData, t: Messages) -> str:
    """The chart as one ``<svg>`` element (no blank lines, so Markdown leaves it alone).

    Top to bottom: the legend (several series), then per category its label and its bars
    (one per series, the value written after the bar), then the axis with its ticks and unit.
    """
    numbers = [float(b.value) for s in data.series for b in s.bars if b.value is not None]
    ticks = nice_ticks(max([0.0, *numbers]))
    labels = [wrap(c, WIDTH - 2 * PAD) for c in data.categories]
    left, right = PAD, WIDTH - VALUE_ROOM
    scale = (right - left) / ticks[-1]
    top = PAD + (_legend_height(data) if len(data.series) > 1 else 0)
    bars_height = len(data.series) * (BAR + BAR_GAP) - BAR_GAP
    y = top
    groups: list[tuple[list[str], float, float]] = []  # (label lines, label baseline, first bar's top)
    for category in labels:
        baseline = y + FONT
        bars_top = y + len(category) * (FONT + 2) + LABEL_GAP
        groups.append((category, baseline, bars_top))
        y = bars_top + bars_height + GROUP_GAP
    plot_top, plot_bottom = top + len(labels[0]) * (FONT + 2) if labels else top, y - GROUP_GAP
    height = plot_bottom + FONT + 2 * PAD + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="pz-chart-svg" viewBox="0 0 {WIDTH} {_n(height)}" '
           f'width="{WIDTH}" height="{_n(height)}" role="img" aria-labelledby="{data.id}-title" '
           f'aria-describedby="{data.id}-desc" '
           f'font-size="{FONT}" fill="currentColor">',
           f'<title id="{data.id}-title">{html_text(data.title)}</title>',
           f'<desc id="{data.id}-desc">{html_text(describe(data, t))}</desc>']
    out += _legend(data) if len(data.series) > 1 else []
    out.append('<g class="pz-chart-grid" stroke="currentColor" stroke-opacity="0.18" aria-hidden="true">')
    out += [f'<line x1="{_n(left + t * scale)}" y1="{_n(plot_top)}" x2="{_n(left + t * scale)}" y2="{_n(plot_bottom + 4)}"/>'
            for t in ticks]
    out.append("</g>")
    out.append('<g class="pz-chart-ticks" text-anchor="middle" fill-opacity="0.75" aria-hidden="true">')
    tick_y = _n(plot_bottom + 4 + FONT + 2)
    out += [f'<text x="{_n(max(left + t * scale, left + text_width(tick_label(t)) / 2))}" y="{tick_y}">{tick_label(t)}</text>'
            for t in ticks]
    unit_x = left + ticks[-1] * scale + text_width(tick_label(ticks[-1])) / 2 + 4
    out.append(f'<text x="{_n(unit_x)}" y="{tick_y}" text-anchor="start">{html_text(data.unit)}</text>')
    out.append("</g>")
    for index, (lines, label_y, bar_y) in enumerate(groups):
        out.append('<text class="pz-chart-category">' + "".join(
            f'<tspan x="{_n(left)}" y="{_n(label_y + n * (FONT + 2))}">{html_text(line)}</tspan>'
            for n, line in enumerate(lines)) + "</text>")
        for number, series in enumerate(data.series):
            out += _bar(series.bars[index], number, left, bar_y + number * (BAR + BAR_GAP), scale)
    out.append("</svg>")
    return "".join(out)


def _bar(bar: Bar, number: int, left: float, y: float, scale: float) -> list[str]:
    css = f"pz-chart-s{number % len(FALLBACK_COLOURS) + 1}"
    colour = FALLBACK_COLOURS[number % len(FALLBACK_COLOURS)]
    text_y = _n(y + BAR / 2 + FONT * 0.35)
    if bar.value is None:
        return [f'<text class="pz-chart-value pz-chart-missing" x="{_n(left + 4)}" y="{text_y}" fill-opacity="0.7">'
                f'{html_text(bar.label)}</text>']
    width = max(float(bar.value) * scale, 1.0)
    hollow = bar.flag == "unverified"
    style = (f' fill="{colour}" fill-opacity="0.18" stroke="{colour}" stroke-width="1.5" stroke-dasharray="4 2"'
             if hollow else f' fill="{colour}"')
    return [f'<rect class="{css}{" pz-chart-hollow" if hollow else ""}" x="{_n(left)}" y="{_n(y)}" '
            f'width="{_n(width)}" height="{BAR}"{style}/>',
            f'<text class="pz-chart-value" x="{_n(left + width + 4)}" y="{text_y}">'
            f'{html_text(bar.label + FLAG_MARKS.get(bar.flag, ""))}</text>']


def _legend_height(data: ChartData) -> int:
    return len(_legend_lines(data)) * (FONT + 8) + 4


def _legend_lines(data: ChartData) -> list[list[tuple[int, str, float]]]:
    """Legend entries (series number, name, x) wrapped to the chart's width."""
    lines: list[list[tuple[int, str, float]]] = [[]]
    x = float(PAD)
    for number, series in enumerate(data.series):
        width = 14 + text_width(series.name) + 16
        if x + width > WIDTH - PAD and lines[-1]:
            lines.append([])
            x = float(PAD)
        lines[-1].append((number, series.name, x))
        x += width
    return lines


def _legend(data: ChartData) -> list[str]:
    out = ['<g class="pz-chart-legend">']
    for row, line in enumerate(_legend_lines(data)):
        y = PAD + row * (FONT + 8)
        for number, name, x in line:
            colour = FALLBACK_COLOURS[number % len(FALLBACK_COLOURS)]
            out.append(f'<rect class="pz-chart-s{number % len(FALLBACK_COLOURS) + 1}" x="{_n(x)}" y="{y}" '
                       f'width="10" height="10" fill="{colour}"/>')
            out.append(f'<text x="{_n(x + 14)}" y="{y + 9}">{html_text(name)}</text>')
    out.append("</g>")
    return out


def _n(value: float) -> str:
    """Coordinates with at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
