"""`pizhu new note|term|source`: the files they write pass `pizhu check` as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from pizhu.cli import main
from pizhu.scaffold import suggest_source_id

NOTE = ("new", "note", "--author", "demo-editor")
"""The base fixture has two contributors (an author and the second reviewer a published
fact-check needs), so every new note names its author."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def test_a_unique_quote_gives_a_draft_that_passes_check(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *NOTE, "--root", str(base_project), "--article", "demo", "--quote", "发布了新产品",
                       "--id", "new-product")
    assert code == 0 and out.startswith("pizhu: wrote data/notes/demo/new-product.md (status: draft)")
    text = (base_project / "data/notes/demo/new-product.md").read_text(encoding="utf-8")
    assert 'anchor: "发布了新产品"' in text and "status: draft" in text and "prefix" not in text
    assert run(capsys, "check", "--root", str(base_project))[0] == 0


def test_an_absent_quote_names_the_closest_passage(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *NOTE, "--root", str(base_project), "--article", "demo", "--quote", "营收增长了12%")
    assert code == 1
    assert err == ('seeds/demo.txt: "营收增长了12%" is not in the article; closest: "营收增长了10%" (line 3, 88% similar); '
                   "copy the passage exactly from the seed")
    assert not list((base_project / "data/notes/demo").glob("demo-draft-*.md"))


def test_an_ambiguous_quote_lists_its_places_then_takes_an_occurrence(base_project: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *NOTE, "--root", str(base_project), "--article", "demo", "--quote", "演示公司")
    assert code == 1
    assert err == ('seeds/demo.txt: "演示公司" occurs 2 times (1: line 3 …[演示公司]发布了新产品,营收增长了…; '
                   "2: line 6 …[演示公司]的前景仍不明朗。…); pass --occurrence N to choose one; the note gets a prefix "
                   "or suffix that makes it unique")

    code, _, _ = run(capsys, *NOTE, "--root", str(base_project), "--article", "demo", "--quote", "演示公司",
                     "--occurrence", "2", "--id", "outlook")
    assert code == 0
    text = (base_project / "data/notes/demo/outlook.md").read_text(encoding="utf-8")
    assert 'suffix: "的"' in text
    assert run(capsys, "check", "--root", str(base_project))[0] == 0

    code, _, err = run(capsys, *NOTE, "--root", str(base_project), "--article", "demo", "--quote", "演示公司",
                       "--occurrence", "3")
    assert code == 1 and "there is no occurrence 3 (the quote occurs 2 times)" in err


def test_a_fact_check_needs_a_source(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *NOTE, "--root", str(base_project), "--article", "demo", "--quote", "发布了新产品",
                       "--kind", "fact-check")
    assert code == 1 and err.startswith("--source: a fact-check note needs the source it rests on")
    code, _, _ = run(capsys, *NOTE, "--root", str(base_project), "--article", "demo", "--quote", "发布了新产品",
                     "--kind", "fact-check", "--source", "demo-report", "--id", "checked")
    assert code == 0
    assert "verdict: unverified" in (base_project / "data/notes/demo/checked.md").read_text(encoding="utf-8")
    assert run(capsys, "check", "--root", str(base_project))[0] == 0


def test_new_source_suggests_an_id_and_new_term_uses_it(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "source", "--root", str(base_project), "--publisher", "新快报",
                       "--date", "2025-03-26", "--title", "商汤2024年营收37.7亿元")
    assert code == 0 and '"xinkuaibao-2025-03-26"' in out
    term = ("new", "term", "--root", str(base_project), "--id", "demo-company", "--term", "演示公司",
            "--definition", "一家用于演示的公司。", "--source", "xinkuaibao-2025-03-26")
    code, _, err = run(capsys, *term, "--category", "organisation")  # it wrote an entry check refused
    assert code == 1 and err.startswith('--category: unknown category "organisation"; did you mean "organization"?')
    assert not (base_project / "data/glossary.yml").exists()
    code, _, _ = run(capsys, *term, "--category", "organization")
    assert code == 0
    assert run(capsys, "check", "--root", str(base_project))[0] == 0
    code, _, err = run(capsys, "new", "source", "--root", str(base_project), "--publisher", "新快报", "--date", "2025-03-26")
    assert code == 1 and 'a source "xinkuaibao-2025-03-26" exists already' in err


def test_new_source_with_an_address_records_when_it_was_read_there(base_project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # `pizhu check` asks a source with a URL for its `accessed` date: the command that writes it
    # asks too, instead of writing an entry that check refuses (contributor audit).
    args = ("new", "source", "--root", str(base_project), "--publisher", "财新", "--date", "2025-06-20",
            "--url", "https://www.caixin.com/x")
    code, _, err = run(capsys, *args)
    assert code == 1 and "--accessed: a source with a URL says when it was read there" in err
    assert run(capsys, *args, "--accessed", "2025-02-30")[0] == 1
    code, out, _ = run(capsys, *args, "--accessed", "2025-06-21")
    assert code == 0 and '"caixin-2025-06-20"' in out
    assert "  accessed: 2025-06-21\n" in (base_project / "data/sources.yml").read_text(encoding="utf-8")
    assert run(capsys, "check", "--root", str(base_project))[0] == 0


@pytest.mark.parametrize(("publisher", "date", "expected"), [
    ("新快报", "2025-03-26", "xinkuaibao-2025-03-26"),
    ("Reuters", "2022-01-04", "reuters-2022-01-04"),
    ("Café Müller Zeitung", "2026-03", "cafe-muller-zeitung-2026-03"),  # was caf-m-ller-zeitung
    ("21世纪经济报道", None, "21shijijingjibaodao"),
])
def test_source_ids_are_suggested_from_publisher_and_date(publisher: str, date: str | None, expected: str) -> None:
    assert suggest_source_id(publisher, date) == expected
