"""Problems found in contributor data: collected, then reported all at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from .text import LINE_BREAK_CHARS

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the project's data, tied to where it is."""

    file: str
    """Path of the file, relative to the project root (``data/notes/x/y.md``)."""
    line: int | None
    """1-based line the problem is on; ``None`` when it concerns the whole file."""
    message: str
    """What is wrong."""
    hint: str
    """What to do about it."""
    severity: Severity = "error"
    """Errors stop the build; warnings are printed and become errors under ``--strict``."""

    def format(self) -> str:
        """Render as ``file:line: what is wrong; what to do``, always on one line."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        label = "warning: " if self.severity == "warning" else ""
        return one_line(f"{where}: {label}{self.message}; {self.hint}")


# Characters that break a line somewhere (str.splitlines' list): contributor text quoted in a
# message must not split one problem over several lines.
_LINE_BREAKS = str.maketrans({ch: f"\\u{ord(ch):04x}" for ch in LINE_BREAK_CHARS})


def one_line(text: str) -> str:
    """``text`` with every line break written as an escape (``\\u2028``)."""
    return text.translate(_LINE_BREAKS)


class ProjectError(Exception):
    """Raised once, with every problem, when a project cannot be built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_problems(problems))


def format_problems(problems: list[Problem]) -> str:
    """All problems, sorted by file and line, one per line."""
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
    return "\n".join(p.format() for p in ordered)


def errors(problems: list[Problem], *, strict: bool = False) -> list[Problem]:
    """The problems that stop a build (warnings too, when ``strict``)."""
    return [p for p in problems if strict or p.severity == "error"]


_reading: ContextVar[str | None] = ContextVar("pizhu_reading", default=None)


@contextmanager
def reading(file: str) -> Iterator[None]:
    """Mark ``file`` (or a folder) as being processed, for :func:`currently_reading`.

    Restored on a normal exit only: after an exception the innermost marker stays, so the
    handler that reports it can name the file.
    """
    token = _reading.set(file)
    yield
    _reading.reset(token)


def mark_reading(file: str) -> None:
    """Mark ``file`` as the one being processed from now on (within the current :func:`reading`)."""
    _reading.set(file)


def currently_reading() -> str | None:
    """The file being processed when an unexpected error happened (for "internal error" reports)."""
    return _reading.get()


def internal_error(exc: BaseException) -> str:
    """The last line of defence: what pizhu prints for an exception no check anticipated."""
    where = currently_reading() or "the project"
    return (f"pizhu: internal error while reading {where} ({type(exc).__name__}); please report it "
            "with that file attached")


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its file and line."""
    lines = []
    for p in sorted(problems, key=lambda p: (p.file, p.line or 0, p.message)):
        where = f"file={_gh_property(p.file)}" + (f",line={p.line}" if p.line is not None else "")
        title = "pizhu: " + ("warning" if p.severity == "warning" else "problem")
        lines.append(f"::{p.severity} {where},title={_gh_property(title)}::{_gh_data(f'{p.message}; {p.hint}')}")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    """A JSON list of problems (file, line, message, hint, severity) for editors and bots."""
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
    return json.dumps([{"file": p.file, "line": p.line, "message": p.message, "hint": p.hint,
                        "severity": p.severity} for p in ordered], ensure_ascii=False, indent=2)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")
