"""The public API: names in one place, and a project loads through them."""

from __future__ import annotations

import pizhu
from support import BASE


def test_public_names() -> None:
    assert sorted(pizhu.__all__) == ["Article", "Block", "Citation", "Contributor", "KINDS", "Outputs", "Problem",
                                     "Project", "ProjectError", "SiteOptions", "Source", "Span", "SpanKind",
                                     "build_outputs", "format_problems", "load_project"]
    assert all(hasattr(pizhu, name) for name in pizhu.__all__)


def test_load_project_through_the_api() -> None:
    project, problems = pizhu.load_project(BASE)
    assert problems == []
    assert isinstance(project, pizhu.Project)
    assert [a.id for a in project.articles] == ["demo"]


def test_only_the_plugin_and_its_config_import_mkdocs() -> None:
    from pathlib import Path

    package = Path(pizhu.__file__).parent
    importers = sorted(p.name for p in package.rglob("*.py") if "import mkdocs" in p.read_text(encoding="utf-8")
                       or "from mkdocs" in p.read_text(encoding="utf-8"))
    assert importers == ["config.py", "plugin.py"]
