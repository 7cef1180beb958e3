"""The `orei-applications` file: JSON text or bytes in, applications out, and back.

    {"format": "orei-applications", "version": 1, "applications": [...]}

The same document is what the widget keeps in the browser. Reading refuses, with
one `InputError` and before anything is changed: a file over 5 MB, bytes that are
not UTF-8, lists and objects nested more than 20 deep (Pyodide's JSON parser would
overflow the browser's stack long before Python's recursion limit), JSON that is
cut short or broken, a key twice in one object, NaN or Infinity, another format,
a newer version, and every problem `orei.applications.reading` finds. Errors about
the file as a whole and its own three keys name the field `file`; the rest name a
JSON path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from orei.applications.migrations import CURRENT_VERSION, migrate
from orei.applications.model import Application
from orei.applications.reading import (
    check_keys,
    expect_object,
    read_applications,
    shown,
)
from orei.errors import InputError

FORMAT = "orei-applications"
MAX_FILE_BYTES = 5_000_000
MAX_NESTING = 20
"""Deepest nesting of lists and objects read; a valid file nests 6 deep."""

# Every byte but brackets, quotes and backslashes; UTF-8 puts no ASCII byte inside a
# multi-byte character, so these bytes are exactly those characters.
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'[]{}"\\'))
_PAIR = re.compile(rb"[\[{][\]}]")


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _ConstantError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def nests_deeper_than(data: str | bytes, most: int) -> bool:
    """Whether the JSON text nests lists and objects more than `most` deep.

    Strings are removed first (after their escaped quotes and backslashes, every other
    quote opens or closes one), then all but the brackets. Each pass removes the
    pairs with nothing inside, so a text nested at most `most` deep is empty after
    `most` passes. What is left either holds a pair (nested deeper), starts with a
    closing bracket (broken JSON, which the parser refuses there, no deeper than
    `most`), or is a few opening brackets left open (a text cut short).
    """
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    kept = raw.translate(None, _NOT_STRUCTURE).replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = b"".join(kept.split(b'"')[0::2]).replace(b"\\", b"")
    for _ in range(most):
        if not brackets:
            return False
        brackets = _PAIR.sub(b"", brackets)
    if not brackets or brackets[:1] in (b"]", b"}"):
        return False
    opened_only = brackets.count(b"[") + brackets.count(b"{") == len(brackets)
    return not (opened_only and len(brackets) <= most)


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKeyError(key)
        found[key] = value
    return found


def _constant(name: str) -> None:
    raise _ConstantError(name)


def decode_text(data: str | bytes) -> str:
    """The file's text: at most 5 MB of UTF-8, a byte-order mark allowed.

    Raises:
        InputError: `applications.file_size`, `applications.file_encoding` or
            `applications.file_cut` on `file`.
    """
    if isinstance(data, str):
        # Each character takes at least one byte, so only long texts need encoding.
        too_big = len(data) > MAX_FILE_BYTES or (
            len(data) * 4 > MAX_FILE_BYTES
            and len(data.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES
        )
        text = data.removeprefix("\ufeff")
    else:
        too_big = len(data) > MAX_FILE_BYTES
        text = ""
    if too_big:
        raise InputError("file", "applications.file_size", limit=MAX_FILE_BYTES // 1_000_000)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # A character cut at the very end is a file cut short, not another encoding.
            cut = error.end == len(data) and error.reason == "unexpected end of data"
            code = "applications.file_cut" if cut else "applications.file_encoding"
            raise InputError("file", code) from None
    return text


def parse_json(text: str, encoded: bytes | None = None) -> object:
    """The JSON value of `text`, refused if broken, nested too deep or ambiguous.

    Args:
        text: The text.
        encoded: The same text as UTF-8, when the caller has it (saves encoding it again).

    Raises:
        InputError: On `file`.
    """
    if nests_deeper_than(text if encoded is None else encoded, MAX_NESTING):
        raise InputError("file", "applications.file_nesting", max=MAX_NESTING)
    try:
        return json.loads(text, object_pairs_hook=_object_pairs, parse_constant=_constant)
    except _DuplicateKeyError as error:
        raise InputError(
            "file", "applications.file_duplicate_key", value=shown(error.key)
        ) from None
    except _ConstantError as error:
        raise InputError("file", "applications.file_constant", value=error.name) from None
    except json.JSONDecodeError as error:
        raise InputError(
            "file", "applications.file_json", line=error.lineno, column=error.colno
        ) from None
    except (ValueError, RecursionError):
        # An integer with thousands of digits; or nesting the check above let through.
        raise InputError("file", "applications.file_number") from None


def read_document(data: object) -> tuple[Application, ...]:
    """The applications in a document already parsed from JSON (the widget's state).

    Raises:
        InputError: On `file`, `format`, `version`, or the path of the first bad value.
    """
    document = expect_object(data, "file")
    check_keys(document, "", ("format", "version", "applications"), ())
    if document["format"] != FORMAT:
        raise InputError(
            "file", "applications.format", value=shown(document["format"]), expected=FORMAT
        )
    version = document["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError("file", "applications.version", value=shown(version))
    if version > CURRENT_VERSION:
        raise InputError(
            "file", "applications.version_newer", value=version, current=CURRENT_VERSION
        )
    document = migrate(document, version)
    return read_applications(document["applications"])


def read_file(data: str | bytes) -> tuple[Application, ...]:
    """The applications in a file's text or bytes.

    Raises:
        InputError: For the first problem, on `file` or the path of the bad value.
    """
    encoded = data if isinstance(data, bytes) else None
    return read_document(parse_json(decode_text(data), encoded))


def document(applications: Iterable[Application]) -> dict[str, Any]:
    """The document of the current version, as plain JSON values."""
    return {
        "format": FORMAT,
        "version": CURRENT_VERSION,
        "applications": [application.to_json_dict() for application in applications],
    }


def write_file(applications: Iterable[Application]) -> str:
    """The file's text: indented JSON, UTF-8 as written (no escapes), ending in a new line."""
    return json.dumps(document(applications), ensure_ascii=False, indent=2) + "\n"
