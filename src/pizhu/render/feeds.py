"""The site's feeds: Atom (``feed.xml``, written by feedgen) and JSON Feed 1.1 (``feed.json``).

Both list the same entries, newest first (by the later of ``published`` and ``updated``; ties
in the order the kinds gave them), and take every date from the data, so the same data gives
the same bytes. A date is a day; feeds want a moment, so it is written as midnight UTC. Feeds
need absolute addresses: a site without ``site_url`` gets none (``pizhu check`` says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

from ..core.i18n import Messages
from ..core.markup import json_file
from ..core.model import Contributor, FeedEntry
from ..core.options import SiteOptions
from ..core.version import VERSION

ATOM_FILE = "feed.xml"
JSON_FILE = "feed.json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def feed_files(entries: Sequence[FeedEntry], options: SiteOptions, t: Messages) -> dict[str, bytes]:
    """``feed.xml`` and ``feed.json``: the newest ``options.feed_entries`` entries; nothing when
    there is nothing to list or no ``site_url``."""
    if not entries or not options.site_url:
        return {}
    # Newest first (stable: ties keep the kinds' order), as many as the site's feeds hold.
    newest = sorted(entries, key=lambda e: e.latest, reverse=True)[:options.feed_entries]
    return {ATOM_FILE: atom(newest, options, t), JSON_FILE: json_feed(newest, options, t)}


def moment(day: str) -> datetime:
    """``2026-11-28`` as midnight UTC."""
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def rfc3339(day: str) -> str:
    return moment(day).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(entries: Sequence[FeedEntry], options: SiteOptions, t: Messages) -> bytes:
    feed = FeedGenerator()
    feed.id(options.absolute(ATOM_FILE))
    feed.title(t("feed.title", site=options.site_name))
    feed.subtitle(t("feed.description"))
    feed.link(href=options.absolute(), rel="alternate", type="text/html")
    feed.link(href=options.absolute(ATOM_FILE), rel="self", type="application/atom+xml")
    feed.language(t.language)
    feed.author({"name": options.site_name, "uri": options.absolute()})  # of the entries that name no author
    feed.generator("pizhu", VERSION)
    feed.updated(moment(max(e.latest for e in entries)))
    for entry in entries:
        item = feed.add_entry(order="append")
        url = options.absolute(entry.path)
        item.id(url)
        item.title(entry.title)
        item.link(href=url, rel="alternate", type="text/html")
        item.published(moment(entry.published))
        item.updated(moment(entry.latest))
        for author in entry.authors:
            item.author(_atom_author(author))
        item.summary(entry.summary)
        item.content(entry.content_html, type="html")
        for tag in entry.tags:
            item.category(term=tag)
    return bytes(feed.atom_str(pretty=True))


def _atom_author(contributor: Contributor) -> dict[str, str]:
    return {"name": contributor.name, **({"uri": contributor.link} if contributor.link else {})}


def json_feed(entries: Sequence[FeedEntry], options: SiteOptions, t: Messages) -> bytes:
    return json_file({
        "version": JSON_FEED_VERSION,
        "title": t("feed.title", site=options.site_name),
        "description": t("feed.description"),
        "home_page_url": options.absolute(),
        "feed_url": options.absolute(JSON_FILE),
        "language": t.language,
        "authors": [{"name": options.site_name, "url": options.absolute()}],
        "items": [_json_item(entry, options) for entry in entries],
    })


def _json_item(entry: FeedEntry, options: SiteOptions) -> dict[str, Any]:
    url = options.absolute(entry.path)
    item: dict[str, Any] = {"id": url, "url": url, "title": entry.title, "content_html": entry.content_html,
                            "summary": entry.summary, "date_published": rfc3339(entry.published),
                            "date_modified": rfc3339(entry.latest)}
    if entry.authors:  # else the feed's (the site)
        item["authors"] = [{"name": a.name, **({"url": a.link} if a.link else {})} for a in entry.authors]
    if entry.tags:
        item["tags"] = list(entry.tags)
    return item
