"""``pizhu new``: start a note, a glossary term or a source with the fields `pizhu check` wants.

Each function checks what it is given against the project as it is, writes one file (or
appends one entry, keeping the file's comments), and returns what it wrote or the problems.
A new note is a draft: it is checked like every note but not published until its author sets
``status: published``.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .core.anchoring import context, describe_near_miss, find_quote
from .core.extras import INSTALL, chinese_module, missing_chinese
from .core.fields import real_date
from .core.ids import id_problem
from .core.model import Article, Project
from .core.options import DEFAULT_CATEGORIES
from .core.problems import Problem
from .core.text import HAN
from .kinds.glossary.model import all_terms
from .kinds.notes.load import NOTES_DIR
from .kinds.notes.model import KINDS, NEEDS_SOURCES, VERDICTS, all_notes
from .pipeline import load_project

NOTE_BODY = "Write the note here, in Markdown: what the passage says, what the sources show, and how you know.\n"


@dataclass(frozen=True, slots=True)
class Written:
    """What a ``pizhu new`` command wrote."""

    path: str
    """The file, relative to the project."""
    id: str


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def new_note(root: Path, slug: str, quote: str, *, note_id: str | None = None, kind: str = "context",
             author: str | None = None, sources: tuple[str, ...] = (),
             occurrence: int | None = None) -> tuple[Written | None, list[Problem]]:
    """Write ``data/notes/<slug>/<id>.md`` anchored to ``quote`` (a draft).

    A quote that occurs several times needs ``occurrence`` (1-based, in reading order); the
    note then gets the shortest prefix, or else suffix, that makes it match that place only.
    """
    project, _ = load_project(root)
    article = project.article(slug)
    where = f"data/articles/{slug}.yml"
    if article is None:
        known = ", ".join(a.id for a in project.articles) or "none"
        return None, [Problem(where, None, f"no article \"{slug}\"", f"use one of: {known}")]
    problems = _note_fields(project, kind, author, sources)
    note_id = note_id or _free_id(project, f"{slug}-draft")
    wrong = id_problem(note_id, "note id")
    if wrong:
        problems.append(Problem("--id", None, *wrong))
    if any(n.id == note_id for n in all_notes(project)):
        problems.append(Problem("--id", None, f"a note \"{note_id}\" exists already", "choose another --id"))
    placed = _place_quote(article, quote, occurrence, problems)
    if problems or placed is None:
        return None, problems
    prefix, suffix = placed
    rel = f"{NOTES_DIR}/{slug}/{note_id}.md"
    author = author or next(iter(project.contributors))
    lines = ["---", f"anchor: {_yaml_text(quote)}"]
    lines += [f"prefix: {_yaml_text(prefix)}"] if prefix else []
    lines += [f"suffix: {_yaml_text(suffix)}"] if suffix else []
    lines.append(f"{'kind: ' + kind:<28}# {' | '.join(KINDS)}")
    if kind == "fact-check":
        lines.append(f"{'verdict: unverified':<28}# {' | '.join(VERDICTS)}")
    lines += [f"author: {author}", f"{'status: draft':<28}# draft | reviewed | published"]
    if sources:
        lines.append(f"sources: [{', '.join(sources)}]")
    lines += ["---", NOTE_BODY]
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    # The draft must pass `pizhu check` as it is; if it does not, nothing is left behind.
    left = [p for p in load_project(root)[1] if p.file == rel and p.severity == "error"]
    if left:
        path.unlink()
        return None, left
    return Written(rel, note_id), []


def _note_fields(project: Project, kind: str, author: str | None, sources: tuple[str, ...]) -> list[Problem]:
    problems = []
    if kind not in KINDS:
        problems.append(Problem("--kind", None, f"unknown kind \"{kind}\"", f"use one of: {', '.join(KINDS)}"))
    if kind in NEEDS_SOURCES and not sources:
        problems.append(Problem("--source", None, f"a {kind} note needs the source it rests on",
                                "pass --source <id> (ids in data/sources*.yml; `pizhu new source` adds one)"))
    problems += [Problem("--source", None, f"unknown source \"{source_id}\"",
                         "use an id from data/sources*.yml, or add it with `pizhu new source`")
                 for source_id in sources if source_id not in project.sources]
    if author is not None and author not in project.contributors:
        problems.append(Problem("--author", None, f"unknown author \"{author}\"",
                                f"use one of: {', '.join(project.contributors) or 'none'} (data/contributors.yml)"))
    elif author is None and len(project.contributors) != 1:
        problems.append(Problem("--author", None, "which contributor writes this note?",
                                f"pass --author with one of: {', '.join(project.contributors) or 'none'}"))
    return problems


def _place_quote(article: Article, quote: str, occurrence: int | None,
                 problems: list[Problem]) -> tuple[str, str] | None:
    """The (prefix, suffix) that make ``quote`` match the chosen place, or problems."""
    matches = find_quote(article.canonical, quote)
    if not matches:
        problems.append(Problem(article.seed_file, None, f"\"{quote}\" is not in the article"
                                f"{describe_near_miss(article, quote)}", "copy the passage exactly from the seed"))
        return None
    if "\n" in quote:
        problems.append(Problem(article.seed_file, None, "the quote runs across paragraphs",
                                "quote a passage within one paragraph"))
        return None
    if len(matches) > 1 and occurrence is None:
        listing = "; ".join(f"{n}: line {article.seed_line_of(m.start)} {context(article.canonical, m)}"
                            for n, m in enumerate(matches, start=1))
        problems.append(Problem(article.seed_file, None, f"\"{quote}\" occurs {len(matches)} times ({listing})",
                                "pass --occurrence N to choose one; the note gets a prefix or suffix that makes it unique"))
        return None
    if occurrence is not None and not 1 <= occurrence <= len(matches):
        problems.append(Problem("--occurrence", None, f"there is no occurrence {occurrence} (the quote occurs "
                                f"{len(matches)} time{'s' if len(matches) > 1 else ''})",
                                f"use 1 to {len(matches)}"))
        return None
    chosen = matches[(occurrence or 1) - 1]
    return _unique_context(article, quote, chosen.start)


def _unique_context(article: Article, quote: str, start: int) -> tuple[str, str]:
    """The shortest prefix (else suffix) within the paragraph that makes the quote match only at ``start``."""
    text, block = article.canonical, article.block_at(start)
    end = start + len(quote)
    if len(find_quote(text, quote)) == 1 or block is None:
        return "", ""
    for length in range(1, start - block.start + 1):
        prefix = text[start - length:start]
        if len(find_quote(text, quote, prefix)) == 1:
            return prefix, ""
    for length in range(1, block.end - end + 1):
        suffix = text[end:end + length]
        if len(find_quote(text, quote, "", suffix)) == 1:
            return "", suffix
    return text[block.start:start], text[end:block.end]


def _free_id(project: Project, stem: str) -> str:
    taken = {n.id for n in all_notes(project)}
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def new_term(root: Path, term_id: str, term: str, category: str, definition: str, sources: tuple[str, ...],
             aliases: tuple[str, ...] = (), english: str | None = None, *,
             categories: tuple[str, ...] = DEFAULT_CATEGORIES) -> tuple[Written | None, list[Problem]]:
    """Append an entry to ``data/glossary.yml`` (created when missing); ``categories``: the site's."""
    project, _ = load_project(root)
    problems = []
    if category not in categories:
        close = difflib.get_close_matches(category, categories, n=1)
        problems.append(Problem("--category", None, f"unknown category \"{category}\"",
                                f"did you mean \"{close[0]}\"?" if close else f"use one of: {', '.join(categories)}"))
    wrong = id_problem(term_id, "glossary term id")
    if wrong:
        problems.append(Problem("--id", None, *wrong))
    if any(t.id == term_id for t in all_terms(project)):
        problems.append(Problem("--id", None, f"a glossary term \"{term_id}\" exists already", "choose another --id"))
    if any(term in t.forms for t in all_terms(project)):
        problems.append(Problem("--term", None, f"\"{term}\" is already a term or alias in the glossary",
                                "edit that entry instead"))
    if not sources:
        problems.append(Problem("--source", None, "a definition needs the source it rests on", "pass --source <id>"))
    problems += [Problem("--source", None, f"unknown source \"{s}\"", "use an id from data/sources*.yml")
                 for s in sources if s not in project.sources]
    if problems:
        return None, problems
    entry = [f"- id: {term_id}", f"  term: {_yaml_text(term)}"]
    entry += [f"  aliases: [{', '.join(_yaml_text(a) for a in aliases)}]"] if aliases else []
    entry += [f"  english: {_yaml_text(english)}"] if english else []
    entry += [f"  category: {category}", f"  definition: {_yaml_text(definition)}",
              f"  sources: [{', '.join(sources)}]"]
    _append(root / "data/glossary.yml", entry)
    return Written("data/glossary.yml", term_id), []


