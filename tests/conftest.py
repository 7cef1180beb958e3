"""Shared fixtures: the Cabinet Office holiday list; hypothesis without a clock."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import settings

# Properties are about values, not speed: no per-example deadline, which a busy machine
# or Pyodide under Node can miss (speed is `make bench`'s).
settings.register_profile("orei", deadline=None)
settings.load_profile("orei")

ROOT = Path(__file__).resolve().parent.parent
SYUKUJITSU = ROOT / "tests" / "data" / "syukujitsu.csv"  # see tests/data/README.md


def read_syukujitsu(path: Path = SYUKUJITSU) -> dict[dt.date, str]:
    """The Cabinet Office list: CP932, CRLF, a header, then `YYYY/M/D,name` rows."""
    with path.open(encoding="cp932", newline="") as handle:
        rows = list(csv.reader(handle))
    holidays = {}
    for year_month_day, name in rows[1:]:
        year, month, day = (int(part) for part in year_month_day.split("/"))
        holidays[dt.date(year, month, day)] = name
    return holidays


@pytest.fixture(scope="session")
def official_holidays() -> dict[dt.date, str]:
    if not SYUKUJITSU.exists():
        pytest.fail(f"the Cabinet Office list is missing: {SYUKUJITSU}")
    return read_syukujitsu()


pytest_plugins = ["browser", "engines"]
