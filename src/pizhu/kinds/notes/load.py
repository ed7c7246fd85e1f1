"""Reading ``data/notes/<article>/<id>.md``: front matter, body, checks, anchor."""

from __future__ import annotations

from pathlib import Path

from ...core.anchoring import locate_quote
from ...core.articles import reported_already
from ...core.fields import SOURCE_REF_DOC, Field, Fields, Shape
from ...core.ids import id_problem
from ...core.limits import MAX_NOTE_BYTES
from ...core.model import Article, Contributor, Origin, Registry, Source
from ...core.paths import project_files, read_limited
from ...core.problems import Problem, mark_reading
from ...core.prose import Written, record
from ...core.sources import known_contributor
from ...core.yamlio import LineMap, forbidden_characters, parse_yaml, split_front_matter
from .export import RESERVED_NOTE_IDS
from .model import KINDS, NEEDS_REVIEW, NEEDS_SOURCES, STATUSES, VERDICTS, Note, Unloaded

NOTES_DIR = "data/notes"
NOTE = Shape("note", "A note's front matter (between the '---' lines of data/notes/<article>/<id>.md).", (
    Field("anchor", "text", "The exact passage of the article the note is about (copy it from the seed).",
          required=True),
    Field("prefix", "text", "Text right before the anchor, when the anchor occurs more than once."),
    Field("suffix", "text", "Text right after the anchor, when the anchor occurs more than once."),
    Field("kind", "text", "What the note does.", required=True, choices=KINDS),
    Field("verdict", "text", "A fact-check's verdict (fact-checks only).", choices=VERDICTS),
    Field("author", "id", "Who wrote it: an id in data/contributors.yml.", required=True),
    Field("status", "text", "Only published notes appear on the site.", required=True, choices=STATUSES),
    Field("sources", "sources", "What the note rests on: " + SOURCE_REF_DOC + "; required for fact-checks and "
          "corrections."),
    Field("title", "text", "A short title shown with the note."),
    Field("reviewed_by", "id", "The second reviewer: a contributor other than the author."),
    Field("checked", "full-date", "When the note was last checked against its sources (YYYY-MM-DD)."),
    Field("published", "full-date", "When the note was first published (YYYY-MM-DD)."),
    Field("updated", "full-date", "When its text last changed after publication (YYYY-MM-DD)."),
))


def load_notes(root: Path, articles: list[Article], sources: Registry[Source], contributors: Registry[Contributor],
               problems: list[Problem], unloaded: list[Unloaded] | None = None) -> list[Note]:
    """Load, check and anchor every ``data/notes/<article>/<id>.md``; the bodies of notes that did
    not load go to ``unloaded`` (their figure references are checked all the same)."""
    by_id = {a.id: a for a in articles}
    notes: list[Note] = []
    seen: dict[str, str] = {}
    entries = project_files(root, NOTES_DIR, "*", problems)
    problems += [Problem(p.relative_to(root).as_posix(), None, "a note outside an article's folder is not published",
                         f"move it to {NOTES_DIR}/<article>/{p.name if p.suffix == '.md' else p.stem + '.md'}")
                 for p in entries if not p.is_dir() and not p.name.startswith(".")]
    for folder in (p for p in entries if p.is_dir()):
        rel_folder = folder.relative_to(root).as_posix()
        article = by_id.get(folder.name)
        files = project_files(root, rel_folder, "*.md", problems)
        if article is None and reported_already(root, folder.name, list(by_id)):
            continue
        if article is None:
            problems.append(Problem(rel_folder, None, f"no article \"{folder.name}\" for these notes",
                                    f"name the folder after a manifest in data/articles/ ({', '.join(by_id) or 'none'})"))
            continue
        for path in files:
            rel = path.relative_to(root).as_posix()
            if path.stem in seen:
                # Permalinks (#note-<id>) and open-data ids must be unique across the site.
                problems.append(Problem(rel, None, f"duplicate note id \"{path.stem}\" (also {seen[path.stem]})",
                                        "rename one of the files; the file name is the note's id"))
                continue
            seen[path.stem] = rel
            note = _load_note(root, path, article, sources, contributors, problems)
            if isinstance(note, Note) and _anchor(note, article, problems):
                _check_marker_sources(note, article, sources, problems)
                notes.append(note)
            elif note is not None and unloaded is not None:  # (its figure references are checked all the same)
                unloaded.append(note if isinstance(note, Unloaded) else
                                Unloaded(note.origin.file, article.id, note.body_md, note.body_line))
    return notes


