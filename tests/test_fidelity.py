"""Every character of the seed, minus its markers, reaches the page, in order."""

from __future__ import annotations

import random
import re
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmltext import block_texts
from pizhu.build import build_outputs
from support import BASE, REPO, copy_project, mkdocs_build, write_seed

SEED = REPO / "seeds" / "sensetime-xu-bing.txt"
METACHARACTERS = "*_[]<>&\\|`#+-.!(){}~^=:"


def canonical_lines(seed: str) -> list[str]:
    """The seed's lines minus markers, stated independently of the parser."""
    lines = [re.sub(r"(?<=[。”])\d+(?: |$)", "", line) for line in seed.split("\n")]
    return [line for line in lines if line.strip()]


def test_real_article_text_reaches_the_built_page(built_site: Path) -> None:
    html = (built_site / "sensetime-xu-bing" / "index.html").read_text(encoding="utf-8")
    assert block_texts(html) == canonical_lines(SEED.read_text(encoding="utf-8"))


def tricky_seed(rng: random.Random, lines: int = 40) -> str:
    """A seed whose lines start and are filled with what Markdown would interpret."""
    starts = ["1. ", "2024. ", "# ", "## ", "- ", "+ ", "* ", "> ", "    ", "| a | b |", "---", "<div>", "&amp; ",
              "[x]: http://x ", "1) ", "`", "=== ", "!!! note ", "\\", "{: #x }"]
    out = ["这是导语,其中含有 *星号* 与 _下划线_ 以及 <b>粗体</b> 标签。"]
    for n in range(lines):
        body = "".join(rng.choice(METACHARACTERS + "汉字文本 AI芯片") for _ in range(rng.randint(3, 30)))
        line = rng.choice(starts) + body
        if n % 3 == 0:
            line += "。" + ("1 " if n % 2 else "1")
        else:
            line += "。"
        out.append(line)
    out.append("最后一行<script>alert(1)</script>&lt;仍是正文&gt;。1")
    return "\n".join(out)


def test_generated_metacharacter_seed_survives_a_real_build(tmp_path: Path) -> None:
    project = copy_project(BASE, tmp_path / "project")
    for note in (project / "data/notes/demo").glob("*.md"):
        note.unlink()
    seed = tricky_seed(random.Random(20250624))
    write_seed(project, "demo", seed)

    result = mkdocs_build(project, tmp_path / "site")

    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert block_texts(html) == canonical_lines(seed)
    assert "<script>alert(1)</script>" not in html


def _render_article_html(project: Path) -> str:
    outputs = build_outputs(project)
    assert not outputs.problems, [p.format() for p in outputs.problems]
    page = next(p for p in outputs.pages if p.src_uri == "demo/index.md")
    body = page.content.split("\n---\n", 1)[1]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"])


line_text = st.text(alphabet=st.sampled_from(list(METACHARACTERS + " 汉字AIa1。,“”")), min_size=1, max_size=40).filter(
    lambda s: s.strip() and not s.endswith(" "))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line_text, min_size=1, max_size=6))
def test_any_text_survives_markdown(lines: list[str], tmp_path: Path) -> None:
    project = tmp_path / "project"
    if not project.exists():
        copy_project(BASE, project)
        for note in (project / "data/notes/demo").glob("*.md"):
            note.unlink()
    seed = "\n".join(["导语。", *(line.strip() for line in lines)])
    write_seed(project, "demo", seed)
    html = _render_article_html(project)
    expected = list(canonical_lines(seed))
    assert block_texts(html) == expected
