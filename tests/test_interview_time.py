import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orei.dates import JAPAN
from orei.errors import InputError
from orei.interview_time import AmbiguousTime, interview_end, parse_zone, split_ended


def jst(*args):
    return dt.datetime(*args, tzinfo=JAPAN)


@pytest.mark.parametrize(
    ("ended_date", "ended_time", "tz", "expected"),
    [
        ("2026-04-28", "15:00", "Asia/Tokyo", jst(2026, 4, 28, 15, 0)),
        ("2026-04-28", "9:05", "Asia/Tokyo", jst(2026, 4, 28, 9, 5)),
        ("2026-04-28", "15:00:30", "Asia/Tokyo", jst(2026, 4, 28, 15, 0, 30)),
        # London in summer time (UTC+1): 10:00 BST is 18:00 JST.
        ("2026-06-10", "10:00", "Europe/London", jst(2026, 6, 10, 18, 0)),
        # London in winter (UTC+0): 10:00 GMT is 19:00 JST.
        ("2026-01-14", "10:00", "Europe/London", jst(2026, 1, 14, 19, 0)),
        # New York evening is already the next day in Japan.
        ("2026-04-28", "20:00", "America/New_York", jst(2026, 4, 29, 9, 0)),
        # With no zone given, an offset alone makes the time exact...
        ("2026-04-28", "10:00+01:00", "", jst(2026, 4, 28, 18, 0)),
        ("2026-04-28", "06:00Z", "", jst(2026, 4, 28, 15, 0)),
        ("2026-04-28", "10:00-0500", "", jst(2026, 4, 29, 0, 0)),
        # ...and a time without one is Japan time.
        ("2026-04-28", "15:00", "", jst(2026, 4, 28, 15, 0)),
        # With a zone, the offset must be the zone's at that time (EDT in April).
        ("2026-04-28", "10:00-04:00", "America/New_York", jst(2026, 4, 28, 23, 0)),
        ("2026-04-28", "01:00Z", "UTC", jst(2026, 4, 28, 10, 0)),
        # Full-width digits and colon from a Japanese input method.
        ("２０２６－０４－２８", "１５：００", "Asia/Tokyo", jst(2026, 4, 28, 15, 0)),
        (" 2026-04-28 ", " 15:00 ", " Asia/Tokyo ", jst(2026, 4, 28, 15, 0)),
        # Honolulu on the last day of 1999 is already 2000 in Japan: supported.
        ("1999-12-31", "12:00", "Pacific/Honolulu", jst(2000, 1, 1, 7, 0)),
    ],
)
def test_interview_end(ended_date, ended_time, tz, expected):
    ended = interview_end(ended_date, ended_time, tz)
    assert ended == expected
    assert ended.utcoffset() == dt.timedelta(hours=9)


@pytest.mark.parametrize(
    ("text", "tz", "expected"),
    [
        ("2026-04-28T15:00", "Asia/Tokyo", jst(2026, 4, 28, 15, 0)),
        ("2026-04-28 15:00", "Asia/Tokyo", jst(2026, 4, 28, 15, 0)),
        ("2026-04-28T15:00+09:00", "", jst(2026, 4, 28, 15, 0)),
        ("2026-04-28T07:00+01:00", "Europe/London", jst(2026, 4, 28, 15, 0)),
        ("2026-04-28T06:00Z", "UTC", jst(2026, 4, 28, 15, 0)),
        ("2026-04-28T15:00", "", jst(2026, 4, 28, 15, 0)),
    ],
)
def test_one_iso_string_split_then_read(text, tz, expected):
    # The command line's `--ended`.
    assert interview_end(*split_ended(text), tz) == expected


