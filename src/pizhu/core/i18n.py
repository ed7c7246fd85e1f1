"""Reader-facing words, by language: one message catalogue per language.

Catalogues are YAML files in ``pizhu/i18n/`` (``zh-Hans.yml``, ``en.yml`` …), flat mappings of
keys to text with ``{name}`` placeholders. The site's language (MkDocs' ``theme.language``)
chooses one; a key missing from it falls back to its base language, then to English.

A site adds its own words (:func:`site_messages`): ``<messages folder>/<language>.yml`` beside
its ``mkdocs.yml`` (``i18n/ja.yml``), in the same form, overrides pizhu's words key by key, so a
newsroom publishing in a language pizhu has no catalogue for writes only that file.
"""

from __future__ import annotations

import difflib
import json
import re
import string
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .fields import load_yaml_file
from .paths import confined, inside
from .problems import Problem
from .yamlio import LineMap

ALIASES = {"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans": "zh-Hans",
           "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant": "zh-Hant", "zh-tw-hant": "zh-Hant"}
"""MkDocs/Material language codes -> catalogue names."""


def catalogue_name(language: str) -> str:
    """``zh`` -> ``zh-Hans``, ``zh-TW`` -> ``zh-Hant``, ``en`` -> ``en``."""
    return ALIASES.get(language.lower(), language)


@cache
def _catalogue(name: str) -> dict[str, str]:
    path = resources.files("pizhu") / "i18n" / f"{name}.yml"
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {str(k): str(v) for k, v in data.items()}


_DATE = {"year", "month", "mm", "month_name"}
FILLED = {"date.year": {"year"}, "date.month": _DATE, "date.day": _DATE | {"day", "dd"}}
"""Placeholders pizhu fills into a message beyond those its English words show (a German site
writes ``date.day: "{dd}.{mm}.{year}"``)."""

SETTINGS = {"number.group_from": (r"[1-9]\d{0,6}", "a whole number, e.g. 1000"),
            "number.thousands": (r"[^\d\s]|\u00a0|\u202f| ", "one character, e.g. , or ."),
            "number.point": (r"[^\d\s]", "one character, e.g. . or ,")}
"""Keys whose words are settings, not words: what they must look like."""

ONE = ".one"
"""The suffix of a message's singular, where a language has one (English; Chinese has none)."""


@dataclass(frozen=True, slots=True)
class Messages:
    """The words of one language, with fallbacks."""

    language: str
    """The catalogue's language tag (``zh-Hans``, ``en``): also the pages' ``lang``."""
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_language(cls, language: str) -> Messages:
        name = catalogue_name(language)
        texts: dict[str, str] = {}
        base = name.split("-")[0]
        for catalogue in (_catalogue("en"), _catalogue(base) if base != name else {}, _catalogue(name)):
            for key, text in catalogue.items():
                texts[key] = text
                if f"{key}{ONE}" not in catalogue:  # a singular goes with its own language's plural
                    texts.pop(f"{key}{ONE}", None)
        return cls(name if _catalogue(name) else "en", texts)

    def __call__(self, key: str, **values: Any) -> str:
        """The text for ``key`` with ``{placeholders}`` filled in; a missing key is an error.
        With ``count=1``, ``<key>.one`` when the language has it ("1 row", not "1 rows")."""
        if values.get("count") == 1 and f"{key}{ONE}" in self.texts:
            key = f"{key}{ONE}"
        try:
            text = self.texts[key]
        except KeyError:
            raise KeyError(f"no message \"{key}\" for {self.language}") from None
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self.texts

    def date(self, date: str) -> str:
        """A date of the data (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) in readers' words:
        "2025年4月10日", "10 April 2025" (keys ``date.day``, ``date.month``, ``date.year``, with
        ``{month_name}`` from ``month.<1-12>``). Anything else is shown as it is written."""
        parts = date.split("-")
        if not 1 <= len(parts) <= 3 or not all(part.isascii() and part.isdigit() for part in parts) or \
                (len(parts) > 1 and not 1 <= int(parts[1]) <= 12):
            return date
        year, month, day = [*parts, "", ""][:3]
        name = self(f"month.{int(month)}") if month else ""
        return self(("date.year", "date.month", "date.day")[len(parts) - 1], year=year, month=month.lstrip("0"),
                    day=day.lstrip("0"), mm=month, dd=day, month_name=name)

    def with_words(self, words: dict[str, str], language: str) -> Messages:
        """These words with a site's own over them; with any, the language is the site's
        (``de``, even where pizhu has no catalogue and its words fall back to English)."""
        if not words:
            return self
        return replace(self, language=catalogue_name(language), texts={**self.texts, **words})


