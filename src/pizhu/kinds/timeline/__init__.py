"""A dated timeline of the events the article refers to."""

from .kind import TimelineKind

__all__ = ["TimelineKind"]
