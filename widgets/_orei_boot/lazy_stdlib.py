"""The rest of the standard library, fetched the first time the bundle lacks a module.

This module ships inside the bytecode bundle as `_orei_boot.lazy_stdlib`, beside the
data file `stdlib_tops.txt` that the bundle compiler writes: the top-level names of
Pyodide's full standard library. The worker calls `install(url)` with the URL of that
`python_stdlib.zip`. A finder placed last on `sys.meta_path` then answers only for
standard-library modules nothing else found: it downloads the zip once (a synchronous
request, allowed in a worker), and imports from it.
"""

from __future__ import annotations

import sys
import zipimport
from importlib.resources import files

FULL = "/lib/python-stdlib-full.zip"


def stdlib_tops() -> frozenset[str]:
    """The full standard library's top-level names, as the bundle compiler listed them."""
    listed = files(__package__ or "_orei_boot").joinpath("stdlib_tops.txt")
    return frozenset(listed.read_text("utf-8").split()) if listed.is_file() else frozenset()


# Read when the module is imported: before the memory snapshot is taken, so a restored
# interpreter has them in memory.
TOPS = stdlib_tops()


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

    def __init__(
        self, url: str, download=_download, *, tops: frozenset[str] = TOPS, full: str = FULL
    ) -> None:
        self.url = url
        self.download = download
        self.tops = tops
        self.full = full
        self.ready = False

    def find_spec(self, name: str, path=None, target=None):  # noqa: ARG002 - the finder protocol
        """Find `name` in the full standard library, fetching it on first use."""
        if name.partition(".")[0] not in self.tops:
            return None
        if not self.ready:
            with open(self.full, "wb") as handle:
                handle.write(self.download(self.url))
            self.ready = True
        folder = name.rpartition(".")[0].replace(".", "/")
        importer = zipimport.zipimporter(f"{self.full}/{folder}/" if folder else self.full)
        return importer.find_spec(name, target)


def install(url: str, download=_download) -> LazyStdlib:
    """Put the finder last on `sys.meta_path` (once) and return it."""
    for finder in sys.meta_path:
        if isinstance(finder, LazyStdlib):
            return finder
    finder = LazyStdlib(url, download)
    sys.meta_path.append(finder)
    return finder
