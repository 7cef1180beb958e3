"""Older versions of the applications file, brought up to the current one.

A migration takes the plain JSON of version N and returns that of version N + 1;
`migrate` runs them in order, and the result is then checked like any file of the
current version. Version 1 is the first, so none is registered yet: the next change
to the format adds `MIGRATIONS[1]` and raises `CURRENT_VERSION` to 2, and a file or a
browser's stored data of version 1 keeps opening.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Document = dict[str, Any]
Migration = Callable[[Document], Document]

CURRENT_VERSION = 1
MIGRATIONS: Mapping[int, Migration] = {}
"""Version N -> the function that turns a version N document into version N + 1."""


def migrate(
    document: Document,
    version: int,
    *,
    current: int = CURRENT_VERSION,
    migrations: Mapping[int, Migration] = MIGRATIONS,
) -> Document:
    """`document`, of `version`, as a document of version `current`.

    Each step receives its own copy's result; the caller's document is not changed
    by a migration that builds a new one (migrations return new objects).

    Raises:
        LookupError: If a step between `version` and `current` is missing (a bug).
    """
    while version < current:
        if version not in migrations:
            raise LookupError(f"no migration from version {version}")
        document = migrations[version](document)
        version += 1
        document["version"] = version
    return document
