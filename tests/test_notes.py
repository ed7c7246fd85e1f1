"""Notes: strict anchoring on the real article, nesting rules, sanitised bodies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pizhu.build import build_outputs
from pizhu.cli import main
from pizhu.core.markup import render_markdown
from pizhu.core.model import Span
from pizhu.pipeline import load_project
from pizhu.render.layout import render_inline
from support import REPO, notes_of

SEED = "seeds/sensetime-xu-bing.txt"


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A copy of the real project's inputs, safe to edit."""
    target = tmp_path / "real"
    for folder in ("data", "seeds", "templates", "docs"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def test_real_notes_are_numbered_in_the_order_their_markers_are_read() -> None:
    project, problems = load_project(REPO)
    assert not [p for p in problems if p.severity == "error"]
    notes = sorted((n for n in notes_of(project) if n.published), key=lambda n: n.number)
    assert len(notes) >= 25
    assert [n.number for n in notes] == list(range(1, len(notes) + 1))
    # A marker follows its passage: by end; a note nested at the end of another closes first.
    assert [(n.end, -n.start) for n in notes] == sorted((n.end, -n.start) for n in notes)
    assert all(project.articles[0].canonical[n.start:n.end] == n.anchor for n in notes)


def test_edited_seed_fails_with_the_closest_match(real_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = real_copy / SEED
    seed.write_text(seed.read_text(encoding="utf-8").replace("2024年4月,商汤发布了", "2024年4月,商汤推出了"),
                    encoding="utf-8")

    assert main(["check", "--root", str(real_copy)]) == 1

    err = capsys.readouterr().err
    assert ('data/notes/sensetime-xu-bing/v6-date.md:2: anchor "2024年4月,商汤发布了升级后的“日日新SenseNova V6”大模型" '
            'matches 0 places in seeds/sensetime-xu-bing.txt; closest: "2024年4月,商汤推出了升级后的“日日新SenseNova V6”大模型" '
            '(line 14, 95% similar); copy the passage exactly from the article') in err


def test_duplicated_sentence_makes_an_anchor_ambiguous(real_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = real_copy / SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("商汤的未来仍充满未知。", "商汤的未来仍充满未知。市值一度突破1400亿港元。"), encoding="utf-8")

    assert main(["check", "--root", str(real_copy)]) == 1

    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "peak-market-cap.md" in x)
    assert 'anchor "市值一度突破1400亿港元" matches 2 places' in line
    assert "line 4: …" in line and "line 19: …" in line


def test_note_markdown_is_sanitised(real_copy: Path) -> None:
    note = real_copy / "data/notes/sensetime-xu-bing/v6-date.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text + '\n<script>alert(1)</script> [点我](javascript:alert(2)) <img src=x onerror=alert(3)>'
                    ' <a href="https://example.org" onclick="x()">ok</a>\n', encoding="utf-8")

    outputs = build_outputs(real_copy)

    # The contributor is told what would be left out, and nothing is published...
    [problem] = [p for p in outputs.problems if p.file.endswith("v6-date.md")]
    assert problem.message == ("`body` has what pizhu does not publish: the HTML element <script>, a javascript: "
                               "link, an image, the attribute `onclick` of <a>")
    assert outputs.pages == []
    # ... and were it rendered, the output boundary's sanitiser would leave none of it.
    html = render_markdown(note.read_text(encoding="utf-8").split("---", 2)[2])
    assert "<script>alert" not in html and "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html and "<img" not in html
    assert 'href="https://example.org"' in html


@pytest.mark.parametrize(("markdown", "html"), [
    ("**粗体**与[链接](https://example.org)",
     '<strong>粗体</strong>与<a href="https://example.org" rel="noopener noreferrer">链接</a>'),
    ("<b>原始HTML</b>", "原始HTML"),
    ("[x](javascript:alert(1))", "<a rel=\"noopener noreferrer\">x</a>"),
])
def test_render_markdown(markdown: str, html: str) -> None:
    assert render_markdown(markdown, inline=True) == html


def test_layout_nests_spans_and_places_points() -> None:
    text = "甲乙丙丁戊"
    spans = [Span(0, 4, "note", "n"), Span(1, 3, "term", "t"), Span(4, 4, "cite", "1"), Span(0, 4, "term", "u")]
    html = render_inline(text, 10, [Span(s.start + 10, s.end + 10, s.kind, s.ref) for s in spans],
                         lambda s: f"<{s.kind}>", lambda s: f"</{s.kind}>", lambda s: "^",
                         {"note": 0, "term": 2})
    assert html == "<note><term>甲<term>乙丙</term>丁</term></note>^戊"




def test_the_list_of_notes_names_a_source_in_full_once_and_says_the_usual_byline_once() -> None:
    page = next(p for p in build_outputs(REPO).pages if p.src_uri == "sensetime-xu-bing/index.md").content
    notes = page[page.index('<ol class="pz-notes">'):]
    # Later citations of a source in the list: publisher and date, linked to the same address.
    full = "21世纪经济报道《商汤董事会“换血”:徐冰转战AI芯片,两高管成新执董》，2025年6月28日"
    assert notes.count(f'">{full}</a>') == 1
    assert notes.count('">21世纪经济报道，2025年6月28日</a>') == 5
    assert notes.index(full) < notes.index("21世纪经济报道，2025年6月28日")
    # The byline 29 notes share is said once, above the list; the others keep their own.
    usual = "作者：批注编辑组 · 复核：批注复核组（2026年11月29日）"
    assert page.count(usual) == 1 and page.index(usual) < page.index('<ol class="pz-notes">')
    own = [li for li in notes.split("<li ")[1:] if "pz-note-meta" in li]
    assert len(own) == 9 and all('<span class="pz-note-byline">作者：批注编辑组</span>' in li for li in own)


def test_a_short_citation_is_used_only_where_it_names_one_source(real_copy: Path) -> None:
    # Another source with the same publisher and date: every citation of either stays in full.
    sources = real_copy / "data" / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text + "\n- id: 21jingji-same-day\n  publisher: 21世纪经济报道\n  title: 另一篇报道\n"
                       "  date: 2025-06-28\n  url: https://example.org/other\n  accessed: 2026-11-28\n",
                       encoding="utf-8")
    outputs = build_outputs(real_copy)
    assert [p for p in outputs.problems if p.severity == "error"] == []
    page = next(p for p in outputs.pages if p.src_uri == "sensetime-xu-bing/index.md").content
    assert '">21世纪经济报道，2025年6月28日</a>' not in page
    assert page.count("21世纪经济报道《商汤董事会“换血”:徐冰转战AI芯片,两高管成新执董》，2025年6月28日") == 6
