"""pizhu as a plugin another newsroom installs: a real (non-editable) install into a fresh
virtual environment, then a strict build of a small English site (tests/fixtures/english)
that has its own home page, an English article, one note, one glossary term and no
templates/ folder."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from htmltext import block_texts
from support import FIXTURES, REPO

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with pizhu installed from the repository as a wheel would be."""
    folder = tmp_path_factory.mktemp("reuse")
    source = folder / "source"  # a clean copy: no .venv, no egg-info, nothing but what a wheel is built from
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".venv", ".git", "site", "*.egg-info", "build",
                                                              ".pytest_cache", ".hypothesis", "__pycache__"))
    env_dir = folder / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "--no-input", str(source)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return env_dir


@pytest.mark.build
def test_an_english_site_builds_with_the_installed_package(installed: Path, tmp_path: Path) -> None:
    site = shutil.copytree(FIXTURES / "english", tmp_path / "english")
    assert not (site / "templates").exists()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH="")
    python = installed / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import pizhu; print(pizhu.__file__)"], capture_output=True, text=True,
                           env=env, cwd=tmp_path)
    assert str(installed) in where.stdout, "pizhu must come from the fresh environment, not the repository"

    result = subprocess.run([str(python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=site, capture_output=True, text=True, env=env, timeout=300)

    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Our newsroom&rsquo;s annotated stories" in home or "Our newsroom's annotated stories" in home
    article = (out / "bike-lanes/index.html").read_text(encoding="utf-8")
    assert 'id="note-forty-km"' in article and 'href="#note-forty-km"' in article
    assert 'class="pz-pop pz-term"' in article and "Editorial notes" in article
    assert "over five years. Council member" in block_texts(article)[2]  # the space after a mark stays
    assert (out / "assets/pizhu.css").is_file() and (out / "assets/pizhu.js").is_file()
    chinese = [str(p.relative_to(out)) for p in out.rglob("*.html") if HAN.search(p.read_text(encoding="utf-8"))]
    assert chinese == []


@pytest.mark.build
def test_a_chinese_site_without_the_chinese_extra_is_told_what_to_install(installed: Path, tmp_path: Path) -> None:
    # jieba, OpenCC and pypinyin are the `chinese` extra (the English site above builds without
    # them): a site in Chinese is told so at once, not halfway through with an import error.
    python = installed / "bin" / "python"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH="")
    assert subprocess.run([str(python), "-c", "import jieba"], capture_output=True, env=env).returncode != 0
    site = shutil.copytree(FIXTURES / "base", tmp_path / "chinese")
    result = subprocess.run([str(python), "-m", "pizhu.cli", "check", "--root", str(site)], capture_output=True,
                            text=True, env=env, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == ("mkdocs.yml: the site has Chinese text, which needs jieba, opencc, pypinyin "
                                             "(not installed); install pizhu with its Chinese extra: "
                                             "pip install 'pizhu[chinese]'")
    # `pizhu new source` cannot suggest a Chinese publisher's id in pinyin: it says so (it wrote
    # an id of the Latin letters alone).
    english = shutil.copytree(FIXTURES / "english", tmp_path / "new-source")
    result = subprocess.run([str(python), "-m", "pizhu.cli", "new", "source", "--root", str(english), "--publisher",
                             "新快报", "--date", "2025-03-26"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1 and result.stderr.startswith("--id: a Chinese publisher's id is suggested in pinyin")
    # An English site with a Chinese name in a note or on a page of its own is told too (its
    # build crashed in the search index: third red-team pass).
    for where in ("data/notes/bike-lanes/forty-km.md", "docs/index.md"):
        english = shutil.copytree(FIXTURES / "english", tmp_path / where.replace("/", "-"))
        (english / where).write_text((english / where).read_text(encoding="utf-8") + "\nThe artist 徐冰 spoke.\n",
                                     encoding="utf-8")
        result = subprocess.run([str(python), "-m", "pizhu.cli", "check", "--root", str(english)], capture_output=True,
                                text=True, env=env, timeout=300)
        assert result.returncode == 1 and "pip install 'pizhu[chinese]'" in result.stderr, (where, result.stderr)
        built = subprocess.run([str(python), "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")], cwd=english,
                               capture_output=True, text=True, env=env, timeout=300)
        assert built.returncode == 1 and "pizhu[chinese]" in built.stderr and "Traceback" not in built.stderr, where


def test_the_wheel_holds_templates_assets_and_catalogues(installed: Path) -> None:
    package = next((installed / "lib").glob("python*/site-packages/pizhu"))
    for name in ["render/templates/article.md.j2", "kinds/notes/templates/note.html.j2", "assets/pizhu.js",
                 "assets/pizhu.css", "assets/pizhu-search.js", "assets/pizhu-query.js", "assets/pizhu-pagefind.js",
                 "theme/sitemap.xml",
                 "i18n/en.yml", "i18n/zh-Hans.yml"]:
        assert (package / name).is_file(), name
    assert sys.version_info >= (3, 11)


def test_a_site_without_chinese_never_loads_opencc_or_jieba(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    # OpenCC's phrase dictionaries take 0.05-0.1 s and 40 MB to load: an English site has no
    # text to convert (not even for glossary.json's Traditional forms) and loads none. Nor
    # jieba's dictionary (0.7 s): it has no Chinese words to teach the search's segmenter, which
    # `mkdocs build --verbose` shows in pizhu's seconds by stage.
    import opencc
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from pizhu.core.convert import release_opencc

    loaded: list[str] = []

    class Recorded(opencc.OpenCC):  # type: ignore[misc]
        def __init__(self, config: str = "t2s") -> None:
            loaded.append(config)
            super().__init__(config)

    release_opencc()
    monkeypatch.setattr(opencc, "OpenCC", Recorded)
    site = shutil.copytree(FIXTURES / "english", tmp_path / "english")
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.pizhu"):
        build(load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert (tmp_path / "site/glossary.json").exists()
    assert loaded == []
    [stages] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("pizhu: seconds by stage: ")]
    for stage in ("load and check", "render pages", "open data and feeds", "write open data",
                  "search index: entries and reader forms"):
        assert f"{stage} " in stages
    assert "jieba" not in stages and "search words" in stages


def test_a_site_in_a_language_pizhu_has_no_catalogue_for_brings_its_own_words(tmp_path: Path) -> None:
    # A German newsroom: Material speaks German, pizhu does not; its i18n/de.yml says pizhu's words.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = shutil.copytree(FIXTURES / "english", tmp_path / "german")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    (site / "i18n").mkdir()
    (site / "i18n/de.yml").write_text('notes.heading: Anmerkungen der Redaktion\n'
                                      'note.marker_label: "Anmerkung {number}: {kind}"\n', encoding="utf-8")
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    article = (tmp_path / "site/bike-lanes/index.html").read_text(encoding="utf-8")
    assert "Anmerkungen der Redaktion" in article and "Anmerkung 1: Fact check" in article
    assert "Note 1:" not in article  # (keys the site does not give stay English: "Editorial notes: 1")
    assert 'lang="en"' not in article  # the words are the site's language now, not pizhu's English


def test_a_sites_words_are_checked_like_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pizhu.cli import main

    site = shutil.copytree(FIXTURES / "english", tmp_path / "english")
    (site / "i18n").mkdir()
    (site / "i18n/en.yml").write_text("notes.heading: Our {notes}\n"          # fine: pizhu fills nothing in here
                                      "notes.headin: Notes\n"                # no such key
                                      "note.label: Note {numbr}\n"           # a placeholder pizhu does not fill in
                                      "notes.count: 'Notes: {count'\n"       # a stray brace
                                      "glossary.title: 12\n"                 # not text
                                      "note.marker_label: '{number!r}: {kind:>{width}}'\n"  # formatted (crashed)
                                      "full_stop: ''\n", encoding="utf-8")   # empty (crashed a template)
    (site / "i18n/zh-Hant.yml").write_text("notes.headng: 註釋\n", encoding="utf-8")  # an edition's, checked too
    assert main(["check", "--root", str(site)]) == 1
    printed = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("pizhu: ")]
    assert sorted(printed) == sorted([
        'i18n/en.yml:2: pizhu has no message "notes.headin"; did you mean "notes.heading"?',
        'i18n/en.yml:3: the words of "note.label" use {numbr}, which pizhu does not fill in here; use only {number}',
        "i18n/en.yml:4: the words of \"notes.count\" have a stray brace (expected '}' before end of string); "
        "write {{ and }} for a brace shown as itself",
        'i18n/en.yml:5: the words of "glossary.title" are not text; put them in quotes',
        'i18n/en.yml:6: the words of "note.marker_label" format a placeholder (`!` or `:` inside braces); '
        "write the placeholders plainly: {kind}, {number}",
        'i18n/en.yml:7: the words of "full_stop" are empty; write them, or remove the key to keep pizhu\'s',
        'i18n/zh-Hant.yml:1: pizhu has no message "notes.headng"; did you mean "notes.heading"?',
    ])


def test_a_sites_words_file_must_be_named_as_pizhu_reads_it_and_lie_inside(
        base_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pizhu.cli import main

    (base_project / "i18n").mkdir()
    (base_project / "i18n/zh.yml").write_text("notes.heading: 编者按\n", encoding="utf-8")  # theme.language: zh
    (base_project / "i18n/zh-Hans.yaml").write_text("notes.heading: 编者按\n", encoding="utf-8")
    outside = tmp_path / "outside.yml"
    outside.write_text("SECRET_TOKEN: x\n", encoding="utf-8")
    (base_project / "i18n/zh-Hant.yml").symlink_to(outside)
    (base_project / "i18n/en.yml").write_text("note.marker_label: '{number!r}: {kind}'\n", encoding="utf-8")
    assert main(["check", "--root", str(base_project)]) == 1
    printed = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("pizhu: ")]
    assert sorted(printed) == [
        "i18n/zh-Hans.yaml: pizhu reads the words for zh-Hans from zh-Hans.yml, not this file; rename it zh-Hans.yml",
        "i18n/zh-Hant.yml: is a link to a file outside the project; replace the link by the file itself",
        "i18n/zh.yml: pizhu reads the words for zh-Hans from zh-Hans.yml, not this file; rename it zh-Hans.yml",
    ]  # (en.yml is another language's: not read by this site, so not checked)


def test_english_context_keeps_its_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `prefix: "3,000 "` lost its space (every text field was stripped), so in English, where the
    # words around a passage end or start with a space, no prefix or suffix ever matched, and
    # `pizhu new note --occurrence` wrote a note that check refused.
    from pizhu.cli import main
    from support import copy_project, write_seed

    project = copy_project(FIXTURES / "english", tmp_path / "english")
    seed = (project / "seeds/bike-lanes.txt").read_text(encoding="utf-8")
    write_seed(project, "bike-lanes", seed + "About 3,000 people signed. Another 200 people wrote letters.\n")
    for occurrence in ("1", "2"):
        assert main(["new", "note", "--root", str(project), "--article", "bike-lanes", "--quote", "people",
                     "--author", "desk", "--occurrence", occurrence]) == 0
    note = (project / "data/notes/bike-lanes/bike-lanes-draft-2.md").read_text(encoding="utf-8")
    (project / "data/notes/bike-lanes/bike-lanes-draft-2.md").write_text(
        note.replace('prefix: "200 "', 'prefix: "Another 200 "'), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--root", str(project)]) == 0, capsys.readouterr().err


def test_a_language_material_has_no_interface_for_is_named_before_it_crashes(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    # `language: de-CH` passed pizhu check, then Material's build stopped with a Jinja traceback.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from pizhu.cli import main

    site = shutil.copytree(FIXTURES / "english", tmp_path / "swiss")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: de-CH"), encoding="utf-8")
    assert main(["check", "--root", str(site)]) == 1
    assert ('Material has no interface in the language "de-CH" (`theme.language`): its build stops; use one it has, '
            "e.g. de") in capsys.readouterr().err
    with pytest.raises(Abort) as stopped:  # MkDocs' own wrapper of a plugin's error, not a Jinja traceback
        build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    assert "de-CH" in str(stopped.value.__context__)


def test_a_problem_of_an_edition_config_names_that_file(base_project: Path) -> None:
    # Every problem of the configuration said "mkdocs.yml", also when the build read the
    # edition's own file (its `pizhu:` options are its own), and named the navigation's line there.
    from mkdocs.config import load_config

    from pizhu.build import build_outputs
    from pizhu.config import site_options

    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - demo/index.md\n  - gone.md\n", encoding="utf-8")
    edition = base_project / "mkdocs.zh-hant.yml"
    edition.write_text("INHERIT: mkdocs.yml\ntheme:\n  name: material\n  language: zh-Hant\n"
                       "plugins:\n  - pizhu:\n      edition: zh-Hant\n      messages: ../words\n", encoding="utf-8")

    def problems() -> list[tuple[str, int | None, str]]:
        loaded = load_config(config_file=str(edition))
        options = site_options(loaded, loaded.plugins["pizhu"].config, base_project)
        return [(p.file, p.line, p.message) for p in build_outputs(base_project, options).problems]

    assert problems() == [("mkdocs.zh-hant.yml", None, 'the pizhu option `messages`: "../words" leads outside the project')]
    edition.write_text(edition.read_text(encoding="utf-8").replace("../words", "words"), encoding="utf-8")
    lines = config.read_text(encoding="utf-8").splitlines()
    assert problems() == [("mkdocs.yml", lines.index("  - gone.md") + 1, "the navigation names gone.md, which no page "
                           "of the site and no generated page provides")]


def test_pizhu_words_starts_a_translation_the_check_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A newsroom in a language pizhu has no words for had to read en.yml to learn which keys its
    # pages show; `pizhu words --untranslated` prints them as the file of the site's own words.
    from pizhu.cli import main

    site = shutil.copytree(FIXTURES / "english", tmp_path / "german")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    assert main(["words", "--untranslated", "--root", str(site)]) == 0
    printed = capsys.readouterr().out
    words = yaml.safe_load(printed)
    assert printed.startswith("# i18n/de.yml: ") and words["notes.heading"] == "Editorial notes"
    assert "notes.index_intro.one" in words  # German has singulars too
    (site / "i18n").mkdir()
    (site / "i18n/de.yml").write_text(printed.replace('"Editorial notes"', '"Anmerkungen der Redaktion"'), encoding="utf-8")
    assert main(["check", "--root", str(site)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["words", "--root", str(site)]) == 0
    assert 'notes.heading: "Anmerkungen der Redaktion"  # site' in capsys.readouterr().out.splitlines()
    assert main(["words", "--untranslated", "--root", str(site)]) == 0
    assert yaml.safe_load(capsys.readouterr().out) is None  # every key is the site's own now
    assert main(["words", "--untranslated", "--language", "zh-TW", "--root", str(site)]) == 0
    assert yaml.safe_load(capsys.readouterr().out) is None  # pizhu has Traditional words for every key


def test_every_date_a_reader_sees_is_in_the_sites_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Dates were shown as written in the data (2025-06-28) everywhere but the timeline; a German
    # site writes its order and month names once, and every page follows.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from pizhu.cli import main
    from pizhu.core.i18n import Messages

    assert [Messages.for_language("zh").date(d) for d in ("2025", "2025-06", "2025-06-08")] == \
        ["2025年", "2025年6月", "2025年6月8日"]
    assert [Messages.for_language("en").date(d) for d in ("2025", "2025-06", "2025-06-08", "2025-13", "soon")] == \
        ["2025", "June 2025", "8 June 2025", "2025-13", "soon"]
    site = shutil.copytree(FIXTURES / "english", tmp_path / "german")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    (site / "i18n").mkdir()
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]
    (site / "i18n/de.yml").write_text('date.day: "{dd}.{mm}.{year}"\ndate.month: "{month_name} {year}"\n'
                                      + "".join(f"month.{n}: {name}\n" for n, name in enumerate(months, 1)),
                                      encoding="utf-8")
    assert main(["check", "--root", str(site)]) == 0, capsys.readouterr().err
    build(load_config(config_file=str(config), site_dir=str(tmp_path / "site")))
    sources = (tmp_path / "site/sources/index.html").read_text(encoding="utf-8")
    shown = re.findall(r"<time datetime=\"?([\d-]+)\"?>([^<]+)</time>", sources)
    assert shown and all(text == (f"{iso[8:]}.{iso[5:7]}.{iso[:4]}" if len(iso) == 10 else
                                  f"{months[int(iso[5:7]) - 1]} {iso[:4]}" if len(iso) == 7 else iso)
                         for iso, text in shown), shown
    (site / "i18n/de.yml").write_text('date.day: "{day}. {monat} {year}"\n', encoding="utf-8")
    assert main(["check", "--root", str(site)]) == 1
    assert ("i18n/de.yml:1: the words of \"date.day\" use {monat}, which pizhu does not fill in here; use only {day}, "
            "{dd}, {mm}, {month}, {month_name}, {year}") in capsys.readouterr().err


def test_a_site_writes_its_numbers_as_its_readers_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Every language but English grouped digits from 10,000 with commas (Chinese style): a German
    # table read 3206 and 37.5; a Taiwan one, which writes 3,206人, could not say so.
    from decimal import Decimal

    from pizhu.cli import main
    from pizhu.core.i18n import Messages
    from pizhu.kinds.tables.figures import format_number

    def shown(t: Messages, value: str) -> str:
        return format_number(Decimal(value), group_from=int(t("number.group_from")), thousands=t("number.thousands"),
                             point=t("number.point"))

    german = Messages.for_language("de").with_words({"number.thousands": ".", "number.point": ","}, "de")
    assert [shown(german, v) for v in ("3206.5", "999")] == ["3.206,5", "999"]
    assert [shown(Messages.for_language(lang), "3206") for lang in ("en", "zh", "zh-TW")] == ["3,206", "3206", "3206"]
    taiwan = Messages.for_language("zh-TW").with_words({"number.group_from": "1000"}, "zh-TW")
    assert shown(taiwan, "3206") == "3,206"
    site = shutil.copytree(FIXTURES / "english", tmp_path / "german")
    (site / "i18n").mkdir()
    (site / "i18n/en.yml").write_text('number.group_from: "many"\nnumber.point: ",,"\n', encoding="utf-8")
    assert main(["check", "--root", str(site)]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        'i18n/en.yml:1: "number.group_from" is "many", not a whole number, e.g. 1000; write a whole number, e.g. 1000',
        'i18n/en.yml:2: "number.point" is ",,", not one character, e.g. . or ,; write one character, e.g. . or ,']
