"""Editions of the site: the simplified original and its Traditional conversion.

The site is written in simplified Chinese (the seed, the notes, the glossary). A second
MkDocs build (``mkdocs.zh-hant.yml``, which inherits ``mkdocs.yml``) sets the plugin option
``edition: zh-Hant``, and pizhu converts everything readers see with OpenCC plus the editors'
corrections in ``data/zh-hant.yml`` (:mod:`pizhu.core.convert`). Annotations stay on the
simplified canonical text; the article's blocks are laid out from their conversion through an
offset map, so every mark lands on the same words.

Both builds read ``data/zh-hant.yml`` and check it (``pizhu check`` too): an override whose
phrase occurs nowhere any more, or that OpenCC now gets right by itself, is a problem at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .core.convert import Converter, Override, opencc_convert
from .core.fields import Field, Fields, Shape, list_of_mappings, load_yaml_file
from .core.model import Origin
from .core.paths import project_files, read_limited
from .core.problems import Problem
from .core.text import HAN


@dataclass(frozen=True, slots=True)
class Edition:
    """A converted edition of the site."""

    language: str
    """Its language tag (the pages' ``lang``, ``hreflang``, pizhu's catalogue)."""
    opencc: str
    """The OpenCC configuration (``s2tw``: Taiwan's standard characters, the words unchanged)."""
    overrides_file: str
    """The editors' corrections to OpenCC, relative to the project."""
    folder: str
    """Where it is published inside the site (``zh-hant/``)."""


EDITIONS = {"zh-Hant": Edition("zh-Hant", "s2tw", "data/zh-hant.yml", "zh-hant")}
"""Every edition pizhu can build; the simplified original is the site itself."""

OVERRIDE = Shape("conversion override", "A correction to OpenCC for the Traditional edition: wherever the "
                 "simplified phrase occurs, the edition writes the given Traditional form.", (
                     Field("simplified", "text", "The phrase as the simplified text writes it (whole words, "
                           "with enough context to say only what is meant).", required=True),
                     Field("traditional", "text", "How the Traditional edition must write it.", required=True),
                     Field("why", "text", "What OpenCC gets wrong here, for the reviewer.", required=True),
                 ))


def load_overrides(root: Path, edition: Edition, problems: list[Problem]) -> list[Override]:
    """The edition's overrides file, if there is one, read with pizhu's hardened YAML reader."""
    rel = edition.overrides_file
    folder, _, name = rel.rpartition("/")
    if not project_files(root, folder, name, problems):
        return []
    overrides: list[Override] = []
    seen: dict[str, int | None] = {}
    for item in list_of_mappings(load_yaml_file(root, rel, problems), rel, "conversion override", problems):
        f = Fields(item, rel, problems, OVERRIDE)
        simplified, traditional, why = f.text("simplified", required=True), f.text("traditional", required=True), \
            f.text("why", required=True)
        if simplified is None or traditional is None or why is None:
            continue
        if not HAN.search(simplified) or "\n" in simplified or "\n" in traditional:
            f.problem("simplified", f"override \"{simplified}\" is not a phrase of Han characters on one line",
                      "write the simplified phrase as the text has it")
            continue
        if simplified in seen:
            f.problem("simplified", f"\"{simplified}\" is overridden twice (first at {rel}:{seen[simplified]})",
                      "keep one entry")
            continue
        seen[simplified] = item.line
        overrides.append(Override(simplified, traditional, Origin(rel, item.line)))
    return overrides


def check_overrides(edition: Edition, overrides: Iterable[Override], texts: list[str]) -> list[Problem]:
    """Every override must still apply: its phrase occurs, and OpenCC alone writes it otherwise
    at least once (with the text around it, as the edition converts it)."""
    problems = []
    plain = Converter(edition.opencc)
    lines = [line for text in texts for line in text.split("\n") if HAN.search(line)]
    for override in overrides:
        where = [line for line in dict.fromkeys(lines) if override.simplified in line]
        if not where:
            problems.append(Problem(override.origin.file, override.origin.line,
                                    f"override \"{override.simplified}\" no longer applies: the phrase occurs nowhere "
                                    "in the text the edition converts", "remove the entry"))
            continue
        if all(_converted_as(plain, line, override.simplified) == {override.traditional} for line in where):
            problems.append(Problem(override.origin.file, override.origin.line,
                                    f"override \"{override.simplified}\" no longer applies: OpenCC ({edition.opencc}) "
                                    f"already writes it \"{override.traditional}\" everywhere it occurs",
                                    "remove the entry"))
    return problems


def _converted_as(plain: Converter, line: str, phrase: str) -> set[str]:
    converted, offsets = plain.aligned(line)
    found, at = set(), line.find(phrase)
    while at != -1:
        start, end = offsets.span(at, at + len(phrase))
        found.add(converted[start:end])
        at = line.find(phrase, at + 1)
    return found


def converter(root: Path, edition: Edition, problems: list[Problem]) -> Converter:
    """The edition's converter, with its overrides (problems in the file are appended)."""
    return Converter(edition.opencc, load_overrides(root, edition, problems))


def site_texts(root: Path, docs_dir: str, pages: Iterable[str]) -> list[str]:
    """What an edition converts: the generated pages and the site's own Markdown pages."""
    texts = list(pages)
    docs = root / docs_dir
    if docs.is_dir():
        for path in sorted(docs.rglob("*.md")):
            text, _ = read_limited(path, path.relative_to(root).as_posix(), 1024 * 1024)
            texts.append(text or "")
    return texts


def alternate_forms(text: str) -> set[str]:
    """How readers may write ``text`` (simplified) in Traditional: every standard OpenCC knows,
    with and without regional words (软件: 軟件, 軟體)."""
    return {opencc_convert(config, text) for config in ("s2t", "s2tw", "s2twp", "s2hk")} - {text}


SWITCH_SCRIPT = "assets/pizhu-edition.js"
"""The language switch's script: it takes the reader's paragraph along to the other edition."""
_ALTERNATE = re.compile(r'(<link rel="alternate" href="|<a href=")(?P<href>[^"#?]*)(?P<rest>" hreflang="[^"]*")')


def per_page_alternates(html: str, page_url: str) -> str:
    """Material's ``extra.alternate`` links point at each edition's home; make every one point
    at this page in that edition (both editions have the same pages at the same paths).

    Material writes the ``<link rel="alternate" hreflang>`` elements in ``<head>`` and the
    language switch's ``<a hreflang>`` links from the same list, relative to the page; the
    page's own path inside its edition (``page_url``) is appended to each.
    """
    def moved(match: re.Match[str]) -> str:
        href = match["href"]
        return match.group(1) + (href if href.endswith("/") or not href else href + "/") + page_url + match["rest"]

    return _ALTERNATE.sub(moved, html)
