"""Timeline events and the dated phrases of the article that refer to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.i18n import Messages
from ...core.model import Origin, Project

TIMELINE_FILE = "data/timeline.yml"
TIMELINE_PAGE = "timeline.md"


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
        return t.date(self.says or "")


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
        return t.date(self.date)


def all_events(project: Project) -> list[Event]:
    """Every event, in date order (what the timeline kind loaded)."""
    events: list[Event] = project.kinds.get("timeline", [])
    return events
