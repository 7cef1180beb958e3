"""Small, escaping HTML builders for widget views.

Every piece of text that reaches the page goes through `html.escape` here, so a
name typed into a form can never become markup.
"""

from __future__ import annotations

import datetime as dt
from html import escape


def element(tag: str, content: str = "", /, *, raw: bool = False, **attributes: str) -> str:
    """`<tag attrs>content</tag>`; `content` is escaped unless `raw` (already built here)."""
    attrs = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value), quote=True)}"'
        for name, value in attributes.items()
    )
    body = content if raw else escape(content, quote=False)
    return f"<{tag}{attrs}>{body}</{tag}>"


def void(tag: str, /, **attributes: str) -> str:
    """`<tag attrs>`, an element with no content such as `input`."""
    return element(tag, **attributes).removesuffix(f"</{tag}>")


def time(value: dt.date | dt.datetime, text: str) -> str:
    """A `<time>` element whose `datetime` is the exact ISO value (with offset for times)."""
    stamp = (
        value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
    )
    return element("time", text, datetime=stamp)
