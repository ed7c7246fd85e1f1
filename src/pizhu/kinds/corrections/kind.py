"""The methodology page and the changelog of corrections to our own content.

1. Load ``data/methodology.yml`` (how notes are researched and reviewed, what each verdict
   means) and ``data/corrections.yml`` (:mod:`.load`); both are optional.
2. Check that every correction names items that exist: a published note, a glossary term, a
   table or one of its rows, a source, a timeline event (through ``project.targets``).
3. Generate the methodology page (``methodology/``): its sections, the verdict rubric with the
   labels readers see on the notes, how to report an error (a link to the issue tracker when
   MkDocs' ``repo_url`` is set) and the changelog, each entry linking to what it corrected;
   publish the changelog as ``corrections.json``.

This kind offers no spans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from ...core.fields import Shape
from ...core.i18n import Messages
from ...core.markup import absolute_links, html_text, json_file, plain_text
from ...core.model import Citing, FeedEntry, Project, Target
from ...core.options import SiteOptions
from ...core.problems import Problem
from ...core.sources import citings, source_json
from ...core.spans import SpanRules
from ...core.urls import SOURCES_PAGE, site_url
from ...render.site import Page, PageView, SiteRenderer
from ..base import Context, SpanKind
from .load import CORRECTION, CORRECTIONS_FILE, METHODOLOGY, METHODOLOGY_FILE, load_corrections, load_methodology
from .model import Affected, Correction, Loaded

METHODOLOGY_PAGE = "methodology.md"
OPEN_DATA_FILE = "corrections.json"
ISSUE_TEMPLATE = "report-an-error.yml"
"""The issue form readers are sent to (``.github/ISSUE_TEMPLATE/report-an-error.yml``)."""

_FILES = {"note": "data/notes/", "term": "data/glossary.yml", "table": "data/tables/", "timeline": "data/timeline.yml"}


@dataclass(frozen=True, slots=True)
class Shown:
    """An item a correction changed, as the page names and links it."""

    word: str
    """What kind of item it is ("批注")."""
    label: str
    url: str | None


def loaded(project: Project) -> Loaded:
    result: Loaded = project.kinds.get("correction", Loaded())
    return result


def newest_first(corrections: list[Correction]) -> list[Correction]:
    """The changelog's order: by date, newest first; entries of one day in file order."""
    return sorted(corrections, key=lambda c: c.date, reverse=True)


def report_url(options: SiteOptions) -> str | None:
    """Where readers report an error: the repository's issue form, when ``repo_url`` is set."""
    return f"{options.repo_url.rstrip('/')}/issues/new?template={ISSUE_TEMPLATE}" if options.repo_url else None


class CorrectionsKind(SpanKind):
    """The changelog (``data/corrections.yml``) and the methodology page it is shown on."""

    name = "correction"
    rules = SpanRules(rank=10, link=False, on_conflict="skip")  # never used: no spans
    site_paths: ClassVar[dict[str, str]] = {"methodology": "the methodology page (methodology/)"}

    def load(self, ctx: Context) -> None:
        result = Loaded(load_corrections(ctx.root, ctx.project.sources, ctx.problems),
                        load_methodology(ctx.root, ctx.messages, ctx.problems))
        ctx.project.kinds[self.name] = result
        for correction in result.corrections:
            ctx.project.targets[(self.name, correction.id)] = Target(METHODOLOGY_PAGE, correction.html_id,
                                                                     correction.date)

    def schemas(self, options: SiteOptions) -> dict[str, tuple[Shape, bool]]:
        return {"corrections.schema.json": (CORRECTION, True), "methodology.schema.json": (METHODOLOGY, False)}

    def summary(self, project: Project) -> str | None:
        result = loaded(project)
        return f"{len(result.corrections)} corrections" if result.corrections or result.methodology else None

    def check(self, ctx: Context) -> None:
        """Every item a correction names exists (unless its own file is broken: that is the problem)."""
        project = ctx.project
        broken = {p.file for p in ctx.problems if p.severity == "error"}
        for correction in loaded(project).corrections:
            for item in correction.affects:
                exists = (item.rest in project.sources or not project.sources.complete if item.prefix == "source"
                          else item.target in project.targets)
                # (a note of an article that did not load is not on the site for that reason, reported there)
                if not exists and not _in_broken_file(item, broken) and \
                        not (item.prefix == "note" and "articles" in project.broken):
                    ctx.problems.append(Problem(correction.origin.file, item.line,
                                                f"correction \"{correction.id}\" affects {item.text}, which is not "
                                                "on the site", _hint(item)))

    def citations(self, ctx: Context) -> Iterable[Citing]:
        for correction in loaded(ctx.project).corrections:
            t = ctx.messages
            label = t("correction.label", date=t.date(correction.date), what=_what(ctx.project, correction, t))
            yield from citings(correction.source_ids, self.name, correction.id, label, correction.origin)

    def pages(self, site: SiteRenderer) -> list[Page]:
        result = loaded(site.project)
        if not result.corrections and result.methodology is None and not site.project.contributors:
            return []  # (with contributors, the page says who writes and reviews the notes)
        view = site.view(METHODOLOGY_PAGE)
        entries = [(c, [_shown(view, item) for item in c.affects]) for c in newest_first(result.corrections)]
        return [site.render(METHODOLOGY_PAGE, "methodology.md.j2",
                            METHODOLOGY_FILE if result.methodology else CORRECTIONS_FILE,
                            title=site.messages("methodology.title"), view=view,
                            methodology=result.methodology,
                            entries=entries, report_url=report_url(site.options), json_url=f"../{OPEN_DATA_FILE}")]

    def feed_entries(self, ctx: Context) -> Iterable[FeedEntry]:
        """Every correction, in the same feeds as the notes (published by the site: no author of its own)."""
        t = ctx.messages
        page = ctx.options.absolute(site_url(METHODOLOGY_PAGE))
        for correction in newest_first(loaded(ctx.project).corrections):
            yield FeedEntry(
                path=site_url(METHODOLOGY_PAGE, correction.html_id),
                title=t("correction.label", date=t.date(correction.date), what=_what(ctx.project, correction, t)),
                content_html=absolute_links(
                    f"<p><strong>{html_text(t('correction.summary'))}</strong></p>\n{correction.summary_html}\n"
                    f"<p><strong>{html_text(t('correction.reason'))}</strong></p>\n{correction.reason_html}", page),
                summary=plain_text(correction.summary_html), published=correction.date,
                tags=(t("note.kind.correction"),))

    def open_data(self, ctx: Context) -> dict[str, bytes]:
        corrections = loaded(ctx.project).corrections
        if not corrections:
            return {}
        return {OPEN_DATA_FILE: json_file({
            "description": "Substantive corrections to the site's own notes, glossary terms, tables and source "
                           "records, newest first (Markdown and sanitised HTML).",
            "corrections": [_correction_json(c, ctx.project) for c in newest_first(corrections)]})}


