"""An HTTP proxy on 127.0.0.1 that records every request a browser makes.

Firefox and WebKit are told to send everything through it, 127.0.0.1 included, so
its log holds every request of the pages, their workers and the service worker, in
any engine, as the network sees them. It forwards only to the one origin it serves
for; a request to any other host is recorded and refused (502, or a closed tunnel for
HTTPS), so it never leaves the machine. With `offline` set it drops every connection
unanswered, which a browser takes for a network that is gone.
"""

from __future__ import annotations

import http.client
import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from site_server import running

# Hop-by-hop headers (RFC 9110, 7.6.1) are the proxy's own, never forwarded.
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}
CHUNK = 1 << 16


@dataclass
class ProxyLog:
    """What went through the proxy: every request's URL, and whether to act offline."""

    origin: str
    requests: list[str] = field(default_factory=list)
    offline: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, url: str) -> None:
        with self._lock:
            self.requests.append(url)

    def take(self) -> list[str]:
        """Every URL recorded since the last call."""
        with self._lock:
            taken, self.requests = self.requests, []
        return taken


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log: ProxyLog

    def log_message(self, format: str, *args: object) -> None:
        pass  # the log is `ProxyLog.requests`

    def _drop(self) -> None:
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def do_CONNECT(self) -> None:
        # An HTTPS tunnel: never to this site (served over HTTP), so always foreign.
        self.log.record(f"https://{self.path}/")
        if self.log.offline:
            self._drop()
            return
        self.send_error(502, "no tunnels from the test proxy")
        self.close_connection = True

    def _forward(self) -> None:
        url = self.path
        self.log.record(url)
        if self.log.offline:
            self._drop()
            return
        target = urlsplit(url)
        origin = urlsplit(self.log.origin)
        if (target.scheme, target.hostname, target.port) != (
            origin.scheme,
            origin.hostname,
            origin.port,
        ):
            body = b"foreign host refused by the test proxy"
            self.send_response(502)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection(origin.hostname, origin.port, timeout=60)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            upstream.request(self.command, path or "/", body=payload, headers=headers)
            response = upstream.getresponse()
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in HOP_BY_HOP:
                    self.send_header(name, value)
            if response.getheader("Content-Length") is None and response.status not in {
                204,
                304,
            }:
                self.close_connection = True  # the body ends when the connection does
            self.end_headers()
            if self.command != "HEAD":
                while chunk := response.read(CHUNK):
                    self.wfile.write(chunk)
        except OSError:
            self.close_connection = True  # the origin is gone: so is this connection
        finally:
            upstream.close()

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _forward


class _QuietProxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[override]
        pass  # a browser that drops a connection (a page left mid-load) is not a failure


@contextmanager
def recording_proxy(origin: str) -> Iterator[tuple[str, ProxyLog]]:
    """Run a proxy for `origin` (`http://127.0.0.1:PORT/`); yield its `host:port` and log."""
    log = ProxyLog(origin=origin)
    handler = type("Handler", (_ProxyHandler,), {"log": log})
    server = _QuietProxy(("127.0.0.1", 0), handler)
    with running(server) as port:
        yield f"127.0.0.1:{port}", log
