"""YAML read as hostile input, into mappings and lists that remember their lines.

PyYAML's own loaders trust their input: aliases expand without bound (a 27 KB "billion
laughs" file takes gigabytes), deep nesting overflows the recursion limit, duplicate keys
silently replace each other (a glossary entry missing its ``- `` merged into the one before),
and ``.nan`` or a 5,000-digit integer pass straight through. Here the document is built from
PyYAML's *event stream* by a small loop with an explicit stack:

1. characters first: control characters and bidirectional overrides are refused with their
   line and column (a byte-order mark at the very start is dropped by the reader);
2. one document per file; anchors, aliases, merge keys (``<<``) and explicit tags are refused;
3. nesting deeper than :data:`~pizhu.limits.MAX_DEPTH` stops the file;
4. keys are plain text and appear once per mapping;
5. scalars are resolved like YAML 1.1's safe schema, except that dates stay text, numbers
   must be finite and integers short, and text has a length limit.

Every refusal is a :class:`~pizhu.problems.Problem` with a line; all of a file's problems are
reported together, and a file with problems yields no data.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from .limits import MAX_DEPTH, MAX_INTEGER_DIGITS, MAX_SCALAR_CHARS
from .problems import Problem

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
MERGE_TAG = "tag:yaml.org,2002:merge"
PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[-+]?\.inf|\.nan", re.IGNORECASE)
"""Numbers as people write them (and YAML's infinities, refused as not finite on their own)."""
KEEP_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary",
                "tag:yaml.org,2002:value"}

# libyaml's parser when PyYAML was built with it (about ten times faster), else PyYAML's own.
EVENT_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; the invisible
# bidirectional overrides and isolates ("Trojan Source"); byte-order marks after the start;
# the noncharacters U+FFFE and U+FFFF.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


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


def forbidden_characters(text: str, file: str, *, line_offset: int = 0) -> list[Problem]:
    """One problem per line holding a control character or an invisible override."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1 + line_offset):
        match = FORBIDDEN_CHARACTERS.search(line)
        if match:
            code = f"U+{ord(match.group()):04X}"
            problems.append(Problem(file, number, f"invisible or control character {code} at column {match.start() + 1}",
                                    "delete it (retype the line if you cannot see it)"))
    return problems


class _RefusedError(Exception):
    """Raised to stop reading a file that cannot be read any further."""


class _Builder:
    """Turns PyYAML events into LineMap / LineList / scalars, refusing what is unsafe."""

    def __init__(self, file: str, line_offset: int) -> None:
        self.file, self.line_offset = file, line_offset
        self.problems: list[Problem] = []
        self.stack: list[LineMap | LineList] = []
        self.pending_key: list[str | None] = []
        """For each open mapping: the key waiting for its value (None when a key is next)."""
        self.result: Any = None
        self.documents = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        return (mark.line if mark is not None else 0) + 1 + self.line_offset

    def tag_of(self, value: str, implicit: tuple[bool, bool]) -> str:
        """The YAML 1.1 tag a plain or quoted scalar resolves to."""
        tag: str = self.resolver.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
        return tag

    def refuse(self, event: yaml.Event, message: str, hint: str) -> None:
        self.problems.append(Problem(self.file, self.line(event), message, hint))

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.refuse(event, "a second YAML document (a line '---') in one file",
                            "keep one document per file: remove the '---' line")
                raise _RefusedError
            return
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        if isinstance(event, yaml.AliasEvent):
            self.refuse(event, f"alias *{event.anchor} is not allowed",
                        "write the value out in full (anchors and aliases are refused)")
            self.add(event, None)
            return
        anchor = getattr(event, "anchor", None)
        if anchor:
            self.refuse(event, f"anchor &{anchor} is not allowed",
                        "remove it and write values out in full (anchors and aliases are refused)")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.refuse(event, f"the tag {shown} is not allowed", "remove the tag and write a plain value")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.add(event, self.stack.pop(), closing=True)
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event)

    def open(self, event: yaml.Event) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(event, f"nesting deeper than {MAX_DEPTH} levels", "flatten the data")
            raise _RefusedError
        container: LineMap | LineList
        if isinstance(event, yaml.MappingStartEvent):
            container = LineMap()
            container.key_lines = {}
            self.pending_key.append(None)
        else:
            container = LineList()
            container.item_lines = []
        container.line = self.line(event)
        self.stack.append(container)

    def add(self, event: yaml.Event, value: Any, *, closing: bool = False) -> None:
        """Put a finished value into the open container (or make it the document)."""
        if closing and isinstance(value, LineMap):
            self.pending_key.pop()
        if not self.stack:
            self.result = value
            return
        parent = self.stack[-1]
        line = value.line if closing else self.line(event)
        if isinstance(parent, LineList):
            parent.append(value)
            parent.item_lines.append(line)
            return
        key = self.pending_key[-1]
        if key is None:
            self.take_key(event, value, closing)
            return
        self.pending_key[-1] = None
        if key in parent:
            self.refuse(event, f"key `{key}` appears twice in one mapping (first on line {parent.key_lines[key]})",
                        "keep one; if this starts a new entry of a list, begin it with '- '")
            return
        parent[key] = value

    def take_key(self, event: yaml.Event, value: Any, closing: bool) -> None:
        if closing or not isinstance(event, yaml.ScalarEvent):
            self.refuse(event, "a key must be plain text", "write `name: value`")
            raise _RefusedError
        parent = self.stack[-1]
        assert isinstance(parent, LineMap)
        key = event.value
        if self.tag_of(key, event.implicit) == MERGE_TAG and event.implicit[0]:
            self.refuse(event, "merge keys (<<) are not allowed", "write the fields out in full")
            key = "<<"
        self.pending_key[-1] = key
        parent.key_lines.setdefault(key, self.line(event))

    def scalar(self, event: yaml.ScalarEvent) -> None:
        text = event.value
        hidden = FORBIDDEN_CHARACTERS.search(text)
        if hidden:  # written as an escape ("\u202E", "\0", "\e"): the file's characters were all visible
            self.refuse(event, f"a value holds the invisible or control character U+{ord(hidden.group()):04X} "
                        "(written as an escape sequence)", "delete the escape sequence")
            self.add(event, None)
            return
        if len(text) > MAX_SCALAR_CHARS:
            self.refuse(event, f"a value of {len(text)} characters, over the limit of {MAX_SCALAR_CHARS}",
                        "shorten it")
            self.add(event, None)
            return
        expecting_key = bool(self.stack) and isinstance(self.stack[-1], LineMap) and self.pending_key[-1] is None
        if expecting_key:
            self.add(event, text)
            return
        self.add(event, self.resolve(event))

    def resolve(self, event: yaml.ScalarEvent) -> Any:
        """The scalar's value: text, a finite number, a short integer, a boolean or None."""
        tag = self.tag_of(event.value, event.implicit)
        if tag in KEEP_AS_TEXT or event.tag == "!":
            return event.value  # dates stay text: contributors write "2025-03-26" and mean it
        if tag == INT_TAG and len(event.value.lstrip("+-").replace("_", "")) > MAX_INTEGER_DIGITS:
            self.refuse(event, f"an integer of more than {MAX_INTEGER_DIGITS} digits", "write a smaller number")
            return None
        if tag in (INT_TAG, FLOAT_TAG) and not PLAIN_NUMBER.fullmatch(event.value):
            # YAML 1.1 reads 0020 as 16 (octal), 0x1F as 31, 1_000 as 1000 and 1:30 as 90: what was
            # written would silently become another number, or other text.
            self.refuse(event, f"\"{event.value}\" is not a plain number (YAML would read it as "
                        f"{self.constructor.construct_object(yaml.ScalarNode(tag, event.value))})",
                        f"quote it if it is text (\"{event.value}\"), or write the number in decimal digits")
            return None
        node = yaml.ScalarNode(tag, event.value)
        value = self.constructor.construct_object(node)
        if isinstance(value, float) and not math.isfinite(value):
            self.refuse(event, f"\"{event.value}\" is not a finite number", "write an ordinary number")
            return None
        return value


