"""The core data model: small dataclasses that remember the file and line they came from.

Every annotation is a :class:`Span` over an article's *canonical text* (the seed with its
citation markers removed), measured in code points. Notes, glossary terms, data figures,
citations and speech are all spans; a single layout step turns a block's text plus its spans
into markup. The model knows no kind of annotation: each kind keeps what it loaded in
``Project.kinds[<kind name>]`` and says where its items are shown in ``Project.targets``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from .prose import Written

T = TypeVar("T")

BlockKind = Literal["lede", "heading", "paragraph", "quote"]


@dataclass(slots=True)
class Origin:
    """Where a piece of data was written."""

    file: str
    """Path relative to the project root."""
    line: int | None = None
    """1-based line, when known."""


class Registry(dict[str, T], Generic[T]):
    """Objects by id, plus whether every file behind them loaded.

    When a file is broken, references into it cannot be judged: checks skip "unknown id"
    problems rather than burying the one real problem under its consequences.
    """

    complete: bool = True
    broken: frozenset[str] = frozenset()
    """When not ``complete`` and known: the groups whose files broke (for figures, the tables'
    ids), so that references elsewhere are still judged."""

    def judged(self, group: str) -> bool:
        """Whether an unknown id in ``group`` is a problem (not a consequence of a broken file)."""
        return self.complete or (bool(self.broken) and group not in self.broken)


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


class SourceRef(str):
    """A cited source's id that also carries the exact words of the source the citation relies on.

    Written ``{id: xinkuaibao-2025-03-26, excerpt: "…"}`` in a ``sources`` list. It is a plain
    ``str`` wherever ids are expected (lookups, open data), and templates can show ``excerpt``.
    """

    excerpt: str | None

    def __new__(cls, source_id: str, excerpt: str | None = None) -> SourceRef:
        ref = super().__new__(cls, source_id)
        ref.excerpt = excerpt
        return ref


@dataclass(frozen=True, slots=True)
class Citing:
    """One item that cites a source (a note, a term, a table row …), for the sources page and checks."""

    source_id: str
    excerpt: str | None
    """The exact words of the source the item relies on, when given."""
    kind: str
    item: str
    """``(kind, item)`` is where the item is shown, in ``Project.targets``."""
    label: str
    """How readers know the item ("注释5", "徐冰", "商汤员工人数 · 2024-12-31")."""
    origin: Origin
    """Where the citation is written."""


@dataclass(frozen=True, slots=True)
class Value:
    """A figure held once, by the kind that owns it (a table cell), for prose to reference.

    Notes, glossary definitions and timeline events write ``{{ figure table/row/column }}``
    instead of typing the figure again, so the two can never drift apart.
    """

    text: str
    """The figure as readers see it, with its unit ("37.72亿元", "约3206人")."""
    label: str
    """What it is ("商汤集团全年业绩 · 2024年 · 收入")."""
    target: tuple[str, str]
    """Where it is shown, a key of ``Project.targets`` (``("row", "sensetime-results/fy2024")``)."""
    states: Callable[[str], str | None]
    """Whether words written in prose ("37.7亿元", "6113名") state this figure: ``None`` if they
    do, else what the figure is instead (for the problem's message)."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of the site's feeds (a published note, a correction)."""

    path: str
    """Where it is read, from the site's root (``sensetime-xu-bing/#note-v6-date``); also its id."""
    title: str
    content_html: str
    """Sanitised HTML (the note's body, the passage it is about)."""
    summary: str
    """The same as plain text."""
    published: str
    """``YYYY-MM-DD``, from the data: never the build's clock."""
    updated: str | None = None
    authors: tuple[Contributor, ...] = ()
    tags: tuple[str, ...] = ()
    """What readers see as its kind and verdict (核查, 有误导)."""

    @property
    def latest(self) -> str:
        return self.updated or self.published


@dataclass(slots=True)
class Contributor:
    """Somebody (or a team) who writes notes."""

    id: str
    name: str
    role: str
    origin: Origin
    link: str | None = None
    kind: str = "person"
    """``person`` or ``organization`` (a team)."""


@dataclass(slots=True)
class Span:
    """A stretch of canonical text (``start == end`` for a point) that carries an annotation."""

    start: int
    end: int
    kind: str
    """The name of the kind that placed it (``cite``, ``note``, ``term``, ``figure``, ``speech`` …)."""
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
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    """Where each block starts (for :meth:`block_at`), worked out on first use."""

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset`` (end-inclusive, so a point at a block's end counts)."""
        # Blocks are in text order, one line each, apart: the last one starting at or before offset.
        if len(self._starts) != len(self.blocks):
            self._starts = [b.start for b in self.blocks]
        at = bisect.bisect_right(self._starts, offset) - 1
        if at >= 0 and self.blocks[at].start <= offset <= self.blocks[at].end:
            return self.blocks[at]
        return None

    def seed_line_of(self, offset: int) -> int | None:
        block = self.block_at(offset)
        return block.seed_line if block else None

    def paragraph_numbers(self) -> dict[str, int]:
        """Block id -> 0 for the lede, 1, 2 … for the paragraphs and quotes (headings have none)."""
        numbers: dict[str, int] = {}
        count = 0
        for block in self.blocks:
            if block.kind == "lede":
                numbers[block.id] = 0
            elif block.kind != "heading":
                count += 1
                numbers[block.id] = count
        return numbers


@dataclass(frozen=True, slots=True)
class Target:
    """Where an item of some kind is shown: a page and a fragment on it."""

    src_uri: str
    """The page (``glossary.md``, ``sensetime-xu-bing/index.md``)."""
    fragment: str
    """Its id on that page (``term-xu-bing``)."""
    label: str
    """How to name it in a link or a message."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of prose a kind publishes (a note's body), for other kinds to look into
    (the glossary lists the notes that mention a term)."""

    kind: str
    id: str
    article_id: str
    text: str
    """The prose as written (Markdown)."""
    label: str
    """How readers know it ("注释5")."""
    summary: str
    """A short reminder of what it is (the note's title, or its passage)."""


@dataclass(slots=True)
class Project:
    """Everything the site is made of, loaded and checked."""

    root: str
    articles: list[Article] = field(default_factory=list)
    sources: Registry[Source] = field(default_factory=Registry)
    contributors: Registry[Contributor] = field(default_factory=Registry)
    kinds: dict[str, Any] = field(default_factory=dict)
    """What each kind of annotation loaded, by kind name (the notes, the glossary's terms …)."""
    targets: dict[tuple[str, str], Target] = field(default_factory=dict)
    """Where each item of each kind is shown, by (kind, id): how kinds link to each other's items
    without importing each other."""
    passages: list[Passage] = field(default_factory=list)
    """Prose every kind publishes (note bodies), collected after loading, for other kinds to look into."""
    values: Registry[Value] = field(default_factory=Registry)
    """Figures held once (table cells), by ``table/row/column``, for prose to reference."""
    citations: list[Citing] = field(default_factory=list)
    """Every cited source, by what cites it, collected after loading (the sources page lists them)."""
    prose: list[Written] = field(default_factory=list)
    """Every field of prose read while loading, with its file and line (the editorial rules and
    the link check read it)."""
    broken: set[str] = field(default_factory=set)
    """What did not load whole (``articles``, or a kind's name): checks that depend on it stay
    silent, so that a broken file is reported once, not with its consequences everywhere."""

    def article(self, article_id: str) -> Article | None:
        """The article with id ``article_id``."""
        return next((a for a in self.articles if a.id == article_id), None)

    def cited_by(self, source_id: str) -> list[Citing]:
        """What cites the source ``source_id``, in the order the kinds published it."""
        return [c for c in self.citations if c.source_id == source_id]
