"""Editorial notes."""

from .kind import NotesKind

__all__ = ["NotesKind"]
