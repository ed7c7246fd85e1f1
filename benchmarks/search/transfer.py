"""Bytes a reader's browser transfers: a cold load of the article page, then a first search.

Serves SITE on loopback with its precompressed copies (benchmarks/serve.py, as nginx
gzip_static/brotli_static would), opens the article page in a fresh Chromium context (empty
cache), waits for the network to settle, then focuses Material's header search box, types the
query and waits until Material's result list shows the answer. Every response is counted by the
server as it sends it (body bytes, as encoded on the wire: the .br copy when one was sent; HTTP
headers not included), split into:

- load:   from navigation until the page is settled (networkidle + 1 s);
- search: from the focus of the search box until the results show (then 1 s more, so that a
          request still under way is not missed).

Requests made by workers (Material's search worker, Pagefind's) are counted too, since the
server sees them all. Prints one JSON object per run and a Markdown table.

    .venv/bin/python benchmarks/search/transfer.py SITE [--page sensetime-xu-bing/] [--query 商汤科技]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from serve import PrecompressedHandler

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
META = ".md-search-result__meta"


class CountingHandler(PrecompressedHandler):
    log: list[tuple[float, str, int, str]]  # set on the class made per server

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self._length = int(value)
        if keyword.lower() == "content-encoding":
            self._encoding = value
        super().send_header(keyword, value)

    def end_headers(self) -> None:  # headers complete: the body's length is known
        self.log.append((time.monotonic(), self.path, getattr(self, "_length", 0), getattr(self, "_encoding", "")))
        self._length, self._encoding = 0, ""
        super().end_headers()


@contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[tuple[float, str, int, str]]]]:
    log: list[tuple[float, str, int, str]] = []
    handler_class = type("Handler", (CountingHandler,), {"log": log})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()


def measure(site: Path, page_path: str, query: str) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    with counting_server(site) as (base, log), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
        t0 = time.monotonic()
        page.goto(base + page_path, wait_until="networkidle")
        time.sleep(1)
        t_focus = time.monotonic()
        box = page.locator("input.md-search__input")
        box.click()
        page.evaluate(f"() => document.querySelector('{META}').textContent = 'PENDING'")
        box.fill(query)
        box.press("End")
        page.wait_for_function(f"() => document.querySelector('{META}').textContent !== 'PENDING'", timeout=120_000)
        t_results = time.monotonic()
        results = page.evaluate("() => document.querySelectorAll('.md-search-result__list > li').length")
        meta = page.evaluate(f"() => document.querySelector('{META}').textContent")
        time.sleep(1)
        browser.close()
    load = [(p, n, e) for t, p, n, e in log if t0 <= t < t_focus]
    search = [(p, n, e) for t, p, n, e in log if t >= t_focus]
    return {
        "site": str(site), "page": page_path, "query": query,
        "load_bytes": sum(n for _, n, _ in load), "load_requests": len(load),
        "search_bytes": sum(n for _, n, _ in search), "search_requests": len(search),
        "focus_to_results_s": round(t_results - t_focus, 2), "results": results, "meta": meta,
        "load": load, "search": search, "outside": outside,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--page", default="sensetime-xu-bing/")
    parser.add_argument("--query", default="商汤科技")
    parser.add_argument("--detail", action="store_true", help="list every response")
    args = parser.parse_args()
    rows = []
    for site in args.sites:
        row = measure(site, args.page, args.query)
        rows.append(row)
        if args.detail:
            print(json.dumps(row, ensure_ascii=False, indent=1), file=sys.stderr)
    print("| site | load: bytes (requests) | first search: bytes (requests) | focus to results | results |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['site']} | {r['load_bytes'] / 1024:.1f} KiB ({r['load_requests']}) | "
              f"{r['search_bytes'] / 1024:.1f} KiB ({r['search_requests']}) | {r['focus_to_results_s']} s | "
              f"{r['meta']} |")


if __name__ == "__main__":
    main()
