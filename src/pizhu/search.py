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

**Both scripts, regional words and pinyin (:func:`reader_forms`).** Readers type what they
write, not what the edition is written in: 商湯科技 on the simplified edition, 商汤科技 on the
Traditional one, Taiwan's 晶片 and 軟體 for the article's 芯片 and 软件, or toneless pinyin
(xubing, xi wang). At build time, from the index's own words, this writes into
``search_index.json`` a character map to the edition's script, the phrases that characters
alone do not convert (regional words, and words a character map would spoil: 阿里巴巴 stays
阿里巴巴), and the toneless pinyin of the glossary's people, organisations and products (from each entry's
``pinyin``, generated or written by the editors). They sit in the index's ``config.pizhu``:
Material hands its worker the index's ``config``, so the maps reach the query side with the
index and nothing more is fetched. The query side rewrites what was typed to the edition's
words before it cuts Han runs. A converted edition's text is cut by jieba as the original's is
(:func:`edition_words`).

**The other engine.** With the plugin option ``search_engine: pagefind`` (large sites), Pagefind
writes the index instead, from the same cutting (:mod:`pizhu.pagefind`); the maps above are
computed from its words (:func:`forms_of_words`) and the query side's rewriting is shared
(``assets/pizhu-query.js``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .core.convert import opencc_convert, opencc_convert_each, release_opencc
from .core.extras import chinese_module
from .core.i18n import catalogue_name
from .core.text import HAN, HAN_RUN
from .editions import alternate_forms
from .kinds import Context, SpanKind
from .kinds.glossary.model import all_terms, strip_tones

PINYIN_CATEGORIES = ("person", "organization", "product")
"""Glossary categories whose names are found by their pinyin (concepts are words, not names)."""
TEXT_CONFIGS = ("s2t", "s2tw", "s2hk")
"""Character standards readers may type Traditional in (s2twp adds regional words, handled as phrases)."""

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


_TAUGHT: set[str] = set()
"""Words this process has taught jieba (jieba's dictionary is global and only grows)."""
_CUTS: dict[object, list[str]] = {}
"""jieba's cuts by text, while :func:`remember_cuts` is on; emptied when jieba learns a word."""


def load_jieba() -> None:
    """Load jieba's dictionary now (the first word taught or text cut would load it)."""
    jieba = chinese_module("jieba")
    jieba.initialize()


def add_words_to_jieba(words: Iterable[str]) -> None:
    """Teach jieba, in this process, every word of :func:`dictionary_words`.

    The search plugin segments pages with the same global jieba in the same process, so no
    dictionary file is written: nothing leaves the site folder. Like ``jieba_dict_user``
    lines without a frequency, each word gets one just high enough to stay whole (once: taught
    again, a word's frequency would creep up by one per rebuild). Under ``mkdocs serve`` a word
    removed from the glossary stays known until the server restarts (removing it could also
    remove it from jieba's own dictionary).
    """
    new = [word for word in dictionary_words(words) if word not in _TAUGHT]
    if not new:
        return  # (a site without Chinese words never imports jieba: it may not be installed)
    jieba = chinese_module("jieba")
    for word in new:
        jieba.add_word(word)
    _TAUGHT.update(new)
    _CUTS.clear()


def remember_cuts() -> None:
    """While ``mkdocs serve`` runs, jieba's default cut is remembered by text.

    Material's search plugin cuts every Han run of every page on every rebuild, and after one
    edit nearly all of them are what they were: a third of a rebuild of this site. The cut
    depends on the text and on the words jieba knows; :func:`add_words_to_jieba` forgets every
    cut when it teaches a new word. A one-off build does not use this (its texts are all new).
    """
    try:
        import jieba
    except ImportError:  # a site without Chinese, installed without pizhu's Chinese extra
        return

    if getattr(jieba.cut, "pizhu_remembers", False):
        return
    original = jieba.cut

    def cut(sentence: object, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False) -> Iterator[str]:  # noqa: N803 - jieba's name
        if cut_all or not HMM or use_paddle:
            return iter(original(sentence, cut_all, HMM, use_paddle))
        found = _CUTS.get(sentence)
        if found is None:
            found = _CUTS[sentence] = list(original(sentence))
        return iter(found)

    cut.pizhu_remembers = True  # type: ignore[attr-defined]
    jieba.cut = cut


def edition_words(texts: Iterable[str], convert: Callable[[str], str]) -> list[str]:
    """The words jieba finds in the simplified ``texts``, as a converted edition writes them.

    jieba's dictionary is simplified: taught these, it cuts the edition's text where it cuts the
    original (裁員, 多媒體 stay whole), so the same queries find the same passages.
    """
    jieba = chinese_module("jieba")
    found: dict[str, None] = {}
    for text in texts:
        for run in HAN_RUN.findall(text):
            for word in jieba.cut(run, HMM=False):
                if len(word) >= 2:
                    found.setdefault(word, None)
    return [converted for word in found if (converted := convert(word)) != word]


def segment(text: str, cut: Callable[[str], Iterable[str]]) -> str:
    """Put zero-width spaces around the words of each Han run, like the search plugin does."""
    def words(match: re.Match[str]) -> str:
        return ZERO_WIDTH_SPACE + ZERO_WIDTH_SPACE.join(cut(match.group(0))) + ZERO_WIDTH_SPACE
    return HAN_RUN.sub(words, text).strip(ZERO_WIDTH_SPACE)


def kind_entries(kinds: Sequence[SpanKind], ctx: Context, cut: Callable[[str], Iterable[str]] | None = None,
                 convert: Callable[[str], str] | None = None) -> dict[str, list[dict[str, str]]]:
    """Every kind's own search entries, segmented like the search plugin's, by page.

    Args:
        cut: word segmenter; jieba's (with whatever words it has been taught) by default.
        convert: an edition's conversion of the entries' (HTML-escaped) text.
    """
    words: dict[str, list[str]] = {}  # the same run of Han text is cut once

    def cached(run: str) -> list[str]:
        nonlocal cut
        if cut is None:  # (imported at the first Han run: a site without Chinese may not have jieba)
            cut = chinese_module("jieba").cut
        if run not in words:
            words[run] = list(cut(run))
        return words[run]

    change = convert or (lambda text: text)
    entries: dict[str, list[dict[str, str]]] = {}
    for kind in kinds:
        for page, items in kind.search_entries(ctx).items():
            entries.setdefault(page, []).extend({**item, "title": segment(change(item["title"]), cached),
                                                 "text": segment(change(item["text"]), cached)} for item in items)
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


def index_kind_entries(index_file: Path, kinds: Sequence[SpanKind], ctx: Context,
                       convert: Callable[[str], str] | None = None, *, last_conversion: bool = False) -> None:
    """Add every kind's own entries to the search index Material wrote (if any), and the forms
    readers may type (:func:`reader_forms`).

    ``last_conversion``: nothing converts text after the reader forms (a build, not ``mkdocs
    serve``), so OpenCC's dictionaries go before the index is written, the moment of the
    build's most memory (at 100 articles 292 -> 282 MiB; they would be freed at exit anyway).
    """
    if not index_file.exists():
        return
    data = add_entries(json.loads(index_file.read_text(encoding="utf-8")), kind_entries(kinds, ctx, convert=convert))
    forms = reader_forms(data, ctx, convert)
    if last_conversion:
        release_opencc()
    # Material hands its worker the index's config and docs, nothing else: the maps ride in config.
    data.setdefault("config", {})["pizhu"] = forms
    index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_words(index: Mapping[str, Any]) -> list[str]:
    """The Han words of a search index, as the page's script reads them (tags dropped, split by
    the index's separator), most frequent first."""
    separator = re.compile(index.get("config", {}).get("separator") or r"[\s\-]+")
    counts: dict[str, int] = {}
    for doc in index.get("docs", []):
        for field in (doc.get("title"), doc.get("text")):
            for token in separator.split(re.sub(r"<[^>]*>", " ", str(field or ""))):
                if HAN.search(token):
                    counts[token.lower()] = counts.get(token.lower(), 0) + 1
    return sorted(counts, key=lambda w: -counts[w])


def reader_forms(index: Mapping[str, Any], ctx: Context, convert: Callable[[str], str] | None = None,
                 ) -> dict[str, dict[str, str]]:
    """What the query side needs to meet readers where they type, from the index's own words.

    - ``chars``: a character in the other script -> the edition's (the simplified edition: every
      Traditional standard's form of each character it uses; the Traditional edition: the
      simplified character, and Hong Kong's form, of each character it uses);
    - ``phrases``: forms of an index word that ``chars`` alone would not turn into it: regional
      words (晶片 -> 芯片), and the word itself where a character of it is a key of ``chars``
      (never a form that is an index word itself: that one is searched as it is);
    - ``pinyin``: toneless pinyin, without spaces, of the glossary's people, organisations and
      products -> the name as the edition writes it (xubing -> 徐冰).
    """
    return forms_of_words(index_words(index), ctx, convert)


def forms_of_words(words: list[str], ctx: Context, convert: Callable[[str], str] | None = None,
                   ) -> dict[str, dict[str, str]]:
    """:func:`reader_forms` from the index's Han words (lower case, most frequent first), for
    engines whose index is not Material's (:mod:`pizhu.pagefind`)."""
    # The index is in Traditional characters in a converted edition, and on a site whose own
    # language is Traditional Chinese (an article written in them): readers may type simplified.
    traditional = convert is not None or catalogue_name(ctx.options.language) == "zh-Hant"
    sources = dict(zip(words, opencc_convert_each("t2s", words) if traditional else words, strict=True))
    mainland = dict(zip(words, opencc_convert_each("tw2sp", words), strict=True)) if traditional else {}
    chars = _char_map(words, sources, edition=traditional)

    def by_chars(text: str) -> str:
        return "".join(chars.get(c, c) for c in text)

    phrases: dict[str, str] = {}
    rank = {word: number for number, word in enumerate(words)}
    for word, alternates in zip(words, alternate_forms([sources[w] for w in words]), strict=True):
        for form in sorted({word, sources[word], mainland.get(word, word), *alternates}):  # 晶片: 芯片
            # A form that is an index word of its own is searched as itself; a word is kept from
            # the character map (阿里巴巴 is no 阿裡巴巴) unless that spelling is the commoner one.
            kept = form == word and rank.get(by_chars(word), len(words)) > rank[word]
            if by_chars(form) != word and (kept or form not in rank):
                phrases.setdefault(form, word)
    return {"chars": chars, "phrases": phrases, "pinyin": glossary_pinyin(ctx, convert)}


def _char_map(words: list[str], sources: dict[str, str], *, edition: bool) -> dict[str, str]:
    """Characters of the other script -> the edition's, from the index's words (most frequent first)."""
    used: dict[str, int] = {}
    for word in words:
        for char in HAN.findall(word):
            used[char] = used.get(char, 0) + 1
    pairs = [(edition_char, source_char) for word in words if len(word) == len(sources[word])
             for edition_char, source_char in zip(word, sources[word], strict=True) if HAN.match(edition_char)]
    # The Traditional edition: the simplified character, and Hong Kong's, lead to its own;
    # the simplified edition: every Traditional standard's form of its character.
    keys = sorted({source_char if edition else edition_char for edition_char, source_char in pairs})
    configs = ("s2hk",) if edition else TEXT_CONFIGS
    converted = {config: dict(zip(keys, opencc_convert_each(config, keys), strict=True)) for config in configs}
    candidates: dict[str, dict[str, int]] = {}
    for edition_char, source_char in pairs:
        forms = {source_char, converted["s2hk"][source_char]} if edition else \
            {converted[config][edition_char] for config in TEXT_CONFIGS}
        for form in sorted(forms - {edition_char}):  # in a set's order, builds would differ
            if len(form) == 1:
                counts = candidates.setdefault(form, {})
                counts[edition_char] = counts.get(edition_char, 0) + 1
    # A form maps to the edition's character it most often stands for, unless the edition itself
    # uses it more often than that (a character both scripts have, like 于 and 於).
    chars = {}
    for form, targets in candidates.items():
        target = max(targets, key=lambda c: (used.get(c, 0), c))
        if used.get(form, 0) < used.get(target, 0):
            chars[form] = target
    return chars


def glossary_pinyin(ctx: Context, convert: Callable[[str], str] | None = None) -> dict[str, str]:
    """Toneless pinyin -> name, for the glossary's people, organisations and products.

    The syllables come from the entries' own ``pinyin`` (written in the data and checked by the
    editors, so polyphones are right), character by character: an alias is spelled when every
    character of it is spelled by some entry (商汤 of 商汤科技; 阿里 of 阿里巴巴), never guessed
    (and pypinyin's dictionary is not loaded by the build).
    """
    terms = [t for t in all_terms(ctx.project) if t.category in PINYIN_CATEGORIES]
    syllables: dict[str, str] = {}
    for term in terms:
        spelled = strip_tones(term.pinyin).lower().split()
        plain = opencc_convert("t2s", term.term)  # (a term written in Traditional: 林美華 is looked up as 林美华)
        if HAN_RUN.fullmatch(term.term) and len(spelled) == len(term.term) == len(plain):
            for char, syllable in zip(plain, spelled, strict=True):
                syllables.setdefault(char, syllable)
    found: dict[str, str] = {}
    for term in terms:
        for form in [term.term, *term.aliases]:
            if not HAN_RUN.fullmatch(form):
                continue
            plain = opencc_convert("t2s", form)
            if all(char in syllables for char in plain):
                key = "".join(syllables[char] for char in plain).replace("ü", "v")
                found.setdefault(key, convert(form) if convert else form)
    return found
