"""Corrections to our own content, and the methodology page they are published on."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.model import Origin

AFFECTS = {
    "note": "note/<note id>",
    "term": "term/<term id>",
    "table": "table/<table id>/<row id> (or table/<table id>)",
    "source": "source/<source id>",
    "timeline": "timeline/<event id>",
}
"""What a correction may name in ``affects``, by its prefix."""


@dataclass(frozen=True, slots=True)
class Affected:
    """One item a correction changed: ``note/v6-date`` is ``Affected("note", "v6-date", line)``."""

    prefix: str
    rest: str
    line: int

    @property
    def text(self) -> str:
        return f"{self.prefix}/{self.rest}"

    @property
    def target(self) -> tuple[str, str]:
        """Its key in ``Project.targets`` (sources are not targets: they are on the sources page)."""
        if self.prefix == "table":
            return ("row", self.rest) if "/" in self.rest else ("table", self.rest)
        return (self.prefix, self.rest)


@dataclass(slots=True)
class Correction:
    """One entry of the changelog."""

    id: str
    origin: Origin
    date: str
    affects: list[Affected]
    summary_md: str
    summary_html: str
    reason_md: str
    reason_html: str
    source_ids: list[str]

    @property
    def html_id(self) -> str:
        return f"correction-{self.id}"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one fact-check verdict means."""

    verdict: str
    html: str


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the methodology page."""

    id: str
    heading: str
    html: str
    verdicts: list[Verdict] = field(default_factory=list)


@dataclass(slots=True)
class Methodology:
    """The methodology page's own text (``data/methodology.yml``)."""

    origin: Origin
    intro_html: str
    sections: list[Section] = field(default_factory=list)


@dataclass(slots=True)
class Loaded:
    """What the corrections kind loaded."""

    corrections: list[Correction] = field(default_factory=list)
    methodology: Methodology | None = None
