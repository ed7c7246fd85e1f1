"""Search at scale: the site's search index written by Pagefind, in pizhu's own words.

Material's search index is one file that grows ~12 KB (Brotli) per article: 1.2 MB at 100
articles, fetched whole before the first result (issue 11). With the plugin option
``search_engine: pagefind``, Pagefind (PyPI ``pagefind[extended]``, a binary run once per build)
writes a chunked index into ``<site>/pagefind/``; a first query fetches its ~90 KB engine and
the chunks of the query's words. Material's header search box stays: ``pizhu-pagefind.js``
answers the messages Material sends its search worker.

What Pagefind is given (copies in a temporary folder; the published pages are unchanged):

- every page of the build but the glossary (its terms are records) and the articles' notes
  indexes (they repeat the notes word for word), with every Han run cut into words by jieba
  with the glossary's words, exactly as Material's index is cut (:mod:`pizhu.search`), and a
  space between words. Pagefind indexes them under the language ``x-pizhu``, which it neither
  segments nor stems: the browser cuts the query with the same dictionary. (Pagefind's own
  Chinese support cuts pages with its jieba and queries with the browser's ``Intl.Segmenter``,
  which disagree: measured 37/39 on the search-quality suite.)
- one small page per glossary term and per kind's search entry (each published note), a
  "record" with its address in the site (``meta.location``: ``glossary/#term-xu-bing``), its
  title and its page's title. A term's record holds its pinyin, with tones, toneless and
  toneless without spaces (``xu bing``, ``xubing``), and that of its aliases.

Pagefind reads the whole folder in one run of its command-line binary (the Python API of 1.5.2
answers at most ten calls a second, and can leave output files empty when its service stops:
neither is used). The bundle is written beside the site, checked (no empty file, the files the
browser needs present) and then moved into place: a failed run leaves no half-written index.
Next to it, ``pizhu-words.json`` holds the query side's dictionary and the forms readers type
(:func:`pizhu.search.forms_of_words`: Traditional characters, regional words, pinyin); on a
large site the phrase table is cut into shards that a query fetches by its characters
(:func:`phrase_shards`).

Material's search plugin stays enabled (the header box only exists with it) but indexes no page
(:func:`exclude_from_material`): its ``search_index.json`` is ``{config, docs: []}``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .core.extras import chinese_module
from .core.markup import plain_text
from .core.text import HAN, HAN_RUN
from .kinds import Context, SpanKind
from .kinds.glossary.model import all_terms, strip_tones
from .search import dictionary_words, forms_of_words, glossary_pinyin

OUTPUT = "pagefind"
"""Folder of the bundle in the site."""
WORDS_FILE = "pizhu-words.json"
"""The query side's dictionary and reader forms, inside :data:`OUTPUT`."""
LANGUAGE = "x-pizhu"
"""A language Pagefind neither segments nor stems: the text arrives cut into pizhu's words."""
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink", ".pz-cite", ".pz-note-ref", ".pz-apparatus", ".pz-popover",
                     ".md-source-file", ".md-content__button", ".pz-notes")
"""What Material's index leaves out too (``data-search-exclude``: where a source is cited, where
a term occurs: lists that grow with every article, 1.7 MB on the sources page at 100 articles),
what readers do not read as text (permalinks, markers, popovers), and the article's notes,
which are records of their own."""
INCLUDE_CHARACTERS = ".%+"
"""Kept inside words, as Material's separator keeps them: 43.07, 9.10%, 1+X."""
RECORDS = "pizhu-records"
"""Folder of the records' pages in the copy given to Pagefind (never published)."""
REQUIRED = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
"""Files the browser side loads by name: a bundle without them is no bundle."""
UNUSED = re.compile(r"^pagefind-(?:ui|modular-ui|component-ui|highlight)\b")
"""Pagefind's own search interfaces, which the site does not use (Material's box is the interface)."""
PHRASES = "pizhu-phrases"
"""Folder of the phrase table's shards, inside :data:`OUTPUT`, when it is too large to ship whole."""
PHRASES_INLINE = 16 * 1024
"""A phrase table up to this size (bytes of JSON) stays in :data:`WORDS_FILE`; a larger one is
cut into shards of about :data:`PHRASES_SHARD` bytes, by its forms' first character."""
PHRASES_SHARD = 8 * 1024
TEXT = re.compile(r">([^<]+)<")
CHUNK_SIZE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"


class PagefindError(Exception):
    """Pagefind failed or wrote an unusable bundle; the site's previous bundle is untouched."""


@dataclass(frozen=True, slots=True)
class Record:
    """A result of its own: a glossary term, a note."""

    location: str
    """Site-relative address: ``glossary/#term-xu-bing``."""
    title: str
    page_title: str
    kind: str
    text: str
    """Plain text (not HTML)."""


def exclude_from_material(meta: MutableMapping[str, Any]) -> None:
    """Mark a page so Material's search plugin indexes none of it (``search: exclude``)."""
    search = meta.get("search")
    meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}


