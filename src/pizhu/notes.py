"""Editorial notes: one Markdown file each, anchored to a quoted passage of an article."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .anchoring import locate_quote
from .ids import id_problem
from .layout import crossing
from .limits import MAX_NOTE_BYTES
from .loader import Fields
from .markup import render_markdown
from .model import Article, Contributor, Origin, Source, Span
from .paths import project_files, read_limited
from .problems import Problem, mark_reading
from .yamlio import LineMap, forbidden_characters, parse_yaml, split_front_matter

KINDS = {"context": "背景", "fact-check": "核查", "correction": "更正", "definition": "释义", "data": "数据"}
VERDICTS = {"accurate": "属实", "misleading": "有误导", "wrong": "错误", "unverified": "未能证实",
            "disputed": "有争议"}
STATUSES = ("draft", "reviewed", "published")
NEEDS_SOURCES = {"fact-check", "correction"}
FIELDS = {"anchor", "prefix", "suffix", "kind", "verdict", "author", "status", "sources", "title",
          "reviewed_by", "checked", "published", "updated"}


@dataclass(slots=True)
class Note:
    """One editorial note."""

    id: str
    """The file name without ``.md``; also the permalink ``#note-<id>``."""
    article_id: str
    origin: Origin
    anchor: str
    anchor_line: int
    """Line of ``anchor:`` in the note's file (where anchoring problems point)."""
    kind: str
    author_id: str
    status: str
    body_md: str
    body_html: str
    prefix: str = ""
    suffix: str = ""
    verdict: str | None = None
    title: str | None = None
    source_ids: list[str] = field(default_factory=list)
    excerpts: dict[str, str] = field(default_factory=dict)
    """The exact words of a cited source the note relies on, by source id."""
    reviewed_by: str | None = None
    """The contributor who checked the note against its sources (never its author)."""
    checked: str | None = None
    """When it was last checked against its sources (``YYYY-MM-DD``)."""
    published_on: str | None = None
    """When it was first published (``published:``, ``YYYY-MM-DD``)."""
    updated: str | None = None
    """When its text last changed after publication (``YYYY-MM-DD``)."""
    start: int = -1
    """Code-point offset of the anchor in the canonical text (-1 until anchored)."""
    end: int = -1
    number: int = 0
    """1-based position among the article's published notes, in reading order."""

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def html_id(self) -> str:
        return f"note-{self.id}"


def load_notes(root: Path, articles: list[Article], sources: dict[str, Source],
               contributors: dict[str, Contributor], problems: list[Problem]) -> list[Note]:
    """Load, check and anchor every ``data/notes/<article>/<id>.md``.

    Published notes are numbered in reading order; their spans are added to their article.
    """
    by_id = {a.id: a for a in articles}
    notes: list[Note] = []
    seen: dict[str, str] = {}
    for folder in (p for p in project_files(root, "data/notes", "*", problems) if p.is_dir()):
        rel_folder = folder.relative_to(root).as_posix()
        article = by_id.get(folder.name)
        if article is None and (root / "data/articles" / f"{folder.name}.yml").exists():
            continue  # the manifest is broken and already reported
        if article is None:
            problems.append(Problem(rel_folder, None, f"no article \"{folder.name}\" for these notes",
                                    f"name the folder after a manifest in data/articles/ ({', '.join(by_id) or 'none'})"))
            continue
        for path in project_files(root, rel_folder, "*.md", problems):
            rel = path.relative_to(root).as_posix()
            if path.stem in seen:
                # Permalinks (#note-<id>) and open-data ids must be unique across the site.
                problems.append(Problem(rel, None, f"duplicate note id \"{path.stem}\" (also {seen[path.stem]})",
                                        "rename one of the files; the file name is the note's id"))
                continue
            seen[path.stem] = rel
            note = _load_note(root, path, article, sources, contributors, problems)
            if note is not None and _anchor(note, article, problems):
                notes.append(note)
        _check_overlaps(article, [n for n in notes if n.article_id == article.id and n.published], problems)
    for article in articles:
        published = sorted((n for n in notes if n.article_id == article.id and n.published),
                           key=lambda n: (n.start, -n.end, n.id))
        for number, note in enumerate(published, start=1):
            note.number = number
            article.spans.append(Span(note.start, note.end, "note", note.id, {"number": number}))
    return notes


