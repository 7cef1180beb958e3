"""The service worker: the guide and its widgets offline after a first visit.

`write_service_worker` copies `widgets/js/sw.js` to the site's root (a service worker
controls only pages under its own folder) and returns what it is to keep, for the
build's `build-info.json` (`orei_site.build_info`): the pages and their assets, the
fast path's runtime, and a version that is a digest of every one of those files, so
any change to the site registers a new service worker, whose cache replaces the old.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

# Never cached: compressed copies (hosts pick them), build outputs for hosts and search
# engines, the baseline the benchmark writes, and the debug path's wheels and lock.
SKIP_SUFFIXES = (".br", ".gz", ".whl", ".map")
SKIP_NAMES = {"sw.js", "_headers", "pyodide-lock.json", "python_stdlib.zip"}
# Kept, but not part of the version: it holds the version.
UNVERSIONED = "assets/orei/build-info.json"
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


def write_service_worker(site_dir: Path, source: Path, runtime: list[str]) -> dict[str, Any]:
    """Copy `sw.js` into the site's root; return its `offline` values for build-info.json.

    Args:
        site_dir: The built site.
        source: The service worker (`widgets/js/sw.js`).
        runtime: The runtime files to cache, relative to the site's root.
    """
    pages, runtime = cached_files(site_dir, runtime)
    pages = [path for path in pages if path != UNVERSIONED]
    sha = hashlib.sha256(source.read_bytes())
    for path in pages + runtime:
        sha.update(path.encode())
        sha.update((site_dir / path).read_bytes())
    shutil.copyfile(source, site_dir / "sw.js")
    pages.append(UNVERSIONED)  # the build writes it from these values, after this
    return {
        "version": sha.hexdigest()[:16],
        "pages": [_url(p) for p in pages],
        "runtime": runtime,
    }
