import datetime as dt

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orei.calendar_export import clean_line, escape_text, fold_line, plan_to_ics
from orei.dates import JAPAN
from orei.plan import make_plan

NOW = dt.datetime(2026, 4, 28, 6, 30, tzinfo=dt.UTC)


def events(text):
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]).split("-")[0]: event for event in calendar.walk("VEVENT")}


def test_worked_example_round_trips_through_icalendar():
    text = plan_to_ics(make_plan("2026-04-28", "15:00"), NOW)
    found = events(text)
    assert set(found) == {"thank", "follow"}
    thank, follow = found["thank"], found["follow"]
    assert thank.decoded("DTSTART") == dt.datetime(2026, 4, 28, 15, 0, tzinfo=JAPAN)
    assert thank.decoded("DTEND") == dt.datetime(2026, 4, 28, 18, 0, tzinfo=JAPAN)
    assert str(thank["SUMMARY"]) == "Send the thank-you email"
    assert "Wed 2026-04-29 15:00 JST" in str(thank["DESCRIPTION"])
    # One all-day event over the whole window, Mon 11 to Thu 14 May: DTEND is exclusive.
    assert follow.decoded("DTSTART") == dt.date(2026, 5, 11)
    assert follow.decoded("DTEND") == dt.date(2026, 5, 15)
    description = str(follow["DESCRIPTION"])
    assert "Mon 2026-05-11" in description
    assert "Thu 2026-05-14" in description
    assert "Children's Day (こどもの日)" in description
    assert description.count("\n") == 9  # the window, the heading and eight skipped days
    for event in (thank, follow):
        assert event.decoded("DTSTAMP") == NOW
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert thank.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(0)
    assert follow.walk("VALARM")[0].decoded("TRIGGER") == -dt.timedelta(hours=15)


def test_file_format():
    text = plan_to_ics(make_plan("2026-09-18", "19:10"), NOW, lang="ja", company="株式会社オレイ")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the Japanese description is folded
    text.encode("utf-8")


def test_japanese_text_and_punctuation_round_trip():
    company = "株式会社オレイ, Orei; \\ Ltd."
    text = plan_to_ics(make_plan("2026-09-18", "19:10"), NOW, lang="ja", company=company)
    found = events(text)
    assert str(found["thank"]["SUMMARY"]) == f"{company}にお礼メールを送る"
    assert str(found["follow"]["SUMMARY"]) == f"{company}に選考状況を問い合わせる"
    description = str(found["follow"]["DESCRIPTION"])
    assert "2026年9月22日（火）：国民の休日" in description.split("\n")
    # 19:10 in Tokyo waits for the next morning (Sat 19 Sep), which is not a business day.
    thank = str(found["thank"]["DESCRIPTION"])
    assert "2026年9月19日（土）は土曜日で営業日ではない" in thank
    assert "夜分" not in thank


def test_uids_are_stable_and_follow_the_inputs():
    plan = make_plan("2026-04-28", "15:00")
    first = events(plan_to_ics(plan, NOW))
    again = events(plan_to_ics(make_plan("2026-04-28", "15:00"), NOW + dt.timedelta(days=3)))
    assert {k: str(e["UID"]) for k, e in first.items()} == {
        k: str(e["UID"]) for k, e in again.items()
    }
    other = events(plan_to_ics(make_plan("2026-04-28", "15:00", timeline="2w"), NOW))
    assert str(other["follow"]["UID"]) != str(first["follow"]["UID"])
    assert str(first["thank"]["UID"]) != str(first["follow"]["UID"])
    assert str(first["thank"]["UID"]).endswith("@orei.invalid")


def test_the_same_inputs_give_the_same_file():
    plan = make_plan("2026-04-28", "15:00")
    assert plan_to_ics(plan, NOW) == plan_to_ics(make_plan("2026-04-28", "15:00"), NOW)


def test_now_must_be_aware():
    with pytest.raises(ValueError, match="aware"):
        plan_to_ics(make_plan("2026-04-28", "15:00"), dt.datetime(2026, 4, 28))


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
        ("お礼：10:00", "お礼：10:00"),
    ],
)
def test_escape_text(raw, escaped):
    assert escape_text(raw) == escaped


def test_fold_line_never_splits_a_character():
    line = "DESCRIPTION:" + "日本" * 40
    folded = fold_line(line).split("\r\n")
    assert len(folded) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in folded)
    assert folded[0] + "".join(part[1:] for part in folded[1:]) == line


text_with_edges = st.text(
    alphabet=st.one_of(
        st.sampled_from([*",;\\:\n\"'", "日", "本", "語", "ー", "🙇", "é"]),
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
    ),
    max_size=200,
)


@given(text_with_edges)
def test_any_text_round_trips_through_escape_and_fold(text):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:x@test",
        "DTSTAMP:20260428T000000Z",
        "DTSTART;VALUE=DATE:20260428",
        fold_line("DESCRIPTION:" + escape_text(text)),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    ics = "".join(line + "\r\n" for line in lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == text


@given(text_with_edges)
def test_any_company_name_lands_in_the_summary(company):
    ics = plan_to_ics(make_plan("2026-04-28", "15:00"), NOW, company=company)
    summary = str(events(ics)["thank"]["SUMMARY"])
    name = clean_line(company)
    expected = f"Send the thank-you email to {name}" if name else "Send the thank-you email"
    assert summary == expected


def test_an_evening_window_says_from_when_the_after_hours_line_is_needed():
    found = events(plan_to_ics(make_plan("2026-04-28", "17:50"), NOW))
    thank = found["thank"]
    assert thank.decoded("DTEND") == dt.datetime(2026, 4, 28, 20, 0, tzinfo=JAPAN)
    assert "From 18:00 JST" in str(thank["DESCRIPTION"])
    assert "業務時間外に失礼いたします" in str(thank["DESCRIPTION"])
