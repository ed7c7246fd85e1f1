"""Live reload: how long ``mkdocs serve`` takes to rebuild after a contributor edits one note.

A copy of the project is served on loopback; one note's body is edited (a sentence appended,
then removed, alternately) ``--edits`` times, each time after the previous rebuild finished,
and the time from MkDocs' "Building documentation..." to its "Reloading browsers" is taken
(MkDocs' own "Documentation built in 0.52 seconds" cannot be used: its logger drops a message
it has printed before, so a rebuild as fast as an earlier one prints none). It prints every
time and the median. Speed is shown here, never asserted by a test.

    .venv/bin/python benchmarks/reload.py [--edits 9]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from build import make_project

REPO = Path(__file__).resolve().parent.parent
NOTE = Path("data/notes/sensetime-xu-bing/v6-date.md")
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
STARTED, RELOADED = "Building documentation...", "Reloading browsers"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", 1)
        note = project / NOTE
        original = note.read_text(encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"],
                                  cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        times: list[float] = []
        built = threading.Semaphore(0)

        def read() -> None:
            assert server.stdout is not None
            started = 0.0
            for line in server.stdout:
                if STARTED in line:
                    started = time.perf_counter()
                elif (match := BUILT.search(line)) and not times:  # the first build: nothing to reload
                    times.append(float(match.group(1)))
                    built.release()
                elif RELOADED in line:
                    times.append(round(time.perf_counter() - started, 2))
                    built.release()

        threading.Thread(target=read, daemon=True).start()
        try:
            if not built.acquire(timeout=120):
                sys.exit("mkdocs serve did not finish its first build")
            first = times.pop()
            for edit in range(args.edits):
                time.sleep(1.0)  # past MkDocs' debounce
                note.write_text(original + ("\n补充一句。\n" if edit % 2 == 0 else ""), encoding="utf-8")
                if not built.acquire(timeout=60):
                    sys.exit("no rebuild after an edit")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"first_build_s": first, "rebuilds_s": times, "median_rebuild_s": statistics.median(times)}))


if __name__ == "__main__":
    main()
