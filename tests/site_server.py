"""A static server for the built site, on 127.0.0.1, as a real host would serve it.

It sends the MIME types a host must send (`application/wasm` for streaming
compilation, `text/javascript` for modules), the Cache-Control headers the README
asks of a host (immutable for versioned names, `no-cache` otherwise), serves the
build's precompressed `.br` and `.gz` copies with Content-Encoding when the browser
accepts them, counts the bytes it sends, can add a Content-Security-Policy header,
and can be told to answer 404 for chosen paths to test failures.
"""

from __future__ import annotations

import email.utils
import functools
import http.server
import io
import json
import os
import re
import socket
import socketserver
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".webmanifest": "application/manifest+json",
}
# A name that carries a content hash, like `orei-bundle.0123456789abcdef.zip`, or a file
# inside a folder named by one (`pyodide-314.0.7-0123abcd/`): it never changes.
VERSIONED = re.compile(r"[.-][0-9a-f]{12,}[./]|/pyodide-[0-9.]+-[0-9a-f]{8,}/")
# Precompressed copies the build writes beside large files, best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


@dataclass
class ServerControls:
    """What a test may change while the server runs."""

    missing: list[re.Pattern[str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    # Serve build-info.json without the fast path's file names, so the worker boots the
    # debug way (Pyodide's standard library and the wheels through the lock).
    debug_runtime: bool = False
    # Serve the build's .br/.gz copies; False acts as a plain static host, which sends
    # every file as it is.
    precompressed: bool = True
    # Bytes written to the network (headers and bodies) since the last reset.
    sent_bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, n: int) -> None:
        with self._lock:
            self.sent_bytes += n

    def take_sent_bytes(self) -> int:
        """The bytes sent since the last call, and start counting again."""
        with self._lock:
            sent, self.sent_bytes = self.sent_bytes, 0
        return sent


class _CountingWriter:
    def __init__(self, raw, controls: ServerControls) -> None:
        self._raw = raw
        self._controls = controls

    def write(self, data) -> int:
        self._controls.count(len(data))
        return self._raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self._raw, name)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - http.server reads this class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }
    controls: ServerControls

    _encoding: str | None = None

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.controls)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: pytest shows failures, not access logs

    def send_head(self):  # type: ignore[override]
        path = self.path.split("?", 1)[0]
        self._encoding = None
        if any(pattern.search(path) for pattern in self.controls.missing):
            self.send_error(404)
            return None
        if self.controls.debug_runtime and path.endswith("/assets/orei/build-info.json"):
            return self._send_debug_build_info(self.translate_path(self.path))
        local = self.translate_path(self.path)
        if path.endswith("/"):
            local = os.path.join(local, "index.html")
        if self.controls.precompressed and os.path.isfile(local):
            accepted = {
                part.split(";")[0].strip()
                for part in self.headers.get("Accept-Encoding", "").split(",")
            }
            for encoding, suffix in ENCODINGS:
                if encoding in accepted and os.path.isfile(local + suffix):
                    self._encoding = encoding
                    return self._send_precompressed(local, local + suffix)
        return super().send_head()

    def _send_debug_build_info(self, local: str):
        build = json.loads(Path(local).read_text("utf-8"))
        body = json.dumps({**build, "bundle": None, "snapshot": None, "rest": None}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _send_precompressed(self, local: str, compressed: str):
        stat = os.stat(compressed)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                unchanged = email.utils.parsedate_to_datetime(since).timestamp() >= int(
                    stat.st_mtime
                )
            except (TypeError, ValueError):
                unchanged = False
            if unchanged:
                self.send_response(304)
                self.end_headers()
                return None
        handle = open(compressed, "rb")  # noqa: SIM115 - closed by the caller, as http.server does
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(local))
        self.send_header("Content-Encoding", self._encoding or "identity")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return handle

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if VERSIONED.search(path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        for name, value in self.controls.headers.items():
            self.send_header(name, value)
        super().end_headers()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[override]
        # A browser that cancels a request (a page left mid-load) is not a failure.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(
    directory: Path, controls: ServerControls | None = None, port: int = 0
) -> Iterator[tuple[str, ServerControls]]:
    """Serve `directory` on 127.0.0.1 (any free port by default); yield the URL and controls."""
    controls = controls or ServerControls()
    handler = type("Handler", (_Handler,), {"controls": controls})
    server = _QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    with running(server) as bound:
        yield f"http://127.0.0.1:{bound}/", controls


@contextmanager
def running(server: socketserver.BaseServer) -> Iterator[int]:
    """Run `server` on a thread of its own; yield its port, and shut it down after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
