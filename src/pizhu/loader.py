"""Read the project's YAML and text files into the model, collecting every problem."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .article import parse_seed
from .ids import ID_PATTERN, id_problem
from .limits import MAX_SEED_BYTES, MAX_YAML_BYTES
from .markup import render_markdown
from .model import Article, Contributor, Origin, Source
from .paths import confined, project_files, read_limited
from .problems import Problem, mark_reading
from .yamlio import LineList, LineMap, forbidden_characters, parse_yaml

__all__ = ["ID_PATTERN", "DATE_PATTERN", "Fields", "Registry", "check_duplicate", "list_of_mappings",
           "load_articles", "load_contributors", "load_sources", "load_yaml_file", "seed_digest"]

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

    def ident(self, key: str = "id", reserved: Mapping[str, str] | None = None) -> str | None:
        """An id following :func:`pizhu.ids.id_problem`'s rule; ``None`` (and a problem) otherwise."""
        raw = self.data.get(key)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            self.problem(key, f"{self.what} id {raw} is a number, not text",
                         f"quote it: `{key}: \"{raw}\"` (digit-only ids name the article's own numbered sources)")
            return None
        value = self.text(key, required=True)
        if value is None:
            return None
        wrong = id_problem(value, f"{self.what} id", reserved)
        if wrong:
            self.problem(key, *wrong)
            return None
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
    """Parse a YAML file under ``root``; problems are appended, ``None`` returned on failure.

    An empty file is a problem too: every data file holds something, and an empty one is
    a mistake that would otherwise drop its content without a word.
    """
    mark_reading(rel)
    text, read_problems = read_limited(root / rel, rel, MAX_YAML_BYTES)
    problems += read_problems
    if text is None:
        return None
    data, parse_problems = parse_yaml(text, rel)
    problems += parse_problems
    if data is None and not parse_problems:
        problems.append(Problem(rel, None, "file is empty", "add its content, or delete the file"))
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
    files = [p.relative_to(root).as_posix() for p in project_files(root, "data", "sources.yml", problems)]
    files += [p.relative_to(root).as_posix() for p in project_files(root, "data/sources", "*.yml", problems)]
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
    if not project_files(root, "data", "contributors.yml", problems):
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


ARTICLE_FIELDS = {"id", "title", "seed", "seed_sha256", "language", "date", "date_note", "publisher", "author",
                  "summary", "blocks"}


def seed_digest(text: str) -> str:
    """SHA-256 of a seed's UTF-8 bytes (byte-order mark excluded), as recorded in ``seed_sha256``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_articles(root: Path, sources: Registry, problems: list[Problem],
                  reserved: Mapping[str, str] | None = None) -> list[Article]:
    """Every ``data/articles/*.yml`` manifest with its parsed seed.

    Citation markers are read against the numeric source ids; when the sources did not all
    load, markers are not judged (their problems would only repeat the broken file's).

    Args:
        reserved: top-level names of the site that an article slug may not take.
    """
    known_sources = {sid for sid in sources if sid.isdigit()}
    manifests = project_files(root, "data/articles", "*.yml", problems)
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
        wrong = id_problem(path.stem, "article slug (the manifest's file name)", reserved)
        if wrong:
            problems.append(Problem(rel, None, wrong[0], wrong[1].replace("rename it", "rename the file")))
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
    seed_text = _read_seed(root, seed, f)
    if seed_text is None:
        return None
    _check_seed_digest(f, slug, seed, seed_text)
    parsed = parse_seed(seed_text, seed, known_sources, overrides)
    problems += parsed.problems if sources_complete else []
    return Article(
        id=slug, title=title or slug, seed_file=seed, origin=Origin(rel, data.line),
        language=f.text("language") or "zh-Hans", date=f.date(), date_note=f.text("date_note"),
        publisher=f.text("publisher"), author=f.text("author"), summary=f.text("summary"),
        seed_text=seed_text, canonical=parsed.canonical, blocks=parsed.blocks, citations=parsed.citations)


def _read_seed(root: Path, seed: str, f: Fields) -> str | None:
    """The seed file named by the manifest: inside the project, UTF-8, within the size limit."""
    mark_reading(seed)
    path = confined(root, seed)
    if isinstance(path, str):
        f.problem("seed", f"seed {path}", "put the article text in the project's seeds/ folder and name it "
                  "relative to the project, e.g. `seed: seeds/my-article.txt`")
        return None
    text, problems = read_limited(path, seed, MAX_SEED_BYTES)
    if text is None:
        f.problem("seed", f"seed file \"{seed}\" cannot be read ({problems[0].message})",
                  "put the article text in seeds/ and name it here")
        return None
    bad = forbidden_characters(text, seed)
    f.problems.extend(bad)
    return None if bad else text


def _check_seed_digest(f: Fields, slug: str, seed: str, text: str) -> None:
    """The seed is locked: it must still have the SHA-256 the manifest recorded."""
    recorded, actual = f.text("seed_sha256"), seed_digest(text)
    accept = f"if the change is a deliberate re-publication, run `pizhu seed accept {slug}`"
    if recorded is None:
        f.problem(None, f"the manifest records no `seed_sha256` for {seed}",
                  f"run `pizhu seed accept {slug}` to record it ({actual})")
    elif recorded.lower() != actual:
        f.problem("seed_sha256", f"{seed} has changed: its SHA-256 is {actual}, the manifest records {recorded}",
                  f"restore the article text exactly as published; {accept} (notes are then re-anchored, "
                  "and any that no longer match are reported)")


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


def accept_seed(root: Path, slug: str) -> tuple[str | None, list[Problem]]:
    """Record the current SHA-256 of article ``slug``'s seed in its manifest (``pizhu seed accept``).

    The manifest is edited as text, so its comments and layout stay: an existing
    ``seed_sha256:`` line is replaced, or one is added after the ``seed:`` line.

    Returns:
        The digest written (``None`` when nothing was written) and the problems found.
    """
    problems: list[Problem] = []
    wrong = id_problem(slug, "article slug")
    if wrong:
        return None, [Problem(f"data/articles/{slug}.yml", None, *wrong)]
    rel = f"data/articles/{slug}.yml"
    data = load_yaml_file(root, rel, problems)
    if not isinstance(data, LineMap):
        return None, problems or [Problem(rel, None, "not an article manifest", "write `title: …` and `seed: …`")]
    f = Fields(data, rel, problems, "article")
    seed = f.text("seed", required=True)
    text = _read_seed(root, seed, f) if seed else None
    if seed is None or text is None:
        return None, problems
    digest = seed_digest(text)
    lines = (root / rel).read_text(encoding="utf-8").removeprefix("\ufeff").splitlines(keepends=True)
    entry = f"seed_sha256: {digest}\n"
    if "seed_sha256" in data:
        lines[data.line_of("seed_sha256") - 1] = entry
    else:
        lines.insert(data.line_of("seed"), entry)
    (root / rel).write_text("".join(lines), encoding="utf-8")
    return digest, []
