"""The pre-commit hooks, run for real in a clone of the repository.

The clone holds what is committed (not uncommitted edits in this working tree). Its `.venv` is a
link to the virtual environment running these tests, which is where the `language: system`
hooks look for pizhu (installed in editable mode, so it is this repository's own code).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO

VENV = Path(sys.prefix)
PIZHU = VENV / "bin" / "pizhu"
PRE_COMMIT = VENV / "bin" / "pre-commit"
NOTE = "data/notes/sensetime-xu-bing/v6-date.md"


pytestmark = pytest.mark.build


def _pre_commit(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PRE_COMMIT_COLOR="never")
    return subprocess.run([str(PRE_COMMIT), "run", *args], cwd=clone, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    target = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True, timeout=120)
    (target / ".venv").symlink_to(VENV, target_is_directory=True)
    return target


def test_hooks_pass_then_a_broken_anchor_fails_with_its_file_and_line(clone: Path) -> None:
    assert PRE_COMMIT.exists(), f"{PRE_COMMIT} is missing: it is in the test extra; run `make test`"

    result = _pre_commit(clone, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr

    note = clone / NOTE
    lines = note.read_text(encoding="utf-8").splitlines(keepends=True)
    anchor_line = next(i for i, line in enumerate(lines) if line.startswith("anchor:"))
    lines[anchor_line] = "anchor: '这句话不在文章里'\n"
    note.write_text("".join(lines), encoding="utf-8")

    result = _pre_commit(clone, "--files", NOTE)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"^pizhu check \(data, seeds, templates\)\.+Failed$", output, re.MULTILINE), output
    assert f"{NOTE}:{anchor_line + 1}: anchor " in output, output
