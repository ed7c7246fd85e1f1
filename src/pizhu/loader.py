"""Read the project's YAML and text files into the model, collecting every problem."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .article import parse_seed
from .markup import render_markdown
from .model import Article, Contributor, Origin, Source
from .problems import Problem
from .yamlio import LineList, LineMap, parse_yaml, read_text

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
BLOCK_KINDS = {"lede", "heading", "paragraph", "quote"}


class Registry(dict[str, Any]):
    """Objects by id, plus whether every file behind them loaded.

    When a file is broken, references into it cannot be judged: checks skip "unknown id"
    problems rather than burying the one real problem under its consequences.
    """

    complete: bool = True


class Fields:
    """Typed access to one YAML mapping, reporting problems against its file and lines."""

    def __init__(self, data: LineMap, file: str, problems: list[Problem], what: str) -> None:
        self.data, self.file, self.problems, self.what = data, file, problems, what
        self.excerpts: dict[str, str] = {}
        """Exact words a cited source is relied on for, by source id (``{id: …, excerpt: …}`` items)."""

    def problem(self, key: str | None, message: str, hint: str) -> None:
        line = self.data.line_of(key) if key else self.data.line
        self.problems.append(Problem(self.file, line, message, hint))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key if key in self.data else None, f"{self.what} has no `{key}`",
                             f"add `{key}: …`")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(key, f"`{key}` of {self.what} must be text, not {type(value).__name__}",
                         f"write `{key}` as a single line of text")
            return None
        return str(value).strip()

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key, required=True)
        if value is not None and not ID_PATTERN.match(value) and not value.isdigit():
            self.problem(key, f"{self.what} id \"{value}\" is not lowercase ASCII words joined by '-'",
                         "rename it, e.g. `xinkuaibao-2025-03-26`")
        return value

    def date(self, key: str = "date") -> str | None:
        value = self.text(key)
        if value is not None and not DATE_PATTERN.match(value):
            self.problem(key, f"`{key}` \"{value}\" is not a date", "write YYYY-MM-DD, YYYY-MM or YYYY, or leave it out")
            return None
        return value

    def url(self, key: str, value: Any = None) -> str | None:
        value = self.text(key) if value is None else value
        if value is not None and not re.match(r"^https?://[^\s]+$", value):
            self.problem(key, f"`{key}` \"{value}\" is not an http(s) URL", "give the full https:// address or leave it out")
            return None
        return value

    def id_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(key, f"`{key}` of {self.what} must be a list of ids", f"write `{key}: [id-one, id-two]`")
            return []
        ids = []
        for item in value:
            if isinstance(item, LineMap) and set(item) <= {"id", "excerpt"} and isinstance(item.get("id"), (str, int)) \
                    and isinstance(item.get("excerpt"), str) and item["excerpt"].strip():
                ids.append(str(item["id"]))
                self.excerpts[str(item["id"])] = item["excerpt"].strip()
            elif isinstance(item, (str, int)) and not isinstance(item, bool):
                ids.append(str(item))
            else:
                self.problem(key, f"`{key}` of {self.what} must be a list of ids (or `{{id: …, excerpt: …}}`)",
                             f"write `{key}: [id-one, id-two]` or `- {{id: id-one, excerpt: \"the exact words\"}}`")
                return []
        return ids

    def source_ids(self, key: str, sources: dict[str, Any]) -> list[str]:
        """A list of source ids, each checked against ``sources``.

        When a sources file is broken (``sources.complete`` is false) unknown ids are not
        reported: the broken file is the one problem to fix.
        """
        ids = self.id_list(key)
        if getattr(sources, "complete", True):
            for source_id in ids:
                if source_id not in sources:
                    self.problem(key, f"unknown source \"{source_id}\"",
                                 "use an id from data/sources.yml or data/sources/*.yml, or add the source there")
        return ids

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem(key, f"unknown field `{key}` in {self.what}",
                             f"use one of: {', '.join(sorted(allowed))}")


def load_yaml_file(root: Path, rel: str, problems: list[Problem]) -> Any:
    """Parse a YAML file under ``root``; problems are appended, ``None`` returned on failure."""
    text, read_problems = read_text(root / rel, rel)
    problems += read_problems
    if text is None:
        return None
    data, parse_problems = parse_yaml(text, rel)
    problems += parse_problems
    return data


def list_of_mappings(data: Any, rel: str, what: str, problems: list[Problem]) -> list[LineMap]:
    """Items of a top-level YAML list, each a mapping; anything else is a problem."""
    if data is None:
        return []
    if not isinstance(data, LineList):
        problems.append(Problem(rel, getattr(data, "line", 1), f"expected a list of {what}s",
                                f"start each {what} with '- id: …'"))
        return []
    items = []
    for item, line in zip(data, data.item_lines):
        if isinstance(item, LineMap):
            items.append(item)
        else:
            problems.append(Problem(rel, line, f"a {what} must be a mapping of fields, not {item!r}",
                                    "write 'id: …' and the other fields under '- '"))
    return items


def check_duplicate(ids: dict[str, Origin], new_id: str, origin: Origin, what: str,
                    problems: list[Problem]) -> bool:
    """Record ``new_id``; report and return False when it is already taken."""
    if new_id in ids:
        first = ids[new_id]
        problems.append(Problem(origin.file, origin.line, f"duplicate {what} id \"{new_id}\" "
                                f"(first defined at {first.file}:{first.line})", "give each one its own id"))
        return False
    ids[new_id] = origin
    return True


SOURCE_FIELDS = {"id", "publisher", "title", "author", "date", "url", "via", "language", "note",
                 "identified", "guess", "accessed", "archive"}


def load_sources(root: Path, problems: list[Problem]) -> Registry:
    """``data/sources.yml`` plus every ``data/sources/*.yml``: one id space."""
    files = ["data/sources.yml"] if (root / "data/sources.yml").exists() else []
    files += sorted(p.relative_to(root).as_posix() for p in (root / "data/sources").glob("*.yml"))
    if not files:
        problems.append(Problem("data/sources.yml", None, "no sources file",
                                "create data/sources.yml with the article's sources (ids \"1\", \"2\" …)"))
    sources = Registry()
    seen: dict[str, Origin] = {}
    for rel in files:
        data = load_yaml_file(root, rel, problems)
        sources.complete &= data is not None
        for item in list_of_mappings(data, rel, "source", problems):
            source = _source(item, rel, problems)
            if source and check_duplicate(seen, source.id, source.origin, "source", problems):
                sources[source.id] = source
    return sources


def _source(item: LineMap, rel: str, problems: list[Problem]) -> Source | None:
    f = Fields(item, rel, problems, "source")
    f.unknown_keys(SOURCE_FIELDS)
    source_id = f.ident()
    if source_id is None:
        return None
    identified = item.get("identified", True)
    if not isinstance(identified, bool):
        f.problem("identified", "`identified` must be true or false", "write `identified: false` or leave it out")
        identified = True
    publisher = f.text("publisher", required=identified)
    via = item.get("via")
    via_publisher = via_url = None
    if isinstance(via, LineMap):
        via_fields = Fields(via, rel, problems, "via")
        via_fields.unknown_keys({"publisher", "url"})
        via_publisher, via_url = via_fields.text("publisher"), via_fields.url("url")
    elif via is not None:
        f.problem("via", "`via` must be a mapping with `publisher` and `url`", "write `via: {publisher: …, url: …}`")
    return Source(
        id=source_id, origin=Origin(rel, item.line), publisher=publisher, title=f.text("title"),
        author=f.text("author"), date=f.date(), url=f.url("url"), via_publisher=via_publisher,
        via_url=via_url, language=f.text("language"), note_html=render_markdown(f.text("note") or ""),
        identified=identified, guess_html=render_markdown(f.text("guess") or ""), accessed=f.date("accessed"),
        archive=f.url("archive"))


CONTRIBUTOR_FIELDS = {"id", "name", "role", "link"}


def load_contributors(root: Path, problems: list[Problem]) -> Registry:
    """``data/contributors.yml`` (optional until notes need it)."""
    rel = "data/contributors.yml"
    if not (root / rel).exists():
        return Registry()
    contributors = Registry()
    seen: dict[str, Origin] = {}
    data = load_yaml_file(root, rel, problems)
    contributors.complete = data is not None
    for item in list_of_mappings(data, rel, "contributor", problems):
        f = Fields(item, rel, problems, "contributor")
        f.unknown_keys(CONTRIBUTOR_FIELDS)
        cid, name, role = f.ident(), f.text("name", required=True), f.text("role", required=True)
        if cid and name and role and check_duplicate(seen, cid, Origin(rel, item.line), "contributor", problems):
            contributors[cid] = Contributor(cid, name, role, Origin(rel, item.line), f.url("link"))
    return contributors


ARTICLE_FIELDS = {"id", "title", "seed", "language", "date", "date_note", "publisher", "author",
                  "summary", "blocks"}


def load_articles(root: Path, sources: Registry, problems: list[Problem]) -> list[Article]:
    """Every ``data/articles/*.yml`` manifest with its parsed seed.

    Citation markers are read against the numeric source ids; when the sources did not all
    load, markers are not judged (their problems would only repeat the broken file's).
    """
    known_sources = {sid for sid in sources if sid.isdigit()}
    manifests = sorted((root / "data/articles").glob("*.yml"))
    if not manifests:
        problems.append(Problem("data/articles", None, "no article manifest",
                                "add data/articles/<slug>.yml naming the seed file and the title"))
    articles = []
    for path in manifests:
        rel = path.relative_to(root).as_posix()
        data = load_yaml_file(root, rel, problems)
        if data is None:
            continue
        if not isinstance(data, LineMap):
            problems.append(Problem(rel, 1, "an article manifest must be a mapping", "write `title: …`, `seed: …`"))
            continue
        article = _article(root, rel, path.stem, data, known_sources, problems, sources.complete)
        if article:
            articles.append(article)
    return articles


def _article(root: Path, rel: str, slug: str, data: LineMap, known_sources: set[str],
             problems: list[Problem], sources_complete: bool = True) -> Article | None:
    f = Fields(data, rel, problems, "article")
    f.unknown_keys(ARTICLE_FIELDS)
    if "id" in data and f.text("id") != slug:
        f.problem("id", f"id \"{data['id']}\" differs from the file name \"{slug}\"",
                  "remove `id` or rename the file to match it")
    title, seed = f.text("title", required=True), f.text("seed", required=True)
    overrides = _block_overrides(f)
    if seed is None:
        return None
    seed_text, seed_problems = read_text(root / seed, seed)
    if seed_text is None:
        f.problem("seed", f"seed file \"{seed}\" cannot be read ({seed_problems[0].message})",
                  "put the article text in seeds/ and name it here")
        return None
    parsed = parse_seed(seed_text, seed, known_sources, overrides)
    problems += parsed.problems if sources_complete else []
    return Article(
        id=slug, title=title or slug, seed_file=seed, origin=Origin(rel, data.line),
        language=f.text("language") or "zh-Hans", date=f.date(), date_note=f.text("date_note"),
        publisher=f.text("publisher"), author=f.text("author"), summary=f.text("summary"),
        seed_text=seed_text, canonical=parsed.canonical, blocks=parsed.blocks, citations=parsed.citations)


def _block_overrides(f: Fields) -> dict[int, Any]:
    raw = f.data.get("blocks")
    if raw is None:
        return {}
    if not isinstance(raw, LineMap):
        f.problem("blocks", "`blocks` must map seed line numbers to a kind", "write `blocks: {3: heading}`")
        return {}
    overrides = {}
    for key, kind in raw.items():
        if not key.isdigit() or kind not in BLOCK_KINDS:
            f.problem("blocks", f"`blocks` entry {key}: {kind} is not <line number>: <kind>",
                      f"use a seed line number and one of {', '.join(sorted(BLOCK_KINDS))}")
            continue
        overrides[int(key)] = kind
    return overrides
