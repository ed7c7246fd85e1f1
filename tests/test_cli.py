"""``pizhu check`` as a function: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from pizhu.cli import main
from support import REPO


def test_check_passes_on_the_real_project(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(REPO)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("pizhu: ok: 1 article(s)")


def test_check_passes_on_the_fixture(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(base_project)]) == 0
    assert "1 published notes" in capsys.readouterr().out


def test_check_outside_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert "no data/ folder here" in capsys.readouterr().err


def test_problems_exit_1_with_file_line_messages(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_project / "data/articles/demo.yml").write_text("title: 演示\nseed: seeds/nope.txt\n", encoding="utf-8")
    assert main(["check", "--root", str(base_project)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == ('data/articles/demo.yml:2: seed file "seeds/nope.txt" cannot be read '
                                   "(file not found); put the article text in seeds/ and name it here")
    assert err.splitlines()[-1] == "pizhu: 1 problem(s); nothing was published"


def test_usage_error_is_exit_2() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_render_writes_every_generated_page_as_markdown(base_project: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from pizhu.build import build_outputs

    assert main(["render", str(tmp_path / "out"), "--root", str(base_project)]) == 0
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md"))
    pages = build_outputs(base_project).pages
    assert written == sorted(p.src_uri for p in pages)
    article = next(p for p in pages if p.src_uri == "demo/index.md")
    assert (tmp_path / "out/demo/index.md").read_text(encoding="utf-8") == article.content
    assert capsys.readouterr().out.startswith(f"pizhu: wrote {len(pages)} pages under")
