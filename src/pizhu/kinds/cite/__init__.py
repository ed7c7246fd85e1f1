"""The article's own citation marks."""

from .kind import CiteKind

__all__ = ["CiteKind"]
