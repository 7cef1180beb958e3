"""The rest of the standard library, fetched the first time the bundle lacks a module.

This file ships inside the bytecode bundle as `_orei_lazy_stdlib` (the build fills in
TOPS, the standard library's top-level names). The worker calls `install(url)` with
the URL of Pyodide's full `python_stdlib.zip`. A finder placed last on `sys.meta_path`
then answers only for standard-library modules nothing else found: it downloads the
zip once (a synchronous request, allowed in a worker), and imports from it.
"""

from __future__ import annotations

import sys
import zipimport

TOPS = ()
FULL = "/lib/python-stdlib-full.zip"


def _download(url: str) -> bytes:
    from js import XMLHttpRequest  # only in the browser, only on the first miss

    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    request.send(None)
    if request.status != 200:
        raise ImportError(f"the standard library could not be fetched ({request.status})")
    return request.response.to_bytes()


class LazyStdlib:
    """A meta-path finder for standard-library modules that the bundle left out."""

    def __init__(self, url: str, download=_download) -> None:
        self.url = url
        self.download = download
        self.ready = False

    def find_spec(self, name: str, path=None, target=None):  # noqa: ARG002 - the finder protocol
        """Find `name` in the full standard library, fetching it on first use."""
        if name.partition(".")[0] not in TOPS:
            return None
        if not self.ready:
            with open(FULL, "wb") as handle:
                handle.write(self.download(self.url))
            self.ready = True
        folder = name.rpartition(".")[0].replace(".", "/")
        importer = zipimport.zipimporter(f"{FULL}/{folder}/" if folder else FULL)
        return importer.find_spec(name, target)


def install(url: str, download=_download) -> LazyStdlib:
    """Put the finder last on `sys.meta_path` (once) and return it."""
    for finder in sys.meta_path:
        if isinstance(finder, LazyStdlib):
            return finder
    finder = LazyStdlib(url, download)
    sys.meta_path.append(finder)
    return finder
