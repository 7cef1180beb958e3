import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orei.business_calendar import BusinessCalendar
from orei.errors import InputError
from orei.follow_up import (
    NO_TIMELINE,
    Timeline,
    follow_up,
    parse_buffer,
    parse_timeline,
    timeline_from_fields,
)

D = dt.date
DEFAULT = frozenset({"new-year"})
OBON = frozenset({"new-year", "obon"})
NONE = frozenset()


@pytest.mark.parametrize(
    ("interview", "timeline", "closures", "earliest", "latest"),
    [
        # The worked example: Golden Week, no timeline. Five business days after Tue 28 April
        # (30 Apr, 1, 7, 8, 11 May) is Mon 11 May; eight is Thu 14 May.
        (D(2026, 4, 28), "none", DEFAULT, D(2026, 5, 11), D(2026, 5, 14)),
        # Golden Week, stated one week: period ends Fri 8 May, + 3 business days.
        (D(2026, 5, 1), "1w", DEFAULT, D(2026, 5, 13), D(2026, 5, 15)),
        # Golden Week 2027: 3-5 May fall Monday to Wednesday, so 3bd ends on 10 May.
        (D(2027, 4, 30), "3bd", DEFAULT, D(2027, 5, 13), D(2027, 5, 17)),
        # Silver Week 2026 with its citizens' holiday on 22 September.
        (D(2026, 9, 18), "none", DEFAULT, D(2026, 9, 30), D(2026, 10, 5)),
        (D(2026, 9, 18), "5bd", DEFAULT, D(2026, 10, 5), D(2026, 10, 7)),
        # Two days end on Saturday 19th; the three holidays follow.
        (D(2026, 9, 17), "2d", DEFAULT, D(2026, 9, 28), D(2026, 9, 30)),
        # Year end: 25 and 28 Dec count, then the closure; Coming of Age Day is 11 Jan 2027.
        (D(2026, 12, 24), "none", DEFAULT, D(2027, 1, 6), D(2027, 1, 12)),
        (D(2026, 12, 24), "none", NONE, D(2026, 12, 31), D(2027, 1, 6)),
        # The first day back after the New Year closure is the fifth business day.
        (D(2026, 12, 22), "none", DEFAULT, D(2027, 1, 4), D(2027, 1, 7)),
        # Obon: Mountain Day (11 Aug) always; the closure (13-16 Aug) only when asked.
        (D(2026, 8, 7), "none", DEFAULT, D(2026, 8, 17), D(2026, 8, 20)),
        (D(2026, 8, 7), "none", OBON, D(2026, 8, 19), D(2026, 8, 24)),
        # A Saturday interview counts from the Monday after.
        (D(2026, 5, 9), "none", DEFAULT, D(2026, 5, 15), D(2026, 5, 20)),
        # Stated Fri 25 Dec: one business day (28th), then the closure, then 4 and 5 Jan.
        (D(2026, 12, 18), "2026-12-25", DEFAULT, D(2027, 1, 5), D(2027, 1, 7)),
        # Obon: off by default, on when asked.
        (D(2026, 8, 10), "3d", DEFAULT, D(2026, 8, 18), D(2026, 8, 20)),
        (D(2026, 8, 10), "3d", OBON, D(2026, 8, 19), D(2026, 8, 21)),
        # A Friday interview, a stated date on the interview day itself.
        (D(2026, 11, 20), "2026-11-20", DEFAULT, D(2026, 11, 26), D(2026, 11, 30)),
        # Leap day.
        (D(2028, 2, 29), "none", DEFAULT, D(2028, 3, 7), D(2028, 3, 10)),
    ],
)
def test_follow_up_dates(interview, timeline, closures, earliest, latest):
    result = follow_up(interview, BusinessCalendar(closures=closures), parse_timeline(timeline))
    assert (result.earliest, result.latest) == (earliest, latest)


def test_worked_example_skipped_days():
    result = follow_up(D(2026, 4, 28), BusinessCalendar())
    assert [(off.date, off.kind, off.name_en, off.name_ja) for off in result.skipped] == [
        (D(2026, 4, 29), "holiday", "Showa Day", "昭和の日"),
        (D(2026, 5, 2), "weekend", "Saturday", "土曜日"),
        (D(2026, 5, 3), "holiday", "Constitution Memorial Day", "憲法記念日"),
        (D(2026, 5, 4), "holiday", "Greenery Day", "みどりの日"),
        (D(2026, 5, 5), "holiday", "Children's Day", "こどもの日"),
        (
            D(2026, 5, 6),
            "holiday",
            "Substitute holiday for Constitution Memorial Day",
            "振替休日（憲法記念日）",
        ),
        (D(2026, 5, 9), "weekend", "Saturday", "土曜日"),
        (D(2026, 5, 10), "weekend", "Sunday", "日曜日"),
    ]