class Cutter:
    """jieba's cut (taught the glossary's words) for Han runs, each run cut once; counts the words."""

    def __init__(self, cut: Callable[[str], Iterable[str]] | None = None) -> None:
        self._cut = cut  # (jieba's, imported at the first Han run: a site without Chinese may not have it)
        self._runs: dict[str, list[str]] = {}
        self.counts: dict[str, int] = {}

    def words(self, run: str) -> list[str]:
        if self._cut is None:
            self._cut = chinese_module("jieba").cut
        if run not in self._runs:
            self._runs[run] = [w for w in self._cut(run) if w.strip()]
        for word in self._runs[run]:
            if HAN.search(word):
                self.counts[word.lower()] = self.counts.get(word.lower(), 0) + 1
        return self._runs[run]

    def text(self, text: str) -> str:
        """Every Han run of plain text cut into words, a space around each."""
        return HAN_RUN.sub(lambda run: " " + " ".join(self.words(run[0])) + " ", text)

    def page(self, page: str) -> str:
        """The same for the text of an HTML page's body (tags and attributes untouched)."""
        head, sep, body = page.partition("<body")
        return head + sep + TEXT.sub(lambda m: ">" + self.text(m[1]) + "<", body)

    def ranked(self) -> list[str]:
        """Han words seen, most frequent first (as :func:`pizhu.search.index_words`)."""
        return sorted(self.counts, key=lambda w: -self.counts[w])


def term_records(ctx: Context, convert: Callable[[str], str] | None = None) -> list[Record]:
    """One record per glossary term: its forms, English name, pinyin (three ways) and definition."""
    change = convert or (lambda text: text)
    spelled: dict[str, list[str]] = {}  # a name -> toneless pinyin keys of it (xubing)
    for key, name in glossary_pinyin(ctx, convert).items():
        spelled.setdefault(name, []).append(key)
    page_title = ctx.messages("glossary.title")
    records = []
    for term in all_terms(ctx.project):
        title = change(term.term) + (f" {term.english}" if term.english else "")
        toneless = strip_tones(term.pinyin).lower()
        keys = [key for form in term.forms for key in spelled.get(change(form), [])]
        pinyin = " ".join(dict.fromkeys([term.pinyin, toneless, toneless.replace(" ", ""), *keys]).keys()) \
            if term.pinyin else ""
        aliases = "、".join(change(alias) for alias in term.aliases)
        text = " ".join(part for part in (pinyin, aliases, change(plain_text(term.definition_html))) if part)
        records.append(Record(f"glossary/#{term.anchor}", title, page_title, "term", text))
    return records


def entry_records(kinds: Sequence[SpanKind], ctx: Context, convert: Callable[[str], str] | None = None) -> list[Record]:
    """Every kind's own search entries (a note each: :meth:`SpanKind.search_entries`) as records."""
    change = convert or (lambda text: text)
    titles = {f"{a.id}/": change(a.title) for a in ctx.project.articles}
    records = []
    for kind in kinds:
        for page, items in kind.search_entries(ctx).items():
            for item in items:  # escaped text for Material's index: back to plain text
                title, text = change(html.unescape(item["title"])), change(html.unescape(item["text"]))
                records.append(Record(item["location"], title, titles.get(page, page), kind.name,
                                      text))
    return records


def record_page(record: Record, cutter: Cutter) -> str:
    """The page Pagefind indexes for a record: its title as the heading (Pagefind weighs headings:
    a term's name is what finds it first), its text, both cut into words; the rest as metadata."""
    def meta(key: str, value: str) -> str:
        return f'<span data-pagefind-meta="{key}[data-value]" data-value="{html.escape(value)}"></span>'
    return ('<!doctype html><html lang="zh"><head><meta charset="utf-8"></head><body>'
            f'<article class="md-content__inner">{meta("title", record.title)}{meta("page_title", record.page_title)}'
            f'{meta("location", record.location)}<span data-pagefind-filter="kind:{html.escape(record.kind)}"></span>'
            f"<h1>{html.escape(cutter.text(record.title), quote=False)}</h1>"
            f"<p>{html.escape(cutter.text(record.text), quote=False)}</p></article></body></html>")


def pagefind_config(site: Path, output: Path) -> dict[str, Any]:
    """The configuration file given to Pagefind's binary."""
    return {"site": str(site), "output_path": str(output), "root_selector": ROOT_SELECTOR,
            "exclude_selectors": list(EXCLUDE_SELECTORS), "force_language": LANGUAGE,
            "include_characters": INCLUDE_CHARACTERS, "quiet": True}


