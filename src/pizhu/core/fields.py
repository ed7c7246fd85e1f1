"""Field definitions and typed access to YAML mappings, reporting against file and line.

Each kind of data file declares its fields once, as a :class:`Shape`: names, types,
whether required, allowed values and a one-line description. The loader reads with it
(unknown fields are refused with the list of known ones) and ``pizhu schemas`` turns the same
shapes into the JSON Schemas editors use, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .ids import id_problem
from .limits import MAX_YAML_BYTES
from .model import Origin, Registry, SourceRef
from .paths import read_limited
from .problems import Problem, Severity, mark_reading
from .prose import Written, record
from .text import LINE_BREAKS
from .yamlio import LineList, LineMap, parse_yaml

DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
FULL_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_PATTERN = re.compile(r"^https?://[^\s]+$")

FieldType = Literal["text", "markdown", "id", "date", "full-date", "url", "boolean", "number", "integer",
                    "ids", "sources", "mapping", "list", "value"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a data file."""

    name: str
    type: FieldType
    doc: str
    """What it means, in one line (editors show it on hover)."""
    required: bool = False
    choices: tuple[str, ...] = ()
    """The allowed values, when there is a fixed list."""
    shape: Shape | None = None
    """For a ``mapping``, or a ``list`` of mappings: the fields of each."""
    items: FieldType | None = None
    """For a ``list`` of plain values: their type."""


@dataclass(frozen=True, slots=True)
class Shape:
    """The fields of one kind of YAML mapping (a source, a note's front matter, a table …)."""

    what: str
    """How messages name it ("source", "note", "table column")."""
    doc: str
    fields: tuple[Field, ...]
    open: bool = False
    """True when keys other than ``fields`` are allowed (a table row's cells are its columns)."""
    extra: Field | None = None
    """For an open shape: what each of the other keys holds."""

    @property
    def names(self) -> tuple[str, ...]:
        return _field_names(self.fields)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@functools.cache
def _field_names(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in fields)


SOURCE_REF_DOC = "ids of sources in data/sources*.yml; an item may be {id: …, excerpt: \"the exact words relied on\"}"


