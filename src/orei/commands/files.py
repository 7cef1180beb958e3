"""The files the commands write: a calendar, a mail, a spreadsheet, each refused the same way."""

from __future__ import annotations

from pathlib import Path

from orei.errors import InputError


def write_file(path: str, data: str | bytes, field: str) -> None:
    """Write `data` to `path`: bytes as they are, text as UTF-8 with its line ends kept.

    Raises:
        InputError: `file_unwritable` on `field` (the flag that named the file), with the
            system's reason.
    """
    try:
        Path(path).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(field, "file_unwritable", value=path, reason=reason) from None
