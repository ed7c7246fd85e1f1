"""A site whose article is written in Traditional characters (a Taiwan newsroom's, fictional)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from support import FIXTURES

TAIWAN = FIXTURES / "taiwan"


@pytest.fixture(scope="module")
def taiwan_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = shutil.copytree(TAIWAN, tmp_path_factory.mktemp("taiwan") / "project")
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    return project / "site"


def test_the_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    from pizhu.cli import main

    assert main(["check", "--strict", "--root", str(TAIWAN)]) == 0, capsys.readouterr().err


def test_search_meets_readers_typing_simplified_mainland_words_or_pinyin(taiwan_site: Path) -> None:
    # The reader forms assumed a simplified original: 林美华, 芯片 and linmeihua found nothing.
    forms = json.loads((taiwan_site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["pizhu"]
    assert forms["chars"]["华"] == "華" and forms["chars"]["营"] == "營"
    assert forms["phrases"]["芯片"] == "晶片"
    assert forms["pinyin"]["linmeihua"] == "林美華" and forms["pinyin"]["chenzhiming"] == "陳志明"


def test_figures_marks_and_words_are_the_newsrooms(taiwan_site: Path) -> None:
    table = (taiwan_site / "data/mingri-results/index.html").read_text(encoding="utf-8")
    assert "原文寫作<strong>新台幣45億元</strong>，表中為<strong>新台幣45.12億元</strong>" in table
    assert "原文寫作「新台幣45億元」" in table and "“" not in re.sub(r"<script.*?</script>", "", table, flags=re.DOTALL)
    article = (taiwan_site / "mingri-chip-q3/index.html").read_text(encoding="utf-8")
    assert "這是隱憂。」2" not in article and 'class="pz-cite"' in article.replace("class=pz-cite", 'class="pz-cite"')


def test_a_chinese_site_whose_search_does_not_segment_chinese_is_warned(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # reuse.md showed `- search`: Material then indexes a Chinese site as English, and EPS or
    # 晶片 inside a sentence were not found.
    from pizhu.cli import main

    project = shutil.copytree(TAIWAN, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search:\n      lang: zh\n", "  - search\n"),
                      encoding="utf-8")
    assert main(["check", "--root", str(project)]) == 0
    assert ("mkdocs.yml: warning: the site is in zh-TW, and its search plugin does not split Chinese into words (its "
            "`lang` is not set, so en): a word inside a sentence is not found; set `lang: zh` under `- search:` in "
            "`plugins`") in capsys.readouterr().err.splitlines()
