"""The build side of search: the jieba dictionary from the glossary, one index entry per note."""

from __future__ import annotations

import json
from pathlib import Path

import jieba
import pytest

from pizhu.core.options import SiteOptions
from pizhu.kinds import KINDS, Context
from pizhu.kinds.glossary import GlossaryKind
from pizhu.pipeline import load_project
from pizhu.search import add_entries, add_words_to_jieba, dictionary_words, kind_entries, segment
from support import notes_of, zh


def glossary_words(project) -> list[str]:  # type: ignore[no-untyped-def]
    return dictionary_words(GlossaryKind().search_words(project))

REPO = Path(__file__).resolve().parent.parent
ZWSP = "\u200b"


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    loaded, _ = load_project(REPO)
    return loaded


@pytest.fixture(scope="module")
def tokenizer(project, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A private jieba tokenizer with the glossary's dictionary (the global one stays untouched)."""
    path = tmp_path_factory.mktemp("dict") / "user.txt"
    path.write_text("".join(f"{word}\n" for word in glossary_words(project)), encoding="utf-8")
    cutter = jieba.Tokenizer()
    cutter.load_userdict(str(path))
    return cutter


def test_dictionary_holds_the_han_runs_of_terms_and_aliases() -> None:
    words = dictionary_words(["上海阵量", "AI芯片", "大装置-大模型-应用", "商湯", "SenseTime", "芯片", "X", "阵"])
    assert words == ["上海阵量", "芯片", "大装置", "大模型", "应用", "商湯"]


def test_dictionary_is_generated_from_the_real_glossary(project) -> None:  # type: ignore[no-untyped-def]
    lines = glossary_words(project)
    for word in ["商汤科技", "上海阵量", "流片", "轻资产", "生成式", "商湯", "寒武纪"]:
        assert word in lines
    assert all(line and " " not in line and not any(c.isascii() for c in line) for line in lines)
    assert len(lines) == len(set(lines))


@pytest.mark.parametrize(("sentence", "word"), [
    ("上海阵量成立于2020年", "上海阵量"),
    ("商汤科技作为领军者", "商汤科技"),
    ("流个片就要几个亿", "流个片"),
    ("转向以生成式AI为核心的轻资产运营模式", "轻资产运营"),
    ("投前估值15亿元", "投前估值"),
    ("北京利尔的股价", "北京利尔"),
])
def test_jieba_keeps_glossary_words_whole(tokenizer, sentence: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert word in tokenizer.lcut(sentence)


def test_without_the_dictionary_jieba_breaks_them() -> None:
    plain = jieba.Tokenizer()
    assert "上海阵量" not in plain.lcut("上海阵量成立于2020年")
    assert "轻资产运营" not in plain.lcut("轻资产运营模式")


def test_glossary_words_are_added_to_the_search_plugins_jieba(project) -> None:  # type: ignore[no-untyped-def]
    # The search plugin segments with the global jieba in the build's process; no file is written.
    add_words_to_jieba(GlossaryKind().search_words(project))
    assert "上海阵量" in jieba.lcut("上海阵量成立于2020年")
    assert "轻资产运营" in jieba.lcut("轻资产运营模式")


def test_segment_puts_zero_width_spaces_around_han_words(tokenizer) -> None:  # type: ignore[no-untyped-def]
    assert segment("AI芯片与上海阵量(SenseTime)", tokenizer.cut) == f"AI{ZWSP}芯片{ZWSP}与{ZWSP}上海阵量{ZWSP}(SenseTime)"


def test_each_published_note_becomes_a_search_entry(project, tokenizer) -> None:  # type: ignore[no-untyped-def]
    ctx = Context(REPO, project, [], SiteOptions(), zh())  # type: ignore[arg-type]
    entries = kind_entries(KINDS, ctx, tokenizer.cut)
    notes = [n for n in notes_of(project) if n.published]
    assert len(entries["sensetime-xu-bing/"]) == len(notes)
    tape_out = next(e for e in entries["sensetime-xu-bing/"] if e["location"].endswith("#note-tape-out"))
    assert tape_out["title"].replace(ZWSP, "").startswith("注释")
    assert f"{ZWSP}流个片{ZWSP}" in tape_out["text"] and "代工厂" in tape_out["text"].replace(ZWSP, "")
    assert "<" not in tape_out["text"].replace("&lt;", "")


def test_note_entries_replace_the_notes_section_after_the_page_entry() -> None:
    index = {"config": {}, "docs": [
        {"location": "a/", "title": "A", "text": ""},
        {"location": "a/#s", "title": "S", "text": ""},
        {"location": "a/#notes", "title": "编辑注释", "text": "all notes"},
        {"location": "b/", "title": "B", "text": ""},
        {"location": "c/", "title": "C", "text": ""},
    ]}
    entries = {"a/": [{"location": "a/#note-x", "title": "x", "text": ""}],
               "c/": [{"location": "c/#note-y", "title": "y", "text": ""}]}
    docs = [d["location"] for d in add_entries(index, entries)["docs"]]
    assert docs == ["a/", "a/#s", "a/#note-x", "b/", "c/", "c/#note-y"]


@pytest.mark.build
def test_built_index_uses_the_dictionary_and_indexes_each_note(built_site: Path) -> None:
    data = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = "".join(d["title"] + d["text"] for d in data["docs"])
    for word in ["上海阵量", "商汤科技", "流个片", "投前估值"]:
        assert f"{ZWSP}{word}{ZWSP}" in text
    locations = [d["location"] for d in data["docs"]]
    assert "sensetime-xu-bing/#note-tape-out" in locations
    assert "sensetime-xu-bing/#notes" not in locations
    assert "glossary/#term-shanghai-zhenliang" in locations


def test_under_serve_cuts_are_remembered_until_jieba_learns_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    from pizhu import search

    monkeypatch.setattr(jieba, "cut", jieba.cut)  # restored after the test
    monkeypatch.setattr(search, "_CUTS", {})
    monkeypatch.setattr(search, "_TAUGHT", set(search._TAUGHT))
    sentence = "商汤的壁仞新芯片卸任消息"
    before = list(jieba.cut(sentence))
    search.remember_cuts()
    search.remember_cuts()  # once is enough: the second call changes nothing
    assert list(jieba.cut(sentence)) == before and sentence in search._CUTS
    assert list(jieba.cut(sentence)) == before  # from memory, the same
    assert list(jieba.cut(sentence, HMM=False)) == list(jieba.dt.cut(sentence, HMM=False))  # other modes pass through
    word = "壁仞新芯"  # a word the glossary might add: every remembered cut is forgotten
    try:
        add_words_to_jieba([word])
        assert search._CUTS == {}
        assert word in list(jieba.cut(sentence))
    finally:
        jieba.del_word(word)
