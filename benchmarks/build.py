"""Build cost of pizhu against plain Material, from 1 to 100 articles (``make bench``).

For each size, a synthetic project is made from the real one: the article is copied N times
(its own slug, seed and notes, note ids made unique), everything else is shared. Then, in
alternating order and at least 7 times each:

- **pizhu**: ``mkdocs build`` of the project, as a reader's site is built;
- **plain**: ``mkdocs build`` of the same pages without pizhu: the Markdown ``pizhu render``
  writes, plus the site's own docs and pizhu's assets, under Material with the same settings.

It prints the median of each, their ratio (in wall-clock time, and in the CPU time of the
build process, which a busy machine moves less), the peak memory of a pizhu build, the largest
page and the search index. Speed is shown here, never asserted by a test.

    .venv/bin/python benchmarks/build.py [--sizes 1,10,40,100] [--pairs 7]
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

REPO = Path(__file__).resolve().parent.parent
SLUG = "sensetime-xu-bing"
PYTHON = sys.executable
# Runs `mkdocs build` in a child process and reports its own peak memory (ru_maxrss, KiB on Linux)
# and the CPU time it used (user + system seconds).
RUNNER = ("import resource, sys\nfrom mkdocs.__main__ import cli\n"
          "try:\n    cli(sys.argv[1:], standalone_mode=False)\n"
          "finally:\n    usage = resource.getrusage(resource.RUSAGE_SELF)\n"
          "    print('maxrss', usage.ru_maxrss, 'cpu', usage.ru_utime + usage.ru_stime, file=sys.stderr)\n")


def make_project(target: Path, articles: int) -> Path:
    """The real project with its article copied ``articles`` times.

    Each copy is made a little different (every long line of its seed and every note body gets
    the copy's number), so that nothing remembered by content (rendered Markdown, compiled
    templates, segmented text) makes 40 copies cheaper than 40 different articles would be.
    """
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".site-tmp", "*.egg-info",
                                                                "__pycache__", ".pytest_cache", "tests", "benchmarks"))
    seed = (target / "seeds" / f"{SLUG}.txt").read_text(encoding="utf-8")
    manifest = (target / "data/articles" / f"{SLUG}.yml").read_text(encoding="utf-8")
    for number in range(2, articles + 1):
        slug = f"copy-{number}"
        text = "\n".join(f"【副本{number}】{line}" if len(line) > 40 else line for line in seed.split("\n"))
        (target / "seeds" / f"{slug}.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        (target / "data/articles" / f"{slug}.yml").write_text(
            re.sub(r"seed_sha256: \w+", f"seed_sha256: {digest}", manifest.replace(f"seeds/{SLUG}.txt", f"seeds/{slug}.txt")),
            encoding="utf-8")
        notes = target / "data/notes" / slug
        notes.mkdir(parents=True)
        for note in (target / "data/notes" / SLUG).glob("*.md"):
            body = note.read_text(encoding="utf-8").rstrip("\n") + f"\n\n（副本{number}）\n"
            (notes / f"c{number}-{note.name}").write_text(body, encoding="utf-8")
    if articles > 1:  # with more than one article, a timeline mention must say whose phrase it is
        timeline = target / "data/timeline.yml"
        timeline.write_text(re.sub(r"^(\s*)- quote: ", rf"\1- article: {SLUG}\n\1  quote: ",
                                   timeline.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    return target


PIZHU_ENTRY = re.compile(r"[ \t]*- pizhu(?::[^#\n]*)?[ \t]*(?:#[^\n]*)?\r?\n?")
"""A `plugins:` list's line for pizhu (`- pizhu`, or `- pizhu:` with options under it)."""


def without_pizhu(config: str, where: Path) -> str:
    """A `mkdocs.yml` without the pizhu plugin's entry: its line, and every line under it
    indented deeper (its options, with blank and comment lines between them)."""
    lines = config.splitlines(keepends=True)
    found = [n for n, line in enumerate(lines) if PIZHU_ENTRY.fullmatch(line)]
    if len(found) != 1:
        raise SystemExit(f"{where}: {len(found)} lines look like pizhu's entry in `plugins:`; "
                         "the plain build needs exactly one to remove")
    start = found[0]
    column = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    for n in range(start + 1, len(lines)):
        text = lines[n].strip()
        if text and not text.startswith("#"):
            if len(lines[n]) - len(lines[n].lstrip()) <= column:
                break
            end = n + 1
    return "".join(lines[:start] + lines[end:])


