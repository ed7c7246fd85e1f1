"""Problems found in contributor data: collected, then reported all at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
        """Render as ``file:line: what is wrong; what to do``."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}; {self.hint}"


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
