"""JSON Schemas in schemas/: generated from the loader's field definitions, never drifting, and
every data file of the real project validates against its schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from pizhu import schemas
from pizhu.cli import main
from pizhu.core.yamlio import parse_yaml, split_front_matter
from support import REPO

# Which schema describes which files (the same mapping as .vscode/settings.json).
FILES = {
    "article.schema.json": ["data/articles/*.yml"],
    "sources.schema.json": ["data/sources.yml", "data/sources/*.yml"],
    "contributors.schema.json": ["data/contributors.yml"],
    "glossary.schema.json": ["data/glossary.yml"],
    "table.schema.json": ["data/tables/*.yml"],
    "speakers.schema.json": ["data/speakers.yml"],
    "note.schema.json": ["data/notes/*/*.md"],
    "corrections.schema.json": ["data/corrections.yml"],
    "methodology.schema.json": ["data/methodology.yml"],
    "timeline.schema.json": ["data/timeline.yml"],
    "zh-hant.schema.json": ["data/zh-hant.yml"],
}


def test_the_editor_is_wired_to_every_schema_of_a_yaml_file() -> None:
    # VS Code's YAML extension cannot apply a schema to a Markdown file's front matter (notes).
    wired = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert {k.removeprefix("./schemas/"): v for k, v in wired.items()} == \
        {k: v for k, v in FILES.items() if k != "note.schema.json"}


def load(path: Path) -> object:
    """A data file as plain data, read the way pizhu reads it (dates stay text)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        front, _, _, problems = split_front_matter(text, path.name)
        assert not problems
        text = front
    data, problems = parse_yaml(text, path.name)
    assert not problems, problems
    return json.loads(json.dumps(data))


def test_the_committed_schemas_match_the_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemas", "--check", "--root", str(REPO)]) == 0
    assert sorted(schemas.schemas()) == sorted(FILES)


def test_drift_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    note = tmp_path / "schemas/note.schema.json"
    note.write_text(note.read_text(encoding="utf-8").replace("fact-check", "factcheck"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert main(["schemas", "--check", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == ("schemas/note.schema.json: differs from the field definitions in the "
                                               "code; run `pizhu schemas` and commit the result")


@pytest.mark.parametrize("schema_name", sorted(FILES))
def test_every_real_data_file_validates(schema_name: str) -> None:
    schema = json.loads((REPO / "schemas" / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    paths = [p for pattern in FILES[schema_name] for p in sorted(REPO.glob(pattern))]
    assert paths, schema_name
    for path in paths:
        errors = [f"{path.relative_to(REPO)}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(load(path))]
        assert errors == []


def test_enums_and_descriptions_reach_the_editor() -> None:
    note = json.loads((REPO / "schemas/note.schema.json").read_text(encoding="utf-8"))
    assert note["properties"]["kind"]["enum"] == ["context", "fact-check", "correction", "definition", "data"]
    assert note["properties"]["verdict"]["enum"] == ["accurate", "misleading", "wrong", "unverified", "disputed"]
    assert note["properties"]["status"]["enum"] == ["draft", "reviewed", "published"]
    glossary = json.loads((REPO / "schemas/glossary.schema.json").read_text(encoding="utf-8"))
    assert glossary["items"]["properties"]["category"]["enum"] == ["person", "organization", "product", "concept"]
    assert glossary["items"]["properties"]["link"]["enum"] == ["first", "all", "never"]
    table = json.loads((REPO / "schemas/table.schema.json").read_text(encoding="utf-8"))
    column = table["properties"]["columns"]["items"]["properties"]
    assert column["type"]["enum"] == ["text", "date", "number", "integer"] and "亿元" in column["unit"]["enum"]
    for document in (note, glossary, table):
        described = json.dumps(document)
        assert described.count('"description"') >= 8


def test_vscode_is_wired_to_every_yaml_schema() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    wired = {Path(k).name for k in settings["yaml.schemas"]}
    assert wired >= {name for name in FILES if name != "note.schema.json"}