def test_silver_week_lists_the_citizens_holiday():
    result = follow_up(D(2026, 9, 18), BusinessCalendar())
    names = {off.date: off.name_en for off in result.skipped}
    assert names[D(2026, 9, 21)] == "Respect for the Aged Day"
    assert names[D(2026, 9, 22)] == "Citizens' Holiday"
    assert names[D(2026, 9, 23)] == "Autumnal Equinox Day"
    # Up to Mon 5 Oct: those five days and the two weekends after them.
    assert len(result.skipped) == 9


def test_year_end_names_holiday_before_closure_before_weekend():
    result = follow_up(D(2026, 12, 24), BusinessCalendar())
    kinds = {off.date: off.kind for off in result.skipped}
    assert kinds == {
        D(2026, 12, 26): "weekend",
        D(2026, 12, 27): "weekend",
        D(2026, 12, 29): "closure",
        D(2026, 12, 30): "closure",
        D(2026, 12, 31): "closure",
        D(2027, 1, 1): "holiday",
        D(2027, 1, 2): "closure",
        D(2027, 1, 3): "closure",
        D(2027, 1, 9): "weekend",
        D(2027, 1, 10): "weekend",
        D(2027, 1, 11): "holiday",
    }


def test_extra_closed_dates_move_the_follow_up():
    calendar = BusinessCalendar(closed_dates=frozenset({D(2026, 5, 7)}))
    result = follow_up(D(2026, 4, 28), calendar)
    # 30 Apr, 1, 8, 11 and 12 May count; 7 May does not.
    assert (result.earliest, result.latest) == (D(2026, 5, 12), D(2026, 5, 15))
    assert any(off.date == D(2026, 5, 7) and off.kind == "closure" for off in result.skipped)


def test_buffer_changes_only_timelines():
    calendar = BusinessCalendar()
    assert follow_up(D(2026, 6, 1), calendar, NO_TIMELINE, 10).earliest == D(2026, 6, 8)
    stated = parse_timeline("1w")  # ends Mon 8 June
    assert follow_up(D(2026, 6, 1), calendar, stated, 1).earliest == D(2026, 6, 9)
    assert follow_up(D(2026, 6, 1), calendar, stated, 10).earliest == D(2026, 6, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("none", Timeline()),
        ("", Timeline()),
        ("NONE", Timeline()),
        ("7d", Timeline("days", n=7)),
        ("90D", Timeline("days", n=90)),
        ("2w", Timeline("weeks", n=2)),
        ("12w", Timeline("weeks", n=12)),
        ("5bd", Timeline("business_days", n=5)),
        ("60bd", Timeline("business_days", n=60)),
        ("５ｂｄ", Timeline("business_days", n=5)),
        ("2026-05-20", Timeline("date", date=D(2026, 5, 20))),
    ],
)
def test_parse_timeline(text, expected):
    assert parse_timeline(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0d", "timeline_days_range"),
        ("91d", "timeline_days_range"),
        ("13w", "timeline_weeks_range"),
        ("0w", "timeline_weeks_range"),
        ("61bd", "timeline_business_days_range"),
        ("99999999999999999999d", "timeline_days_range"),
        ("7", "timeline_format"),
        ("d7", "timeline_format"),
        ("-7d", "timeline_format"),
        ("soon", "timeline_format"),
        ("2026-02-30", "date_impossible"),
        ("2026-W21-3", "date_format"),
        ("2100-01-01", "date_range"),
    ],
)
def test_parse_timeline_errors_name_the_timeline_field(text, code):
    with pytest.raises(InputError) as caught:
        parse_timeline(text)
    assert (caught.value.field, caught.value.code) == ("timeline", code)


@pytest.mark.parametrize(
    ("kind", "n", "date", "expected"),
    [
        ("none", "", "", Timeline()),
        ("", "7", "2026-01-01", Timeline()),
        ("days", "7", "", Timeline("days", n=7)),
        ("weeks", " 2 ", "", Timeline("weeks", n=2)),
        ("business_days", "5", "whatever", Timeline("business_days", n=5)),
        ("date", "", "2026-05-20", Timeline("date", date=D(2026, 5, 20))),
    ],
)
def test_timeline_from_fields(kind, n, date, expected):
    assert timeline_from_fields(kind, n, date) == expected