def _load_note(root: Path, path: Path, article: Article, sources: Registry[Source], contributors: Registry[Contributor],
               problems: list[Problem]) -> Note | Unloaded | None:
    """Read one note file; when a field is wrong, its body alone (with the problems); ``None``
    when the file cannot be read as a note at all."""
    rel = path.relative_to(root).as_posix()
    parsed = _read_note(path, rel, problems)
    if parsed is None:
        return None
    data, body, body_line, last_line = parsed
    count = len(problems)
    f = Fields(data, rel, problems, NOTE)
    wrong = id_problem(path.stem, "note id (the file name)", RESERVED_NOTE_IDS)
    if wrong:
        problems.append(Problem(rel, None, wrong[0], "rename the file, e.g. v6-date.md"))
    anchor = data.get("anchor")
    if not isinstance(anchor, str) or not anchor.strip():
        f.problem("anchor" if "anchor" in data else None, "note has no `anchor` (or it is empty)",
                  "quote the exact passage of the article the note is about: `anchor: …`")
    kind, verdict = _kind_and_verdict(f)
    author = f.text("author", required=True)
    known_contributor(f, "author", contributors, what="author")
    status = f.choice("status", required=True)
    source_ids = f.source_ids("sources", sources)
    if kind in NEEDS_SOURCES and not source_ids:
        f.problem("sources" if "sources" in f.data else None, f"a {kind} note cites no source",
                  "add `sources: [id]` naming what the check rests on")
    reviewed_by = _reviewer(f, author, contributors)
    checked, published_on, updated = (f.date(key, full=True) for key in ("checked", "published", "updated"))
    if status == "published" and published_on is None and "published" not in data:
        f.problem("status", "a published note has no `published:` date",
                  "add `published: YYYY-MM-DD`, the day it first appeared on the site (feeds and annotations use it)")
    if status == "published" and kind in NEEDS_REVIEW:
        _require_review(f, kind)
    if published_on and updated and updated < published_on:
        f.problem("updated", f"`updated` {updated} is before `published` {published_on}",
                  "`updated` is when the text last changed after it was first published: correct one of the dates")
    if not body.strip():
        problems.append(Problem(rel, last_line, "the note's body is empty",
                                "write the note in Markdown below the closing '---'"))
    record(Written(rel, body_line, "body", body, exact_lines=True))
    prefix, suffix, title = f.text("prefix", strip=False) or "", f.text("suffix", strip=False) or "", f.text("title")
    if len(problems) > count:
        if isinstance(anchor, str) and anchor.strip():  # its place is checked all the same: every problem at once
            locate_quote(article, anchor.strip("\n"), prefix, suffix, what="anchor", file=rel,
                         line=data.line_of("anchor"), problems=problems)
        return Unloaded(rel, article.id, body, body_line)
    assert isinstance(anchor, str) and kind and author and status
    return Note(id=path.stem, article_id=article.id, origin=Origin(rel, 1), anchor=anchor.strip("\n"),
                anchor_line=data.line_of("anchor"), kind=kind, author_id=author, status=status,
                body_md=body, body_html="", body_line=body_line, prefix=prefix,
                suffix=suffix, verdict=verdict, title=title, source_ids=source_ids,
                excerpts=dict(f.excerpts), sources_line=data.line_of("sources") if "sources" in data else None,
                reviewed_by=reviewed_by, checked=checked, published_on=published_on,
                updated=updated)


