"""Helpers shared by the tests: project copies, real builds, serving a folder."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from serve import serving  # noqa: E402 - the benchmarks' folder is not a package

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI", "").lower() == "true"
PAGEFIND_BASE = "sub/"
"""Where the Pagefind build of the real site is published in the folder served: a sub-path, as
on a host that serves the site below its root (site_url ``https://pizhu.example.org/sub/``)."""


def outside_requests(page: object, site_url: str) -> list[str]:
    """Every request ``page`` makes from now on to another host than the site's (the list grows
    as it browses; data:, blob: and about: addresses are the page's own)."""
    own_host = urlsplit(site_url).netloc
    outside: list[str] = []

    def record(request: Any) -> None:
        url = urlsplit(request.url)
        if url.scheme not in ("data", "blob", "about") and url.netloc != own_host:
            outside.append(request.url)

    page.on("request", record)  # type: ignore[attr-defined]
    return outside


def previews_of(page: object) -> dict[str, str]:
    """The previews published beside a generated article page (its ``previews.json``)."""
    [content] = [data for path, data in page.files if path.endswith("/previews.json")]  # type: ignore[attr-defined]
    return json.loads(content)  # type: ignore[no-any-return]


def site_previews(site: Path, article: str = "sensetime-xu-bing") -> dict[str, str]:
    """The previews file of ``article`` in a built site."""
    return json.loads((site / article / "previews.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def copy_project(source: Path, target: Path) -> Path:
    """Copy a fixture project (pizhu's templates come from the package)."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target


def mkdocs_build(project: Path, site_dir: Path, *extra: str,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a real ``mkdocs build --strict`` on ``project`` (``env`` adds environment variables)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` as it is (no precompressed copies) on a free loopback port for as long
    as the generator lives: the benchmarks' server with a plain handler."""
    with serving(folder, handler_class=_QuietHandler) as url:
        yield url


def write_seed(project: Path, slug: str, text: str) -> None:
    """Replace article ``slug``'s seed with ``text`` and accept it (as `pizhu seed accept` does)."""
    from pizhu.core.articles import accept_seed

    (project / "seeds" / f"{slug}.txt").write_text(text, encoding="utf-8")
    digest, problems = accept_seed(project, slug)
    assert digest is not None, problems


def notes_of(project: object) -> list:  # type: ignore[type-arg]
    """Every note the project loaded (all statuses)."""
    from pizhu.kinds.notes.model import all_notes

    return all_notes(project)  # type: ignore[arg-type]


def terms_of(project: object) -> list:  # type: ignore[type-arg]
    """The glossary's terms."""
    from pizhu.kinds.glossary.model import all_terms

    return all_terms(project)  # type: ignore[arg-type]


def tables_of(project: object) -> list:  # type: ignore[type-arg]
    """The data tables."""
    from pizhu.kinds.tables.model import all_tables

    return all_tables(project)  # type: ignore[arg-type]


def partial_overlaps(spans: list) -> list:  # type: ignore[type-arg]
    """Pairs of range spans that partly overlap (neither holds the other): never in a placement."""
    ranges = sorted((s for s in spans if not s.is_point), key=lambda s: (s.start, -s.end))
    return [(a, b) for i, a in enumerate(ranges) for b in ranges[i + 1:] if b.start < a.end < b.end]


def zh() -> object:
    """The Simplified Chinese message catalogue."""
    from pizhu.core.i18n import Messages

    return Messages.for_language("zh")
