"""Timeline events and the dated phrases of the article that refer to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.i18n import Messages
from ...core.model import Origin, Project

TIMELINE_FILE = "data/timeline.yml"
TIMELINE_PAGE = "timeline.md"


def date_text(date: str, t: Messages) -> str:
    """"2025-04-10" -> "2025年4月10日", "2024-12" -> "2024年12月", "2014" -> "2014年" (in the site's words)."""
    parts = date.split("-")
    keys = {1: "timeline.date.year", 2: "timeline.date.month", 3: "timeline.date.day"}
    year, month, day = [*parts, "", ""][:3]
    return t(keys[len(parts)], year=year, month=month.lstrip("0"), day=day.lstrip("0"), mm=month, dd=day)


@dataclass(slots=True)
class Mention:
    """A dated phrase of the article ("2024年4月") that refers to an event."""

    quote: str
    origin: Origin
    """Where ``quote:`` is written."""
    article_id: str
    number: int
    """1-based among the event's mentions."""
    event_id: str
    says: str | None = None
    """The date the article gives, when it is wrong (``YYYY[-MM[-DD]]``)."""
    start: int = -1
    end: int = -1
    placed: bool = False

    @property
    def html_id(self) -> str:
        """The phrase's id on the article's page (the timeline links back to it)."""
        return f"tl-{self.event_id}-{self.number}"

    def says_label(self, t: Messages) -> str:
        """The article's (wrong) date in readers' words."""
        return date_text(self.says or "", t)


@dataclass(slots=True)
class Event:
    """One dated event."""

    id: str
    origin: Origin
    date: str
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: only as precise as the sources are."""
    title: str
    description_md: str
    description_html: str
    note_md: str
    note_html: str
    source_ids: list[str]
    sources_line: int | None = None
    description_line: int | None = None
    note_line: int | None = None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def html_id(self) -> str:
        return f"event-{self.id}"

    @property
    def year(self) -> str:
        return self.date[:4]

    def date_label(self, t: Messages) -> str:
        """The date in readers' words ("2025年4月10日")."""
        return date_text(self.date, t)


def all_events(project: Project) -> list[Event]:
    """Every event, in date order (what the timeline kind loaded)."""
    events: list[Event] = project.kinds.get("timeline", [])
    return events
