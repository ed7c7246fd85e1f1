"""Reading ``data/corrections.yml`` (the changelog of our own corrections) and
``data/methodology.yml`` (the methodology page's text), both optional."""

from __future__ import annotations

from pathlib import Path

from ...core.fields import SOURCE_REF_DOC, Field, Fields, Shape, check_duplicate, list_of_mappings, load_yaml_file
from ...core.i18n import Messages
from ...core.markup import render_markdown
from ...core.model import Origin, Registry, Source
from ...core.paths import project_files
from ...core.problems import Problem
from ...core.yamlio import LineList, LineMap
from .model import AFFECTS, Affected, Correction, Methodology, Section, Verdict

CORRECTIONS_FILE = "data/corrections.yml"
METHODOLOGY_FILE = "data/methodology.yml"

CORRECTION = Shape("correction", "A substantive correction to the site's own notes, terms, tables or source records, "
                   "in data/corrections.yml (punctuation-only edits are not recorded).", (
    Field("id", "id", "Lowercase ASCII words joined by '-'; the entry's permalink is #correction-<id>.", required=True),
    Field("date", "full-date", "When the correction was made (YYYY-MM-DD).", required=True),
    Field("affects", "list", "What was corrected: " + ", ".join(AFFECTS.values()) + ".", required=True, items="text"),
    Field("summary", "markdown", "What it said before and what it says now.", required=True),
    Field("reason", "markdown", "Why it was changed.", required=True),
    Field("sources", "sources", "What the correction rests on: " + SOURCE_REF_DOC + ".", required=True),
))
VERDICT = Shape("verdict", "What one verdict means (its label comes from the site's words, as on the notes).", (
    Field("verdict", "id", "A fact-check verdict: accurate, misleading, wrong, unverified or disputed.", required=True),
    Field("text", "markdown", "What it means.", required=True),
))
SECTION = Shape("section", "One section of the methodology page.", (
    Field("id", "id", "Lowercase ASCII words joined by '-'; the section's permalink is #<id>.", required=True),
    Field("heading", "text", "The section's heading.", required=True),
    Field("text", "markdown", "The section's text (required unless it lists `verdicts`)."),
    Field("verdicts", "list", "The verdict rubric: every fact-check verdict with what it means.", shape=VERDICT),
))
METHODOLOGY = Shape("methodology", "The methodology page (methodology/): how notes are researched and reviewed; "
                    "the page adds how to report an error and the corrections changelog.", (
    Field("intro", "markdown", "The page's first paragraph."),
    Field("sections", "list", "The page's sections, in order.", required=True, shape=SECTION),
))
RESERVED_SECTIONS = {"report-an-error": "the section on reporting an error", "corrections": "the corrections changelog"}
"""Section ids the page itself uses."""


def load_corrections(root: Path, sources: Registry[Source], problems: list[Problem]) -> list[Correction]:
    """Every entry of ``data/corrections.yml`` that loads cleanly (no file, no corrections)."""
    if not project_files(root, "data", "corrections.yml", problems):
        return []
    corrections = []
    seen: dict[str, Origin] = {}
    data = load_yaml_file(root, CORRECTIONS_FILE, problems)
    for item in list_of_mappings(data, CORRECTIONS_FILE, "correction", problems):
        correction = _correction(Fields(item, CORRECTIONS_FILE, problems, CORRECTION), sources)
        if correction and check_duplicate(seen, correction.id, correction.origin, "correction", problems):
            corrections.append(correction)
    return corrections


def _correction(f: Fields, sources: Registry[Source]) -> Correction | None:
    """One entry; kept with its good parts when others are wrong, so that every problem shows at once."""
    correction_id, date = f.ident(), f.date("date", full=True)
    if date is None and "date" not in f.data:
        f.problem(None, "correction has no `date`", "add `date: YYYY-MM-DD`, the day it was corrected")
    summary, reason = f.text("summary", required=True), f.text("reason", required=True)
    source_ids = f.source_ids("sources", sources, required=True)
    affects = _affects(f)
    if correction_id is None or date is None or summary is None or reason is None:
        return None
    return Correction(correction_id, Origin(f.file, f.data.line), date, affects, summary or "",
                      render_markdown(summary or ""), reason or "", render_markdown(reason or ""), source_ids)


