"""Chinese search that finds what readers type: the build side of it.

Material for MkDocs (9.8) searches with Lunr in a web worker. Measured on the article, it
failed in two places, and the fix has two halves.

**Index side (here, at build time).** The search plugin cuts every run of Han characters with
jieba and puts a zero-width space between the words. jieba does not know 上海阵量, 商汤科技 or
流片, so they were cut into pieces. Every kind may name words that must stay whole (the
glossary names every Han run of two characters or more of its terms and aliases);
:func:`add_words_to_jieba` adds them to jieba in the build's process, where the search plugin
segments with the same jieba. The dictionary is generated from ``data/glossary.yml``; nothing is
kept by hand. Words are given no frequency, so jieba computes one just high enough to keep the
word whole (``suggest_freq``).

A kind may also give entries of its own: each published note becomes its own search entry
(:func:`add_entries`), linking to ``<article>/#note-<id>``, in place of the single "编辑注释"
section that held every note.

**Query side (``docs/assets/pizhu-search.js``, in the browser).** Material's worker rewrites
each Han run of the query with a greedy segmenter over the index's words, and that segmenter
never considers a word that ends at the run's last character: 商汤科技 is searched as 商汤,
上海阵量 as 上海, and an unknown prefix makes it keep the run whole. Letters glued to Han
(AI芯片) stay one token that the index, which separates scripts, never contains. The script
sits between the page and the worker: it wraps ``Worker.prototype.postMessage``, reads the
words of the index from the setup message Material sends, and rewrites each query message:

1. split letters/digits from Han (``AI芯片`` -> ``AI 芯片``), as the index does;
2. cut each Han run into index words, fewest words first and longest first on ties
   (``徐冰卸任`` -> ``徐冰 卸任``), keeping unknown stretches whole;
3. append one padding Han character to each known word, so that Material's segmenter, which
   drops a run's last character, drops the padding and keeps the word (``商汤科技〇``).

Material then adds its usual trailing wildcards, searches (any word may match; documents with
more of the words rank higher) and highlights as before. The reader's text in the search box
is never changed. Everything runs on the page: no request leaves the site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .core.text import HAN_RUN
from .kinds import Context, SpanKind

ZERO_WIDTH_SPACE = "\u200b"


def dictionary_words(words: Iterable[str]) -> list[str]:
    """Han runs of two characters or more in ``words``, each once, in first-seen order.

    Only Han runs count because the search plugin only gives Han runs to jieba: "AI芯片"
    contributes "芯片", "大装置-大模型-应用" contributes three words.
    """
    found: dict[str, None] = {}
    for word in words:
        for run in HAN_RUN.findall(word):
            if len(run) >= 2:
                found.setdefault(run, None)
    return list(found)


def add_words_to_jieba(words: Iterable[str]) -> None:
    """Teach jieba, in this process, every word of :func:`dictionary_words`.

    The search plugin segments pages with the same global jieba in the same process, so no
    dictionary file is written: nothing leaves the site folder. Like ``jieba_dict_user``
    lines without a frequency, each word gets one just high enough to stay whole. Under
    ``mkdocs serve`` a word removed from the glossary stays known until the server restarts
    (removing it could also remove it from jieba's own dictionary).
    """
    import jieba

    for word in dictionary_words(words):
        jieba.add_word(word)


def segment(text: str, cut: Callable[[str], Iterable[str]]) -> str:
    """Put zero-width spaces around the words of each Han run, like the search plugin does."""
    def words(match: re.Match[str]) -> str:
        return ZERO_WIDTH_SPACE + ZERO_WIDTH_SPACE.join(cut(match.group(0))) + ZERO_WIDTH_SPACE
    return HAN_RUN.sub(words, text).strip(ZERO_WIDTH_SPACE)


def kind_entries(kinds: Sequence[SpanKind], ctx: Context,
                 cut: Callable[[str], Iterable[str]] | None = None) -> dict[str, list[dict[str, str]]]:
    """Every kind's own search entries, segmented like the search plugin's, by page.

    Args:
        cut: word segmenter; jieba's (with whatever words it has been taught) by default.
    """
    if cut is None:
        import jieba
        cut = jieba.cut
    words: dict[str, list[str]] = {}  # the same run of Han text is cut once

    def cached(run: str) -> list[str]:
        if run not in words:
            words[run] = list(cut(run))
        return words[run]

    entries: dict[str, list[dict[str, str]]] = {}
    for kind in kinds:
        for page, items in kind.search_entries(ctx).items():
            entries.setdefault(page, []).extend({**item, "title": segment(item["title"], cached),
                                                 "text": segment(item["text"], cached)} for item in items)
    return entries


def add_entries(index: dict[str, Any], entries: Mapping[str, list[dict[str, str]]],
                replaced_fragment: str = "notes") -> dict[str, Any]:
    """Put each page's extra entries where its "编辑注释" section (``<page>#notes``) was.

    The entries go after the page's own entry, which Material needs to come first; a page
    without such a section gets them after its last entry.
    """
    docs: list[dict[str, Any]] = []
    pending = dict(entries)
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        page, _, fragment = location.partition("#")
        if page in pending and fragment == replaced_fragment:
            docs += pending.pop(page)
            continue
        docs.append(doc)
    for page, extra in pending.items():
        last = max((i for i, d in enumerate(docs) if d.get("location", "").partition("#")[0] == page), default=None)
        if last is None:
            continue
        docs[last + 1:last + 1] = extra
    return {**index, "docs": docs}


def index_kind_entries(index_file: Path, kinds: Sequence[SpanKind], ctx: Context) -> None:
    """Add every kind's own entries to the search index Material wrote (if any)."""
    if not index_file.exists():
        return
    data = add_entries(json.loads(index_file.read_text(encoding="utf-8")), kind_entries(kinds, ctx))
    index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
