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
import string
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .fields import load_yaml_file
from .paths import confined
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


def site_messages(root: Path, folder: str, language: str, problems: list[Problem]) -> Messages:
    """pizhu's words for ``language``, with the site's own from ``<folder>/<language>.yml``.

    The file is optional. Each of its keys must be one of pizhu's (``en.yml`` has them all, a
    singular ``<key>.one`` included), each value text whose ``{placeholders}`` are among those
    pizhu fills in for that key; every problem is reported at its line.
    """
    messages = Messages.for_language(language)
    base = confined(root, folder) if folder else None
    if not isinstance(base, Path):
        if base:
            problems.append(Problem("mkdocs.yml", None, f"the pizhu option `messages`: {base}",
                                    "name a folder inside the project"))
        return messages
    name = catalogue_name(language)
    path = base / f"{name}.yml"
    if not path.is_file():
        return messages
    rel = path.relative_to(root).as_posix()
    data = load_yaml_file(root, rel, problems)
    if data is None:
        return messages
    if not isinstance(data, LineMap):
        problems.append(Problem(rel, getattr(data, "line", 1), "expected a mapping of message keys to words",
                                "write one `key: words` per line, with the keys of pizhu's i18n/en.yml"))
        return messages
    english, texts = _catalogue("en"), dict(messages.texts)
    for key, text in data.items():
        wrong = _wrong_message(key, text, english)
        if wrong:
            problems.append(Problem(rel, data.line_of(key), *wrong))
        else:
            texts[key] = text
    return replace(messages, language=name, texts=texts)


def _wrong_message(key: str, text: Any, english: dict[str, str]) -> tuple[str, str] | None:
    """What is wrong with the site's message ``key: text`` (``None``: nothing), and what to do."""
    known = english.get(key.removesuffix(ONE) if key.endswith(ONE) else key)
    if known is None:
        close = difflib.get_close_matches(key, english, n=1)
        return (f"pizhu has no message \"{key}\"",
                f"did you mean \"{close[0]}\"?" if close else "use a key of pizhu's i18n/en.yml")
    if not isinstance(text, str):
        return f"the words of \"{key}\" are not text", "put them in quotes"
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        return f"the words of \"{key}\" have a stray brace ({exc})", "write {{ and }} for a brace shown as itself"
    allowed = {name for _, name, _, _ in string.Formatter().parse(known) if name}
    if used - allowed:
        return (f"the words of \"{key}\" use {', '.join('{' + n + '}' for n in sorted(used - allowed))}, "
                "which pizhu does not fill in here",
                f"use only {', '.join('{' + n + '}' for n in sorted(allowed))}" if allowed else "remove the braces")
    return None
