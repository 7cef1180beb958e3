"""Brotli and gzip copies written beside the site's files, for hosts that serve them.

A host that serves `NAME.br` or `NAME.gz` for `NAME` (with `Content-Encoding`) sends
the runtime and the pages at their smallest without compressing on each request:
brotli at its highest quality, which is too slow to do on the fly. Copies are cached
under `.cache/orei-assets/compressed/`, keyed by the content of the file, and missing
brotli copies are made by Node (Node's zlib has brotli; Python's standard library does
not), one process per core: an uncached build spends about two minutes here.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from orei_site.bundle import node_executable
from orei_site.cache import content_sha, publish, staging

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


def precompress(files: Iterable[Path], cache: Path) -> None:
    """Write `NAME.br` and `NAME.gz` beside each of `files`.

    Args:
        files: The files to compress, in place (their copies are replaced).
        cache: The asset cache folder; copies are kept under `compressed/`.

    Raises:
        subprocess.CalledProcessError: If Node fails to compress.
    """
    entries = {source: cache / "compressed" / content_sha([source])[:24] for source in files}
    todo = []
    for source, entry in entries.items():
        if not ((entry / "file.br").exists() and (entry / "file.gz").exists()):
            staged = staging(entry)
            data = source.read_bytes()
            (staged / "file.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            todo.append((source, staged, entry))
    if todo:
        pairs = [(source, staged / "file.br") for source, staged, _ in todo]
        _brotli_in_parallel(pairs, os.cpu_count() or 1)
        for _, staged, entry in todo:
            publish(staged, entry)
    for source, entry in entries.items():
        for suffix in ("br", "gz"):
            shutil.copyfile(entry / f"file.{suffix}", source.with_name(f"{source.name}.{suffix}"))


def _brotli_in_parallel(pairs: list[tuple[Path, Path]], processes: int) -> None:
    """Write each (source, target) pair's brotli copy, the work shared out by size."""
    shares: list[list[list[str]]] = [[] for _ in range(max(1, min(processes, len(pairs))))]
    loads = [0] * len(shares)
    sized = sorted(
        ((source.stat().st_size, source, target) for source, target in pairs), reverse=True
    )
    for size, source, target in sized:
        least = loads.index(min(loads))
        shares[least].append([str(source), str(target)])
        loads[least] += size
    command = [node_executable(), "-e", BROTLI]
    running: list[subprocess.Popen] = []
    try:
        for share in shares:
            node = subprocess.Popen(command, stdin=subprocess.PIPE, text=True)
            running.append(node)
            # Every process has its list before any is waited for: they run side by side.
            assert node.stdin is not None
            node.stdin.write(json.dumps(share))
            node.stdin.close()
        for node in running:
            if node.wait():
                raise subprocess.CalledProcessError(node.returncode, command)
    finally:
        # One that failed leaves its siblings nothing to finish for.
        for node in running:
            if node.poll() is None:
                node.kill()
                node.wait()


def site_text_files(site_dir: Path) -> list[Path]:
    """The site's text files worth a compressed copy (HTML, scripts, styles, the index)."""
    return sorted(
        path
        for path in site_dir.rglob("*")
        if path.is_file() and path.suffix in TEXT_SUFFIXES and path.stat().st_size >= SMALLEST
    )
