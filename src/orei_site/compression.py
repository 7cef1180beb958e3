"""Brotli and gzip copies written beside the site's files, for hosts that serve them.

A host that serves `NAME.br` or `NAME.gz` for `NAME` (with `Content-Encoding`) sends
the runtime and the pages at their smallest without compressing on each request:
brotli at its highest quality, which is too slow to do on the fly. Copies are cached
under `.cache/orei-assets/compressed/`, keyed by the content of the file, and all
missing brotli copies are made by one Node process (Node's zlib has brotli; Python's
standard library does not).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from orei_site.bundle import content_sha, node_executable

# Text that readers' browsers fetch (source maps and sitemaps are left as they are).
TEXT_SUFFIXES = frozenset({".html", ".js", ".mjs", ".css", ".json", ".svg", ".webmanifest"})
# Below this, a compressed copy saves less than its headers cost.
SMALLEST = 1024
# Reads [[source, target], ...] on stdin; writes each target as brotli of its source.
BROTLI = """
const zlib = require("node:zlib"), fs = require("node:fs");
for (const [source, target] of JSON.parse(fs.readFileSync(0, "utf8"))) {
  const data = fs.readFileSync(source);
  fs.writeFileSync(target, zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  }}));
}
"""


def _cached(source: Path, cache: Path) -> Path:
    return cache / "compressed" / content_sha([source])[:24]


def precompress(files: Iterable[Path], cache: Path) -> None:
    """Write `NAME.br` and `NAME.gz` beside each of `files`.

    Args:
        files: The files to compress, in place (their copies are replaced).
        cache: The asset cache folder; copies are kept under `compressed/`.

    Raises:
        subprocess.CalledProcessError: If Node fails to compress.
    """
    files = list(files)
    todo = []
    for source in files:
        folder = _cached(source, cache)
        if not ((folder / "file.br").exists() and (folder / "file.gz").exists()):
            tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            data = source.read_bytes()
            (tmp / "file.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            todo.append((source, tmp, folder))
    if todo:
        pairs = [[str(source), str(tmp / "file.br")] for source, tmp, _ in todo]
        subprocess.run(
            [node_executable(), "-e", BROTLI], input=json.dumps(pairs), text=True, check=True
        )
        for _, tmp, folder in todo:
            try:
                tmp.rename(folder)
            except OSError:
                shutil.rmtree(tmp, ignore_errors=True)  # made by another build, same content
    for source in files:
        folder = _cached(source, cache)
        for suffix in ("br", "gz"):
            target = source.with_name(f"{source.name}.{suffix}")
            shutil.copyfile(folder / f"file.{suffix}", target)


def site_text_files(site_dir: Path) -> list[Path]:
    """The site's text files worth a compressed copy (HTML, scripts, styles, the index)."""
    return sorted(
        path
        for path in site_dir.rglob("*")
        if path.is_file() and path.suffix in TEXT_SUFFIXES and path.stat().st_size >= SMALLEST
    )
