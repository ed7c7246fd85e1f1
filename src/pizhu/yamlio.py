"""YAML that remembers lines: every mapping and list knows where it and its items are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem


class LineMap(dict[str, Any]):
    """A YAML mapping that records its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Line of ``key`` if present, else of the mapping itself."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that records its own line and the line of each item."""

    line: int
    item_lines: list[int]


def _convert(node: yaml.Node, loader: yaml.SafeLoader, line_offset: int) -> Any:
    line = node.start_mark.line + 1 + line_offset
    if isinstance(node, yaml.MappingNode):
        result = LineMap()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = str(key)
            result[key] = _convert(value_node, loader, line_offset)
            result.key_lines[key] = key_node.start_mark.line + 1 + line_offset
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_convert(item, loader, line_offset) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 + line_offset for item in node.value]
        return items
    value = loader.construct_object(node, deep=True)
    # Dates stay text: contributors write "2025-03-26" and mean a string, not a datetime.
    if isinstance(value, (dt.date, dt.datetime)):
        return node.value
    return value


def parse_yaml(text: str, file: str, *, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse one YAML document into LineMap/LineList/scalars.

    Args:
        text: the YAML source.
        file: path shown in problems.
        line_offset: lines before ``text`` in its file (front matter starts after ``---``).

    Returns:
        The data (``None`` when the text is empty or broken) and the problems found.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        return _convert(node, loader, line_offset), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None and context_mark.line != getattr(mark, "line", None):
            what += f" ({context.removeprefix('while ')} that starts on line {context_mark.line + 1 + line_offset})"
        return None, [Problem(file, line, f"invalid YAML: {what}",
                              "fix the syntax (quote values that contain ': ' or start with a special character)")]
    finally:
        loader.dispose()


def read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file, turning a missing or undecodable file into a problem."""
    try:
        return path.read_text(encoding="utf-8"), []
    except FileNotFoundError:
        return None, [Problem(file, None, "file not found", "create it or correct the path that names it")]
    except UnicodeDecodeError as exc:
        return None, [Problem(file, None, f"not valid UTF-8 (byte {exc.start})", "save the file as UTF-8")]


def split_front_matter(text: str, file: str) -> tuple[str, str, int, list[Problem]]:
    """Split ``---`` YAML front matter from a Markdown body.

    Returns:
        (yaml_text, body, body_first_line, problems); the YAML starts on line 2.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return "", text, 1, [Problem(file, 1, "no YAML front matter",
                                     "start the file with a line '---', the fields, then another '---'")]
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2, []
    return "", "", 1, [Problem(file, 1, "front matter is not closed",
                               "add a line '---' after the last front-matter field")]
