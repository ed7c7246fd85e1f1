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


@pytest.mark.parametrize("setting", ["use_directory_urls: false\n", "plugins:\n  - search\n  - offline\n  - pizhu\n"])
def test_flat_addresses_are_refused(base_project: Path, setting: str, capsys: pytest.CaptureFixture[str]) -> None:
    # pizhu's pages link by folder addresses (glossary/): a site that writes glossary.html instead
    # (MkDocs' use_directory_urls: false, which Material's offline plugin sets) would publish
    # broken links, so the build stops and says which setting to change.
    config = base_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("plugins:\n  - search:\n      lang: zh\n  - pizhu\n", "") + setting if "plugins" in setting \
        else text + setting
    config.write_text(text, encoding="utf-8")
    assert main(["check", "--root", str(base_project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mkdocs.yml: `use_directory_urls` is false")
    assert "set `use_directory_urls: true`" in err


def test_what_mkdocs_warns_about_in_its_configuration_is_a_warning(base_project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # An unknown plugin option: `mkdocs build` warns, `mkdocs build --strict` stops; so does check.
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - pizhu\n", "  - pizhu:\n      colour: blue\n"),
                      encoding="utf-8")
    assert main(["check", "--root", str(base_project)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines()[0].startswith("mkdocs.yml: warning: Config value 'plugins': Plugin 'pizhu' option 'colour'")
    assert out.startswith("pizhu: ok with 1 warning(s): 1 article(s)")
    assert main(["check", "--root", str(base_project), "--strict"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "pizhu: 1 problem(s); nothing was published"


def test_a_yaml_syntax_error_in_mkdocs_yml_is_reported_at_its_line(base_project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url:", "  bad: [\nsite_url:"), encoding="utf-8")
    assert main(["check", "--root", str(base_project)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "mkdocs.yml:2: YAML syntax error: mapping values are not allowed here; "
        "fix mkdocs.yml (`mkdocs build` stops on it too)")


def test_a_category_label_must_be_text(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A list as a label was printed as the heading "['a']" (reuse audit).
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - pizhu\n", "  - pizhu:\n      categories: {person: People, concept: [a]}\n"), encoding="utf-8")
    assert main(["check", "--root", str(base_project)]) == 1
    assert "option 'categories': a category is an id (text), with a label (text) in a mapping; not 'concept': ['a']" \
        in capsys.readouterr().err


def test_a_category_without_a_label_is_named(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `categories: [..., place]` printed the glossary heading "place" (newsroom audit).
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - pizhu\n", "  - pizhu:\n      categories: [organization, place]\n"), encoding="utf-8")
    (base_project / "data/glossary.yml").write_text(
        "- id: demo-company\n  term: 演示公司\n  category: place\n  definition: 一家用于测试的公司。\n"
        "  sources: [demo-report]\n", encoding="utf-8")
    assert main(["check", "--root", str(base_project)]) == 0
    assert ('mkdocs.yml: warning: the glossary category "place" has no label: readers would see its id; label it in '
            "the pizhu option `categories` ({place: …, …} instead of a list)") in capsys.readouterr().err.splitlines()


def test_render_never_writes_into_the_sites_docs_or_over_files(base_project: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # `pizhu render docs` wrote the generated pages among the site's own: the next build failed
    # with every page found twice (newsroom audit).
    before = sorted(p.relative_to(base_project).as_posix() for p in (base_project / "docs").rglob("*"))
    assert main(["render", str(base_project / "docs"), "--root", str(base_project)]) == 1
    assert "is the project or its docs folder" in capsys.readouterr().err
    assert main(["render", str(base_project), "--root", str(base_project)]) == 1  # the project itself
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["render", str(tmp_path / "afile"), "--root", str(base_project)]) == 1  # (a traceback before)
    assert "is a file" in capsys.readouterr().err
    assert sorted(p.relative_to(base_project).as_posix() for p in (base_project / "docs").rglob("*")) == before
    assert main(["render", str(tmp_path / "out"), "--root", str(base_project)]) == 0
    (tmp_path / "out/sources.md").write_text("mine", encoding="utf-8")
    assert main(["render", str(tmp_path / "out"), "--root", str(base_project)]) == 1
    assert "would be replaced" in capsys.readouterr().err
    assert (tmp_path / "out/sources.md").read_text(encoding="utf-8") == "mine"
    assert main(["render", str(tmp_path / "out"), "--root", str(base_project), "--force"]) == 0
    assert (tmp_path / "out/sources.md").read_text(encoding="utf-8") != "mine"
