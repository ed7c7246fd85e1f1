"""A synthetic project whose article copies do not repeat each other's text (for compressed sizes).

``benchmarks/build.py``'s ``make_project`` copies the real article N times with small changes:
good for build time, but a compressor with a long window (Brotli's 4 MiB) finds each copy in
the one before and makes a 100-article search index look ~15 times smaller than 100 different
articles would. Here each copy's Han characters are put through its own permutation (seeded by
the copy's number) over the characters the article uses: within a copy, word lengths,
character frequencies and repetitions are the real article's; across copies, sentences no
longer repeat. Latin letters, digits, markup and shared pages stay as they are. The text is
nonsense, so jieba cuts it differently (mostly short words): index sizes are of the same order,
not the same. A benchmark input only; nothing here is published.

    .venv/bin/python benchmarks/search/distinct.py /tmp/project 100
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from build import SLUG, make_project

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def article_files(root: Path, slug: str) -> list[Path]:
    return [root / "seeds" / f"{slug}.txt", root / "data/articles" / f"{slug}.yml",
            *sorted((root / "data/notes" / slug).glob("*.md"))]


TAG = re.compile(r"(\{\{.*?\}\})", re.DOTALL)


def make_distinct_project(target: Path, articles: int) -> Path:
    make_project(target, articles)
    alphabet = sorted({c for f in article_files(target, SLUG) for c in HAN.findall(f.read_text(encoding="utf-8"))})
    for number in range(2, articles + 1):
        slug = f"copy-{number}"
        shuffled = alphabet[:]
        random.Random(number).shuffle(shuffled)
        table = str.maketrans(dict(zip(alphabet, shuffled, strict=True)))
        for path in article_files(target, slug):
            # YAML keys and note ids are ASCII: only values and text change.
            # Figure references ({{ figure table/row/column "5000万元" }}) must still state the table's figure.
            parts = TAG.split(path.read_text(encoding="utf-8"))
            path.write_text("".join(part if TAG.fullmatch(part) else part.translate(table) for part in parts),
                            encoding="utf-8")
        seed = (target / "seeds" / f"{slug}.txt").read_text(encoding="utf-8")
        manifest = target / "data/articles" / f"{slug}.yml"
        digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
        manifest.write_text(re.sub(r"seed_sha256: \w+", f"seed_sha256: {digest}", manifest.read_text(encoding="utf-8")),
                            encoding="utf-8")
    return target


if __name__ == "__main__":
    make_distinct_project(Path(sys.argv[1]), int(sys.argv[2]))
