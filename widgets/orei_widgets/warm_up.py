"""Run the widgets once, as a reader's first requests would, before a memory snapshot.

The build (`orei_site.snapshot`) boots Pyodide under Node, calls `warm_up`, and
saves the interpreter's memory. A browser that restores that snapshot finds the
widgets imported and their tables loaded, so its first answer costs what a later
one does. The requests are data (`data/warm_up.toml`); every one must succeed.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from importlib.resources import files
from typing import Any

from orei.business_calendar import holiday
from orei_widgets.protocol import dispatch


class WarmUpError(RuntimeError):
    """A warm-up request failed: the snapshot would hide a broken widget."""


def _data() -> dict[str, Any]:
    # Read on each call, never kept: an open handle on the zip would outlive the snapshot.
    return tomllib.loads(files("orei_widgets").joinpath("data", "warm_up.toml").read_text("utf-8"))


def warm_up_requests() -> list[dict[str, Any]]:
    """The requests of `data/warm_up.toml`: widget, action and form state each.

    A widget's `[base.WIDGET]` table is the state each of its requests starts from (the
    applications page's document, written once rather than in every request).
    """
    data = _data()
    bases = data.get("base", {})
    return [
        {**request, "state": {**bases.get(request["widget"], {}), **request.get("state", {})}}
        for request in data["request"]
    ]


def warm_up_clock() -> dt.datetime:
    """The fixed clock the warm-up requests carry (`now` in `data/warm_up.toml`)."""
    return _data()["now"]


def warm_up_holiday_years() -> list[int]:
    """The years whose holiday tables the warm-up fills (`holiday_years`)."""
    return _data()["holiday_years"]


def warm_up(now: dt.datetime | None = None, requests: list[dict[str, Any]] | None = None) -> int:
    """Dispatch every warm-up request in both page languages, then fill the holiday tables.

    Args:
        now: The clock the requests carry (default: `warm_up_clock()`).
        requests: The requests (default: those of `data/warm_up.toml`).

    Returns:
        How many requests ran.

    Raises:
        WarmUpError: If a view comes back as a failure.
    """
    data = _data()
    now = data["now"] if now is None else now
    requests = warm_up_requests() if requests is None else requests
    count = 0
    for request in requests:
        for lang in ("en", "ja"):
            context = {"now": now.timestamp() * 1000, "lang": lang, "tz": "Europe/London"}
            view = json.loads(dispatch(json.dumps({**request, "context": context})))
            if "failure" in view:
                raise WarmUpError(f"{request['widget']} {request['action']}: {view['failure']}")
            count += 1
    for year in data["holiday_years"]:
        for month in range(1, 13):
            holiday(dt.date(year, month, 1))  # fills the month's table
    return count