@pytest.mark.parametrize(
    ("ended_date", "ended_time", "tz", "field", "code"),
    [
        ("2026-02-30", "10:00", "Asia/Tokyo", "ended_date", "date_impossible"),
        ("2026-13-01", "10:00", "Asia/Tokyo", "ended_date", "date_impossible"),
        ("2026/04/28", "10:00", "Asia/Tokyo", "ended_date", "date_format"),
        ("20260428", "10:00", "Asia/Tokyo", "ended_date", "date_format"),
        ("", "10:00", "Asia/Tokyo", "ended_date", "date_format"),
        ("1999-12-31", "10:00", "Asia/Tokyo", "ended_date", "date_range"),
        ("2100-01-01", "10:00", "Asia/Tokyo", "ended_date", "date_range"),
        ("0001-01-01", "00:00", "Pacific/Kiritimati", "ended_date", "date_range"),
        ("9999-12-31", "23:59", "Etc/GMT+12", "ended_date", "date_range"),
        # 23:00 in Honolulu on the last supported day is already 2100 in Japan.
        ("2099-12-31", "23:00", "Pacific/Honolulu", "ended_date", "date_range"),
        ("2026-04-28", "24:00", "Asia/Tokyo", "ended_time", "time_format"),
        ("2026-04-28", "10:60", "Asia/Tokyo", "ended_time", "time_format"),
        ("2026-04-28", "3pm", "Asia/Tokyo", "ended_time", "time_format"),
        ("2026-04-28", "", "Asia/Tokyo", "ended_time", "time_format"),
        ("2026-04-28", "10:00+24:00", "Asia/Tokyo", "ended_time", "offset_range"),
        ("2026-04-28", "10:00", "Mars/Olympus", "tz", "unknown_zone"),
        ("2026-04-28", "10:00", "America", "tz", "unknown_zone"),
        ("2026-04-28", "10:00", "../../etc/passwd", "tz", "unknown_zone"),
        # An offset the zone did not have then is refused, not silently preferred.
        ("2026-04-28", "10:00+01:00", "Asia/Tokyo", "ended_time", "offset_conflict"),
        ("2026-04-28", "06:00Z", "America/New_York", "ended_time", "offset_conflict"),
        ("2026-01-14", "10:00+01:00", "Europe/London", "ended_time", "offset_conflict"),
        ("2026-04-28", "10:00", "+09:00", "tz", "unknown_zone"),
        # Clocks went forward: the local time never existed.
        ("2026-03-29", "01:30", "Europe/London", "ended_time", "time_nonexistent"),
        ("2026-03-08", "02:30", "America/New_York", "ended_time", "time_nonexistent"),
        # Clocks went back: the local time happened twice.
        ("2026-10-25", "01:30", "Europe/London", "ended_time", "time_ambiguous"),
        ("2026-11-01", "01:30", "America/New_York", "ended_time", "time_ambiguous"),
    ],
)
def test_bad_end_time_names_the_field(ended_date, ended_time, tz, field, code):
    with pytest.raises(InputError) as caught:
        interview_end(ended_date, ended_time, tz)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_ambiguous_time_message_offers_both_offsets_and_the_offset_settles_it():
    with pytest.raises(AmbiguousTime) as caught:
        interview_end("2026-10-25", "01:30", "Europe/London")
    assert caught.value.offsets == ("+01:00", "+00:00")
    assert caught.value.names == ("BST", "GMT")
    assert "01:30+01:00 (BST)" in caught.value.message("en")
    assert "01:30+00:00 (GMT)" in caught.value.message("en")
    assert "2回" in caught.value.message("ja")
    first = interview_end("2026-10-25", "01:30+01:00", "Europe/London")
    second = interview_end("2026-10-25", "01:30+00:00", "Europe/London")
    assert second - first == dt.timedelta(hours=1)
    assert first == jst(2026, 10, 25, 9, 30)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ("-04:00", jst(2026, 11, 1, 14, 30)),  # 01:30 EDT, before the clocks went back
        ("-05:00", jst(2026, 11, 1, 15, 30)),  # 01:30 EST, an hour later
    ],
)
def test_the_widgets_offset_choice_settles_a_repeated_time(chosen, expected):
    assert interview_end("2026-11-01", "01:30", "America/New_York", chosen) == expected


@pytest.mark.parametrize(
    ("ended_date", "ended_time", "chosen"),
    [
        # A choice that is not one of the two offsets still asks.
        ("2026-11-01", "01:30", "+09:00"),
        ("2026-11-01", "01:30", ""),
    ],
)
def test_a_repeated_time_without_a_valid_choice_still_asks(ended_date, ended_time, chosen):
    with pytest.raises(AmbiguousTime):
        interview_end(ended_date, ended_time, "America/New_York", chosen)


def test_a_choice_left_from_a_repeated_time_is_ignored_for_an_ordinary_one():
    assert interview_end("2026-11-02", "01:30", "America/New_York", "-04:00") == jst(
        2026, 11, 2, 15, 30
    )


def test_times_next_to_a_dst_change_are_exact():
    # 00:59 GMT and 02:00 BST on 29 March 2026 are one minute apart.
    before = interview_end("2026-03-29", "00:59", "Europe/London")
    after = interview_end("2026-03-29", "02:00", "Europe/London")
    assert after - before == dt.timedelta(minutes=1)


def test_parse_zone_names_the_given_field():
    with pytest.raises(InputError) as caught:
        parse_zone("Nowhere/Land", "candidate_tz")
    assert caught.value.field == "candidate_tz"
    assert "Your time zone" in caught.value.message("en")
    assert "あなたのタイムゾーン" in caught.value.message("ja")


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_any_strings_give_a_japan_time_or_an_input_error(ended_date, ended_time, tz):
    outcome = _end_or_error(ended_date, ended_time, tz)
    if isinstance(outcome, InputError):
        assert outcome.field in ("ended_date", "ended_time", "tz")
        assert outcome.message("ja")
    else:
        assert outcome.tzinfo is JAPAN


def _end_or_error(ended_date, ended_time, tz):
    try:
        return interview_end(ended_date, ended_time, tz)
    except InputError as error:
        return error


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2099, 12, 30)),
    st.sampled_from(["Asia/Tokyo", "Europe/London", "America/New_York", "Australia/Sydney"]),
)
def test_round_trip_through_any_zone(moment, key):
    moment = moment.replace(second=0, microsecond=0)
    local = moment.replace(tzinfo=JAPAN).astimezone(parse_zone(key))
    offset = local.strftime("%z")
    ended = interview_end(local.date().isoformat(), f"{local:%H:%M}{offset}", key)
    assert ended == moment.replace(tzinfo=JAPAN)


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2099, 12, 30)),
    st.sampled_from(["Asia/Tokyo", "Europe/London", "America/New_York", "Asia/Kathmandu"]),
    st.integers(-12 * 4, 14 * 4).map(lambda quarters: dt.timedelta(minutes=15 * quarters)),
)
def test_an_offset_with_a_zone_is_the_zones_or_refused(moment, key, delta):
    local = moment.replace(second=0, microsecond=0)
    text = f"{local:%H:%M}{dt.timezone(delta).tzname(None).removeprefix('UTC') or '+00:00'}"
    zone = parse_zone(key)
    had = {local.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1)}
    outcome = _end_or_error(local.date().isoformat(), text, key)
    if delta in had:
        assert outcome == local.replace(tzinfo=dt.timezone(delta))
    else:
        assert isinstance(outcome, InputError)
        assert outcome.code in ("offset_conflict", "date_range", "time_format")
