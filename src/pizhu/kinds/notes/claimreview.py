"""Fact-checks and corrections as schema.org ``ClaimReview`` (JSON-LD in the article's ``<head>``).

One ``ClaimReview`` per published fact-check or correction, following schema.org and the
fact-check markup guidelines search engines publish (Google's "Fact check (ClaimReview)"
structured data, Bing's ClaimReview support):

- ``claimReviewed``: the anchored passage, as the article words it;
- ``itemReviewed``: a ``Claim`` whose ``appearance`` is the article (a ``NewsArticle`` with its
  headline, and its publisher, author and date only when the manifest knows them: an inferred
  date, one with a ``date_note``, is left out rather than passed on as fact);
- ``author``: the note's author from ``data/contributors.yml`` (``Organization`` or ``Person``);
- ``datePublished`` (and ``dateModified``): the note's ``published`` (and ``updated``) dates;
- ``url``: the note's permalink on the article page;
- ``reviewRating``: ``alternateName`` is the verdict as readers see it (有误导); the verdicts that
  sit on a scale also carry ``ratingValue`` on :data:`SCALE`. ``unverified`` and ``disputed``
  say that no rating could be given, and a correction states a fact the article got wrong: they
  have a name and no number.
"""

from __future__ import annotations

from typing import Any

from ...core.i18n import Messages
from ...core.model import Article, Contributor, Project
from ...core.options import SiteOptions
from ...core.urls import article_page, site_url
from .model import Note, published_notes

REVIEWED_KINDS = ("fact-check", "correction")
"""The notes that review a claim of the article."""
SCALE = {"wrong": 1, "misleading": 2, "accurate": 3}
"""The numeric rating of the verdicts that have one: 1 (worst) to 3 (best)."""
WORST, BEST = min(SCALE.values()), max(SCALE.values())


def claim_reviews(project: Project, article: Article, options: SiteOptions, t: Messages) -> list[dict[str, Any]]:
    """The JSON-LD ``ClaimReview`` objects of an article's published fact-checks and corrections."""
    appearance = _appearance(article)
    return [claim_review(note, appearance, project.contributors[note.author_id], article, options, t)
            for note in published_notes(project, article.id) if note.kind in REVIEWED_KINDS]


def claim_review(note: Note, appearance: dict[str, Any], author: Contributor, article: Article, options: SiteOptions,
                 t: Messages) -> dict[str, Any]:
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": options.absolute(site_url(article_page(article.id), note.html_id)),
        "claimReviewed": article.canonical[note.start:note.end],
        "itemReviewed": _claim(article, appearance),
        "author": _agent(author),
        "reviewRating": _rating(note, t),
        "inLanguage": t.language,
    }
    if note.published_on:
        review["datePublished"] = note.published_on
    if note.updated:
        review["dateModified"] = note.updated
    return review


def _claim(article: Article, appearance: dict[str, Any]) -> dict[str, Any]:
    """The claim: made where the article appears, when and by whom that is known.

    (``firstAppearance`` is left out: the editors do not know that the article made it first.)"""
    found: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    for key in ("datePublished", "author"):
        if key in appearance:
            found[key] = appearance[key]
    return found


def _appearance(article: Article) -> dict[str, Any]:
    """The annotated article as a ``NewsArticle``, with only what the manifest knows for sure."""
    found: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title, "inLanguage": article.language}
    if article.date and not article.date_note:
        found["datePublished"] = article.date
    if article.publisher:
        found["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.author:
        found["author"] = {"@type": "Person", "name": article.author}
    return found


def _agent(contributor: Contributor) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization" if contributor.kind == "organization" else "Person",
                             "name": contributor.name}
    if contributor.link:
        found["url"] = contributor.link
    return found


def _rating(note: Note, t: Messages) -> dict[str, Any]:
    if note.kind == "correction":
        return {"@type": "Rating", "alternateName": t("note.kind.correction"), "name": t("note.kind.correction")}
    assert note.verdict is not None
    label = t(f"note.verdict.{note.verdict}")
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label, "name": label}
    if note.verdict in SCALE:
        rating |= {"ratingValue": SCALE[note.verdict], "bestRating": BEST, "worstRating": WORST}
    return rating
