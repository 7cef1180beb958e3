import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orei.dates import (
    DateFormatError,
    DateRangeError,
    ImpossibleDateError,
    clock,
    date,
    day_name,
    ics_date,
    ics_utc,
    iso_time,
    letter_date,
    parse_date,
    parse_stamp,
)
from orei.errors import InputError

D = dt.date
JST = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-06", D(2026, 5, 6)),
        ("2026-5-6", D(2026, 5, 6)),
        ("2026-05-6", D(2026, 5, 6)),
        (" 2026-05-06 ", D(2026, 5, 6)),
        ("２０２６－０５－０６", D(2026, 5, 6)),
        ("２０２６-５-６", D(2026, 5, 6)),
        ("2000-01-01", D(2000, 1, 1)),
        ("2099-12-31", D(2099, 12, 31)),
        ("2028-02-29", D(2028, 2, 29)),
    ],
)
def test_dates_are_read_in_one_syntax(text, expected):
    assert parse_date(text, "date") == expected


@pytest.mark.parametrize(
    ("text", "error", "code"),
    [
        ("2026-W19-3", DateFormatError, "date_format"),
        ("20260506", DateFormatError, "date_format"),
        ("2026/05/06", DateFormatError, "date_format"),
        ("2026-05-06T10:00", DateFormatError, "date_format"),
        ("26-05-06", DateFormatError, "date_format"),
        ("2026-005-06", DateFormatError, "date_format"),
        ("", DateFormatError, "date_format"),
        ("tomorrow", DateFormatError, "date_format"),
        ("2026-02-30", ImpossibleDateError, "date_impossible"),
        ("2026-13-01", ImpossibleDateError, "date_impossible"),
        ("2027-02-29", ImpossibleDateError, "date_impossible"),
        ("2026-0-10", ImpossibleDateError, "date_impossible"),
        ("1999-12-31", DateRangeError, "date_range"),
        ("2100-01-01", DateRangeError, "date_range"),
    ],
)
def test_errors_are_typed_and_name_the_field(text, error, code):
    with pytest.raises(error) as caught:
        parse_date(text, "closed_dates")
    assert (caught.value.field, caught.value.code) == ("closed_dates", code)
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "expected"),
    [
        ("1999-12-31", None, None, D(1999, 12, 31)),
        ("0001-01-01", None, None, D(1, 1, 1)),
        ("2026-05-06", D(2026, 5, 6), D(2026, 5, 6), D(2026, 5, 6)),
        ("2026-05-05", D(2026, 5, 6), None, None),
        ("2026-05-07", None, D(2026, 5, 6), None),
    ],
)
def test_the_range_is_an_option(text, earliest, latest, expected):
    if expected is None:
        with pytest.raises(DateRangeError):
            parse_date(text, "date", earliest=earliest, latest=latest)
    else:
        assert parse_date(text, "date", earliest=earliest, latest=latest) == expected


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "Date: dates from 2000-01-01 to 2099-12-31 are supported."),
        ("ja", "日付：対応している日付は2000-01-01から2099-12-31までです。"),
    ],
)
def test_a_range_error_says_what_is_allowed(lang, message):
    with pytest.raises(DateRangeError) as caught:
        parse_date("2100-01-01", "date")
    assert caught.value.message(lang) == message
    assert (caught.value.first, caught.value.last) == (D(2000, 1, 1), D(2099, 12, 31))


@pytest.mark.parametrize(
    ("day", "lang", "reader", "command_line", "letter"),
    [
        (D(2026, 5, 7), "en", "Thu 7 May 2026", "Thu 2026-05-07", "Thursday 7 May"),
        (D(2026, 5, 7), "ja", "2026年5月7日（木）", "2026年5月7日（木）", "5月7日（木）"),
        (D(2026, 4, 28), "en", "Tue 28 April 2026", "Tue 2026-04-28", "Tuesday 28 April"),
        (D(2027, 1, 3), "ja", "2027年1月3日（日）", "2027年1月3日（日）", "1月3日（日）"),
    ],
)
def test_each_view_writes_a_date_its_own_way(day, lang, reader, command_line, letter):
    assert (date(day, lang), day_name(day, lang), letter_date(day, lang)) == (
        reader,
        command_line,
        letter,
    )


@pytest.mark.parametrize(
    ("moment", "iso", "clock_text", "ics"),
    [
        (dt.datetime(2026, 4, 28, 15, 0, tzinfo=JST), "2026-04-28T15:00+09:00", "15:00",
         "20260428T060000Z"),
        (dt.datetime(2026, 4, 28, 9, 5, 30, tzinfo=JST), "2026-04-28T09:05:30+09:00", "09:05:30",
         "20260428T000530Z"),
        (dt.datetime(2000, 1, 1, 8, 0, tzinfo=JST), "2000-01-01T08:00+09:00", "08:00",
         "19991231T230000Z"),
    ],
)  # fmt: skip
def test_machine_formats(moment, iso, clock_text, ics):
    assert (iso_time(moment), clock(moment), ics_utc(moment)) == (iso, clock_text, ics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-28T15:00+09:00", dt.datetime(2026, 4, 28, 15, 0, tzinfo=JST)),
        ("2026-04-28T06:00Z", dt.datetime(2026, 4, 28, 6, 0, tzinfo=dt.UTC)),
        ("2026-04-28T15:00", None),
        ("2026-04-28", None),
        ("now", None),
    ],
)
def test_a_stamp_needs_its_offset(text, expected):
    if expected is None:
        with pytest.raises(InputError) as caught:
            parse_stamp(text, "now")
        assert (caught.value.field, caught.value.code) == ("now", "now_format")
    else:
        assert parse_stamp(text, "now") == expected


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_every_supported_date_reads_back_from_iso_and_from_its_basic_form(day):
    assert parse_date(day.isoformat(), "date") == day
    assert parse_date(f"{day.year}-{day.month}-{day.day}", "date") == day
    assert D.fromisoformat(ics_date(day)) == day
