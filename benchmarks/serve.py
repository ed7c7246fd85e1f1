"""Serve a built site on loopback as a static host with precompressed files would.

For ``x.html`` it sends ``x.html.br`` when the browser accepts Brotli, else ``x.html.gz`` when
it accepts gzip, else ``x.html``, with ``Content-Encoding`` and ``Vary: Accept-Encoding``
(what nginx's ``brotli_static``/``gzip_static`` and Caddy's ``precompressed`` do). Used by
``make lighthouse`` and by the byte-budget test; not a production server.

    .venv/bin/python benchmarks/serve.py site/ [--port 8000]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class PrecompressedHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that prefers a precompressed copy of the file asked for."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, ".json": "application/json",
        ".jsonld": "application/ld+json", ".js": "text/javascript", ".svg": "image/svg+xml", ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8"}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in ENCODINGS:
            copy = path.with_name(path.name + suffix)
            if encoding in accepted and copy.is_file():
                body = copy.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Cache-Control", "max-age=600")
                self.end_headers()
                return _Body(body)
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Body:
    """A file-like object over bytes, as send_head must return."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    """A client that goes away mid-response (a browser leaving the page) is no error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serving(site: Path, port: int = 0,
            handler_class: type[http.server.SimpleHTTPRequestHandler] = PrecompressedHandler) -> Iterator[str]:
    """Serve ``site`` on loopback for the duration of the block; yields its base URL."""
    handler = functools.partial(handler_class, directory=str(site))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with serving(args.site, args.port) as url:
        print(f"serving {args.site} at {url} (Ctrl-C stops)")
        threading.Event().wait()


if __name__ == "__main__":
    main()