def parse_yaml(text: str, file: str, *, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse one YAML document into LineMap/LineList/scalars, refusing what is unsafe.

    Args:
        text: the YAML source (a leading byte-order mark is ignored).
        file: path shown in problems.
        line_offset: lines before ``text`` in its file (front matter starts after ``---``).

    Returns:
        The data (``None`` when the text is empty or has any problem) and the problems found.
    """
    text = text.removeprefix("\ufeff")
    problems = forbidden_characters(text, file, line_offset=line_offset)
    if problems:
        return None, problems
    builder = _Builder(file, line_offset)
    try:
        for event in yaml.parse(text, Loader=EVENT_LOADER):
            builder.feed(event)
    except _RefusedError:
        pass
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):  # libyaml's own limit (1,000) met before ours
            line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1 + line_offset
            builder.problems.append(Problem(file, line or None, f"nesting deeper than {MAX_DEPTH} levels",
                                            "flatten the data"))
        else:
            builder.problems.append(_syntax_problem(_clearer_error(text) or exc, file, line_offset))
    if builder.problems:
        return None, builder.problems
    return builder.result, []


def _clearer_error(text: str) -> yaml.YAMLError | None:
    """PyYAML's own parser on a broken file: slower than libyaml, but it says what it found
    ("expected ',' or ']', but got ':'") where libyaml says only what it missed."""
    if EVENT_LOADER is yaml.SafeLoader:
        return None
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.YAMLError as exc:
        return exc
    except RecursionError:
        return None
    return None


def _syntax_problem(exc: yaml.YAMLError, file: str, line_offset: int) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else None
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark.line != getattr(mark, "line", None):
        what += f" ({context.removeprefix('while ')} that starts on line {context_mark.line + 1 + line_offset})"
    return Problem(file, line, f"invalid YAML: {what}",
                   "fix the syntax (quote values that contain ': ' or start with a special character)")


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
