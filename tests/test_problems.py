"""Bad input: one fixture per kind of problem, each asserting the exact messages.

Each folder in ``tests/fixtures/problems/`` holds the files that differ from
``tests/fixtures/base`` (a file named ``<name>.delete`` removes ``<name>``), ``expected.txt``
(the exact problem lines ``pizhu check`` must print, in any order) and optionally
``args.txt`` (extra arguments, e.g. ``--strict``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pizhu.cli import main
from support import BASE, FIXTURES, REPO, copy_project

CASES = sorted(p.name for p in (FIXTURES / "problems").iterdir() if p.is_dir())


def prepare(case: str, target: Path) -> list[str]:
    """Base project + the case's overlay; returns the case's extra CLI arguments."""
    folder = FIXTURES / "problems" / case
    copy_project(BASE, target)
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_dir() or rel.name in ("expected.txt", "args.txt"):
            continue
        if rel.name.endswith(".delete"):
            doomed = target / rel.with_name(rel.name[: -len(".delete")])
            shutil.rmtree(doomed) if doomed.is_dir() else doomed.unlink()
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / rel)
    args = folder / "args.txt"
    return args.read_text(encoding="utf-8").split() if args.exists() else []


@pytest.mark.parametrize("case", CASES)
def test_problem_fixture(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    args = prepare(case, project)
    expected = (FIXTURES / "problems" / case / "expected.txt").read_text(encoding="utf-8").strip().splitlines()

    code = main(["check", "--root", str(project), *args])

    err = capsys.readouterr().err
    printed = [line for line in err.splitlines() if not line.startswith("pizhu: ")]
    assert code == 1, err
    assert sorted(printed) == sorted(expected)
    assert "Traceback" not in err


def test_every_problem_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    prepare("source-duplicate-id", project)
    (project / "data/articles/demo.yml").write_text("seed: seeds/demo.txt\n", encoding="utf-8")
    (project / "data/contributors.yml").write_text("- id: demo-editor\n  name: [broken\n", encoding="utf-8")

    assert main(["check", "--root", str(project)]) == 1

    err = capsys.readouterr().err
    assert "data/sources.yml:" in err and "duplicate source id" in err
    assert "data/articles/demo.yml:1: article has no `title`" in err
    assert "data/contributors.yml:3: invalid YAML" in err


def test_a_broken_sources_file_is_the_only_problem_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    prepare("yaml-syntax", project)
    (project / "data/glossary.yml").write_text(
        "- id: demo-company\n  term: 演示公司\n  category: organization\n  definition: 一家演示公司。\n"
        "  sources: [demo-report]\n", encoding="utf-8")

    assert main(["check", "--root", str(project)]) == 1

    printed = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("pizhu: ")]
    assert len(printed) == 1 and printed[0].startswith("data/sources.yml:6: invalid YAML")


def _check_lines(project: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["check", "--root", str(project)]) == 1
    return capsys.readouterr().err.splitlines()


def test_problems_that_used_to_wait_for_the_next_run_come_with_the_first(
        real_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Found by the contributor audit: fixing one batch revealed the next. A note with a field
    # error still has its anchor placed; the overrides file is read before the build stops; a
    # broken table silences references to its own figures only.
    note = real_copy / "data/notes/sensetime-xu-bing/a100-h100-benchmark.md"
    note.write_text(note.read_text(encoding="utf-8").replace("anchor: '旨在对标英伟达A100、H100等高性能AI芯片'",
                                                             "anchor: '旨在对标英伟达A100、H200'")
                    .replace("published: 2026-11-28\n", ""), encoding="utf-8")
    (real_copy / "data/zh-hant.yml").write_text("- simplified: 营收\n  traditional: 營收\n", encoding="utf-8")
    table = real_copy / "data/tables/sensetime-headcount.yml"
    table.write_text(table.read_text(encoding="utf-8").replace("type: integer", "type: intger", 1), encoding="utf-8")
    other = real_copy / "data/notes/sensetime-xu-bing/beijinglier-share-drop.md"
    other.write_text(other.read_text(encoding="utf-8").replace("beijinglier-deal/share-price/price-move",
                                                               "beijinglier-deal/share-price/nosuch"), encoding="utf-8")
    lines = _check_lines(real_copy, capsys)
    text = "\n".join(lines)
    assert "a100-h100-benchmark.md:6: a published note has no `published:` date" in text
    assert "a100-h100-benchmark.md:2: anchor \"旨在对标英伟达A100、H200\" matches 0 places" in text
    assert "data/zh-hant.yml:1: conversion override has no `why`" in text
    assert "data/tables/sensetime-headcount.yml:" in text
    assert "beijinglier-share-drop.md:12: unknown figure \"beijinglier-deal/share-price/nosuch\"" in text


def test_a_broken_glossary_or_article_is_not_reported_again_through_what_depends_on_it(
        real_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = real_copy / "data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  term: 徐冰\n", "\tterm: 徐冰\n", 1), encoding="utf-8")
    lines = _check_lines(real_copy, capsys)
    assert [line for line in lines if line.startswith("data/glossary.yml:")], lines
    assert not [line for line in lines if "speakers.yml" in line], lines
    shutil.copy(REPO / "data/glossary.yml", glossary)
    manifest = real_copy / "data/articles/sensetime-xu-bing.yml"
    manifest.write_text(re.sub(r"seed: .*", "seed: /etc/passwd", manifest.read_text(encoding="utf-8")), encoding="utf-8")
    lines = _check_lines(real_copy, capsys)
    # The manifest's one problem, and nothing it caused (tables, the timeline, speakers, notes,
    # corrections and the glossary all refer to the article: 95 problems before).
    assert lines == ['data/articles/sensetime-xu-bing.yml:4: seed "/etc/passwd" is an absolute path; put the article '
                     "text in the project's seeds/ folder and name it relative to the project, e.g. "
                     "`seed: seeds/my-article.txt`", "pizhu: 1 problem(s); nothing was published"]


def test_a_file_pizhu_does_not_read_is_reported_not_silently_left_out(
        real_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("data/notes/stray.md", "data/notes/sensetime-xu-bing/t.markdown", "data/tables/new.yaml",
                 "data/glossary.yaml", "data/notes/.gitkeep", "data/misc/readme.txt"):
        (real_copy / name).parent.mkdir(parents=True, exist_ok=True)
        (real_copy / name).write_text("x\n", encoding="utf-8")
    lines = _check_lines(real_copy, capsys)
    unread = "warning: pizhu reads no file by this name here, so it is not published; "
    assert [line for line in lines if "stray" in line or "reads no file" in line] == [
        f"data/glossary.yaml: {unread}rename it glossary.yml",
        f"data/misc/readme.txt: {unread}move it to where its kind of data goes (docs/contributing.md), or out of data/",
        f"data/notes/sensetime-xu-bing/t.markdown: {unread}rename it t.md",
        "data/notes/stray.md: a note outside an article's folder is not published; move it to data/notes/<article>/stray.md",
        f"data/tables/new.yaml: {unread}rename it new.yml"]


def test_with_several_articles_a_mention_must_still_name_its_article(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # What a broken manifest silences (above) is only its consequences: with two articles loaded,
    # a timeline mention that names none is the contributor's to fix.
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_build_problems", REPO / "benchmarks/build.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    project = bench.make_project(tmp_path / "two", 2)
    timeline = project / "data/timeline.yml"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("article: sensetime-xu-bing\n", "", 1), encoding="utf-8")
    lines = _check_lines(project, capsys)
    assert any(line.startswith("data/timeline.yml:") and "the mention names no `article`; use one of: "
               "copy-2, sensetime-xu-bing" in line for line in lines), lines
