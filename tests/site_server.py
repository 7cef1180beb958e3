"""A static server for the built site, on 127.0.0.1, as a real host would serve it.

It sends the MIME types a host must send (`application/wasm` for streaming
compilation, `text/javascript` for modules), can add a Content-Security-Policy
header, and can be told to answer 404 for chosen paths to test failures.
"""

from __future__ import annotations

import functools
import http.server
import re
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


@dataclass
class ServerControls:
    """What a test may change while the server runs."""

    missing: list[re.Pattern[str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - http.server reads this class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }
    controls: ServerControls

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: pytest shows failures, not access logs

    def send_head(self):  # type: ignore[override]
        path = self.path.split("?", 1)[0]
        if any(pattern.search(path) for pattern in self.controls.missing):
            self.send_error(404)
            return None
        return super().send_head()

    def end_headers(self) -> None:
        for name, value in self.controls.headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve(
    directory: Path, controls: ServerControls | None = None
) -> Iterator[tuple[str, ServerControls]]:
    """Serve `directory` on a free port of 127.0.0.1; yield the base URL and the controls."""
    controls = controls or ServerControls()
    handler = type("Handler", (_Handler,), {"controls": controls})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", controls
    finally:
        server.shutdown()
        server.server_close()
