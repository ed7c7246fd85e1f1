"""Precompressed copies of a built site's text files: ``x.html.gz`` and ``x.html.br`` beside ``x.html``.

Static hosts that serve precompressed files (nginx ``gzip_static``/``brotli_static``, Caddy
``precompressed``, most CDNs) then send the small copy to a browser that accepts it, with no
compression work per request. The site's plugin option ``compress: true`` runs this after the
build; ``pizhu compress SITE_DIR`` runs it on a folder.

The copies are the same bytes on every build: gzip's header carries no file name and a zero
timestamp, and Brotli has neither. A copy is written only when it is smaller than the file.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import brotli

TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".jsonld", ".xml", ".txt", ".svg", ".csv", ".webmanifest")
"""What is compressed: text formats (images and fonts are compressed already; source maps are
fetched only by developer tools)."""
MIN_BYTES = 1024
"""Smaller files are not worth a second request header's worth of bytes."""
BEST_UP_TO = 256 * 1024
"""Files up to this size get Brotli's best (slowest) quality."""


@dataclass(frozen=True, slots=True)
class Compressed:
    files: int
    original: int
    gzip: int
    brotli: int


def compress_site(site: Path) -> Compressed:
    """Write ``.gz`` and ``.br`` beside every text file of ``site`` larger than :data:`MIN_BYTES`."""
    totals = [0, 0, 0, 0]
    for path in _text_files(site):
        data = path.read_bytes()
        gz, br = compress_gzip(data), compress_brotli(data)
        totals[0] += 1
        totals[1] += len(data)
        totals[2] += _write_if_smaller(path.with_name(path.name + ".gz"), gz, len(data))
        totals[3] += _write_if_smaller(path.with_name(path.name + ".br"), br, len(data))
    return Compressed(*totals)


def compress_gzip(data: bytes) -> bytes:
    """gzip at level 9 with no name and a zero timestamp (the same bytes every time)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def compress_brotli(data: bytes) -> bytes:
    """Brotli in text mode, at its best quality (11) up to :data:`BEST_UP_TO` bytes and at 9
    above: 11 is about 10% smaller than 9 and 20 times slower (0.8 s for a 400 KB page)."""
    quality = 11 if len(data) <= BEST_UP_TO else 9
    return bytes(brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality))


def _text_files(site: Path) -> Iterable[Path]:
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file() and not path.is_symlink() \
                and path.stat().st_size >= MIN_BYTES:
            yield path


def _write_if_smaller(target: Path, data: bytes, original: int) -> int:
    if len(data) >= original:
        target.unlink(missing_ok=True)
        return original
    target.write_bytes(data)
    return len(data)
