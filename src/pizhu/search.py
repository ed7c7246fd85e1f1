"""Chinese search that finds what readers type: the build side of it.

Material for MkDocs (9.8) searches with Lunr in a web worker. Measured on the article, it
failed in two places, and the fix has two halves.

**Index side (here, at build time).** The search plugin cuts every run of Han characters with
jieba and puts a zero-width space between the words. jieba does not know 上海阵量, 商汤科技 or
流片, so they were cut into pieces. :func:`user_dictionary` turns every Han run (two characters
or more) of every glossary term and alias into a jieba user-dictionary line; the pizhu plugin
adds them to jieba in the build's process (:func:`add_words_to_jieba`), where the search plugin
segments with the same jieba. The dictionary is generated from ``data/glossary.yml``; nothing is
kept by hand. Words are given no frequency, so jieba computes one just high enough to keep the
word whole (``suggest_freq``).

Each published note also becomes its own search entry (:func:`add_note_entries`), linking to
``<article>/#note-<id>``, in place of the single "编辑注释" section that held every note.

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

import html
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .model import Project

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
"""Runs of Han characters: what the search plugin hands to jieba (approximately its
``\\p{script: Han}+``, without the rare radicals and symbols)."""
ZERO_WIDTH_SPACE = "\u200b"
_TAG = re.compile(r"<[^>]+>")


def dictionary_words(forms: Iterable[str]) -> list[str]:
    """Han runs of two characters or more in ``forms``, each once, in first-seen order.

    Only Han runs count because the search plugin only gives Han runs to jieba: "AI芯片"
    contributes "芯片", "大装置-大模型-应用" contributes three words.
    """
    words: dict[str, None] = {}
    for form in forms:
        for run in HAN_RUN.findall(form):
            if len(run) >= 2:
                words.setdefault(run, None)
    return list(words)


def user_dictionary(terms: Iterable[Any]) -> str:
    """A jieba user dictionary (one word per line) from every term and alias of ``terms``."""
    words = dictionary_words(form for term in terms for form in term.forms)
    return "".join(f"{word}\n" for word in words)


def add_words_to_jieba(terms: Iterable[Any]) -> None:
    """Teach jieba, in this process, every Han word of the glossary (see :func:`user_dictionary`).

    The search plugin segments pages with the same global jieba in the same process, so no
    dictionary file is written: nothing leaves the site folder. Like ``jieba_dict_user``
    lines without a frequency, each word gets one just high enough to stay whole. Under
    ``mkdocs serve`` a word removed from the glossary stays known until the server restarts
    (removing it could also remove it from jieba's own dictionary).
    """
    import jieba

    for word in dictionary_words(form for term in terms for form in term.forms):
        jieba.add_word(word)


def segment(text: str, cut: Callable[[str], Iterable[str]]) -> str:
    """Put zero-width spaces around the words of each Han run, like the search plugin does."""
    def words(match: re.Match[str]) -> str:
        return ZERO_WIDTH_SPACE + ZERO_WIDTH_SPACE.join(cut(match.group(0))) + ZERO_WIDTH_SPACE
    return HAN_RUN.sub(words, text).strip(ZERO_WIDTH_SPACE)


def note_entries(project: Project, article_url: Callable[[str], str],
                 cut: Callable[[str], Iterable[str]] | None = None) -> dict[str, list[dict[str, str]]]:
    """One search entry per published note, by the URL of its article page.

    The title names the note ("注释3 · 核查 · 属实"); the text is the quoted passage and
    the note's body, as escaped text the way the search plugin stores it.

    Args:
        project: the loaded project.
        article_url: site URL of an article's page, by article id (``sensetime-xu-bing/``).
        cut: word segmenter; jieba's (with whatever dictionaries it has loaded) by default.
    """
    from .notes import KINDS, VERDICTS

    if cut is None:
        import jieba
        cut = jieba.cut

    entries: dict[str, list[dict[str, str]]] = {}
    for note in sorted((n for n in project.notes if n.published), key=lambda n: (n.article_id, n.number)):
        base = article_url(note.article_id)
        title = " · ".join([f"注释{note.number}", KINDS[note.kind],
                            *([VERDICTS[note.verdict]] if note.verdict else []), *([note.title] if note.title else [])])
        body = html.unescape(_TAG.sub(" ", note.body_html))
        text = html.escape(f"“{note.anchor}” {' '.join(body.split())}", quote=False)
        # Material renders result titles and texts as HTML: both are escaped text, like its own.
        entries.setdefault(base, []).append({"location": f"{base}#{note.html_id}",
                                             "title": segment(html.escape(title, quote=False), cut),
                                             "text": segment(text, cut)})
    return entries


def add_note_entries(index: dict[str, Any], entries: dict[str, list[dict[str, str]]],
                     notes_fragment: str = "notes") -> dict[str, Any]:
    """Replace each article's "编辑注释" section (``<article>#notes``) by one entry per note.

    The notes go where that section was, after the article's own entry, which Material needs
    to come first; an article without such a section gets its notes after its last entry.
    """
    docs: list[dict[str, Any]] = []
    pending = dict(entries)
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        page, _, fragment = location.partition("#")
        if page in pending and fragment == notes_fragment:
            docs += pending.pop(page)
            continue
        docs.append(doc)
    for page, notes in pending.items():
        last = max((i for i, d in enumerate(docs) if d.get("location", "").partition("#")[0] == page), default=None)
        if last is None:
            continue
        docs[last + 1:last + 1] = notes
    return {**index, "docs": docs}


def index_notes(index_file: Path, project: Project) -> None:
    """Give each published note its own entry in the search index Material wrote (if any)."""
    if not index_file.exists():
        return
    from .render import article_page
    from .urls import page_dir

    entries = note_entries(project, lambda article_id: page_dir(article_page(article_id)))
    data = add_note_entries(json.loads(index_file.read_text(encoding="utf-8")), entries)
    index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
