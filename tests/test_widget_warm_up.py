"""The widgets' warm-up, which the build runs before it takes the memory snapshot."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from orei_widgets import dispatch
from orei_widgets.protocol import WIDGETS
from orei_widgets.warm_up import (
    WarmUpError,
    warm_up,
    warm_up_clock,
    warm_up_holiday_years,
    warm_up_requests,
)

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_every_widget_and_every_action_is_warmed_up():
    # A new action that the warm-up misses would import its modules on a reader's click.
    requests = warm_up_requests()
    done = {(r["widget"], r["action"]) for r in requests}
    for widget, module in WIDGETS.items():
        for action in ("update", *getattr(import_module(module), "ACTIONS", ())):
            assert (widget, action) in done, (widget, action)
    assert {r["state"].get("lang") for r in requests if r["widget"] == "email"} >= {"en", "ja"}


def test_the_warm_up_clock_is_fixed():
    assert warm_up_clock() == NOW


@pytest.mark.parametrize(
    "request_", warm_up_requests(), ids=lambda r: f"{r['widget']}-{r['action']}"
)
def test_each_warm_up_form_is_valid_so_it_reaches_the_results(request_):
    # A form with an error stops before the results: the snapshot would miss their code.
    context = {"now": NOW.timestamp() * 1000, "lang": "en", "tz": "Europe/London"}
    view = json.loads(dispatch(json.dumps({**request_, "context": context})))
    assert "failure" not in view
    assert view["errors"] == {}
    assert view["results"] or view.get("download") or view.get("navigate")


def test_warm_up_runs_each_request_in_both_languages():
    assert warm_up() == 2 * len(warm_up_requests())


def test_a_failing_warm_up_request_stops_the_build():
    with pytest.raises(WarmUpError, match="no-such-widget"):
        warm_up(NOW, [{"widget": "no-such-widget", "action": "update", "state": {}}])


# Run in a fresh interpreter, whose holiday tables no other test has filled: after the
# warm-up, every day of its years is answered without asking jpholiday again.
NO_JPHOLIDAY_AFTER_WARM_UP = """
import datetime as dt
import jpholiday
from orei import business_calendar
from orei_widgets.warm_up import warm_up, warm_up_holiday_years

warm_up()
def refused(*args):
    raise AssertionError(f"jpholiday asked after the warm-up: {args}")
jpholiday.month_holidays = jpholiday.year_holidays = refused
for year in warm_up_holiday_years():
    day = dt.date(year, 1, 1)
    while day.year == year:
        business_calendar.holiday(day)
        day += dt.timedelta(days=1)
"""


def test_the_warm_up_works_out_the_holidays_of_its_years_and_the_next():
    # A reader's first answer in a month no request touched would pay for jpholiday.
    assert warm_up_holiday_years() == [NOW.year, NOW.year + 1]
    path = os.pathsep.join(str(ROOT / folder) for folder in ("src", "widgets"))
    result = subprocess.run(
        [sys.executable, "-c", NO_JPHOLIDAY_AFTER_WARM_UP],
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
