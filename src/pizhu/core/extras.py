"""What a site in Chinese needs installed: ``pip install 'pizhu[chinese]'``.

jieba (the search's word segmentation), OpenCC (the Traditional edition, and the Traditional
forms readers may type) and pypinyin (glossary pinyin) are an extra, so that a newsroom
publishing in another language installs none of them. A site that needs them and lacks one is
told so before anything is built, instead of failing halfway with an import error.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from .problems import Problem
from .text import HAN

CHINESE = ("jieba", "opencc", "pypinyin")
INSTALL = "install pizhu with its Chinese extra: pip install 'pizhu[chinese]'"


class MissingExtraError(Exception):
    """A package of the Chinese extra was needed and is not installed (said in words, no traceback)."""


def chinese_module(name: str) -> ModuleType:
    """``jieba``, ``opencc`` or ``pypinyin``, imported where Chinese text first needs it."""
    try:
        return import_module(name)
    except ImportError:
        raise MissingExtraError(f"pizhu: the site has Chinese text, which needs {name} (not installed); "
                                f"{INSTALL}") from None


def missing_chinese() -> list[str]:
    """The Chinese extra's packages that are not installed."""
    return [name for name in CHINESE if find_spec(name) is None]


def chinese_problems(where: str, texts: list[str], language: str) -> list[Problem]:
    """A problem when the site is in Chinese, or has Chinese text, and the extra is missing (the
    texts are looked at only then: an installed extra costs no scan)."""
    missing = missing_chinese()
    if not missing or not (language.lower().startswith("zh") or any(HAN.search(text) for text in texts)):
        return []
    return [Problem(where, None, f"the site has Chinese text, which needs {', '.join(missing)} (not installed)",
                    INSTALL)]
