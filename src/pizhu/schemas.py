"""JSON Schemas for the data files, generated from the same field definitions the loader uses.

Each kind of data file declares its fields once as a :class:`~pizhu.core.fields.Shape`;
:func:`schemas` turns those shapes into JSON Schema (draft 2020-12) documents, one per kind of
file, so editors (VS Code's YAML extension) can complete field names and enumerated values and
explain each field on hover. ``pizhu schemas`` writes them to ``schemas/``; ``pizhu schemas
--check`` fails when the files there no longer match the code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .core.articles import ARTICLE
from .core.editions import OVERRIDE
from .core.fields import DATE_PATTERN, FULL_DATE_PATTERN, URL_PATTERN, Field, FieldType, Shape
from .core.ids import ID_PATTERN
from .core.options import SiteOptions
from .core.sources import CONTRIBUTOR, SOURCE
from .kinds import KINDS, SpanKind

SCHEMA_DIR = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
SOURCE_REF: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {"type": "object", "properties": {
            "id": {"type": "string", "description": "The source's id."},
            "excerpt": {"type": "string", "description": "The exact words of the source the claim relies on."}},
         "required": ["id", "excerpt"], "additionalProperties": False}],
}


def schemas(options: SiteOptions | None = None, kinds: Sequence[SpanKind] = KINDS) -> dict[str, dict[str, Any]]:
    """Every schema, by its file name in ``schemas/``."""
    options = options or SiteOptions()
    files: dict[str, tuple[Shape, bool]] = {
        "article.schema.json": (ARTICLE, False),
        "sources.schema.json": (SOURCE, True),
        "contributors.schema.json": (CONTRIBUTOR, True),
        "zh-hant.schema.json": (OVERRIDE, True),
    }
    for kind in kinds:
        files.update(kind.schemas(options))
    return {name: document(name, shape, many) for name, (shape, many) in sorted(files.items())}


def document(name: str, shape: Shape, many: bool) -> dict[str, Any]:
    """A whole schema: one mapping of ``shape``, or a list of them (``many``)."""
    body = object_schema(shape)
    head = {"$schema": DRAFT, "$id": f"https://pizhu.invalid/schemas/{name}",
            "title": f"pizhu: {'a list of ' + shape.what + 's' if many else shape.what}", "description": shape.doc}
    if many:
        return {**head, "type": "array", "items": body}
    return {**head, **body}


def object_schema(shape: Shape) -> dict[str, Any]:
    """A mapping with the shape's fields (and nothing else, unless the shape is open)."""
    schema: dict[str, Any] = {
        "type": "object",
        "description": shape.doc,
        "properties": {f.name: field_schema(f) for f in shape.fields},
        "required": [f.name for f in shape.fields if f.required],
    }
    if shape.extra is not None and shape.extra.shape is not None:
        schema["additionalProperties"] = {"anyOf": [{"type": ["string", "number", "null"]},
                                                    object_schema(shape.extra.shape)],
                                          "description": shape.extra.doc}
    elif not shape.open:
        schema["additionalProperties"] = False
    return schema


TYPES: dict[FieldType, dict[str, Any]] = {
    "text": {"type": ["string", "number"]},
    "markdown": {"type": "string"},
    "id": {"type": "string", "pattern": ID_PATTERN.pattern},
    "date": {"type": ["string", "integer"], "pattern": DATE_PATTERN.pattern},  # `date: 2025` is a YAML integer
    "full-date": {"type": "string", "pattern": FULL_DATE_PATTERN.pattern},
    "url": {"type": "string", "pattern": URL_PATTERN.pattern},
    "boolean": {"type": "boolean"},
    "number": {"type": "number"},
    "integer": {"type": "integer"},
    "ids": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "sources": {"anyOf": [{"type": "string"}, {"type": "array", "items": SOURCE_REF}]},
    "value": {},
}


def field_schema(spec: Field) -> dict[str, Any]:
    """One field: its type, allowed values and description."""
    if spec.type == "mapping" and spec.shape is not None:
        schema = object_schema(spec.shape)
    elif spec.type == "mapping":
        schema = {"type": "object"}
    elif spec.type == "list" and spec.shape is not None:
        schema = {"type": "array", "items": object_schema(spec.shape)}
    elif spec.type == "list":
        schema = {"type": "array", "items": dict(TYPES[spec.items or "text"])}
    elif spec.type == "value" and spec.shape is not None:  # one mapping or a list of them
        one = object_schema(spec.shape)
        schema = {"anyOf": [one, {"type": "array", "items": one}]}
    else:
        schema = dict(TYPES[spec.type])
    if spec.choices:
        schema = {"type": "string", "enum": list(spec.choices)}
    return {**schema, "description": spec.doc}


def write(root: Path, options: SiteOptions | None = None) -> list[str]:
    """Write every schema to ``root/schemas/``; returns the files written."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in schemas(options).items():
        (folder / name).write_text(serialise(schema), encoding="utf-8")
        written.append(f"{SCHEMA_DIR}/{name}")
    return written


def drifted(root: Path, options: SiteOptions | None = None) -> list[str]:
    """The files in ``root/schemas/`` that differ from what the code generates (or are missing)."""
    return [f"{SCHEMA_DIR}/{name}" for name, schema in schemas(options).items()
            if not (root / SCHEMA_DIR / name).is_file()
            or (root / SCHEMA_DIR / name).read_text(encoding="utf-8") != serialise(schema)]


def serialise(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