def pagefind_binary() -> Path:
    """The Pagefind binary that the ``pagefind[extended]`` wheel installs (no network)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise PagefindError("search_engine: pagefind needs the Pagefind package: pip install 'pizhu[pagefind]'") from None
    found = get_executable()
    if found is None:
        raise PagefindError("the Pagefind binary was not found: pip install 'pagefind[extended]==1.5.2'")
    return Path(found)


def check_bundle(folder: Path) -> None:
    """Fail when Pagefind left a file empty or did not write one the browser needs.

    (Pagefind 1.5.2 driven through its Python service can answer "written" before its writes
    reach the disk; an empty ``pagefind.js`` or fragment breaks search for every reader.)"""
    empty = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.stat().st_size == 0)
    missing = [name for name in REQUIRED if not (folder / name).is_file()]
    if empty or missing:
        found = ", ".join([*(f"{name} (empty)" for name in empty[:5]), *(f"{name} (missing)" for name in missing)])
        more = f" and {len(empty) - 5} more" if len(empty) > 5 else ""
        raise PagefindError(f"Pagefind wrote an unusable search index: {found}{more}; "
                            "the site's search was left as it was. Build again; if it persists, report it.")


def phrase_shards(phrases: dict[str, str]) -> list[dict[str, str]]:
    """The phrase table (reader's form -> the edition's word) whole, or cut into shards: a form is in
    shard ``ord(first character) % len(shards)``, so a query fetches the shards of its characters only.

    The table grows with the site's vocabulary (at 100 synthetic articles, 12,744 phrases: 92 KB
    Brotli), unlike the rest of what the query side needs; shipped whole, it would be most of a
    first search's bytes."""
    size = len(json.dumps(phrases, ensure_ascii=False).encode("utf-8"))
    if size <= PHRASES_INLINE:
        return [phrases]
    count = 2
    while size / count > PHRASES_SHARD:
        count *= 2
    shards: list[dict[str, str]] = [{} for _ in range(count)]
    for form, word in phrases.items():
        shards[ord(form[0]) % count][form] = word
    return shards


@dataclass(frozen=True, slots=True)
class Indexed:
    pages: int
    records: int
    files: int
    bytes: int


def build_index(site: Path, pages: Iterable[str], records: Iterable[Record], ctx: Context, dictionary: Iterable[str],
                convert: Callable[[str], str] | None = None, cut: Callable[[str], Iterable[str]] | None = None) -> Indexed:
    """Write ``site/pagefind/``: the built ``pages`` (paths in the site) and ``records`` indexed by
    Pagefind in pizhu's words, and the query side's words; all or nothing.

    Args:
        dictionary: words the query side cuts Han runs with (the glossary's, as taught to jieba).
        convert: the edition's conversion (reader forms of a converted edition).
        cut: word segmenter; jieba's by default.
    """
    cutter = Cutter(cut)
    binary = pagefind_binary()
    with tempfile.TemporaryDirectory(prefix=".pizhu-pagefind-", dir=site) as temporary:
        work = Path(temporary)
        prepared, output = work / "pages", work / OUTPUT
        count = 0
        for rel in pages:
            target = prepared / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(cutter.page((site / rel).read_text(encoding="utf-8")), encoding="utf-8")
            count += 1
        (prepared / RECORDS).mkdir(parents=True, exist_ok=True)
        listed = list(records)
        for number, record in enumerate(listed):
            (prepared / RECORDS / f"{number}.html").write_text(record_page(record, cutter), encoding="utf-8")
        (work / "pagefind.json").write_text(json.dumps(pagefind_config(prepared, output)), encoding="utf-8")
        # Pagefind also reads PAGEFIND_* variables as options: only pagefind.json decides (the
        # chunk size, a benchmark's knob, excepted).
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_") or k == CHUNK_SIZE}
        try:
            run = subprocess.run([str(binary)], cwd=work, capture_output=True, text=True, timeout=3600, env=env,
                                 check=False)
        except OSError as exc:
            raise PagefindError(f"Pagefind could not run: {exc}") from None
        if run.returncode != 0:
            raise PagefindError(f"Pagefind failed (exit {run.returncode}): {(run.stderr or run.stdout).strip()[-2000:]}")
        for unused in [p for p in output.iterdir() if UNUSED.match(p.name)] if output.is_dir() else []:
            shutil.rmtree(unused) if unused.is_dir() else unused.unlink()
        check_bundle(output)
        forms = forms_of_words(cutter.ranked(), ctx, convert)
        words = sorted({(convert(w) if convert else w).lower() for w in dictionary_words(dictionary)})
        shards = phrase_shards(forms["phrases"])
        data: dict[str, Any] = {"words": words, "forms": forms}
        if len(shards) > 1:
            data["forms"] = {**forms, "phrases": {}}
            data["phrase_shards"] = len(shards)
            (output / PHRASES).mkdir()
            for number, shard in enumerate(shards):
                (output / PHRASES / f"{number}.json").write_text(json.dumps(shard, ensure_ascii=False, separators=(",", ":")),
                                                                 encoding="utf-8")
        (output / WORDS_FILE).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        files = [p for p in output.rglob("*") if p.is_file()]
        indexed = Indexed(count, len(listed), len(files), sum(p.stat().st_size for p in files))
        old = site / OUTPUT
        if old.exists():
            old.rename(work / "previous")
        output.rename(old)
    return indexed


def stub_material_index(index_file: Path) -> None:
    """Material's index without documents (it has none; a stale copy from an earlier build may)."""
    if not index_file.exists():
        return
    data = json.loads(index_file.read_text(encoding="utf-8"))
    index_file.write_text(json.dumps({"config": data.get("config", {}), "docs": []}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")
