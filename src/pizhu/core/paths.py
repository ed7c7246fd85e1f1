"""Reads stay inside the project: every path a data file names, and every file found by
globbing, is resolved (symlinks followed) and compared with the project root.

A pull request could otherwise name ``seed: /etc/passwd`` or add a symlink in ``seeds/`` and
publish whatever the build machine can read.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path, PurePosixPath

from .limits import size_text
from .problems import Problem

_LOOKED_FOR: ContextVar[set[tuple[str, str]] | None] = ContextVar("pizhu_looked_for", default=None)


def inside(root: Path, path: Path) -> bool:
    """True when ``path``, with every symlink resolved, lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop; a NUL in the path
        return False


def confined(root: Path, named: str) -> Path | str:
    """The file ``named`` (a project-relative path from a data file), or why it is refused.

    Returns:
        The path inside ``root``, or a message saying what is wrong with ``named``.
    """
    if "\x00" in named:
        return f"{json.dumps(named)} holds a NUL character, which no file name has"
    pure = PurePosixPath(named)
    if pure.is_absolute() or "\\" in named or (len(named) > 1 and named[1] == ":"):
        return f"\"{named}\" is an absolute path"
    path = root / pure
    if not inside(root, path):
        return f"\"{named}\" leads outside the project"
    return path


def project_files(root: Path, folder: str, pattern: str, problems: list[Problem]) -> list[Path]:
    """Files matching ``pattern`` (a name pattern, no folders) in ``root/folder``, sorted; a symlink
    that leads out is a problem.

    The folder is resolved once; a match that is not itself a symlink lies where the resolved
    folder does (one ``lstat`` instead of resolving its whole path: notes are thousands of files).
    """
    if "/" in pattern or "**" in pattern:
        raise ValueError(f"project_files matches names in one folder, not {pattern!r}")
    looked = _LOOKED_FOR.get()
    if looked is not None:
        looked.add((folder, pattern))
    base = root / folder
    try:
        folder_inside = base.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        folder_inside = False
    found = []
    for path in sorted(base.glob(pattern)):
        rel = path.relative_to(root).as_posix()
        lies_in_folder = folder_inside and not path.is_symlink()
        if not lies_in_folder and not inside(root, path):
            problems.append(Problem(rel, None, "is a link to a file outside the project",
                                    "replace the link by the file itself"))
            continue
        found.append(path)
    return found


@contextmanager
def noting_reads() -> Iterator[set[tuple[str, str]]]:
    """Within it, every folder and name pattern :func:`project_files` looks for is noted."""
    looked: set[tuple[str, str]] = set()
    token = _LOOKED_FOR.set(looked)
    try:
        yield looked
    finally:
        _LOOKED_FOR.reset(token)


def unread_files(root: Path, folder: str, looked: set[tuple[str, str]]) -> list[Problem]:
    """A warning for each file under ``root/folder`` that nothing looked for: a file in the
    wrong place or with a wrong extension would otherwise be left out without a word
    (``data/tables/new.yaml``). Hidden files (``.gitkeep``) are not data."""
    problems = []
    patterns_in: dict[str, list[str]] = {}
    for where, pattern in sorted(looked):
        patterns_in.setdefault(where, []).append(pattern)
    for path in sorted((root / folder).rglob("*")):
        rel = PurePosixPath(path.relative_to(root).as_posix())
        if any(part.startswith(".") for part in rel.parts) or path.is_dir():
            continue
        patterns = patterns_in.get(str(rel.parent), [])
        if not any(fnmatch.fnmatchcase(rel.name, pattern) for pattern in patterns):
            renamed = next((rel.stem + suffix for suffix in (".yml", ".md")
                            if any(fnmatch.fnmatchcase(rel.stem + suffix, pattern) for pattern in patterns)), None)
            problems.append(Problem(str(rel), None, "pizhu reads no file by this name here, so it is not published",
                                    f"rename it {renamed}" if renamed else "move it to where its kind of data goes "
                                    "(docs/contributing.md), or out of data/", "warning"))
    return problems


def read_limited(path: Path, rel: str, limit: int) -> tuple[str | None, list[Problem]]:
    """A UTF-8 file of at most ``limit`` bytes, without a leading byte-order mark.

    The size is checked before reading, so an oversized file costs nothing.
    """
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [Problem(rel, None, f"file is {size_text(size)}, "
                                  f"over the limit of {size_text(limit)}",
                                  "split it or shorten it (limits are listed in docs/security.md)")]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(rel, None, "file not found", "create it or correct the path that names it")]
    except IsADirectoryError:
        return None, [Problem(rel, None, "is a folder, not a file", "name a file")]
    except OSError as exc:
        return None, [Problem(rel, None, f"cannot be read ({exc.strerror})", "check the file")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [Problem(rel, line, f"not valid UTF-8 (byte {exc.start} of the file)",
                                 "save the file as UTF-8 (an editor may have saved it as GBK or Big5)")]
    return text.removeprefix("\ufeff"), []


def read_confined(root: Path, named: str, limit: int) -> str | None:
    """The text of the project's file ``named`` (relative to ``root``), when it lies inside the
    project, in UTF-8 and within ``limit`` bytes; else ``None``, for files pizhu only looks into
    (the site's own pages) and whose problems are not the contributor's to fix here."""
    path = confined(root, named)
    return None if isinstance(path, str) else read_limited(path, named, limit)[0]
