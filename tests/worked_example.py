"""Support for the widget tests: the guide's worked example, as the calculator's form holds it."""

from __future__ import annotations

CALCULATOR_FORM = {
    "ended_date": "2026-04-28",
    "ended_time": "15:00",
    "tz": "Asia/Tokyo",
    "timeline": "none",
    "buffer": "3",
    "closures": ["new-year"],
}
"""The interview that ended at 15:00 in Tokyo on 28 April 2026, no timeline stated, the
default buffer and closures: the calculator's fields, which an application's interview shares."""
