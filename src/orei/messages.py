"""Reader-facing text in English and Japanese, read from TOML catalogues.

The catalogues in `orei/locales` are data that a translator edits without
touching code; a key missing in one language falls back to English.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("en", "ja")


@cache
def _catalogue(lang: str) -> dict[str, Any]:
    text = resources.files("orei").joinpath("locales", f"{lang}.toml").read_text("utf-8")
    return tomllib.loads(text)


def _lookup(catalogue: dict[str, Any], key: str) -> str | None:
    node: Any = catalogue
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, str) else None


def message(lang: str, key: str, **params: Any) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `params`.

    Args:
        lang: `en` or `ja`; anything else is read as `en`.
        key: A dotted key such as `errors.date_format`.
        **params: Values for the placeholders.

    Returns:
        The filled text.

    Raises:
        KeyError: If no catalogue has the key (a bug, not bad input).
    """
    lang = lang if lang in LANGUAGES else "en"
    text = _lookup(_catalogue(lang), key) or _lookup(_catalogue("en"), key)
    if text is None:
        raise KeyError(key)
    return text.format(**params) if params else text


def field_label(lang: str, field: str) -> str:
    """The reader's name for an input field (`fields.NAME`), or the field's own name."""
    try:
        return message(lang, f"fields.{field}")
    except KeyError:
        return field
