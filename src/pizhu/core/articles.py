"""Articles: manifests (``data/articles/<slug>.yml``) and their locked seeds.

A manifest names its seed, which is the article exactly as published and never edited; its
SHA-256 is recorded in ``seed_sha256``, so a changed seed is noticed (``pizhu seed accept``
records a deliberate re-publication). The seed is parsed into blocks, canonical text and
citation marks by :mod:`pizhu.core.seed`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from .fields import Field, Fields, Shape, load_yaml_file
from .ids import id_problem
from .limits import MAX_SEED_BYTES
from .model import Article, BlockKind, Origin, Registry, Source
from .paths import confined, project_files, read_limited
from .problems import Problem, mark_reading
from .seed import BLOCK_KINDS, MARKER_STYLES, parse_seed
from .yamlio import LineMap, forbidden_characters

ARTICLE = Shape("article", "An article's manifest: what the editors know about it, and its seed.", (
    Field("title", "text", "The article's title.", required=True),
    Field("seed", "text", "The article's text file, relative to the project (seeds/<slug>.txt).", required=True),
    Field("seed_sha256", "text", "SHA-256 of the seed; `pizhu seed accept <slug>` writes it.", required=True),
    Field("id", "id", "Optional; must equal the file name."),
    Field("language", "text", "Language tag of the article (zh-Hans, en …)."),
    Field("date", "date", "Publication date, as far as known (YYYY-MM-DD, YYYY-MM or YYYY)."),
    Field("date_note", "text", "How the date is known, when it is inferred."),
    Field("publisher", "text", "The original outlet, when known."),
    Field("author", "text", "The author, when known."),
    Field("summary", "text", "One sentence on what the article says."),
    Field("markers", "text", "How the article writes its citation marks: cjk (digits after 。 or ” 」 』, the "
          "default), latin (digits after . ! ? or a closing quote), brackets ([1]) or none.",
          choices=tuple(MARKER_STYLES)),
    Field("blocks", "mapping", "Corrections to the block kinds read from the text: {seed line: "
          "lede | heading | paragraph | quote}."),
))


def seed_digest(text: str) -> str:
    """SHA-256 of a seed's UTF-8 bytes (byte-order mark excluded), as recorded in ``seed_sha256``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_articles(root: Path, sources: Registry[Source], problems: list[Problem],
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
    f = Fields(data, rel, problems, ARTICLE)
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
    markers = f.choice("markers", default="cjk") or "cjk"
    parsed = parse_seed(seed_text, seed, known_sources, overrides, markers)
    problems += parsed.problems if sources_complete else []
    if not parsed.citations and sources_complete and markers != "none":
        _check_marker_style(f, markers, seed_text, known_sources)
    return Article(
        id=slug, title=title or slug, seed_file=seed, origin=Origin(rel, data.line),
        language=f.text("language") or "zh-Hans", date=f.date(), date_note=f.text("date_note"),
        publisher=f.text("publisher"), author=f.text("author"), summary=f.text("summary"),
        seed_text=seed_text, canonical=parsed.canonical, blocks=parsed.blocks, citations=parsed.citations)


def _check_marker_style(f: Fields, markers: str, seed_text: str, known_sources: set[str]) -> None:
    """A text with no citation mark in its manifest's style, but some in another: a warning (its
    numbered sources would never be cited, and the marks would be read as words)."""
    lines = seed_text.splitlines()
    found = {style: [line[max(0, m.start() - 8):m.end()] for line in lines for m in pattern.finditer(line)
                     if m.group(1) in known_sources]
             for style, pattern in MARKER_STYLES.items() if style != markers and pattern is not None}
    style = max(found, key=lambda s: len(found[s]), default=None)
    if style and found[style]:
        f.problem("markers" if "markers" in f.data else None,
                  f"the text has no citation mark in the `{markers}` style, but {len(found[style])} in the `{style}` "
                  f"style (\"{found[style][0].strip()}\")",
                  f"set `markers: {style}` (or `none` if they are not marks)", severity="warning")


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


def _block_overrides(f: Fields) -> dict[int, BlockKind]:
    raw = f.data.get("blocks")
    if raw is None:
        return {}
    if not isinstance(raw, LineMap):
        f.problem("blocks", "`blocks` must map seed line numbers to a kind", "write `blocks: {3: heading}`")
        return {}
    overrides: dict[int, BlockKind] = {}
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
    f = Fields(data, rel, problems, ARTICLE)
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


def not_loaded(root: Path, loaded: Sequence[str]) -> set[str]:
    """The articles that have a manifest but did not load (its problem is reported there)."""
    return {path.stem for path in (root / "data/articles").glob("*.yml")} - set(loaded)


def reported_already(root: Path, article_id: str | None, loaded: Sequence[str]) -> bool:
    """Whether a reference to an article that did not load is a consequence of its broken
    manifest (or seed), which was reported where it is: the article named has a manifest; or,
    for a reference that names none (``None``), no article loaded at all though one has a
    manifest (with articles loaded, a reference must name one, and saying so is no consequence)."""
    missing = not_loaded(root, loaded)
    return article_id in missing if article_id else not loaded and bool(missing)
