"""Data files are hostile input: the cases a fixture folder cannot hold (symlinks, sizes,
generated bombs), the seed lock, output formats of `pizhu check`, and check = build.

The plain-file cases are fixtures in tests/fixtures/problems/ (yaml-*, id-*, seed-*, empty-*).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from pizhu.cli import main
from pizhu.core.limits import MAX_NOTE_BYTES, MAX_SCALAR_CHARS
from pizhu.core.yamlio import parse_yaml
from support import REPO, mkdocs_build, write_seed

NOTE = "data/notes/demo/growth.md"
NOTE_REAL = "data/notes/sensetime-xu-bing/a100-h100-benchmark.md"


def check(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["check", "--root", str(project), *args])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if not line.startswith("pizhu: ")]


def test_a_symlinked_note_that_leads_out_is_refused(base_project: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text((base_project / NOTE).read_text(encoding="utf-8"), encoding="utf-8")
    (base_project / "data/notes/demo/leak.md").symlink_to(secret)

    code, lines = check(base_project, capsys)

    assert code == 1
    assert lines == ["data/notes/demo/leak.md: is a link to a file outside the project; "
                     "replace the link by the file itself"]


def test_a_symlinked_seed_folder_that_leads_out_is_refused(base_project: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere"
    (base_project / "seeds").rename(outside)
    (base_project / "seeds").symlink_to(outside, target_is_directory=True)

    code, lines = check(base_project, capsys)

    assert code == 1
    assert lines == ['data/articles/demo.yml:2: seed "seeds/demo.txt" leads outside the project; put the article text '
                     "in the project's seeds/ folder and name it relative to the project, e.g. "
                     "`seed: seeds/my-article.txt`"]


@pytest.mark.parametrize("linked", ["data/notes", "data/notes/demo"])
def test_a_symlinked_notes_folder_that_leads_out_is_refused(linked: str, base_project: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    # Files in a folder are checked once for the folder and once each for a link of their own:
    # a folder (or the folder above it) that is itself a link out leaves every file in it out.
    outside = tmp_path / "elsewhere"
    (base_project / linked).rename(outside)
    (base_project / linked).symlink_to(outside, target_is_directory=True)

    code, lines = check(base_project, capsys)

    assert code == 1
    assert lines == ["data/notes/demo: is a link to a file outside the project; replace the link by the file itself"]


def test_a_link_inside_the_project_is_followed(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_project / "seeds/demo.txt").rename(base_project / "seeds/real.txt")
    (base_project / "seeds/demo.txt").symlink_to("real.txt")
    assert check(base_project, capsys) == (0, [])


def test_an_oversized_note_is_refused_before_it_is_read(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = base_project / NOTE
    note.write_text(note.read_text(encoding="utf-8") + "很长。" * (MAX_NOTE_BYTES // 6), encoding="utf-8")

    code, lines = check(base_project, capsys)

    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(f"{NOTE}: file is ")
    assert lines[0].endswith("over the limit of 256 KiB; split it or shorten it (limits are listed in docs/security.md)")


def test_a_byte_order_mark_is_accepted_everywhere(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for rel in (NOTE, "data/sources.yml", "data/contributors.yml", "data/articles/demo.yml"):
        path = base_project / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check(base_project, capsys) == (0, [])


def test_a_billion_laughs_file_is_refused_at_once() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(ord("b"), ord("j")):
        previous = chr(n - 1)
        lines.append(f"{chr(n)}: &{chr(n)} [{','.join(['*' + previous] * 9)}]")
    data, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yml")
    assert data is None
    assert problems[0].message == "anchor &a is not allowed"
    assert len(problems) == 9 + 8 * 9  # every anchor and every alias, each on its line


def test_an_overlong_value_is_refused() -> None:
    data, problems = parse_yaml("note: " + "长" * (MAX_SCALAR_CHARS + 1) + "\n", "x.yml")
    assert data is None
    assert problems[0].format() == (f"x.yml:1: a value of {MAX_SCALAR_CHARS + 1} characters, over the limit of "
                                    f"{MAX_SCALAR_CHARS}; shorten it")


def test_dates_stay_text_and_numbers_stay_numbers() -> None:
    data, problems = parse_yaml("date: 2025-03-26\nvalue: 37.72\ncount: 6114\nflag: true\nnothing: null\n", "x.yml")
    assert problems == []
    assert data == {"date": "2025-03-26", "value": 37.72, "count": 6114, "flag": True, "nothing": None}
    assert data.line_of("count") == 3


def test_seed_accept_records_the_new_hash_and_notes_are_reanchored(base_project: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    seed = base_project / "seeds/demo.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("营收增长了10%", "营收增长了12%"), encoding="utf-8")
    manifest = base_project / "data/articles/demo.yml"
    before = manifest.read_text(encoding="utf-8")

    assert main(["seed", "accept", "demo", "--root", str(base_project)]) == 0
    capsys.readouterr()
    after = manifest.read_text(encoding="utf-8")
    assert after.count("seed_sha256:") == 1 and after != before
    assert after.replace(after.splitlines()[2], "") == before.replace(before.splitlines()[2], "")  # only that line

    code, lines = check(base_project, capsys)
    assert code == 1
    assert lines == ['data/notes/demo/growth.md:2: anchor "营收增长了10%" matches 0 places in seeds/demo.txt; '
                     'closest: "营收增长了12%" (line 3, 88% similar); copy the passage exactly from the article']


def test_check_formats_for_github_and_json(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = base_project / NOTE
    note.write_text(note.read_text(encoding="utf-8").replace("author: demo-editor", "author: nobody"), encoding="utf-8")

    assert main(["check", "--root", str(base_project), "--format", "github"]) == 1
    out = capsys.readouterr().out.strip()
    assert out == ("::error file=data/notes/demo/growth.md,line=5,title=pizhu%3A problem::unknown author \"nobody\"; "
                   "use an id from data/contributors.yml (demo-editor, demo-reviewer) or add yourself there")

    assert main(["check", "--root", str(base_project), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == [{
        "file": "data/notes/demo/growth.md", "line": 5, "message": "unknown author \"nobody\"",
        "hint": "use an id from data/contributors.yml (demo-editor, demo-reviewer) or add yourself there", "severity": "error"}]


def test_an_unexpected_exception_is_an_internal_error_naming_the_file(base_project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # The last line of defence: a bug somewhere in the checks (here, a ZeroDivisionError) is
    # reported with the file being read and exit status 2, never as a traceback.
    import pizhu.kinds.notes.load as notes_load

    def broken(*args: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(notes_load, "_anchor", broken)
    assert main(["check", "--root", str(base_project)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("pizhu: internal error while reading data/notes/demo/draft-note.md (ZeroDivisionError); "
                           "please report it with that file attached")


UNUSED_TERM = ("- id: ghost\n  term: 幽灵公司\n  category: organization\n  definition: 文中没有的公司。\n"
               "  sources: [demo-report]\n")


def test_check_reads_strict_from_mkdocs_yml_as_the_build_does(base_project: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (base_project / "data/glossary.yml").write_text(UNUSED_TERM, encoding="utf-8")
    config = base_project / "mkdocs.yml"

    assert check(base_project, capsys)[0] == 0  # a warning only
    assert mkdocs_build(base_project, tmp_path / "lenient", "--no-strict").returncode == 0

    config.write_text("strict: true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    code, lines = check(base_project, capsys)
    assert code == 1 and lines[0].startswith("data/glossary.yml:1: warning: term \"幽灵公司\" (ghost) occurs nowhere")
    assert mkdocs_build(base_project, tmp_path / "strict").returncode == 1


def test_check_reads_the_plugin_options(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_project / "data/glossary.yml").write_text(UNUSED_TERM, encoding="utf-8")
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - pizhu\n", "  - pizhu:\n      strict: true\n"),
                      encoding="utf-8")
    assert check(base_project, capsys)[0] == 1


def test_a_broken_mkdocs_yml_is_a_problem_not_a_traceback(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_project / "mkdocs.yml").write_text("site_name: x\ntheme: {name: nonexistent-theme}\n", encoding="utf-8")
    code, lines = check(base_project, capsys)
    assert code == 1
    assert lines and all(line.startswith("mkdocs.yml: ") for line in lines)


def test_csv_cells_never_run_as_formulas(base_project: Path) -> None:
    from pizhu.build import build_outputs

    tables = base_project / "data/tables"
    tables.mkdir()
    (tables / "demo-revenue.yml").write_text(
        "title: 演示\nperiod: 2024年\nsources: [demo-report]\ncolumns:\n"
        "  - {id: item, label: \"=HYPERLINK(\\\"http://x.invalid\\\")\", type: text}\n"
        "  - {id: revenue, label: 营收, type: number, unit: 亿元}\n"
        "rows:\n"
        "  - {id: a, item: \"=1+1\", revenue: -3.5}\n"
        "  - {id: b, item: \"@SUM(A1)\", revenue: 2}\n"
        "  - {id: c, item: \"+cmd\", revenue: 1}\n"
        "  - {id: d, item: \"-2+3\", revenue: 1}\n", encoding="utf-8")
    outputs = build_outputs(base_project)
    assert not outputs.problems, outputs.problems
    rows = list(csv.reader(io.StringIO(outputs.files["data/demo-revenue.csv"].decode("utf-8-sig"))))
    assert rows[0][1] == "'=HYPERLINK(\"http://x.invalid\")"
    assert [r[1] for r in rows[1:]] == ["'=1+1", "'@SUM(A1)", "'+cmd", "'-2+3"]
    assert rows[1][2] == "-3.5"  # numbers stay numbers
    data = json.loads(outputs.files["data/demo-revenue.json"])
    assert data["rows"][0]["cells"]["item"]["value"] == "=1+1"  # JSON stays exact


def test_a_build_writes_nothing_outside_the_site_folder(base_project: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    (base_project / "data/glossary.yml").write_text(
        "- id: demo-company\n  term: 演示公司\n  category: organization\n  definition: 一家公司。\n"
        "  sources: [demo-report]\n", encoding="utf-8")
    before = sorted(p.relative_to(base_project) for p in base_project.rglob("*"))
    result = mkdocs_build(base_project, tmp_path / "site", env={"TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(base_project) for p in base_project.rglob("*")) == before
    # Only caches, in the system's temporary folder: jieba's dictionary (the search plugin's
    # segmenter) and Jinja's compiled templates (a private per-user folder); no site content.
    assert {p.name for p in scratch.iterdir()} <= {"jieba.cache", f"_jinja2-cache-{os.getuid()}"}


def test_a_seed_written_by_the_test_helper_passes(base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_seed(base_project, "demo", (base_project / "seeds/demo.txt").read_text(encoding="utf-8") + "新的一段。\n")
    assert check(base_project, capsys) == (0, [])


def test_security_page_states_the_limits_the_code_enforces() -> None:
    from pizhu.core import limits

    page = (Path(__file__).resolve().parent.parent / "docs/security.md").read_text(encoding="utf-8")
    assert f"| a YAML data file | {limits.size_text(limits.MAX_YAML_BYTES)} |" in page
    assert f"| a note file | {limits.size_text(limits.MAX_NOTE_BYTES)} |" in page
    assert f"| a seed | {limits.size_text(limits.MAX_SEED_BYTES)} |" in page
    assert f"| nesting of YAML lists and mappings | {limits.MAX_DEPTH} levels |" in page
    assert f"| one YAML value | {limits.MAX_SCALAR_CHARS:,} characters |" in page
    assert f"| an integer | {limits.MAX_INTEGER_DIGITS} digits |" in page
    assert f"| a column's `decimals` | 0 to {limits.MAX_DECIMALS} |" in page
    assert f"| `[` and `<` in one paragraph of prose | {limits.MAX_BRACKETS} |" in page


@pytest.mark.parametrize(("written", "read_as"), [
    ("0020", "16"), ("0x1F", "31"), ("1_000", "1000"), ("1:30", "90"), ("0b101", "5"), ("1_000.5", "1000.5")])
def test_a_number_yaml_would_read_as_another_is_refused(written: str, read_as: str) -> None:
    # YAML 1.1 reads a leading zero as octal and knows hex, binary, underscores and base 60: a
    # stock code 0020 would silently be published as 16.
    _, problems = parse_yaml(f"code: {written}\n", "x.yml")
    assert [p.format() for p in problems] == [
        f'x.yml:1: "{written}" is not a plain number (YAML would read it as {read_as}); quote it if it is text '
        f'("{written}"), or write the number in decimal digits']
    assert parse_yaml(f"code: \"{written}\"\n", "x.yml")[0] == {"code": written}
    assert parse_yaml("fine: [20, -3, 37.72, 1.5e+3, 0, -0.5]\n", "x.yml")[0] == {"fine": [20, -3, 37.72, 1500.0, 0, -0.5]}


def test_a_decimal_number_or_a_boolean_where_text_is_expected_must_be_quoted(real_copy: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # YAML drops a decimal's trailing zeros (1.10 -> 1.1) and reads yes/no/on/off as booleans:
    # as text they would not be what was written. A whole number is written back as it was.
    glossary = real_copy / "data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("aliases: [Xu Bing]", "aliases: [Xu Bing, 1.10]", 1)
                        .replace("english: Xu Li\n", "english: no\n", 1), encoding="utf-8")
    table = real_copy / "data/tables/sensetime-market-value.yml"
    table.write_text(table.read_text(encoding="utf-8").replace("moment: 上市之初", "moment: 1.50", 1), encoding="utf-8")
    code, lines = check(real_copy, capsys)
    assert code == 1
    assert ("data/glossary.yml:9: `aliases` must be a list of spellings; write `aliases: [商湯, SenseTime]` "
            "(quote a spelling that looks like a number: \"1.10\")") in lines
    assert ("data/glossary.yml:20: `english` of glossary term must be text, not bool; write `english` as a single "
            "line of text, in quotes (YAML reads an unquoted 1.10 as 1.1, and no as false)") in lines
    assert any(line.startswith("data/tables/sensetime-market-value.yml:17:") for line in lines), lines


def test_a_table_date_must_be_a_day_of_the_calendar(real_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = real_copy / "data/tables/sensetime-headcount.yml"
    table.write_text(table.read_text(encoding="utf-8").replace("date: 2021-12-31", "date: 2021-31-12", 1),
                     encoding="utf-8")
    code, lines = check(real_copy, capsys)
    assert code == 1
    assert any(line.startswith("data/tables/sensetime-headcount.yml:15:") and "2021-31-12" in line
               for line in lines), lines


def test_what_the_published_prose_would_lose_is_a_problem_at_its_line(real_copy: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # nh3 removes what is outside the allow-list: the contributor is told, instead of the text
    # losing it without a word (contributor audit).
    note = real_copy / NOTE_REAL
    text = note.read_text(encoding="utf-8").rstrip("\n")
    note.write_text(text + "\n\n第二段<script>alert(1)</script>。\n\n[链接](javascript:alert(2)) ![](data:image/png;base64,AA)\n"
                    "\n{{ figur sensetime-headcount/end-2024/staff }}\n", encoding="utf-8")
    code, lines = check(real_copy, capsys)
    assert code == 1
    body_lines = len(text.splitlines())
    assert (f"{NOTE_REAL}:{body_lines + 2}: `body` has what pizhu does not publish: the HTML element <script>, "
            "a javascript: link, an image; remove it: prose may use Markdown's emphasis, lists, quotes, code and "
            "links (http, https, mailto or relative), and no other HTML") in lines, lines
    assert any(line.startswith(f"{NOTE_REAL}:{body_lines + 6}: malformed figure reference \"{{{{ figur ")
               for line in lines), lines


PAYLOAD = ("![x](x){ onerror=alert(1) } <img src=x onerror=alert(2)> [j](javascript:alert(3)) "
           "</script><script>alert(4)</script>\n\n## h { autofocus onfocus=alert(5) }\n\nz")


def injected(site: Path) -> list[str]:
    """Every element of a built site that a payload made: event handlers, autofocus, images of
    "x", javascript: links, scripts that alert."""
    from lxml import html as lxml_html

    found = []
    for page in sorted(site.rglob("*.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            attributes = {name.lower(): value for name, value in element.attrib.items()}
            where = f"{page.relative_to(site)}: <{element.tag} {attributes}>"
            if any(name.startswith("on") or name == "autofocus" for name in attributes) or \
                    (element.tag == "img" and attributes.get("src") == "x") or \
                    attributes.get("href", "").strip().lower().startswith("javascript:") or \
                    (element.tag == "script" and "json" not in attributes.get("type", "") and "alert(" in (element.text or "")):
                found.append(where)
    return found


def test_the_sites_own_words_are_text_wherever_they_land(tmp_path: Path) -> None:
    # i18n/<language>.yml is a file of the repository like data/: a pull request may change it.
    # Its words were HTML-escaped but parsed as Markdown where a template put them on a line of
    # their own: `![x](x){ onerror=… }` became an <img> with an event handler (red-team pass).
    import string

    import yaml

    from pizhu.core.i18n import SETTINGS, Messages

    english = Messages.for_language("en").texts
    words = {}
    for key in Messages.for_language("zh").texts:
        names = [name for _, name, _, _ in string.Formatter().parse(english.get(key, "")) if name]
        if key in english and key not in SETTINGS:  # (where pizhu fills words in, a brace is written twice)
            words[key] = PAYLOAD.replace("{", "{{").replace("}", "}}") + "".join(f" {{{n}}}" for n in names) \
                if names else PAYLOAD
    project = tmp_path / "real"  # every kind of page
    for name in ("data", "seeds", "docs", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "i18n").mkdir()
    (project / "i18n/zh-Hans.yml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert injected(tmp_path / "site") == []


def test_a_one_line_field_with_a_line_break_is_refused_and_never_breaks_a_heading(
        real_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A glossary `term` with line breaks ended its heading's line in the glossary page's Markdown:
    # what followed was parsed as Markdown with attributes (script ran on the page, no click).
    from pizhu.core.markup import markdown_inline

    glossary = real_copy / "data/glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    first_term = next(line for line in text.splitlines() if line.lstrip().startswith("term:"))
    glossary.write_text(text.replace(first_term, first_term.split(":")[0] + ': "Evil\\n\\n![x](x){ onerror=alert(1) }"', 1),
                        encoding="utf-8")
    code, lines = check(real_copy, capsys)
    line = text.splitlines().index(first_term) + 1
    assert code == 1 and any(entry.startswith(f"data/glossary.yml:{line}: `term` of ") and "line break" in entry
                             for entry in lines), lines
    assert "\n" not in markdown_inline("a\nb\r\nc\rd") and "\u2028" not in markdown_inline("a\u2028b")


@pytest.mark.parametrize("escape", ["\\u202E", "\\0", "\\e[2K", "\\x07", "\\u2066"])
def test_an_invisible_character_written_as_an_escape_is_refused(escape: str) -> None:
    # The file's characters were checked, not the values YAML decodes from them: a bidi override
    # reached the page and the feed, a NUL crashed the feed with an internal error naming another file.
    data, problems = parse_yaml(f'title: "V6 {escape} x"\nok: "a\\tb"\n', "data/x.yml")
    assert data is None and [p.format() for p in problems] == [
        f"data/x.yml:1: a value holds the invisible or control character U+{ord(escape_value(escape)):04X} "
        "(written as an escape sequence); delete the escape sequence"]


def escape_value(escape: str) -> str:
    import yaml

    return str(yaml.safe_load(f'"{escape}"'))[0]


def test_a_path_with_a_nul_character_is_refused_not_an_internal_error(base_project: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from pizhu.core.paths import confined

    assert confined(base_project, "seeds/demo.txt\x00") == '"seeds/demo.txt\\u0000" holds a NUL character, which no file name has'
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - pizhu\n", '  - pizhu:\n      templates: "t\\0"\n'),
                      encoding="utf-8")
    code, lines = check(base_project, capsys)
    assert code == 1 and lines == ['mkdocs.yml: the pizhu option `templates`: "t\\u0000" holds a NUL character, which no '
                                   "file name has; name a folder inside the project"]


def test_an_id_or_date_with_a_line_break_after_it_is_refused() -> None:
    # `^…$` matches before a final line break: a note file named "zz\n.md" was the note "zz\n".
    from pizhu.core.ids import id_problem

    assert id_problem("zz\n", "note id") is not None and id_problem("assets\n", "article slug") is not None
    assert id_problem("zz", "note id") is None


def test_an_article_cannot_take_the_folder_of_an_edition() -> None:
    # An article `zh-hant` passed check; the Traditional edition's build then emptied its folder
    # and wrote the edition's home page there (both builds exited 0).
    from pizhu.core.ids import id_problem
    from pizhu.kinds import KINDS
    from pizhu.pipeline import site_paths

    assert id_problem("zh-hant", "article slug", site_paths(KINDS)) == (
        'article slug "zh-hant" is taken by the zh-Hant edition (zh-hant/, built into the site after it)',
        "choose another one")


def test_prose_too_crowded_with_brackets_for_markdown_is_refused_at_its_line(real_copy: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # Python-Markdown takes time quadratic in unclosed `[` and `<`: a line of 20,000 took a
    # minute per rendering (hours at the note limit). Such prose is refused, and shown as text.
    from pizhu.core.limits import MAX_BRACKETS
    from pizhu.core.markup import render_markdown

    note = real_copy / "data/notes/sensetime-xu-bing/v6-date.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text + "\n" + "见[表](../data/)。" * MAX_BRACKETS + "\n\n" + "[" * 20000 + "\n", encoding="utf-8")
    code, lines = check(real_copy, capsys)
    crowded = len(text.splitlines()) + 4
    assert code == 1 and lines == [
        f"data/notes/sensetime-xu-bing/v6-date.md:{crowded}: `body` has a paragraph with more than {MAX_BRACKETS} of `[`, "
        "`<` and `\\`, which Markdown cannot read in reasonable time; split the paragraph, or write fewer links, brackets "
        "and levels"]
    assert render_markdown("a\n\n" + "<a " * 100) == "<p>a</p>\n<p>" + "&lt;a " * 99 + "&lt;a</p>"


def test_a_figure_reference_in_a_links_title_is_a_problem_not_a_rewritten_link(real_copy: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    # The reference's link was put into the HTML after it was cleaned, inside the title: the
    # link's address was replaced and its markup broken.
    from pizhu.core.figrefs import resolve_figures
    from pizhu.pipeline import load_project

    project, _ = load_project(real_copy)
    problems: list = []
    prose = resolve_figures('See [link](https://example.com/a "a > b {{ figure sensetime-results/fy2024/revenue }} x") '
                            "and {{ figure sensetime-results/fy2024/revenue }}.", project, "sensetime-xu-bing/index.md",
                            "data/notes/x.md", 5, problems)
    assert [p.format() for p in problems] == ["data/notes/x.md:5: a figure reference inside a link's address or title; "
                                              "put the reference in the text, outside the link's ( )"]
    assert prose.html.count('class="pz-figure-ref"') == 1 and 'href="https://example.com/a"' in prose.html


def test_a_glossary_term_cannot_set_its_headings_attributes(tmp_path: Path) -> None:
    # The term went into the heading's attribute list as data-toc-label: a backtick in it split
    # the heading before the attribute list was read, and the term's tail set onfocus (second
    # red-team pass: script ran on the glossary page without a click).
    project = tmp_path / "real"
    for name in ("data", "seeds", "docs", "templates"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    glossary = project / "data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        '\n- id: evil-term\n  term: "`a` { tabindex=0 autofocus onfocus=alert(1) z="\n  aliases: [卸任]\n'
        "  category: concept\n  definition: 一个词。\n  sources: [article]\n"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert injected(tmp_path / "site") == []


@pytest.mark.parametrize("body", ["- " * 500 + "x", "> " * 500 + "x", "\\*" * 5000])
def test_prose_markdown_would_recurse_or_crawl_on_is_refused_not_an_internal_error(
        body: str, base_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Lists nested 500 deep overflowed Python's stack (an internal error, exit 2); 30,000
    # backslash escapes took seconds, quadratic in them (second red-team pass).
    note = base_project / "data/notes/demo/growth.md"
    note.write_text(note.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    code, lines = check(base_project, capsys)
    assert code == 1 and len(lines) == 1 and "which Markdown cannot read in reasonable time" in lines[0], lines


def test_a_note_cannot_take_the_name_of_the_annotations_authors_file(base_project: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # A note `agents` wrote its annotation over annotations/agents.jsonld, which every annotation's
    # creator points into.
    notes = base_project / "data/notes/demo"
    (notes / "growth.md").rename(notes / "agents.md")
    code, lines = check(base_project, capsys)
    assert code == 1 and any('note id (the file name) "agents" is taken by the file of the annotations\' authors' in line
                             for line in lines), lines
