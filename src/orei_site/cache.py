"""The asset cache (`.cache/orei-assets`): one folder per entry, named by its inputs.

Wheels, the bundle, the snapshot and compressed copies are each made in a staging
folder beside their entry and renamed into place in one step, so a build that stops
half-way never leaves a half-made entry, and two builds at once never mix theirs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path


def content_sha(paths: list[Path], *extra: str) -> str:
    """A SHA-256 (hex) of `extra` and the names and bytes of `paths`: a cache key."""
    sha = hashlib.sha256()
    for text in extra:
        sha.update(text.encode())
    for path in paths:
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def staging(entry: Path) -> Path:
    """An empty folder, private to this process, in which to make `entry`."""
    staged = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    return staged


def publish(staged: Path, entry: Path) -> None:
    """Move the finished `staged` folder to `entry`, in one rename."""
    try:
        staged.rename(entry)
    except OSError:
        # Another build made the same entry first: same inputs, so the same content.
        shutil.rmtree(staged, ignore_errors=True)