@pytest.mark.parametrize(
    ("kind", "n", "date", "field", "code"),
    [
        ("months", "1", "", "timeline", "timeline_kind"),
        ("days", "", "", "timeline_n", "timeline_days_range"),
        ("days", "7.5", "", "timeline_n", "timeline_days_range"),
        ("weeks", "13", "", "timeline_n", "timeline_weeks_range"),
        ("business_days", "0", "", "timeline_n", "timeline_business_days_range"),
        ("date", "", "", "timeline_date", "date_format"),
        ("date", "", "2026-04-31", "timeline_date", "date_impossible"),
    ],
)
def test_timeline_from_fields_errors(kind, n, date, field, code):
    with pytest.raises(InputError) as caught:
        timeline_from_fields(kind, n, date)
    assert (caught.value.field, caught.value.code) == (field, code)


@pytest.mark.parametrize(
    ("timeline", "field"),
    [
        (parse_timeline("2026-04-27"), "timeline"),
        (parse_timeline("2027-04-29"), "timeline"),
        (timeline_from_fields("date", date="2026-04-27"), "timeline_date"),
    ],
)
def test_a_stated_date_must_fall_within_a_year_of_the_interview(timeline, field):
    with pytest.raises(InputError) as caught:
        follow_up(D(2026, 4, 28), BusinessCalendar(), timeline)
    assert (caught.value.field, caught.value.code) == (field, "timeline_date_range")


def test_a_stated_date_a_year_on_is_allowed():
    result = follow_up(D(2026, 4, 28), BusinessCalendar(), parse_timeline("2027-04-28"))
    assert result.period_end == D(2027, 4, 28)


@pytest.mark.parametrize(("text", "value"), [("1", 1), ("10", 10), (" 3 ", 3), (4, 4)])
def test_parse_buffer(text, value):
    assert parse_buffer(text) == value


@pytest.mark.parametrize("text", ["0", "11", "", "three", "2.5", "-1", 0, 11])
def test_bad_buffer(text):
    with pytest.raises(InputError) as caught:
        parse_buffer(text)
    assert (caught.value.field, caught.value.code) == ("buffer", "buffer_range")
    assert "1" in caught.value.message("en")
    assert "10" in caught.value.message("en")


def business_days_between(calendar, after, through):
    """Business days after `after`, up to and including `through`."""
    days = (after + dt.timedelta(days=i) for i in range(1, (through - after).days + 1))
    return sum(calendar.is_business_day(day) for day in days)


timelines = st.one_of(
    st.just(NO_TIMELINE),
    st.builds(lambda n: Timeline("days", n=n), st.integers(1, 90)),
    st.builds(lambda n: Timeline("weeks", n=n), st.integers(1, 12)),
    st.builds(lambda n: Timeline("business_days", n=n), st.integers(1, 60)),
)
closure_sets = st.sampled_from([DEFAULT, OBON, NONE, frozenset({"obon"})])
interview_dates = st.dates(D(2000, 1, 1), D(2099, 6, 30))


@settings(max_examples=150)
@given(interview_dates, timelines, st.integers(1, 10), closure_sets)
def test_follow_up_properties(interview, timeline, buffer, closures):
    calendar = BusinessCalendar(closures=closures)
    result = follow_up(interview, calendar, timeline, buffer)
    assert calendar.is_business_day(result.earliest)
    assert calendar.is_business_day(result.latest)
    assert result.earliest <= result.latest
    if timeline.kind == "none":
        assert result.period_end is None
        # Exactly 5 and 8 business days after the interview; after an interview on a
        # business day, never sooner than the seed's 7 and 10 calendar days.
        assert business_days_between(calendar, interview, result.earliest) == 5
        assert business_days_between(calendar, interview, result.latest) == 8
        if calendar.is_business_day(interview):
            assert result.earliest >= interview + dt.timedelta(days=7)
            assert result.latest >= interview + dt.timedelta(days=10)
    else:
        assert result.period_end is not None
        between = [
            result.period_end + dt.timedelta(days=i)
            for i in range(1, (result.earliest - result.period_end).days + 1)
        ]
        assert sum(calendar.is_business_day(day) for day in between) == buffer
        after = [
            result.earliest + dt.timedelta(days=i)
            for i in range(1, (result.latest - result.earliest).days + 1)
        ]
        assert sum(calendar.is_business_day(day) for day in after) == 2
    skipped = [off.date for off in result.skipped]
    assert skipped == sorted(skipped)
    span = [
        interview + dt.timedelta(days=i) for i in range(1, (result.latest - interview).days + 1)
    ]
    assert skipped == [day for day in span if not calendar.is_business_day(day)]