def written_text(value: object) -> str | None:
    """A scalar where text is expected, as its writer wrote it: text, or a whole number (``None``
    for anything else: a decimal number loses its trailing zeros in YAML, 1.10 -> 1.1, and a
    boolean is ``yes``/``no``/``on``…; both must be quoted to be text)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


@dataclass(slots=True)
class Fields:
    """Typed access to one YAML mapping, reporting problems against its file and lines."""

    data: LineMap
    file: str
    problems: list[Problem]
    shape: Shape
    what: str = ""
    """How messages name the mapping (the shape's name unless given)."""
    excerpts: dict[str, str] = field(default_factory=dict)
    """Exact words a cited source is relied on for, by source id (``{id: …, excerpt: …}`` items)."""

    def __post_init__(self) -> None:
        self.what = self.what or self.shape.what
        if not self.shape.open:
            self.unknown_keys(self.shape.names)

    def problem(self, key: str | None, message: str, hint: str, severity: Severity = "error") -> None:
        line = self.data.line_of(key) if key else self.data.line
        self.problems.append(Problem(self.file, line, message, hint, severity))

    def unknown_keys(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                # `{quote: 员工3,206人}`: in a mapping written in braces, a comma separates fields
                split = (" (a comma inside `{ … }` separates fields: if it is part of a value, put that value in "
                         "quotes)") if key[:1].isdigit() else ""
                self.problem(key, f"unknown field `{key}` in {self.what}{split}", f"use one of: {', '.join(sorted(allowed))}")

    def sub(self, key: str, shape: Shape, what: str = "") -> Fields | None:
        """The mapping under ``key`` as :class:`Fields` of its own (``None`` if absent or not a mapping)."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, LineMap):
            self.problem(key, f"`{key}` of {self.what} must be a mapping", f"write `{key}:` with fields under it")
            return None
        return Fields(value, self.file, self.problems, shape, what)

    def text(self, key: str, *, required: bool = False, strip: bool = True) -> str | None:
        """A line or block of text; ``strip=False`` keeps its spaces at both ends (the text
        around an anchor: "3,000 " before "people")."""
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not (value.strip() if strip else value.strip("\r\n"))):
            if required:
                self.problem(key if key in self.data else None, f"{self.what} has no `{key}`", f"add `{key}: …`")
            return None
        text = written_text(value)
        if text is None:
            self.problem(key, f"`{key}` of {self.what} must be text, not {_type_name(value)}",
                         f"write `{key}` as a single line of text" + (", in quotes (YAML reads an unquoted "
                                                                      "1.10 as 1.1, and no as false)"
                                                                      if isinstance(value, (bool, float)) else ""))
            return None
        text = text.strip() if strip else text.strip("\r\n")  # (a block scalar's final line break)
        spec = self.shape.field(key)
        if spec is not None and spec.type == "markdown":  # our own prose, for the house-style checks
            record(Written(self.file, self.data.line_of(key), key, text))
        elif LINE_BREAKS.search(text):  # a name, a title, a label: shown on one line, in headings and attributes
            self.problem(key, f"`{key}` of {self.what} holds a line break", f"write `{key}` on one line")
            return None
        return text

    def choice(self, key: str, *, required: bool = False, default: str | None = None) -> str | None:
        """A text field whose value must be one of the shape's ``choices`` for it."""
        spec = self.shape.field(key)
        assert spec is not None and spec.choices, key
        value = self.text(key, required=required)
        if value is not None and value not in spec.choices:
            self.problem(key, f"unknown {key} \"{value}\"", f"use one of: {', '.join(spec.choices)}")
            return None
        return value if value is not None else default

    def ident(self, key: str = "id", reserved: Mapping[str, str] | None = None) -> str | None:
        """An id following :func:`pizhu.core.ids.id_problem`'s rule; ``None`` (and a problem) otherwise."""
        raw = self.data.get(key)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            self.problem(key, f"{self.what} id {raw} is a number, not text",
                         f"quote it: `{key}: \"{raw}\"` (digit-only ids name the article's own numbered sources)")
            return None
        value = self.text(key, required=True)
        if value is None:
            return None
        wrong = id_problem(value, f"{self.what} id", reserved)
        if wrong:
            self.problem(key, *wrong)
            return None
        return value

    def date(self, key: str = "date", *, full: bool = False) -> str | None:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (only the first when ``full``)."""
        value = self.text(key)
        if value is not None and not ((FULL_DATE_PATTERN if full else DATE_PATTERN).fullmatch(value) and real_date(value)):
            self.problem(key, f"`{key}` \"{value}\" is not a date",
                         "write YYYY-MM-DD" + ("" if full else ", YYYY-MM or YYYY") + ", or leave it out")
            return None
        return value

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not URL_PATTERN.fullmatch(value):
            self.problem(key, f"`{key}` \"{value}\" is not an http(s) URL", "give the full https:// address or leave it out")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.problem(key, f"`{key}` must be true or false", f"write `{key}: true`, `{key}: false` or leave it out")
            return default
        return value

    def id_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(key, f"`{key}` of {self.what} must be a list of ids", f"write `{key}: [id-one, id-two]`")
            return []
        ids: list[str] = []
        for item in value:
            if isinstance(item, LineMap) and set(item) <= {"id", "excerpt"} and isinstance(item.get("id"), (str, int)) \
                    and isinstance(item.get("excerpt"), str) and item["excerpt"].strip():
                ids.append(SourceRef(str(item["id"]), item["excerpt"].strip()))
                self.excerpts[str(item["id"])] = item["excerpt"].strip()
            elif isinstance(item, (str, int)) and not isinstance(item, bool):
                ids.append(str(item))
            else:
                self.problem(key, f"`{key}` of {self.what} must be a list of ids (or `{{id: …, excerpt: …}}`)",
                             f"write `{key}: [id-one, id-two]` or `- {{id: id-one, excerpt: \"the exact words\"}}`")
                return []
        return ids

    def source_ids(self, key: str, sources: Registry[Any], *, required: bool = False) -> list[str]:
        """A list of source ids, each checked against ``sources``.

        When a sources file is broken (``sources.complete`` is false) unknown ids are not
        reported: the broken file is the one problem to fix.
        """
        ids = self.id_list(key)
        if sources.complete:
            for source_id in ids:
                if source_id not in sources:
                    self.problem(key, f"unknown source \"{source_id}\"",
                                 "use an id from data/sources.yml or data/sources/*.yml, or add the source there")
        if required and not ids:
            self.problem(key if key in self.data else None, f"{self.what} cites no source",
                         f"add `{key}: [id]` naming what it rests on (`article` for what only the article says)")
        return ids


def real_date(value: str) -> bool:
    """``YYYY[-MM[-DD]]`` names a day, month or year of the calendar (no month 13, no 30 February)."""
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], *[*parts[1:], 1, 1][:2])
    except ValueError:
        return False
    return True


def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def load_yaml_file(root: Path, rel: str, problems: list[Problem]) -> Any:
    """Parse a YAML file under ``root``; problems are appended, ``None`` returned on failure.

    An empty file is a problem too: every data file holds something, and an empty one is
    a mistake that would otherwise drop its content without a word.
    """
    mark_reading(rel)
    text, read_problems = read_limited(root / rel, rel, MAX_YAML_BYTES)
    problems += read_problems
    if text is None:
        return None
    data, parse_problems = parse_yaml(text, rel)
    problems += parse_problems
    if data is None and not parse_problems:
        problems.append(Problem(rel, None, "file is empty", "add its content, or delete the file"))
    return data


def list_of_mappings(data: Any, rel: str, what: str, problems: list[Problem]) -> list[LineMap]:
    """Items of a top-level YAML list, each a mapping; anything else is a problem."""
    if data is None:
        return []
    if not isinstance(data, LineList):
        problems.append(Problem(rel, getattr(data, "line", 1), f"expected a list of {what}s",
                                f"start each {what} with '- id: …'"))
        return []
    items = []
    for item, line in zip(data, data.item_lines, strict=True):
        if isinstance(item, LineMap):
            items.append(item)
        else:
            problems.append(Problem(rel, line, f"a {what} must be a mapping of fields, not {item!r}",
                                    "write 'id: …' and the other fields under '- '"))
    return items


def check_duplicate(ids: dict[str, Origin], new_id: str, origin: Origin, what: str,
                    problems: list[Problem]) -> bool:
    """Record ``new_id``; report and return False when it is already taken."""
    if new_id in ids:
        first = ids[new_id]
        problems.append(Problem(origin.file, origin.line, f"duplicate {what} id \"{new_id}\" "
                                f"(first defined at {first.file}:{first.line})", "give each one its own id"))
        return False
    ids[new_id] = origin
    return True
