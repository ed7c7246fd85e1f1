"""pizhu.pagefind: the bundle check, the records, and a build whose Pagefind run goes wrong."""

from __future__ import annotations

import gzip
import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest

from pizhu.pagefind import Cutter, PagefindError, Record, check_bundle, record_page, term_records
from support import REPO, mkdocs_build


def bundle(folder: Path) -> Path:
    for name, content in (("pagefind.js", "x"), ("pagefind-worker.js", "x"), ("pagefind-entry.json", "{}"),
                          ("fragment/a.pf_fragment", "x")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_a_complete_bundle_passes(tmp_path: Path) -> None:
    check_bundle(bundle(tmp_path))


def test_an_empty_file_fails_the_check_and_is_named(tmp_path: Path) -> None:
    (bundle(tmp_path) / "fragment/a.pf_fragment").write_bytes(b"")
    with pytest.raises(PagefindError, match=r"fragment/a\.pf_fragment \(empty\)"):
        check_bundle(tmp_path)


def test_a_missing_file_fails_the_check(tmp_path: Path) -> None:
    (bundle(tmp_path) / "pagefind.js").unlink()
    with pytest.raises(PagefindError, match=r"pagefind\.js \(missing\)"):
        check_bundle(tmp_path)


@pytest.fixture(scope="module")
def context():  # type: ignore[no-untyped-def]
    from pizhu.build import build_outputs
    from pizhu.config import read_site_options

    options, _ = read_site_options(REPO)
    return build_outputs(REPO, options).context


def test_term_records_hold_pinyin_three_ways(context) -> None:  # type: ignore[no-untyped-def]
    records = {r.location: r for r in term_records(context)}
    xu_bing = records["glossary/#term-xu-bing"]
    assert xu_bing.title.startswith("徐冰") and xu_bing.kind == "term"
    assert {"xú bīng", "xu bing", "xubing"} <= {" ".join(xu_bing.text.split()[i:i + n]) for n in (1, 2)
                                                  for i in range(len(xu_bing.text.split()))}
    assert "shangtang" in records["glossary/#term-sensetime"].text.split()  # its alias 商汤, spelled
    assert "ririxin" in records["glossary/#term-sensenova"].text.split()


def test_a_record_page_keeps_markup_as_text() -> None:
    record = Record("a/#note-x", '<img src=x onerror="alert(1)">', "页", "notes", "正文<b>")
    page = record_page(record, Cutter(lambda run: [run]))
    assert "<img" not in page and "<b>" not in page
    assert 'data-value="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"' in page


FAKE_PAGEFIND = """#!{python}
import json, pathlib
config = json.loads(pathlib.Path("pagefind.json").read_text())
out = pathlib.Path(config["output_path"])
out.mkdir(parents=True)
for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json"):
    (out / name).write_text("x")
(out / "pagefind.js").write_text("")  # as Pagefind 1.5.2 can leave it
"""


@pytest.mark.build
def test_a_build_fails_clearly_when_pagefind_leaves_an_empty_file(base_project: Path, tmp_path: Path) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text(FAKE_PAGEFIND.format(python=sys.executable), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    config = base_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - pizhu\n" in text
    config.write_text(text.replace("  - pizhu\n", "  - pizhu:\n      search_engine: pagefind\n"), encoding="utf-8")

    result = mkdocs_build(base_project, tmp_path / "site", env={"PAGEFIND_BINARY_PATH": str(fake)})

    assert result.returncode != 0
    assert "Pagefind wrote an unusable search index: pagefind.js (empty)" in result.stderr, result.stderr[-2000:]
    assert not (tmp_path / "site" / "pagefind").exists()  # nothing half-written
    assert os.listdir(tmp_path / "site")  # the rest of the site was built


def test_a_small_phrase_table_ships_whole_and_a_large_one_in_shards_by_first_character() -> None:
    from pizhu.pagefind import PHRASES_SHARD, phrase_shards

    small = {"晶片": "芯片", "軟體": "软件"}
    assert phrase_shards(small) == [small]
    large = {f"{chr(0x4E00 + n % 3000)}{chr(0x4E00 + n // 3000)}詞": "词" for n in range(6000)}
    shards = phrase_shards(large)
    assert len(shards) > 1 and len(shards) & (len(shards) - 1) == 0  # a power of two
    assert {form: word for shard in shards for form, word in shard.items()} == large
    assert all(ord(form[0]) % len(shards) == number for number, shard in enumerate(shards) for form in shard)
    assert max(len(json.dumps(shard, ensure_ascii=False).encode()) for shard in shards) < 2 * PHRASES_SHARD


def fragment_texts(site: Path) -> dict[str, str]:
    """What Pagefind indexed of each page: its URL -> its text (fragments are gzip'd JSON after
    a signature)."""
    texts = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        texts[fragment["url"]] = fragment["content"]
    return texts


@pytest.mark.build
def test_minified_table_cells_stay_separate_words_for_pagefind(base_project: Path, tmp_path: Path) -> None:
    # Pagefind reads the written page; minify-html writes cells with nothing between them, and
    # Pagefind then joined their words ("kindfiles"): pizhu.minify keeps a space between cells.
    (base_project / "docs" / "table.md").write_text(
        "# 表格\n\n<table><tr><th>kind</th>\n<th>files</th></tr>\n<tr><td>notes</td>\n<td>glossary</td></tr></table>\n",
        encoding="utf-8")
    config = base_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - pizhu\n" in text
    config.write_text(text.replace("  - pizhu\n", "  - pizhu:\n      search_engine: pagefind\n      minify: true\n"),
                      encoding="utf-8")

    result = mkdocs_build(base_project, tmp_path / "site")

    assert result.returncode == 0, result.stderr[-2000:]
    table = next(content for url, content in fragment_texts(tmp_path / "site").items() if url.endswith("/table/"))
    assert {"kind", "files", "notes", "glossary"} <= set(re.findall(r"[a-z]+", table)), table
