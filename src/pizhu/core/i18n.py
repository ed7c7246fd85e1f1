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


@dataclass(frozen=True, slots=True)
class Messages:
    """The words of one language, with fallbacks."""

    language: str
    """The catalogue's language tag (``zh-Hans``, ``en``): also the pages' ``lang``."""
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_language(cls, language: str) -> Messages:
        name = catalogue_name(language)
        texts = dict(_catalogue("en"))
        base = name.split("-")[0]
        if base != name:
            texts.update(_catalogue(base))
        texts.update(_catalogue(name))
        return cls(name if _catalogue(name) else "en", texts)

    def __call__(self, key: str, **values: Any) -> str:
        """The text for ``key`` with ``{placeholders}`` filled in; a missing key is an error."""
        try:
            text = self.texts[key]
        except KeyError:
            raise KeyError(f"no message \"{key}\" for {self.language}") from None
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self.texts
