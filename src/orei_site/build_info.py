"""What a build tells the browser's scripts: one generated file, never edited source.

`assets/orei/build-info.json` holds the fast path's versioned file names (`bundle`,
`snapshot`, `rest`), which the Python worker boots from, and `offline`, what the
service worker keeps: its `version` (a digest of every file it caches, so any change to
the site makes a new one), the `pages` and their assets, and the `runtime` files. The
worker and `offline.js` fetch it; `offline.js` registers `sw.js?build=VERSION`, so a new
build is a new service worker, which fetches the lists when it installs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NAME = "build-info.json"
EMPTY: dict[str, Any] = {
    "bundle": None,
    "snapshot": None,
    "rest": None,
    "offline": {"version": "dev", "pages": [], "runtime": []},
}


def write(assets: Path, values: dict[str, Any]) -> Path:
    """Write `assets/build-info.json` (keys as in `EMPTY`; missing ones keep its values)."""
    unknown = set(values) - set(EMPTY)
    if unknown:
        raise ValueError(f"unknown build values: {sorted(unknown)}")
    target = assets / NAME
    target.write_text(json.dumps({**EMPTY, **values}, indent=1) + "\n", "utf-8")
    return target


def read(assets: Path) -> dict[str, Any]:
    """The values a build wrote into `assets/build-info.json`."""
    return json.loads((assets / NAME).read_text("utf-8"))