def _read_note(path: Path, rel: str, problems: list[Problem]) -> tuple[LineMap, str, int, int] | None:
    """The front matter (as a LineMap), the Markdown body, its first line and the file's last line number."""
    mark_reading(rel)
    text, read_problems = read_limited(path, rel, MAX_NOTE_BYTES)
    problems += read_problems
    if text is None:
        return None
    bad = forbidden_characters(text, rel)
    if bad:
        problems += bad
        return None
    front, body, body_line, split_problems = split_front_matter(text, rel)
    problems += split_problems
    data, yaml_problems = parse_yaml(front, rel, line_offset=1)
    problems += yaml_problems
    if split_problems or yaml_problems:
        return None
    if not isinstance(data, LineMap):
        problems.append(Problem(rel, 2, "front matter must be fields like `anchor: …`", "see docs/contributing.md"))
        return None
    return data, body, body_line, len(text.splitlines()) or 1


def _kind_and_verdict(f: Fields) -> tuple[str | None, str | None]:
    """``kind`` and ``verdict``: a fact-check needs a verdict, and only a fact-check may have one."""
    kind = f.choice("kind", required=True)
    verdict = f.text("verdict")
    if kind == "fact-check" and verdict is None:
        f.problem(None, "a fact-check has no `verdict`", f"add `verdict:` with one of: {', '.join(VERDICTS)}")
    elif verdict is not None and kind != "fact-check" and kind is not None:
        f.problem("verdict", f"a {kind} note cannot have a verdict", "remove `verdict` or make the note `kind: fact-check`")
    elif verdict is not None and verdict not in VERDICTS:
        f.problem("verdict", f"unknown verdict \"{verdict}\"", f"use one of: {', '.join(VERDICTS)}")
    return kind, verdict


def _reviewer(f: Fields, author: str | None, contributors: Registry[Contributor]) -> str | None:
    """``reviewed_by``: a known contributor who is not the author."""
    reviewer = known_contributor(f, "reviewed_by", contributors, what="reviewer")
    if reviewer is not None and reviewer == author:
        f.problem("reviewed_by", f"the note is reviewed by its own author \"{author}\"",
                  "a second person must review it: name another contributor")
    return reviewer


def _require_review(f: Fields, kind: str) -> None:
    """A published fact-check or correction names its second reviewer and when they checked it.

    Reported at the ``status:`` line, since that is what publishes it; a value that is there
    but wrong (an unknown contributor, the author, a bad date) is reported by its own check.
    """
    if f.data.get("reviewed_by") in (None, ""):
        f.problem("status", f"a published {kind} note has no `reviewed_by`",
                  "name the contributor (not the author) who checked it against its sources: `reviewed_by: <id>`, "
                  "or keep it `status: draft` until a second person has")
    if f.data.get("checked") in (None, ""):
        f.problem("status", f"a published {kind} note has no `checked` date",
                  "add `checked: YYYY-MM-DD`, the day the reviewer checked it against its sources")


def _check_marker_sources(note: Note, article: Article, sources: Registry[Source], problems: list[Problem]) -> None:
    """A note may cite an unidentified marker of the article ("1") only about the passage the mark follows.

    What the article itself says is cited as ``article``; a marker nobody has identified is no
    source of anything. A note may cite it when the mark sits inside the note's passage or
    right after it (one character, the sentence's end, may come between): then the note is
    about what the article attributes to that marker.
    """
    for source_id in note.source_ids:
        source = sources.get(source_id)
        if source is None or not source.is_article_marker or source.identified:
            continue
        if not any(source_id in c.source_ids and note.start <= c.offset <= note.end + 1 for c in article.citations):
            problems.append(Problem(note.origin.file, note.sources_line,
                                    f"the note cites the article's marker \"{source_id}\", whose source nobody has "
                                    "identified, but its passage is not the one the mark follows",
                                    "cite `article` for what the article itself says (a note may cite a marker only "
                                    "about the passage right before the mark)"))


def _anchor(note: Note, article: Article, problems: list[Problem]) -> bool:
    """Place the note's anchor in the canonical text; zero or several places is a problem."""
    match = locate_quote(article, note.anchor, note.prefix, note.suffix, what="anchor",
                         file=note.origin.file, line=note.anchor_line, problems=problems)
    if match is None:
        return False
    note.start, note.end = match.start, match.end
    return True
