import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orei.business_calendar import BusinessCalendar
from orei.interview_time import JAPAN
from orei.thank_you import thank_you_window

D = dt.date


def jst(*args):
    return dt.datetime(*args, tzinfo=JAPAN)


@pytest.mark.parametrize(
    ("ended", "send_from", "send_until", "late_hour", "read_on"),
    [
        # The worked example: Tuesday afternoon.
        (jst(2026, 4, 28, 15), jst(2026, 4, 28, 15), jst(2026, 4, 28, 18), False, D(2026, 4, 28)),
        # Early morning: wait for 08:30.
        (jst(2026, 4, 28, 7, 45), jst(2026, 4, 28, 8, 30), jst(2026, 4, 28, 18), False,
         D(2026, 4, 28)),
        (jst(2026, 4, 28, 0, 0), jst(2026, 4, 28, 8, 30), jst(2026, 4, 28, 18), False,
         D(2026, 4, 28)),
        (jst(2026, 4, 28, 17, 59), jst(2026, 4, 28, 17, 59), jst(2026, 4, 28, 18), False,
         D(2026, 4, 28)),
        # 18:00 sharp is evening: late hour until 20:00.
        (jst(2026, 4, 28, 18), jst(2026, 4, 28, 18), jst(2026, 4, 28, 20), True, D(2026, 4, 28)),
        # Friday evening: still Friday, late hour, read the same day.
        (jst(2026, 11, 20, 19), jst(2026, 11, 20, 19), jst(2026, 11, 20, 20), True,
         D(2026, 11, 20)),
        # Friday night: Saturday morning, read on Tuesday (23 Nov is Labour Thanksgiving Day).
        (jst(2026, 11, 20, 21), jst(2026, 11, 21, 8, 30), jst(2026, 11, 21, 11), False,
         D(2026, 11, 24)),
        (jst(2026, 4, 28, 20), jst(2026, 4, 29, 8, 30), jst(2026, 4, 29, 11), False,
         D(2026, 4, 30)),  # 29 April is Showa Day
        # Year end: 28 Dec night moves into the New Year closure; read on 4 January.
        (jst(2026, 12, 28, 22), jst(2026, 12, 29, 8, 30), jst(2026, 12, 29, 11), False,
         D(2027, 1, 4)),
        # Silver Week: an interview on the citizens' holiday's eve.
        (jst(2026, 9, 21, 14), jst(2026, 9, 21, 14), jst(2026, 9, 21, 18), False, D(2026, 9, 24)),
    ],
)  # fmt: skip
def test_window(ended, send_from, send_until, late_hour, read_on):
    window = thank_you_window(ended, BusinessCalendar())
    assert window.deadline == ended + dt.timedelta(hours=24)
    assert (window.send_from, window.send_until) == (send_from, send_until)
    assert window.late_hour is late_hour
    assert window.read_on == read_on
    assert window.read_later is (read_on != send_from.date())


def test_an_end_time_in_another_zone_is_read_in_japan_time():
    london = dt.datetime(2026, 6, 10, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    window = thank_you_window(london, BusinessCalendar())
    assert window.ended == jst(2026, 6, 10, 18, 30)
    assert window.late_hour
    assert window.send_until == jst(2026, 6, 10, 20)


def test_a_naive_end_time_is_a_programming_error():
    with pytest.raises(ValueError, match="aware"):
        thank_you_window(dt.datetime(2026, 4, 28, 15), BusinessCalendar())


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 20)))
def test_window_properties(moment):
    ended = moment.replace(tzinfo=JAPAN)
    window = thank_you_window(ended, BusinessCalendar())
    assert window.deadline - window.ended == dt.timedelta(hours=24)
    assert ended <= window.send_from < window.send_until
    assert window.send_until - window.send_from <= dt.timedelta(hours=9, minutes=30)
    assert window.send_from.time() >= dt.time(8, 30)
    assert window.send_until.time() in (dt.time(11), dt.time(18), dt.time(20))
    assert window.late_hour == (dt.time(18) <= ended.time() < dt.time(20))
    assert window.send_from.date() <= window.read_on
    assert BusinessCalendar().is_business_day(window.read_on)
