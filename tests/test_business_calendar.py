import datetime as dt

import pytest

from orei.business_calendar import BusinessCalendar, holiday, holidays_in_year
from orei.dates import FIRST_SUPPORTED
from orei.errors import InputError

D = dt.date


def test_every_date_agrees_with_the_cabinet_office_list(official_holidays):
    last_listed = max(official_holidays)
    day, checked = FIRST_SUPPORTED, 0
    while day <= last_listed:
        found = holiday(day)
        assert (found is not None) == (day in official_holidays), day
        checked += 1
        day += dt.timedelta(days=1)
    assert last_listed.year >= 2027
    assert checked > 10_000


@pytest.mark.parametrize(
    ("day", "kind", "name_en", "name_ja"),
    [
        (
            D(2026, 5, 6),
            "holiday",
            "Substitute holiday for Constitution Memorial Day",
            "振替休日（憲法記念日）",
        ),
        (D(2026, 9, 22), "holiday", "Citizens' Holiday", "国民の休日"),
        (D(2019, 5, 1), "holiday", "Enthronement Day", "天皇の即位の日"),
        (D(2026, 12, 29), "closure", "New Year closure", "年末年始休業"),
        (D(2027, 1, 1), "holiday", "New Year's Day", "元日"),  # a holiday inside the closure
        (D(2027, 1, 2), "closure", "New Year closure", "年末年始休業"),  # a Saturday inside it
        (D(2026, 11, 28), "weekend", "Saturday", "土曜日"),
    ],
)
def test_day_off_names_the_first_reason(day, kind, name_en, name_ja):
    off = BusinessCalendar().day_off(day)
    assert off is not None
    assert (off.kind, off.name_en, off.name_ja) == (kind, name_en, name_ja)


@pytest.mark.parametrize("day", [D(2026, 11, 25), D(2026, 12, 28), D(2027, 1, 4), D(2026, 8, 13)])
def test_business_days(day):
    assert BusinessCalendar().is_business_day(day)


def test_obon_is_off_by_default_and_can_be_enabled():
    assert BusinessCalendar().is_business_day(D(2026, 8, 14))
    assert not BusinessCalendar(closures=frozenset({"obon"})).is_business_day(D(2026, 8, 14))


def test_extra_closed_dates():
    calendar = BusinessCalendar(closed_dates=frozenset({D(2026, 11, 27)}))
    off = calendar.day_off(D(2026, 11, 27))
    assert off is not None
    assert off.kind == "closure"


def test_unknown_closure_names_the_field():
    with pytest.raises(InputError, match="Closures") as caught:
        BusinessCalendar(closures=frozenset({"xmas"}))
    assert "new-year" in caught.value.message("en")
    assert "休業期間" in caught.value.message("ja")


@pytest.mark.parametrize("day", [D(1999, 12, 31), D(2100, 1, 1)])
def test_outside_the_supported_range_is_an_input_error(day):
    with pytest.raises(InputError, match="2000-01-01"):
        holiday(day)


def test_holidays_in_year_2026():
    days = holidays_in_year(2026)
    assert len(days) == 18
    assert days[0].date == D(2026, 1, 1)
    assert days[0].name_ja == "元日"
    assert [h.date for h in days] == sorted(h.date for h in days)


def test_each_calendar_keeps_its_own_answer_for_a_day():
    day = dt.date(2026, 11, 10)
    assert BusinessCalendar().day_off(day) is None
    closed = BusinessCalendar(closed_dates=frozenset({day}))
    assert closed.day_off(day).name_en == "Closed (your list)"
    assert BusinessCalendar().day_off(day) is None
    assert BusinessCalendar(closures=frozenset()).day_off(dt.date(2026, 12, 30)) is None
    assert BusinessCalendar().day_off(dt.date(2026, 12, 30)).kind == "closure"
