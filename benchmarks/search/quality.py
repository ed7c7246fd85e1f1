"""Recall@5 of the search-quality queries (tests/browser/test_search_quality.py) on any built site.

The queries, the way they are typed into Material's header search box and the way a hit is
counted are the suite's own (imported from it, not copied): a query is found when its target is
a visible link of one of the first 5 results. Used to compare search back ends on the same site
(Material's Lunr index, Pagefind) at 1 or 100 articles.

    .venv/bin/python benchmarks/search/quality.py SITE [SITE ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from serve import serving  # noqa: E402

spec = importlib.util.spec_from_file_location("search_quality", REPO / "tests/browser/test_search_quality.py")
assert spec and spec.loader
suite = importlib.util.module_from_spec(spec)
sys.modules["search_quality"] = suite
spec.loader.exec_module(suite)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


COPY = re.compile(r"^copy-(\d+)/(#note-c\1-)?")


def as_original(link: str) -> str:
    """``copy-7/#note-c7-x`` -> ``sensetime-xu-bing/#note-x``: a copy's page or note counts as the original's."""
    return COPY.sub(lambda m: "sensetime-xu-bing/" + ("#note-" if m[2] else ""), link)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--copies-count", action="store_true",
                        help="on a benchmarks/build.py project: a copy of the target article's page, section or "
                             "note counts as the target (the copies' text is the article's, so they tie with it)")
    parser.add_argument("--reader-forms", action="store_true",
                        help="also the suite's Traditional, regional and pinyin queries (simplified edition)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for site in args.sites:
            with serving(site) as base:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                outside: list[str] = []
                page.on("request", lambda r, base=base, outside=outside: outside.append(r.url)
                        if not r.url.startswith((base, "data:", "blob:")) else None)
                queries = suite.QUERIES + ([(k, q, t) for k, q, t, editions in suite.READER_QUERIES
                                            if "zh-Hans" in editions] if args.reader_forms else [])
                rows, hits = suite.run_queries(page, base, queries)
                context.close()
            if args.copies_count:
                rows = [(k, q, t, [[as_original(link) for link in r] for r in res]) for k, q, t, res in rows]
                hits = sum(1 for _, _, t, res in rows if any(t in r for r in res[:suite.TOP]))
            print(suite.report(str(site), rows, hits))
            print(f"  requests outside the site: {len(outside)}")
        browser.close()


if __name__ == "__main__":
    main()
