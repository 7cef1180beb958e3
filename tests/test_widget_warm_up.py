"""The widgets' warm-up, which the build runs before it takes the memory snapshot."""

from __future__ import annotations

import datetime as dt
import json
from importlib import import_module

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

from orei import business_calendar

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


def test_the_warm_up_works_out_the_holidays_of_its_years_and_the_next():
    # A reader's first answer in a month no request touched would pay for jpholiday.
    assert warm_up_holiday_years() == [NOW.year, NOW.year + 1]
    tables = business_calendar._holidays_by_date  # the cache the snapshot keeps
    tables.cache_clear()  # other tests may have filled it
    warm_up()
    before = tables.cache_info().misses
    for year in warm_up_holiday_years():
        day = dt.date(year, 1, 1)
        while day.year == year:
            business_calendar.holiday(day)
            day += dt.timedelta(days=1)
    assert tables.cache_info().misses == before
