"""Precompressed copies (``pizhu compress``, plugin option ``compress``): the same content, the
same bytes on every run, only where they help; the benchmark server hands them out."""

from __future__ import annotations

import gzip
import subprocess
import sys
import urllib.request
from pathlib import Path

import brotli

from pizhu.compress import MIN_BYTES, TEXT_SUFFIXES, compress_brotli, compress_gzip
from support import mkdocs_build, serving


def test_every_text_file_gets_identical_gzip_and_brotli_copies(compressed_site: Path) -> None:
    site = compressed_site
    for name in ("sensetime-xu-bing/index.html", "search/search_index.json", "feed.xml", "annotations.jsonld"):
        original = (site / name).read_bytes()
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == original
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == original
    small = [p for p in site.rglob("*.html") if p.stat().st_size < MIN_BYTES]
    assert all(not p.with_name(p.name + ".gz").exists() for p in small)
    assert not list(site.rglob("*.map.gz")) and not list(site.rglob("*.png.gz"))
    some = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)[-3:]  # the same bytes again
    for path in some:
        assert compress_brotli(path.read_bytes()) == path.with_name(path.name + ".br").read_bytes()
        assert compress_gzip(path.read_bytes()) == path.with_name(path.name + ".gz").read_bytes()
    texts = [p for p in site.rglob("*") if p.suffix in TEXT_SUFFIXES and p.stat().st_size >= MIN_BYTES]
    assert len(texts) > 50 and all(p.with_name(p.name + ".gz").exists() for p in texts)


def test_the_server_sends_the_precompressed_copy_the_browser_accepts(compressed_site: Path) -> None:
    site = compressed_site
    page = "sensetime-xu-bing/"
    with serving(site) as base:
        for accept, encoding in (("br, gzip", "br"), ("gzip", "gzip"), ("identity", None)):
            request = urllib.request.Request(base + page, headers={"Accept-Encoding": accept})
            with urllib.request.urlopen(request) as response:
                body = response.read()
                assert response.headers.get("Content-Encoding") == encoding
                assert response.headers.get("Content-Type", "").startswith("text/html")
        assert encoding is None and body == (site / page / "index.html").read_bytes()


def test_the_plugin_option_and_the_command(base_project: Path, tmp_path: Path) -> None:
    config = base_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - pizhu\n", "  - pizhu:\n      compress: true\n"),
                      encoding="utf-8")
    result = mkdocs_build(base_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "demo" / "index.html.br").is_file()
    refused = subprocess.run([sys.executable, "-m", "pizhu.cli", "compress", str(tmp_path / "nothing-here")],
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 1 and "not a built site" in refused.stderr and "Traceback" not in refused.stderr
