"""The package's shape: layers that import downwards only, no import cycle (TYPE_CHECKING
imports included), every kind one folder with its templates, every message in every catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

import pizhu
from pizhu.kinds import KINDS
from support import REPO

PACKAGE = Path(pizhu.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Every pizhu module and the pizhu modules it imports (at any level, TYPE_CHECKING included).

    ``from . import charts`` imports the module ``…charts``, not its package's ``__init__``.
    """
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                named = {f"{target}.{alias.name}" for alias in node.names}
                found |= named & set(paths) if named <= set(paths) else {target}
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[name] = {t for t in found if t in paths and t != name}
    return graph


def test_no_import_cycles() -> None:
    graph = imports()
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                cycles.append([*path[path.index(nxt):], nxt])
            elif len(path) < 30:
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    assert cycles == []


def test_layers_import_downwards_only() -> None:
    # core -> nothing of pizhu outside core; render -> core; kinds -> core, render.
    for name, targets in imports().items():
        if name.startswith("pizhu.core"):
            assert all(t.startswith("pizhu.core") for t in targets), (name, targets)
        elif name.startswith("pizhu.render"):
            assert all(t.startswith(("pizhu.core", "pizhu.render")) for t in targets), (name, targets)
        elif name.startswith("pizhu.kinds."):
            kind = name.split(".")[2]
            others = {t.split(".")[2] for t in targets if t.startswith("pizhu.kinds.") and t.count(".") >= 2}
            assert others <= {kind, "base"}, f"{name} imports another kind: {others}"
            assert all(t.startswith(("pizhu.core", "pizhu.render", "pizhu.kinds")) for t in targets), (name, targets)


def test_every_kind_is_one_folder_with_its_templates() -> None:
    for kind in KINDS:
        folder = Path(type(kind).__module__.replace(".", "/")).parent
        assert folder.parts[:2] == ("pizhu", "kinds"), kind.name
        if kind.inline_template:
            assert (kind.template_folder() / kind.inline_template).is_file(), kind.name


def test_catalogues_have_the_same_keys_and_every_used_key() -> None:
    catalogues = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (PACKAGE / "i18n").glob("*.yml")}
    assert {"en", "zh-Hans"} <= set(catalogues)
    # A singular (`<key>.one`) is a language's own (English has them, Chinese has none); its key must exist.
    keys = {k for k in catalogues["en"] if not k.endswith(".one")}
    for name, catalogue in catalogues.items():
        assert {k for k in catalogue if not k.endswith(".one")} == keys, (name, set(catalogue) ^ keys)
        assert {k.removesuffix(".one") for k in catalogue if k.endswith(".one")} <= keys, name
    import re

    used = set()
    for path in [*PACKAGE.rglob("*.j2"), *PACKAGE.rglob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z][a-z0-9_.-]*[a-z0-9_])["']""", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"""messages\(\s*["']([a-z][a-z0-9_.-]*[a-z0-9_])["']""", path.read_text(encoding="utf-8")))
    assert used - keys == set()


def test_english_says_one_in_the_singular_and_chinese_has_no_singular() -> None:
    # "1 published editorial notes", "1 rows" (reuse audit).
    from pizhu.core.i18n import Messages

    english, chinese = Messages.for_language("en"), Messages.for_language("zh")
    assert english("data.rows", count=1) == "1 row" and english("data.rows", count=3) == "3 rows"
    assert english("notes.index_intro", count=1) == "1 published editorial note."
    assert chinese("data.rows", count=1) == chinese("data.rows", count=3).replace("3", "1")
    assert not [key for key in chinese.texts if key.endswith(".one")]  # English's never stand in


def test_the_traditional_catalogue_uses_the_simplified_ones_placeholders() -> None:
    # zh-Hant.yml is converted from zh-Hans.yml: a placeholder zh-Hans no longer has is stale (the code
    # stopped passing it) and formatting that message would fail.
    import re

    hans, hant = (yaml.safe_load((PACKAGE / "i18n" / f"{n}.yml").read_text(encoding="utf-8")) for n in ("zh-Hans", "zh-Hant"))
    placeholders = lambda text: set(re.findall(r"\{(\w+)\}", str(text)))  # noqa: E731
    assert {k: placeholders(v) for k, v in hant.items()} == {k: placeholders(v) for k, v in hans.items()}


def test_no_chinese_in_packaged_templates_or_scripts() -> None:
    # Reader-facing words come from the catalogues; templates and scripts hold none of their own.
    han = __import__("re").compile(r"[\u4e00-\u9fff]")
    offenders = []
    for path in [*PACKAGE.rglob("*.j2"), *(PACKAGE / "assets").glob("*.js")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//")[0] if path.suffix == ".js" else line
            if han.search(code) and not code.lstrip().startswith(("*", "/*", "{#")):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}")
    assert offenders == []


def test_the_article_page_gives_its_own_elements_only_the_ids_a_heading_may_not_take(built_site: Path) -> None:
    # A seed heading "Notes" took the id of the notes list (two elements with one id): headings
    # keep away from pizhu.core.seed.PAGE_IDS and PAGE_ID_PREFIXES, so those must be every id
    # the page gives its own elements.
    from lxml import html

    from pizhu.core.seed import PAGE_ID_PREFIXES, PAGE_IDS, parse_seed
    from pizhu.pipeline import load_project

    project, _ = load_project(REPO)
    headings = {block.id for article in project.articles for block in article.blocks if block.kind == "heading"}
    page = html.fromstring((built_site / "sensetime-xu-bing/index.html").read_bytes())
    ids = [element.get("id") for element in page.xpath("//article//*[@id]")]
    assert headings and headings <= set(ids)
    assert [i for i in ids if i not in headings and i not in PAGE_IDS and not i.startswith(PAGE_ID_PREFIXES)] == []
    parsed = parse_seed("导语。\nNotes\n正文。\nnote-x\n正文。\n", "s.txt", set())
    assert [b.id for b in parsed.blocks if b.kind == "heading"] == ["h-notes", "h-note-x"]
