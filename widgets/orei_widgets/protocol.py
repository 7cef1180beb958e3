"""The request and view that pass between the JavaScript binder and the widgets.

A request is `{"widget", "action", "state", "context"}`: the form's fields as
strings (lists for checkbox groups), and the browser's clock, language and zone;
an action started from a file input also carries `"upload"`, the file the reader
chose (`{"name", "size", "base64"}`, `base64` null when the file was over the form's
`data-max-bytes` and left unread). A view says what to write into the form: HTML for
each `data-result` slot, text for each `data-error-for` slot, attributes and enabled
states for `data-action` elements, values for fields, the element to focus, and
optionally a file to download or a page to open.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from importlib import import_module
from typing import Any

from orei.errors import InputError
from orei_widgets.markup import Html

# Widget name (as in `data-orei-widget`) -> module implementing `handle`.
WIDGETS = {
    "business-day": "orei_widgets.business_day",
    "follow-up": "orei_widgets.follow_up",
    "email": "orei_widgets.email_generator",
    "applications": "orei_widgets.applications",
}


@dataclass(frozen=True, slots=True)
class Upload:
    """A file the reader chose, as the binder read it.

    Attributes:
        name: Its name on the reader's device (shown, never trusted).
        size: Its size in bytes, as the browser reports it.
        data: Its bytes, or None when it was over the form's limit and left unread.
    """

    name: str
    size: int
    data: bytes | None


@dataclass(frozen=True, slots=True)
class Context:
    """What the browser tells the widget besides the form."""

    now: dt.datetime
    lang: str
    tz: str  # the zone the browser reports, as it reports it; empty when it reports none
    links: dict[str, str] = field(default_factory=dict)
    upload: Upload | None = None


@dataclass(slots=True)
class View:
    """What the binder writes into the form."""

    results: dict[str, Html] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, dict[str, Any]] = field(default_factory=dict)
    enabled: dict[str, bool] = field(default_factory=dict)
    download: dict[str, str] | None = None
    navigate: str | None = None
    values: dict[str, str | list[str]] = field(default_factory=dict)
    """Fields to set (text, or a list for a checkbox group); the binder then asks again."""
    focus: str | None = None
    """The id of the element in the form to move the keyboard focus to."""

    def error(self, error: InputError, lang: str) -> View:
        """Record `error` beside its field; a view with errors shows no results."""
        self.errors.setdefault(error.field, error.message(lang))
        return self


State = dict[str, str | list[str]]


def text(state: State, name: str) -> str:
    """A single field's value, trimmed ('' when absent)."""
    value = state.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def values(state: State, name: str) -> list[str]:
    """A checkbox group's checked values."""
    value = state.get(name, [])
    return [value] if isinstance(value, str) and value else list(value or [])


def _upload(raw: Any) -> Upload | None:
    """The file the binder read, or None when there is none or it is not shaped as one."""
    if not isinstance(raw, dict):
        return None
    size = raw.get("size")
    encoded = raw.get("base64")
    data = None
    if isinstance(encoded, str):
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            return None
    elif encoded is not None:
        return None
    return Upload(
        name=str(raw.get("name") or ""),
        size=size if isinstance(size, int) and not isinstance(size, bool) else -1,
        data=data,
    )


def _context(raw: dict[str, Any], upload: Any = None) -> Context:
    now_ms = raw.get("now")
    now = (
        dt.datetime.fromtimestamp(now_ms / 1000, tz=dt.UTC)
        if isinstance(now_ms, int | float)
        else dt.datetime.now(dt.UTC)  # only a host-side caller without a clock lands here
    )
    lang = "ja" if str(raw.get("lang", "en")).lower().startswith("ja") else "en"
    links = raw.get("links") if isinstance(raw.get("links"), dict) else {}
    return Context(
        now=now,
        lang=lang,
        tz=str(raw.get("tz") or ""),
        links={str(k): str(v) for k, v in links.items()},
        upload=_upload(upload),
    )


def _field(value: Any) -> str:
    return "" if value is None else str(value)


def _state(raw: Any) -> State:
    """The form's state as the binder sends it: text, and lists of text for checkbox groups.

    A tampered page or a hand-made request may send numbers, nulls or nested data;
    they become text here, which the widgets then accept or refuse with an input error.
    """
    if not isinstance(raw, dict):
        return {}
    return {
        str(name): [_field(item) for item in value] if isinstance(value, list) else _field(value)
        for name, value in raw.items()
    }


def handle(request: dict[str, Any]) -> View:
    """Route a request to its widget and return the view."""
    name = str(request.get("widget", ""))
    if name not in WIDGETS:
        raise LookupError(f"unknown widget {name!r}")
    module = import_module(WIDGETS[name])
    state = _state(request.get("state"))
    context = _context(request.get("context") or {}, request.get("upload"))
    view = module.handle(str(request.get("action", "update")), state, context)
    # The binder writes results as HTML: a slot filled with a plain `str` is a bug, refused
    # here rather than written into the page.
    unbuilt = sorted(slot for slot, html in view.results.items() if not isinstance(html, Html))
    if unbuilt:
        raise TypeError(f"results not built with orei_widgets.markup: {', '.join(unbuilt)}")
    return view


def dispatch(request_json: str) -> str:
    """The worker's one entry point: a JSON request in, a JSON view out."""
    try:
        view = asdict(handle(json.loads(request_json)))
    except Exception as error:  # noqa: BLE001 - a bug must reach the reader as a message, not kill the worker
        return json.dumps({"failure": f"{type(error).__name__}: {error}"})
    return json.dumps(view, ensure_ascii=False)
