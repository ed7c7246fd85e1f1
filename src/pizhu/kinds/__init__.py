"""The registry: every kind of annotation pizhu knows, in the order the pipeline calls them.

Adding a kind is one package under ``pizhu/kinds/`` (a :class:`~pizhu.kinds.base.SpanKind`
subclass with its templates) and one line here.
"""

from __future__ import annotations

from .base import Context, SpanKind
from .cite import CiteKind
from .corrections import CorrectionsKind
from .glossary import GlossaryKind
from .notes import NotesKind
from .speech import SpeechKind
from .tables import TablesKind
from .timeline import TimelineKind

KINDS: tuple[SpanKind, ...] = (
    CiteKind(),
    NotesKind(),
    SpeechKind(),
    GlossaryKind(),
    TablesKind(),
    TimelineKind(),
    CorrectionsKind(),
)

__all__ = ["KINDS", "Context", "SpanKind"]
