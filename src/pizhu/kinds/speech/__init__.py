"""Attributed speech: who says each quoted passage."""

from .kind import SpeechKind

__all__ = ["SpeechKind"]
