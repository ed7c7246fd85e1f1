"""The integrated Pagefind engine (``search_engine: pagefind``) at N articles: build, index, bytes, recall.

1. a project of N articles whose copies do not repeat each other's text (``distinct.py``), with
   ``search_engine: pagefind`` (and, with ``--material``, the same project as it is, for comparison);
2. ``mkdocs build`` (wall and CPU time of the build, Pagefind's run included), then ``pizhu
   compress`` (precompressed copies, as ``make site``), timed apart;
3. the index: files and bytes of ``pagefind/`` (index chunks, fragments, metadata, the query
   side's words), and Material's ``search_index.json`` (a stub here);
4. bytes a reader's browser transfers (``transfer.py``: the server counts them): a cold load of
   the article page, and a first search for each query;
5. with ``--quality``, recall@5 of the search-quality suite, with its Traditional, regional and
   pinyin queries (``quality.py --copies-count --reader-forms``).

A measurement, never a test: nothing here asserts.

    .venv/bin/python benchmarks/search/pagefind_bench.py 100 [--work /tmp/pf100] [--quality] [--material]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from distinct import make_distinct_project
from transfer import measure

HERE = Path(__file__).resolve().parent

QUERIES = ("商汤科技", "AI", "43.07", "徐冰卸任", "上海阵量营收")


def build(project: Path, site: Path) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=project,
                         capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(run.stderr[-3000:])
    line = next((x for x in run.stderr.splitlines() if "Pagefind indexed" in x), "")
    return {"build_wall_s": round(wall, 1), "build_cpu_s": round(after.ru_utime - before.ru_utime
                                                                    + after.ru_stime - before.ru_stime, 1),
            "pagefind_log": line.split("pizhu: ")[-1]}


def sizes(site: Path) -> dict[str, object]:
    folder = site / "pagefind"
    if not folder.exists():
        index = site / "search/search_index.json"
        br = index.with_name(index.name + ".br")
        return {"material_index_raw": index.stat().st_size, "material_index_br": br.stat().st_size if br.exists() else None}

    def total(pattern: str) -> tuple[int, int]:
        files = [p for p in folder.glob(pattern) if p.is_file() and p.suffix not in (".gz", ".br")]
        return len(files), sum(p.stat().st_size for p in files)
    words = folder / "pizhu-words.json"
    return {"index_chunks": total("index/*"), "fragments": total("fragment/*"), "pf_meta": total("*.pf_meta"),
            "all_files": total("**/*"), "words_raw": words.stat().st_size,
            "words_br": words.with_name(words.name + ".br").stat().st_size,
            "material_index_raw": (site / "search/search_index.json").stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--material", action="store_true", help="also measure Material's engine on the same project")
    args = parser.parse_args()
    work = args.work or Path(f"/tmp/pagefind-bench-{args.articles}")
    if work.exists():
        shutil.rmtree(work)
    project = make_distinct_project(work / "project", args.articles)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "  - pizhu:\n" not in text:
        raise SystemExit(f"{config}: no `- pizhu:` entry in `plugins:` to add `search_engine: pagefind` to")
    engines = {"pagefind": text.replace("  - pizhu:\n", "  - pizhu:\n      search_engine: pagefind\n", 1)}
    if args.material:
        engines["material"] = text
    from pizhu.compress import compress_site

    for engine, yml in engines.items():
        config.write_text(yml, encoding="utf-8")
        site = work / f"site-{engine}"
        row: dict[str, object] = {"engine": engine, "articles": args.articles, **build(project, site)}
        start = time.perf_counter()
        compress_site(site)
        row["compress_s"] = round(time.perf_counter() - start, 1)
        row.update(sizes(site))
        for query in QUERIES:
            m = measure(site, "sensetime-xu-bing/", query)
            row.setdefault("load_KiB", round(m["load_bytes"] / 1024, 1))  # type: ignore[operator]
            row.setdefault("load_requests", m["load_requests"])
            row[f"first_query_KiB {query}"] = (round(m["search_bytes"] / 1024, 1), m["search_requests"],  # type: ignore[operator]
                                               m["focus_to_results_s"])
            row.setdefault("outside_requests", 0)
            row["outside_requests"] += len(m["outside"])  # type: ignore[operator, arg-type]
        print(json.dumps(row, ensure_ascii=False), flush=True)
        if args.quality:
            subprocess.run([sys.executable, str(HERE / "quality.py"), str(site), "--copies-count", "--reader-forms"],
                           check=False)


if __name__ == "__main__":
    main()
