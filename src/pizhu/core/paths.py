"""Reads stay inside the project: every path a data file names, and every file found by
globbing, is resolved (symlinks followed) and compared with the project root.

A pull request could otherwise name ``seed: /etc/passwd`` or add a symlink in ``seeds/`` and
publish whatever the build machine can read.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .limits import size_text
from .problems import Problem


def inside(root: Path, path: Path) -> bool:
    """True when ``path``, with every symlink resolved, lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def confined(root: Path, named: str) -> Path | str:
    """The file ``named`` (a project-relative path from a data file), or why it is refused.

    Returns:
        The path inside ``root``, or a message saying what is wrong with ``named``.
    """
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
        return None, [Problem(rel, None, f"not valid UTF-8 (byte {exc.start})", "save the file as UTF-8")]
    return text.removeprefix("\ufeff"), []