def _in_broken_file(item: Affected, broken: set[str]) -> bool:
    """The item's own data file has an error, so it may exist and simply not have loaded."""
    if item.prefix == "source":
        return False
    folder = _FILES[item.prefix]
    if item.prefix == "note":
        return any(f.startswith(folder) and f.endswith(f"/{item.rest}.md") for f in broken)
    if item.prefix == "table":
        return f"{folder}{item.rest.split('/')[0]}.yml" in broken
    return folder in broken


def _hint(item: Affected) -> str:
    return {"note": "name a published note (data/notes/<article>/<id>.md)",
            "term": "name a term id of data/glossary.yml",
            "table": "name a table (data/tables/<id>.yml) and one of its row ids",
            "source": "name a source id of data/sources.yml or data/sources/*.yml",
            "timeline": "name an event id of data/timeline.yml"}[item.prefix]


def _what(project: Project, correction: Correction, t: Messages) -> str:
    """Everything a correction changed, as plain words (in its title in the feeds and on the sources page)."""
    return t("list.enum").join(_label(project, item, t) for item in correction.affects)


def _label(project: Project, item: Affected, t: Messages) -> str:
    """What a correction changed, as plain words: 词条 OpenAI o1, 批注 “…”."""
    return " ".join(_named(project, item, t))


def _shown(view: PageView, item: Affected) -> Shown:
    word, label = _named(view.project, item, view.t)
    if item.prefix == "source":
        return Shown(word, label, view.source_url(item.rest) if item.rest in view.project.sources else None)
    return Shown(word, label, view.target_url(*item.target))


def _named(project: Project, item: Affected, t: Messages) -> tuple[str, str]:
    """What a correction changed, named wherever it is shown: (批注, “…”), (数据表, 表 · 行), (来源, 出版方)."""
    word = t(f"correction.affects.{item.prefix}")
    if item.prefix == "source":
        source = project.sources.get(item.rest)
        return word, (source.publisher if source else None) or item.rest
    target = project.targets.get(item.target)
    label = target.label if target else item.rest
    if item.prefix == "note":
        label = t("quoted", text=label)
    elif item.target[0] == "row":
        table = project.targets.get(("table", item.rest.split("/")[0]))
        label = f"{table.label} · {label}" if table else label
    return word, label


def _correction_json(correction: Correction, project: Project) -> dict[str, Any]:
    def url(item: Affected) -> str | None:
        if item.prefix == "source":
            return site_url(SOURCES_PAGE, f"source-{item.rest}")
        target = project.targets.get(item.target)
        return site_url(target.src_uri, target.fragment) if target else None

    return {"id": correction.id, "date": correction.date, "url": site_url(METHODOLOGY_PAGE, correction.html_id),
            "affects": [{"item": item.text, "url": url(item)} for item in correction.affects],
            "summary": correction.summary_md, "summary_html": correction.summary_html,
            "reason": correction.reason_md, "reason_html": correction.reason_html,
            "sources": [source_json(project.sources[s]) for s in correction.source_ids if s in project.sources]}
