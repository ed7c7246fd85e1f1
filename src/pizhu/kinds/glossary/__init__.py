"""The glossary."""

from .kind import GlossaryKind

__all__ = ["GlossaryKind"]
