"""Glossary terms and where they occur."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ...core.model import Origin, Project

LINK_POLICIES = ("first", "all", "never")
"""``first``: the first occurrence in each section is linked; ``all``; ``never``."""
DEFAULT_CATEGORIES = ("person", "organization", "product", "concept")
"""Categories when the site configures none; readers see ``glossary.category.<id>``."""


@dataclass(slots=True)
class Occurrence:
    """One place where a term occurs in an article's canonical text."""

    article_id: str
    block_id: str
    start: int
    end: int
    section: int
    linked: bool = False
    """True when this occurrence became a link."""


@dataclass(frozen=True, slots=True)
class Place:
    """A paragraph of an article, or a passage of another kind (a note), where a term occurs."""

    article_id: str
    label: str
    """"导语", "第3段", "注释5"."""
    src_uri: str
    """The page it is on, and its id there."""
    fragment: str
    excerpt: str
    """The occurrence with some context (or the passage's summary), shown as the link's tooltip."""
    in_note: bool = False
    """True for a passage of another kind (a note), not a paragraph of the article."""


@dataclass(slots=True)
class Term:
    """One glossary entry."""

    id: str
    """Lowercase ASCII id; the entry's anchor is ``term-<id>``."""
    term: str
    """The term as the article writes it."""
    origin: Origin
    category: str
    definition_md: str
    definition_html: str
    """Sanitised HTML of the definition."""
    aliases: list[str] = field(default_factory=list)
    """Other forms: traditional spellings, English names, tickers."""
    english: str | None = None
    pinyin: str = ""
    """Pinyin with tone marks (given, or generated for terms with Han characters)."""
    link: str = "first"
    source_ids: list[str] = field(default_factory=list)
    definition_line: int | None = None
    """Line of ``definition:`` in the data file."""
    form_lines: list[int | None] = field(default_factory=list)
    """Line of the term and of each alias in the data file (where problems point)."""
    occurrences: list[Occurrence] = field(default_factory=list)
    """Every match in the articles, in reading order (linked or not)."""
    occurrences_by_article: dict[str, range] = field(default_factory=dict)
    """Where each article's matches are in ``occurrences`` (they are found article by article):
    an article's candidates are found without going through every other article's."""
    places: list[Place] = field(default_factory=list)
    """Every paragraph (once) and passage where it occurs, in reading order (found once, after placement)."""

    @property
    def anchor(self) -> str:
        """HTML id of the entry on the glossary page (also its popover key)."""
        return f"term-{self.id}"

    @property
    def forms(self) -> list[str]:
        """The term and its aliases: every spelling the matcher looks for."""
        return [self.term, *self.aliases]

    @property
    def sort_key(self) -> tuple[str, str]:
        """Toneless pinyin (or the Latin term itself), then the term: the page's order."""
        return (strip_tones(self.pinyin or self.term).lower(), self.term)


def strip_tones(text: str) -> str:
    """"xīn piàn" -> "xin pian" (ü stays ü)."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn" or ch == "\u0308")
    return unicodedata.normalize("NFC", kept)


def all_terms(project: Project) -> list[Term]:
    """The glossary's terms (what the glossary kind loaded)."""
    terms: list[Term] = project.kinds.get("term", [])
    return terms
