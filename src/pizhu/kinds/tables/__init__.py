"""Data tables and the article's figures."""

from .kind import TablesKind

__all__ = ["TablesKind"]