def plain_project(project: Path, target: Path) -> Path:
    """The same pages without pizhu: rendered Markdown + the site's docs + pizhu's assets."""
    shutil.copytree(project / "docs", target / "docs")
    subprocess.run([PYTHON, "-m", "pizhu.cli", "render", str(target / "docs"), "--root", str(project)], check=True,
                   capture_output=True)
    assets = REPO / "src/pizhu/assets"
    (target / "docs/assets").mkdir(parents=True, exist_ok=True)  # git does not keep an empty docs/assets
    for name in ("pizhu.css", "pizhu.js"):
        shutil.copy(assets / name, target / "docs/assets" / name)
    config = without_pizhu((project / "mkdocs.yml").read_text(encoding="utf-8"), project / "mkdocs.yml")
    config += "extra_css: [assets/pizhu.css]\nextra_javascript: [assets/pizhu.js]\n"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def timed_build(project: Path, site: Path) -> tuple[float, int, float]:
    """Seconds of one `mkdocs build`, its peak memory in MiB and the CPU seconds it used."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    result = subprocess.run([PYTHON, "-c", RUNNER, "build", "--quiet", "--site-dir", str(site)], cwd=project,
                            capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    usage = re.search(r"maxrss (\d+) cpu ([\d.]+)", result.stderr)
    assert usage is not None, result.stderr[-3000:]
    return seconds, int(usage.group(1)) // 1024, float(usage.group(2))


STAGES = re.compile(r"pizhu: seconds by stage: (?P<stages>.*)")


def stage_seconds(project: Path, site: Path) -> dict[str, float]:
    """pizhu's own seconds by stage in one more build, as `mkdocs build --verbose` logs them."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([PYTHON, "-m", "mkdocs", "build", "--verbose", "--site-dir", str(site)], cwd=project,
                            capture_output=True, text=True, env=env, check=False)
    stages = parse_stages(result.stderr)
    if result.returncode != 0 or not stages:
        raise SystemExit(f"verbose build failed in {project}:\n{result.stderr[-3000:]}")
    return stages


def parse_stages(log: str) -> dict[str, float]:
    """The seconds by stage of pizhu's log line in ``log`` (empty without one)."""
    found = STAGES.search(log)
    return {name: float(seconds) for name, seconds in re.findall(r"(.+?) ([\d.]+) s(?:, |$)", found["stages"])} \
        if found else {}


def largest_page(site: Path) -> tuple[str, int]:
    page = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return page.relative_to(site).as_posix(), page.stat().st_size


def measure(articles: int, pairs: int, scratch: Path) -> dict[str, object]:
    project = make_project(scratch / f"pizhu-{articles}", articles)
    plain = plain_project(project, scratch / f"plain-{articles}")
    pizhu_times, plain_times, memory, pizhu_cpu, plain_cpu = [], [], [], [], []
    for _ in range(pairs):
        seconds, mib, cpu = timed_build(project, scratch / "site-pizhu")
        pizhu_times.append(seconds)
        memory.append(mib)
        pizhu_cpu.append(cpu)
        seconds, _, cpu = timed_build(plain, scratch / "site-plain")
        plain_times.append(seconds)
        plain_cpu.append(cpu)
    site = scratch / "site-pizhu"
    stages = stage_seconds(project, site)
    page, size = largest_page(site)
    index = site / "search/search_index.json"
    return {
        "articles": articles,
        "pizhu_s": statistics.median(pizhu_times),
        "plain_s": statistics.median(plain_times),
        "ratio": statistics.median(a / b for a, b in zip(pizhu_times, plain_times, strict=True)),
        # CPU seconds of the build process itself: what a busy or throttled machine moves least.
        "cpu_ratio": statistics.median(a / b for a, b in zip(pizhu_cpu, plain_cpu, strict=True)),
        "peak_mib": max(memory),
        "largest_page": page,
        "largest_kib": size / 1024,
        "article_kib": (site / SLUG / "index.html").stat().st_size / 1024,
        "search_index_kib": index.stat().st_size / 1024 if index.exists() else 0,
        "stages": stages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,40,100", help="numbers of articles (default: 1,10,40,100)")
    parser.add_argument("--pairs", type=int, default=7, help="builds of each kind per size (default: 7)")
    args = parser.parse_args()
    # MkDocs and Material run from site-packages, compiled to bytecode when pip installed them;
    # pizhu runs from its source folder (an editable install). Compile it too, so that both kinds
    # of build start alike: where PYTHONDONTWRITEBYTECODE is set (as on CI machines), Python
    # would otherwise compile pizhu's modules again in every build (0.07 s).
    compileall.compile_dir(REPO / "src/pizhu", quiet=1)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for articles in (int(n) for n in args.sizes.split(",")):
            row = measure(articles, args.pairs, Path(scratch) / str(articles))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    print("| articles | pizhu build | plain Material | ratio (median of pairs) | CPU-time ratio | peak memory | "
          "largest page | article page | search index |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['articles']} | {r['pizhu_s']:.2f} s | {r['plain_s']:.2f} s | {r['ratio']:.2f} | {r['cpu_ratio']:.2f} | "
              f"{r['peak_mib']} MiB | {r['largest_page']} {r['largest_kib']:.0f} KiB | {r['article_kib']:.0f} KiB | "
              f"{r['search_index_kib']:.0f} KiB |")
    # Where pizhu's own time goes (one verbose build per size): a stage that grows faster than
    # the number of articles shows here first.
    stages = [cast("dict[str, float]", r["stages"]) for r in rows]
    print("\n| pizhu's stage (seconds, one build) by articles | " + " | ".join(f"{r['articles']}" for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for name in dict.fromkeys(name for by_name in stages for name in by_name):
        print(f"| {name} | " + " | ".join(f"{by_name.get(name, 0):.2f}" for by_name in stages) + " |")


if __name__ == "__main__":
    main()