def new_source(root: Path, publisher: str, *, date: str | None = None, title: str | None = None,
               url: str | None = None, author: str | None = None, source_id: str | None = None,
               file: str = "data/sources.yml", accessed: str | None = None) -> tuple[Written | None, list[Problem]]:
    """Append a source to ``file`` (``data/sources.yml`` by default), its id suggested from publisher and date."""
    project, _ = load_project(root)
    problems = []
    if not source_id and HAN.search(publisher) and "pypinyin" in missing_chinese():
        problems.append(Problem("--id", None, "a Chinese publisher's id is suggested in pinyin, and pypinyin is not "
                                "installed", f"give the id with --id, or {INSTALL}"))
    source_id = source_id or suggest_source_id(publisher, date)
    wrong = id_problem(source_id, "source id")
    if wrong:
        problems.append(Problem("--id", None, *wrong))
    if source_id in project.sources:
        problems.append(Problem("--id", None, f"a source \"{source_id}\" exists already",
                                f"reuse it, or pass another --id (e.g. {source_id}-b)"))
    if not re.fullmatch(r"data/sources(\.yml|/[a-z0-9-]+\.yml)", file):
        problems.append(Problem("--file", None, f"\"{file}\" is not a sources file",
                                "use data/sources.yml or data/sources/<topic>.yml"))
    if url and not accessed:
        problems.append(Problem("--accessed", None, "a source with a URL says when it was read there",
                                "add --accessed YYYY-MM-DD, the day you read it at that address"))
    if accessed and not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", accessed) and real_date(accessed)):
        problems.append(Problem("--accessed", None, f"\"{accessed}\" is not a date", "write YYYY-MM-DD"))
    if problems:
        return None, problems
    entry = [f"- id: {source_id}", f"  publisher: {_yaml_text(publisher)}"]
    entry += [f"  title: {_yaml_text(title)}"] if title else []
    entry += [f"  author: {_yaml_text(author)}"] if author else []
    entry += [f"  date: {date}"] if date else []
    entry += [f"  url: {url}", f"  accessed: {accessed}"] if url else []
    _append(root / file, entry)
    return Written(file, source_id), []


def suggest_source_id(publisher: str, date: str | None) -> str:
    """``新快报`` + ``2025-03-26`` -> ``xinkuaibao-2025-03-26``; ``Reuters`` -> ``reuters-…``."""
    words = publisher
    if HAN.search(publisher) and "pypinyin" not in missing_chinese():  # (else, without the Chinese extra: Latin only)
        words = "".join(chinese_module("pypinyin").lazy_pinyin(publisher))
    latin = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()  # Café Müller -> Cafe Muller
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-") or "source"
    return f"{slug}-{date}" if date else slug


def _append(path: Path, entry: list[str]) -> None:
    """Add one entry at the end of a YAML list file, keeping everything before it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    separator = "" if not text else ("\n" if text.endswith("\n") else "\n\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + separator + "\n".join(entry) + "\n", encoding="utf-8")
