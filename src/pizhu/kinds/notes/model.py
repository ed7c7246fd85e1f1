"""Editorial notes: what a note is, and the notes of an article in reading order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...core.model import Origin, Project

KINDS = ("context", "fact-check", "correction", "definition", "data")
"""What a note does; readers see each as ``note.kind.<kind>`` in the message catalogue."""
VERDICTS = ("accurate", "misleading", "wrong", "unverified", "disputed")
"""A fact-check's verdict; readers see ``note.verdict.<verdict>``."""
STATUSES = ("draft", "reviewed", "published")
NEEDS_SOURCES = ("fact-check", "correction")
NEEDS_REVIEW = ("fact-check", "correction")
"""Kinds that judge the article: published only once a second person has checked them (``reviewed_by``, ``checked``)."""


@dataclass(slots=True)
class Note:
    """One editorial note."""

    id: str
    """The file name without ``.md``; also the permalink ``#note-<id>``."""
    article_id: str
    origin: Origin
    anchor: str
    anchor_line: int
    """Line of ``anchor:`` in the note's file (where anchoring problems point)."""
    kind: str
    author_id: str
    status: str
    body_md: str
    """The body as written (Markdown, figure references unresolved)."""
    body_html: str
    """Sanitised HTML of the body, rendered once every kind has loaded (figure references need the tables)."""
    body_line: int = 1
    """Line of the body's first line in the note's file."""
    prefix: str = ""
    suffix: str = ""
    verdict: str | None = None
    title: str | None = None
    source_ids: list[str] = field(default_factory=list)
    excerpts: dict[str, str] = field(default_factory=dict)
    """The exact words of a cited source the note relies on, by source id."""
    sources_line: int | None = None
    """Line of ``sources:`` in the note's file."""
    reviewed_by: str | None = None
    """The contributor who checked the note against its sources (never its author)."""
    checked: str | None = None
    """When it was last checked against its sources (``YYYY-MM-DD``)."""
    published_on: str | None = None
    """When it was first published (``published:``, ``YYYY-MM-DD``)."""
    updated: str | None = None
    """When its text last changed after publication (``YYYY-MM-DD``)."""
    start: int = -1
    """Code-point offset of the anchor in the canonical text (-1 until anchored)."""
    end: int = -1
    number: int = 0
    """1-based position among the article's published notes, in reading order."""

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def html_id(self) -> str:
        return f"note-{self.id}"


class NoteList(list[Note]):
    """The notes the notes kind loaded (every status), with each article's published notes at hand:
    pages of many articles ask for them article by article, and a scan of every note for each
    would grow with the square of the number of articles. The list is complete once loaded."""

    def __init__(self, notes: Iterable[Note] = (), unloaded: Iterable[Unloaded] = ()) -> None:
        super().__init__(notes)
        self.unloaded = list(unloaded)
        """Bodies of the notes that did not load (a field was wrong): checked for figure references too."""
        self.published_by_article: dict[str, list[Note]] = {}
        for note in self:
            if note.published:
                self.published_by_article.setdefault(note.article_id, []).append(note)


@dataclass(frozen=True, slots=True)
class Unloaded:
    """The body of a note that did not load, with where it was written."""

    file: str
    article_id: str
    body: str
    body_line: int


def all_notes(project: Project) -> NoteList:
    """Every note of the project, all statuses (what the notes kind loaded)."""
    notes: NoteList = project.kinds.get("note") or NoteList()
    return notes


def published_notes(project: Project, article_id: str | None = None) -> list[Note]:
    """The published notes (of one article, or of all), in reading order."""
    notes = all_notes(project)
    chosen = [n for n in notes if n.published] if article_id is None else notes.published_by_article.get(article_id, [])
    return sorted(chosen, key=lambda n: (n.article_id, n.number))
