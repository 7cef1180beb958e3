import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orei.business_calendar import BusinessCalendar
from orei.dates import JAPAN
from orei.thank_you import SHORTEST_WINDOW, is_after_hours, thank_you_window

D = dt.date


def jst(*args):
    return dt.datetime(*args, tzinfo=JAPAN)


@pytest.mark.parametrize(
    ("ended", "send_from", "send_until", "after_hours_from", "read_on"),
    [
        # The worked example: Tuesday afternoon.
        (jst(2026, 4, 28, 15), jst(2026, 4, 28, 15), jst(2026, 4, 28, 18), None, D(2026, 4, 28)),
        # Early morning: wait for 08:30.
        (jst(2026, 4, 28, 7, 45), jst(2026, 4, 28, 8, 30), jst(2026, 4, 28, 18), None,
         D(2026, 4, 28)),
        (jst(2026, 4, 28, 0, 0), jst(2026, 4, 28, 8, 30), jst(2026, 4, 28, 18), None,
         D(2026, 4, 28)),
        # The last end before the evening rule: 61 minutes until 18:00.
        (jst(2026, 4, 28, 16, 59), jst(2026, 4, 28, 16, 59), jst(2026, 4, 28, 18), None,
         D(2026, 4, 28)),
        # From 17:00 the window runs to 20:00; mail sent from 18:00 is after hours.
        (jst(2026, 4, 28, 17), jst(2026, 4, 28, 17), jst(2026, 4, 28, 20), jst(2026, 4, 28, 18),
         D(2026, 4, 28)),
        # The case: ending at 17:50 no longer leaves ten minutes.
        (jst(2026, 4, 28, 17, 50), jst(2026, 4, 28, 17, 50), jst(2026, 4, 28, 20),
         jst(2026, 4, 28, 18), D(2026, 4, 28)),
        (jst(2026, 4, 28, 18), jst(2026, 4, 28, 18), jst(2026, 4, 28, 20), jst(2026, 4, 28, 18),
         D(2026, 4, 28)),
        # 19:00 sharp still gets its evening hour.
        (jst(2026, 11, 20, 19), jst(2026, 11, 20, 19), jst(2026, 11, 20, 20),
         jst(2026, 11, 20, 19), D(2026, 11, 20)),
        # A minute later it waits for the next morning.
        (jst(2026, 4, 28, 19, 1), jst(2026, 4, 29, 8, 30), jst(2026, 4, 29, 11), None,
         D(2026, 4, 30)),  # 29 April is Showa Day
        # Friday night: Saturday morning, read on Tuesday (23 Nov is Labour Thanksgiving Day).
        (jst(2026, 11, 20, 21), jst(2026, 11, 21, 8, 30), jst(2026, 11, 21, 11), None,
         D(2026, 11, 24)),
        # Year end: 28 Dec night moves into the New Year closure; read on 4 January.
        (jst(2026, 12, 28, 22), jst(2026, 12, 29, 8, 30), jst(2026, 12, 29, 11), None,
         D(2027, 1, 4)),
        # Silver Week: an interview on the citizens' holiday's eve.
        (jst(2026, 9, 21, 14), jst(2026, 9, 21, 14), jst(2026, 9, 21, 18), None, D(2026, 9, 24)),
    ],
)  # fmt: skip
def test_window(ended, send_from, send_until, after_hours_from, read_on):
    window = thank_you_window(ended, BusinessCalendar())
    assert window.deadline == ended + dt.timedelta(hours=24)
    assert (window.send_from, window.send_until) == (send_from, send_until)
    assert window.after_hours_from == after_hours_from
    assert window.read_on == read_on
    assert window.read_later is (read_on != send_from.date())


def test_an_end_time_in_another_zone_is_read_in_japan_time():
    london = dt.datetime(2026, 6, 10, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    window = thank_you_window(london, BusinessCalendar())
    assert window.ended == jst(2026, 6, 10, 18, 30)
    assert window.after_hours_from == jst(2026, 6, 10, 18, 30)
    assert window.send_until == jst(2026, 6, 10, 20)


@pytest.mark.parametrize(
    ("moment", "after_hours"),
    [
        (jst(2026, 4, 28, 8, 29), True),
        (jst(2026, 4, 28, 8, 30), False),
        (jst(2026, 4, 28, 17, 59), False),
        (jst(2026, 4, 28, 18), True),
        (jst(2026, 4, 28, 23, 59), True),
        # 10:00 in London in June is 18:00 in Tokyo.
        (dt.datetime(2026, 6, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))), True),
    ],
)
def test_after_hours_is_read_in_japan_time(moment, after_hours):
    assert is_after_hours(moment) is after_hours


@pytest.mark.parametrize(
    ("now", "sent"),
    [
        # Written before the window opens: it goes out when it opens.
        (jst(2026, 4, 28, 12), jst(2026, 4, 28, 17, 50)),
        # Written inside the window: it goes out now.
        (jst(2026, 4, 28, 18, 40), jst(2026, 4, 28, 18, 40)),
    ],
)
def test_send_moment(now, sent):
    window = thank_you_window(jst(2026, 4, 28, 17, 50), BusinessCalendar())
    assert window.send_moment(now) == sent


def test_a_naive_end_time_is_a_programming_error():
    with pytest.raises(ValueError, match="aware"):
        thank_you_window(dt.datetime(2026, 4, 28, 15), BusinessCalendar())


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 20)))
def test_window_properties(moment):
    ended = moment.replace(tzinfo=JAPAN)
    window = thank_you_window(ended, BusinessCalendar())
    assert window.deadline - window.ended == dt.timedelta(hours=24)
    assert ended <= window.send_from < window.send_until <= window.deadline
    assert window.send_until - window.send_from >= SHORTEST_WINDOW
    assert window.send_from.time() >= dt.time(8, 30)
    assert window.send_until.time() in (dt.time(11), dt.time(18), dt.time(20))
    # The after-hours line is asked for exactly where the window passes 18:00.
    start = window.after_hours_from
    if start is None:
        assert not is_after_hours(window.send_from)
        assert window.send_until.time() <= dt.time(18) or window.send_until.time() == dt.time(11)
    else:
        assert window.send_from <= start < window.send_until
        assert is_after_hours(start)
        assert start == window.send_from or not is_after_hours(start - dt.timedelta(minutes=1))
    assert window.send_from.date() <= window.read_on
    assert BusinessCalendar().is_business_day(window.read_on)
