"""How `pizhu check` time grows with the size of one note (issue: linear cost).

Copies the real project to a temporary folder, replaces one note's body by a single
paragraph of N bytes (realistic text: the note's own sentences repeated, with Markdown
emphasis and links), and times `pizhu check` in-process, median of several runs. Notes
above pizhu.limits.MAX_NOTE_BYTES are refused after a stat, before they are read.

    .venv/bin/python benchmarks/check_size.py
"""

from __future__ import annotations

import contextlib
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pizhu.cli import main
from pizhu.limits import MAX_NOTE_BYTES, size_text

REPO = Path(__file__).resolve().parent.parent
NOTE = "data/notes/sensetime-xu-bing/v6-date.md"
SIZES = [16 * 1024, 32 * 1024, 64 * 1024, 128 * 1024, 256 * 1024 - 1024,
         1024 * 1024, 2 * 1024 * 1024, 4 * 1024 * 1024, 8 * 1024 * 1024]
RUNS = 5


def timed_check(root: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", "--root", str(root)])
    return time.perf_counter() - start, code


def main_bench() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "project"
        shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "site", ".git", "*.egg-info"))
        note = root / NOTE
        head, _, body = note.read_text(encoding="utf-8").partition("\n---\n")
        unit = body.strip().replace("\n", " ") + " *强调* [链接](https://example.org/) "
        baseline = statistics.median(timed_check(root)[0] for _ in range(RUNS))
        print(f"baseline (real project): {baseline * 1000:.0f} ms")
        print("| note size | check time | extra over baseline | per MiB | exit |")
        print("|---|---|---|---|---|")
        for size in SIZES:
            text = head + "\n---\n"
            text += (unit * (size // len(unit.encode()) + 1)).encode()[: size - len(text.encode())].decode("utf-8", "ignore")
            note.write_text(text, encoding="utf-8")
            runs = [timed_check(root) for _ in range(RUNS)]
            median = statistics.median(t for t, _ in runs)
            extra = max(median - baseline, 0.0)
            print(f"| {size_text(size)} | {median * 1000:.0f} ms | {extra * 1000:.0f} ms | "
                  f"{extra / (size / 2**20) * 1000:.0f} ms | {runs[0][1]}{' (refused)' if size > MAX_NOTE_BYTES else ''} |")


if __name__ == "__main__":
    sys.exit(main_bench())
