"""The service worker: the guide and its widgets offline after a first visit.

`write_service_worker` fills `widgets/js/sw.js` in with what to cache and writes it to
the site's root (a service worker controls only pages under its own folder). Its
version is a digest of every cached file, so any change to the site makes a new
`sw.js`, which the browser installs, and whose cache replaces the old one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

BUILD_LINE = 'const BUILD = { version: "dev", pages: [], runtime: [] };'
# Never cached: compressed copies (hosts pick them), build outputs for hosts and search
# engines, the baseline the benchmark writes, and the debug path's wheels and lock.
SKIP_SUFFIXES = (".br", ".gz", ".whl", ".map")
SKIP_NAMES = {"sw.js", "_headers", "pyodide-lock.json", "python_stdlib.zip"}
SKIP_FOLDERS = {"bench-baseline"}


def _url(path: str) -> str:
    # Pages are asked for by their folder (`calendar/`), as Material links them.
    if path == "index.html":
        return "./"
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def cached_files(site_dir: Path, runtime: list[str]) -> tuple[list[str], list[str]]:
    """The site's files to cache, as `(pages and assets, runtime)` paths from the root."""
    pages = []
    for file in sorted(site_dir.rglob("*")):
        path = file.relative_to(site_dir).as_posix()
        if (
            not file.is_file()
            or path in runtime
            or file.name in SKIP_NAMES
            or file.name.endswith(SKIP_SUFFIXES)
            or file.relative_to(site_dir).parts[0] in SKIP_FOLDERS
            or "/runtime/" in f"/{path}"
        ):
            continue
        pages.append(path)
    return pages, list(runtime)


def write_service_worker(site_dir: Path, source: Path, runtime: list[str]) -> Path:
    """Write `sw.js` into the site's root, listing the pages and the fast path's runtime.

    Args:
        site_dir: The built site.
        source: The service worker's template (`widgets/js/sw.js`).
        runtime: The runtime files to cache, relative to the site's root.
    """
    pages, runtime = cached_files(site_dir, runtime)
    sha = hashlib.sha256(source.read_bytes())
    for path in pages + runtime:
        sha.update(path.encode())
        sha.update((site_dir / path).read_bytes())
    build = {
        "version": sha.hexdigest()[:16],
        "pages": [_url(p) for p in pages],
        "runtime": runtime,
    }
    text = source.read_text("utf-8")
    if BUILD_LINE not in text:
        raise ValueError(f"{source} lacks the line {BUILD_LINE!r} the build fills in")
    target = site_dir / "sw.js"
    target.write_text(text.replace(BUILD_LINE, f"const BUILD = {json.dumps(build)};"), "utf-8")
    return target
