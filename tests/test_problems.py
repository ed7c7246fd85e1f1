"""Bad input: one fixture per kind of problem, each asserting the exact messages.

Each folder in ``tests/fixtures/problems/`` holds the files that differ from
``tests/fixtures/base`` (a file named ``<name>.delete`` removes ``<name>``), ``expected.txt``
(the exact problem lines ``pizhu check`` must print, in any order) and optionally
``args.txt`` (extra arguments, e.g. ``--strict``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pizhu.cli import main
from support import BASE, FIXTURES, copy_project

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
