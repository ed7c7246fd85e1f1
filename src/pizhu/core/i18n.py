"""Reader-facing words, by language: one message catalogue per language.

Catalogues are YAML files in ``pizhu/i18n/`` (``zh-Hans.yml``, ``en.yml`` …), flat mappings of
keys to text with ``{name}`` placeholders. The site's language (MkDocs' ``theme.language``)
chooses one; a key missing from it falls back to its base language, then to English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

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
