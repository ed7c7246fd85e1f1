"""Lighthouse scores of the built site, served with precompressed files (``make lighthouse``).

Runs npm's ``lighthouse`` (pinned: 12.x is the last line that runs on Node 20) with Debian's
Chromium headless against the article page, the glossary and the home page, for the mobile
(default, simulated slow 4G and a mid-range phone) and desktop presets, and prints a table of
the category scores and the main timings. Reports are kept under ``benchmarks/lighthouse/``
(ignored by git). Needs ``node``/``npx`` and network access to the npm registry the first time.

    .venv/bin/python benchmarks/lighthouse.py [site/]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from serve import serving

LIGHTHOUSE = "lighthouse@12.2.3"
CHROMIUM = "/usr/bin/chromium"
PAGES = ("sensetime-xu-bing/", "glossary/", "")
OUT = Path(__file__).resolve().parent / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def run(url: str, preset: str, report: Path) -> dict[str, object]:
    command = ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM))
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    timings = {t: data["audits"][t]["displayValue"] for t in TIMINGS}
    weight = data["audits"]["total-byte-weight"]["numericValue"]
    return {**scores, **timings, "transfer_kib": round(weight / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    args = parser.parse_args()
    if shutil.which("npx") is None or not Path(CHROMIUM).exists():
        sys.exit("make lighthouse needs node (npx) and /usr/bin/chromium")
    if not any(args.site.rglob("*.html.gz")):
        sys.exit(f"{args.site} has no precompressed files: build it with `make site` (which runs pizhu compress)")
    OUT.mkdir(exist_ok=True)
    rows = []
    with serving(args.site) as base:
        for preset in ("mobile", "desktop"):
            for page in PAGES:
                name = (page.strip("/") or "home") + f"-{preset}"
                rows.append((page or "/", preset, run(base + page, preset, OUT / f"{name}.json")))
    print("| page | preset | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | transfer |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for page, preset, r in rows:
        print(f"| {page} | {preset} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} | "
              f"{r['first-contentful-paint']} | {r['largest-contentful-paint']} | {r['total-blocking-time']} | "
              f"{r['cumulative-layout-shift']} | {r['transfer_kib']} KiB |")


if __name__ == "__main__":
    main()
