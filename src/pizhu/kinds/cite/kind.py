"""The article's own citation marks ("。12") as point spans linking to their sources.

The seed parser (:mod:`pizhu.core.seed`) finds the marks, since they are cut from the
canonical text; this kind offers each as a point that must be placed (a link may never hold
one), and previews what is known of its sources.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...core.model import Article, Origin, Project, Span
from ...core.spans import Candidate, SpanRules
from ..base import SpanKind


class CiteKind(SpanKind):
    """Citation marks: ``Span(kind="cite", ref="1+2", data={"ids": ["1", "2"]})`` at a point."""

    name = "cite"
    rules = SpanRules(rank=-1, link=True, on_conflict="error")
    inline_template = "cite.html.j2"

    def candidates(self, project: Project, article: Article) -> Iterable[Candidate]:
        for citation in article.citations:
            yield Candidate(citation.offset, citation.offset, self.name, "+".join(citation.source_ids),
                            Origin(article.seed_file, citation.seed_line), f"the citation mark \"{citation.raw}\"",
                            {"ids": citation.source_ids, "raw": citation.raw})

    def preview_keys(self, span: Span) -> list[str]:
        ids: list[str] = span.data["ids"]
        return [f"source-{source_id}" for source_id in ids]