def _affects(f: Fields) -> list[Affected]:
    raw = f.data.get("affects")
    line = f.data.line_of("affects") if "affects" in f.data else f.data.line
    if not isinstance(raw, LineList) or not raw:
        f.problem("affects" if "affects" in f.data else None, "correction names nothing it `affects`",
                  "list what was corrected: `affects: [note/<id>, term/<id>, table/<table>/<row>, source/<id>]`")
        return []
    affected = []
    for item, item_line in zip(raw, raw.item_lines, strict=True):
        kind, _, rest = str(item).partition("/") if isinstance(item, str) else ("", "", "")
        if kind not in AFFECTS or not rest or (kind != "table" and "/" in rest) or rest.count("/") > 1:
            f.problems.append(Problem(f.file, item_line or line, f"`affects` item {item!r} names nothing pizhu knows",
                                      "write one of: " + ", ".join(AFFECTS.values())))
            continue
        affected.append(Affected(kind, rest, item_line or line))
    return affected


def load_methodology(root: Path, messages: Messages, problems: list[Problem]) -> Methodology | None:
    """``data/methodology.yml``: the page's text and its verdict rubric (``None`` without the file)."""
    if not project_files(root, "data", "methodology.yml", problems):
        return None
    data = load_yaml_file(root, METHODOLOGY_FILE, problems)
    if data is None:
        return None
    if not isinstance(data, LineMap):
        problems.append(Problem(METHODOLOGY_FILE, 1, "the methodology file must be a mapping of fields",
                                "start with `intro: …` and `sections:`; see docs/contributing.md"))
        return None
    f = Fields(data, METHODOLOGY_FILE, problems, METHODOLOGY)
    methodology = Methodology(Origin(METHODOLOGY_FILE, data.line), render_markdown(f.text("intro") or ""))
    raw = data.get("sections")
    if not isinstance(raw, LineList) or not raw:
        f.problem("sections" if "sections" in data else None, "the methodology has no `sections`",
                  "add `sections:` with `- id: …`, `heading: …` and `text: …`")
        return methodology
    seen: dict[str, Origin] = {}
    for item in list_of_mappings(raw, METHODOLOGY_FILE, "section", problems):
        section = _section(Fields(item, METHODOLOGY_FILE, problems, SECTION), messages)
        if section and check_duplicate(seen, section.id, Origin(METHODOLOGY_FILE, item.line), "section", problems):
            methodology.sections.append(section)
    described = {v.verdict for s in methodology.sections for v in s.verdicts}
    missing = [key.removeprefix("note.verdict.") for key in messages.texts if key.startswith("note.verdict.")
               and key.removeprefix("note.verdict.") not in described]
    if missing:
        f.problem("sections", f"the methodology does not say what the verdict{'s' if len(missing) > 1 else ''} "
                  f"{', '.join(missing)} mean{'' if len(missing) > 1 else 's'}",
                  "readers see these labels on the notes: describe each in a section's `verdicts:` "
                  "(`- {verdict: …, text: …}`)")
    return methodology


def _section(f: Fields, messages: Messages) -> Section | None:
    section_id = f.ident(reserved=RESERVED_SECTIONS)
    heading, text = f.text("heading", required=True), f.text("text")
    verdicts = []
    raw = f.data.get("verdicts")
    for item in list_of_mappings(raw, f.file, "verdict", f.problems) if isinstance(raw, LineList) else []:
        vf = Fields(item, f.file, f.problems, VERDICT)
        verdict, meaning = vf.text("verdict", required=True), vf.text("text", required=True)
        if verdict is not None and not messages.has(f"note.verdict.{verdict}"):
            known = [k.removeprefix("note.verdict.") for k in messages.texts if k.startswith("note.verdict.")]
            vf.problem("verdict", f"unknown verdict \"{verdict}\"", f"use one of: {', '.join(known)}")
        elif verdict is not None and meaning is not None:
            verdicts.append(Verdict(verdict, render_markdown(meaning)))
    if raw is not None and not isinstance(raw, LineList):
        f.problem("verdicts", "`verdicts` must be a list", "write `- {verdict: accurate, text: …}` for each verdict")
    if text is None and raw is None:
        f.problem(None, f"section \"{section_id}\" has no `text`", "add `text: …` (Markdown)")
    if section_id is None or heading is None:
        return None
    return Section(section_id, heading, render_markdown(text or ""), verdicts)
