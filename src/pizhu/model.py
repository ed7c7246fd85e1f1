"""The data model: small dataclasses that remember the file and line they came from.

Every annotation is a :class:`Span` over an article's *canonical text* (the seed with its
citation markers removed), measured in code points. Notes, glossary terms, data figures and
citations are all spans; a single layout step turns a block's text plus its spans into markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .glossary import Term
    from .notes import Note
    from .tables import Table

BlockKind = Literal["lede", "heading", "paragraph", "quote"]


@dataclass(slots=True)
class Origin:
    """Where a piece of data was written."""

    file: str
    """Path relative to the project root."""
    line: int | None = None
    """1-based line, when known."""


@dataclass(slots=True)
class Source:
    """A source: one of the article's own (ids "1", "2") or an editorial one."""

    id: str
    origin: Origin
    publisher: str | None = None
    """The original outlet."""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``None`` when unknown."""
    url: str | None = None
    via_publisher: str | None = None
    """Where it was read, when that is a repost."""
    via_url: str | None = None
    language: str | None = None
    note_html: str = ""
    """Sanitised HTML of the editors' remark on this source."""
    identified: bool = True
    """False for an article marker whose source nobody has identified."""
    guess_html: str = ""
    """Sanitised HTML of a labelled guess at an unidentified source."""
    accessed: str | None = None
    """When the editors last read it (``YYYY-MM-DD``)."""
    archive: str | None = None
    """A web-archive copy of the page, where one exists."""

    @property
    def is_article_marker(self) -> bool:
        """True for the article's own numbered sources."""
        return self.id.isdigit()


@dataclass(slots=True)
class Contributor:
    """Somebody (or a team) who writes notes."""

    id: str
    name: str
    role: str
    origin: Origin
    link: str | None = None


@dataclass(slots=True)
class Span:
    """A stretch of canonical text (``start == end`` for a point) that carries an annotation."""

    start: int
    end: int
    kind: str
    """``cite``, ``note``, ``term`` or ``figure``."""
    ref: str
    """Id of what the span points at (source, note, term, table cell)."""
    data: dict[str, Any] = field(default_factory=dict)
    """Whatever the kind's inline template needs (numbers, labels)."""

    @property
    def is_point(self) -> bool:
        return self.start == self.end


@dataclass(slots=True)
class Block:
    """One line of the seed: the lede, a heading, a paragraph or quoted speech."""

    index: int
    kind: BlockKind
    start: int
    """Offset of the block's first character in the canonical text."""
    end: int
    text: str
    """The block's canonical text (markers removed)."""
    seed_line: int
    """1-based line in the seed file."""
    id: str
    """Stable HTML id (``p-4`` for paragraphs, a Unicode slug for headings)."""
    section: int = 0
    """Index of the section (0 before the first heading)."""


@dataclass(slots=True)
class Citation:
    """A marker like "。12" in the seed: a point after ``offset`` naming sources."""

    offset: int
    source_ids: list[str]
    raw: str
    """The digits as written."""
    seed_line: int


@dataclass(slots=True)
class Article:
    """One article: its manifest plus the parsed seed."""

    id: str
    title: str
    seed_file: str
    origin: Origin
    language: str = "zh-Hans"
    date: str | None = None
    date_note: str | None = None
    publisher: str | None = None
    author: str | None = None
    summary: str | None = None
    seed_text: str = ""
    canonical: str = ""
    """The seed with citation markers removed; lines joined by ``\\n``."""
    blocks: list[Block] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset`` (end-inclusive, so a point at a block's end counts)."""
        for block in self.blocks:
            if block.start <= offset <= block.end:
                return block
        return None

    def seed_line_of(self, offset: int) -> int | None:
        block = self.block_at(offset)
        return block.seed_line if block else None


@dataclass(slots=True)
class Project:
    """Everything the site is made of, loaded and checked."""

    root: str
    articles: list[Article] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    contributors: dict[str, Contributor] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    """Editorial notes (:class:`pizhu.notes.Note`), all statuses."""
    terms: list[Term] = field(default_factory=list)
    """Glossary terms."""
    tables: list[Table] = field(default_factory=list)
    """Data tables."""