def _load_note(root: Path, path: Path, article: Article, sources: dict[str, Source],
               contributors: dict[str, Contributor], problems: list[Problem]) -> Note | None:
    """Read one note file; ``None`` (with problems) when anything in it is wrong."""
    rel = path.relative_to(root).as_posix()
    parsed = _read_note(path, rel, problems)
    if parsed is None:
        return None
    data, body, last_line = parsed
    count = len(problems)
    f = Fields(data, rel, problems, "note")
    f.unknown_keys(FIELDS)
    wrong = id_problem(path.stem, "note id (the file name)")
    if wrong:
        problems.append(Problem(rel, None, wrong[0], "rename the file, e.g. v6-date.md"))
    anchor = data.get("anchor")
    if not isinstance(anchor, str) or not anchor.strip():
        f.problem("anchor" if "anchor" in data else None, "note has no `anchor` (or it is empty)",
                  "quote the exact passage of the article the note is about: `anchor: …`")
    kind, verdict = _kind_and_verdict(f)
    author = f.text("author", required=True)
    if author is not None and author not in contributors and getattr(contributors, "complete", True):
        f.problem("author", f"unknown author \"{author}\"",
                  f"use an id from data/contributors.yml ({', '.join(contributors) or 'none yet'}) or add yourself there")
    status = f.text("status", required=True)
    if status is not None and status not in STATUSES:
        f.problem("status", f"unknown status \"{status}\"", f"use one of: {', '.join(STATUSES)}")
    source_ids = _note_sources(f, kind, sources)
    reviewed_by = _reviewer(f, author, contributors)
    checked, published_on, updated = f.date("checked"), f.date("published"), f.date("updated")
    if not body.strip():
        problems.append(Problem(rel, last_line, "the note's body is empty",
                                "write the note in Markdown below the closing '---'"))
    if len(problems) > count:
        return None
    assert isinstance(anchor, str) and kind and author and status
    return Note(id=path.stem, article_id=article.id, origin=Origin(rel, 1), anchor=anchor.strip("\n"),
                anchor_line=data.line_of("anchor"), kind=kind, author_id=author, status=status,
                body_md=body, body_html=render_markdown(body), prefix=f.text("prefix") or "",
                suffix=f.text("suffix") or "", verdict=verdict, title=f.text("title"), source_ids=source_ids,
                excerpts=dict(f.excerpts), reviewed_by=reviewed_by, checked=checked, published_on=published_on,
                updated=updated)


def _read_note(path: Path, rel: str, problems: list[Problem]) -> tuple[LineMap, str, int] | None:
    """The front matter (as a LineMap), the Markdown body and the file's last line number."""
    mark_reading(rel)
    text, read_problems = read_limited(path, rel, MAX_NOTE_BYTES)
    problems += read_problems
    if text is None:
        return None
    bad = forbidden_characters(text, rel)
    if bad:
        problems += bad
        return None
    front, body, _, split_problems = split_front_matter(text, rel)
    problems += split_problems
    data, yaml_problems = parse_yaml(front, rel, line_offset=1)
    problems += yaml_problems
    if split_problems or yaml_problems:
        return None
    if not isinstance(data, LineMap):
        problems.append(Problem(rel, 2, "front matter must be fields like `anchor: …`", "see docs/contributing.md"))
        return None
    return data, body, len(text.splitlines()) or 1


def _kind_and_verdict(f: Fields) -> tuple[str | None, str | None]:
    """``kind`` and ``verdict``: a fact-check needs a verdict, and only a fact-check may have one."""
    kind = f.text("kind", required=True)
    if kind is not None and kind not in KINDS:
        f.problem("kind", f"unknown kind \"{kind}\"", f"use one of: {', '.join(KINDS)}")
    verdict = f.text("verdict")
    if kind == "fact-check" and verdict is None:
        f.problem(None, "a fact-check has no `verdict`", f"add `verdict:` with one of: {', '.join(VERDICTS)}")
    elif verdict is not None and kind != "fact-check":
        f.problem("verdict", f"a {kind} note cannot have a verdict", "remove `verdict` or make the note `kind: fact-check`")
    elif verdict is not None and verdict not in VERDICTS:
        f.problem("verdict", f"unknown verdict \"{verdict}\"", f"use one of: {', '.join(VERDICTS)}")
    return kind, verdict


def _note_sources(f: Fields, kind: str | None, sources: dict[str, Source]) -> list[str]:
    """``sources``: known ids; a fact-check or correction must cite at least one."""
    source_ids = f.source_ids("sources", sources)
    if kind in NEEDS_SOURCES and not source_ids:
        f.problem("sources" if "sources" in f.data else None, f"a {kind} note cites no source",
                  "add `sources: [id]` naming what the check rests on")
    return source_ids


def _reviewer(f: Fields, author: str | None, contributors: dict[str, Contributor]) -> str | None:
    """``reviewed_by``: a known contributor who is not the author."""
    reviewer = f.text("reviewed_by")
    if reviewer is None:
        return None
    if reviewer not in contributors and getattr(contributors, "complete", True):
        f.problem("reviewed_by", f"unknown reviewer \"{reviewer}\"",
                  f"use an id from data/contributors.yml ({', '.join(contributors) or 'none yet'})")
    elif reviewer == author:
        f.problem("reviewed_by", f"the note is reviewed by its own author \"{author}\"",
                  "a second person must review it: name another contributor")
    return reviewer


def _anchor(note: Note, article: Article, problems: list[Problem]) -> bool:
    """Place the note's anchor in the canonical text; zero or several places is a problem."""
    match = locate_quote(article, note.anchor, note.prefix, note.suffix, what="anchor",
                         file=note.origin.file, line=note.anchor_line, problems=problems)
    if match is None:
        return False
    note.start, note.end = match.start, match.end
    return True


def _check_overlaps(article: Article, notes: list[Note], problems: list[Problem]) -> None:
    spans = [Span(n.start, n.end, "note", n.id) for n in notes]
    files = {n.id: n for n in notes}
    for a, b in crossing(spans):
        first, second = files[a.ref], files[b.ref]
        problems.append(Problem(second.origin.file, second.anchor_line,
                                f"anchor partly overlaps note \"{first.id}\" ({first.origin.file}) "
                                f"on \"{article.canonical[b.start:a.end]}\"",
                                "make one anchor contain the other, or make them not touch"))