def words_table(language: str, site: dict[str, str]) -> list[tuple[str, str, str]]:
    """Every key a site in ``language`` has words for: ``(key, words, where from)``, in the
    order of pizhu's English catalogue; where from is ``site`` (the site's own file), the
    catalogue that gives them (``zh-Hans``) or ``en`` (pizhu has no words of that language for
    the key: what a newsroom translates)."""
    name = catalogue_name(language)
    base = name.split("-")[0]
    texts = {**Messages.for_language(language).texts, **site}
    keys = [key for key in _catalogue("en") if key in texts] + [key for key in texts if key not in _catalogue("en")]
    return [(key, texts[key], "site" if key in site else name if key in _catalogue(name)
             else base if key in _catalogue(base) else "en") for key in keys]


def site_messages(root: Path, folder: str, language: str, problems: list[Problem]) -> Messages:
    """pizhu's words for ``language`` with the site's own (:func:`site_words`) over them."""
    return Messages.for_language(language).with_words(site_words(root, folder, language, problems), language)


def site_words(root: Path, folder: str, language: str, problems: list[Problem]) -> dict[str, str]:
    """The site's own words for ``language``, from ``<folder>/<language>.yml`` (optional).

    Each key must be one of pizhu's (``en.yml`` has them all, a singular ``<key>.one``
    included); each value non-empty text, whose ``{placeholders}`` (where pizhu fills some in)
    are among those pizhu fills in for that key, without conversions or formats. Every problem is
    reported at its line, and a file named for the language by another of its names (``zh.yml``
    for ``zh-Hans.yml``) is reported rather than left unread.
    """
    base = confined(root, folder) if folder else None
    if not isinstance(base, Path):  # (a folder outside the project is a problem of the option: pizhu.build)
        return {}
    name = catalogue_name(language)
    misnamed = [other for other in sorted(base.glob("*.y*ml")) if other.name != f"{name}.yml"
                and other.suffix in (".yml", ".yaml") and catalogue_name(other.stem) == name]
    problems += [Problem(other.relative_to(root).as_posix(), None, f"pizhu reads the words for {name} from "
                         f"{name}.yml, not this file", f"rename it {name}.yml") for other in misnamed]
    path = base / f"{name}.yml"
    if not path.is_file():
        return {}
    rel = path.relative_to(root).as_posix()
    if not inside(root, path):
        problems.append(Problem(rel, None, "is a link to a file outside the project", "replace the link by the file itself"))
        return {}
    data = load_yaml_file(root, rel, problems)
    if data is None:
        return {}
    if not isinstance(data, LineMap):
        problems.append(Problem(rel, getattr(data, "line", 1), "expected a mapping of message keys to words",
                                "write one `key: words` per line, with the keys of pizhu's i18n/en.yml"))
        return {}
    english, words = _catalogue("en"), {}
    for key, text in data.items():
        wrong = _wrong_message(key, text, english)
        if wrong:
            problems.append(Problem(rel, data.line_of(key), *wrong))
        else:
            words[key] = text
    return words


def _wrong_message(key: str, text: Any, english: dict[str, str]) -> tuple[str, str] | None:
    """What is wrong with the site's message ``key: text`` (``None``: nothing), and what to do."""
    known = english.get(key.removesuffix(ONE) if key.endswith(ONE) else key)
    if known is None:
        close = difflib.get_close_matches(key, english, n=1)
        return (f"pizhu has no message \"{key}\"",
                f"did you mean \"{close[0]}\"?" if close else "use a key of pizhu's i18n/en.yml")
    if not isinstance(text, str):
        return f"the words of \"{key}\" are not text", "put them in quotes"
    if not text.strip() and key not in SETTINGS:
        return f"the words of \"{key}\" are empty", "write them, or remove the key to keep pizhu's"
    if key in SETTINGS and not re.fullmatch(SETTINGS[key][0], text):
        return f"\"{key}\" is {json.dumps(text, ensure_ascii=False)}, not {SETTINGS[key][1]}", f"write {SETTINGS[key][1]}"
    return _wrong_placeholders(key, text, _placeholders(known) | FILLED.get(key, set()))


def _wrong_placeholders(key: str, text: str, allowed: set[str]) -> tuple[str, str] | None:
    """Placeholders pizhu does not fill in, formatted ones, stray braces (where pizhu fills some in)."""
    if not allowed:
        return None  # pizhu fills nothing in: braces are shown as written
    try:
        fields = [(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None]
    except ValueError as exc:
        return f"the words of \"{key}\" have a stray brace ({exc})", "write {{ and }} for a brace shown as itself"
    shown = ", ".join("{" + n + "}" for n in sorted(allowed))
    unknown = sorted({name for name, _, _ in fields} - allowed)
    if unknown:
        return (f"the words of \"{key}\" use {', '.join('{' + n + '}' for n in unknown)}, "
                "which pizhu does not fill in here", f"use only {shown}")
    if any(conversion or spec for _, conversion, spec in fields):
        return (f"the words of \"{key}\" format a placeholder (`!` or `:` inside braces)",
                f"write the placeholders plainly: {shown}")
    return None


def _placeholders(text: str) -> set[str]:
    """The names pizhu fills into one of its own messages."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
