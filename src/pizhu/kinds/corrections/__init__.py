"""Corrections to our own content, published on the methodology page."""

from .kind import CorrectionsKind

__all__ = ["CorrectionsKind"]
