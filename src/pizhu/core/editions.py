"""Editions of the site: the simplified original and its Traditional conversion; the editors'
corrections to the conversion (``data/zh-hant.yml``).

The site is written in simplified Chinese (the seed, the notes, the glossary). A second
MkDocs build (``mkdocs.zh-hant.yml``, which inherits ``mkdocs.yml``) sets the plugin option
``edition: zh-Hant``, and pizhu converts everything readers see with OpenCC plus the editors'
corrections in ``data/zh-hant.yml`` (:mod:`pizhu.core.convert`). Annotations stay on the
simplified canonical text; the article's blocks are laid out from their conversion through an
offset map, so every mark lands on the same words (:mod:`pizhu.core.convert`). What only the
MkDocs side needs is in :mod:`pizhu.editions`.

Both builds read ``data/zh-hant.yml`` and check it (``pizhu check`` too): an override whose
phrase occurs nowhere any more, or that OpenCC now gets right by itself, is a problem at its line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .convert import Converter, Override, opencc_convert
from .fields import Field, Fields, Shape, list_of_mappings, load_yaml_file
from .model import Origin
from .paths import project_files
from .problems import Problem
from .text import HAN, HAN_RUN


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


SOURCE_LANGUAGE = "zh-Hans"
"""The language of the data (seeds, notes, glossary): the original edition's."""
EDITIONS = {"zh-Hant": Edition("zh-Hant", "s2tw", "data/zh-hant.yml", "zh-hant")}
"""Every edition pizhu can build; the simplified original is the site itself."""

def original_site_url(site_url: str | None, edition: Edition) -> str | None:
    """The original's address, from an edition's (``…/zh-hant/`` -> ``…/``): open data and feeds
    are the original's, wherever they are copied."""
    if site_url and site_url.rstrip("/").endswith("/" + edition.folder):
        return site_url.rstrip("/")[: -len(edition.folder)]
    return site_url


OVERRIDE = Shape("conversion override", "A correction to OpenCC for the Traditional edition: wherever the "
                 "simplified phrase occurs, the edition writes the given Traditional form.", (
                     Field("simplified", "text", "The phrase as the simplified text writes it (whole words, "
                           "with enough context to say only what is meant).", required=True),
                     Field("traditional", "text", "How the Traditional edition must write it: the same words in "
                           "the characters it should use (Han characters only).", required=True),
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
        if not HAN_RUN.fullmatch(simplified):
            f.problem("simplified", f"override \"{simplified}\" is not a phrase of Han characters only",
                      "write the simplified phrase as the text has it (Han characters, no punctuation or markup)")
            continue
        if not HAN_RUN.fullmatch(traditional):
            f.problem("traditional", f"the override of \"{simplified}\" writes \"{traditional}\", which is not Han "
                      "characters only", "write the phrase in Traditional characters (no punctuation or markup)")
            continue
        back = opencc_convert("t2s", traditional)
        if back != simplified:
            # The edition is the article in other characters: an override may choose characters,
            # never change what the text says (净亏损 -> 淨盈利).
            f.problem("traditional", f"the override of \"{simplified}\" writes \"{traditional}\", which is "
                      f"\"{back}\" in simplified characters: it would change what the text says",
                      f"write \"{simplified}\" in the Traditional characters the edition should use")
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


def traditional(root: Path | str) -> Converter:
    """The Traditional edition's converter, for open data that gives both forms (problems in the
    overrides file are the build's to report, not the caller's)."""
    return converter(Path(root), EDITIONS["zh-Hant"], [])
