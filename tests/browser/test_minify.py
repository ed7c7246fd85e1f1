"""The plugin option ``minify``: every page smaller, and the same page to a reader.

The fixture project is built twice, as it is and with ``minify: true``; each pair of pages must
have the same elements with the same attributes, the same preformatted text, scripts and
styles, and, in Chromium with the site's stylesheets, the same rendered text, line by line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from htmltext import page_shape
from pizhu.minify import minify_page
from support import BASE, copy_project, mkdocs_build

WHITESPACE_PAGE = """# 空白

两个空格之间  有两个空格，一行的末尾
换行之后的汉字。<span>行内</span> <em>相邻</em>  <code>a  b</code>

```text
缩进  保留
    四个空格
```

<table><tr><th>种类</th>
<th>文件</th></tr>
<tr><td>注释</td>  <td><code>data/notes</code></td></tr></table>

<div markdown="1">
块之间

<span>甲</span>
<span>乙</span>
</div>
"""


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("minify")
    project = copy_project(BASE, root / "project")
    (project / "docs" / "whitespace.md").write_text(WHITESPACE_PAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    assert "  - pizhu\n" in plain
    result = mkdocs_build(project, root / "plain")
    assert result.returncode == 0, result.stderr
    config.write_text(plain.replace("  - pizhu\n", "  - pizhu:\n      minify: true\n"), encoding="utf-8")
    result = mkdocs_build(project, root / "minified")
    assert result.returncode == 0, result.stderr
    return root / "plain", root / "minified"


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_is_smaller_with_the_same_elements_attributes_and_kept_text(two_builds: tuple[Path, Path]) -> None:
    plain, minified = two_builds
    assert _pages(plain) == _pages(minified) and "whitespace/index.html" in _pages(plain) and "404.html" in _pages(plain)
    for rel in _pages(plain):
        before, after = (plain / rel).read_text(encoding="utf-8"), (minified / rel).read_text(encoding="utf-8")
        assert len(after.encode()) < len(before.encode()), rel
        assert page_shape(after) == page_shape(before), rel
    assert "缩进  保留\n    四个空格" in (minified / "whitespace/index.html").read_text(encoding="utf-8")


def test_a_reader_sees_the_same_text_on_every_page(two_builds: tuple[Path, Path], browser) -> None:  # type: ignore[no-untyped-def]
    plain, minified = two_builds
    context = browser.new_context(java_script_enabled=False)  # the pages as written, not as scripts change them
    page = context.new_page()
    try:
        for rel in _pages(plain):
            texts = []
            for site in (plain, minified):
                page.goto((site / rel).as_uri())
                text = page.evaluate("document.body.innerText")
                texts.append([line.strip() for line in text.split("\n") if line.strip()])
            # Line by line (a run of spaces at a line's edge or a blank line is not what a reader sees)
            assert texts[0] == texts[1], rel
            assert texts[0], rel
    finally:
        context.close()


def test_inline_code_keeps_its_spaces_and_kbd_is_the_documented_exception() -> None:
    # Material shows code, kbd and samp as pre-wrap. minify-html keeps code's spaces and
    # collapses kbd's and samp's (pizhu.minify says so; no page of the site has either): if a
    # new version changes either, this test says so.
    small = minify_page('<p>a  <code>x  y</code> <kbd>Ctrl  C</kbd> <samp>s  t</samp>\n b</p><pre> p\n  q</pre>')
    assert small == "<p>a <code>x  y</code> <kbd>Ctrl C</kbd> <samp>s t</samp> b</p><pre> p\n  q</pre>"


def test_table_cells_keep_a_space_and_a_page_with_mathml_is_left_as_it_is() -> None:
    # Pagefind reads the written page and would join two cells' words ("kindfiles"); minify-html
    # reads <title> inside <math> as HTML's and would unescape its text into markup.
    table = '<table><tr><th>kind</th>\n<th>files</th></tr><tr><td>a</td>  <td class="x y">b</td></tr></table>'
    assert minify_page(table) == '<table><tr><th>kind</th> <th>files</th></tr><tr><td>a</td> <td class="x y">b</td></tr></table>'
    page = "<p><math><title>&lt;img src=x onerror=alert(1)&gt;</title></math></p>\n\n<p>after</p>"
    assert minify_page(page) == page
