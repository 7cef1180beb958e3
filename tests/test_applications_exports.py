import csv
import datetime as dt
import io

import icalendar
import pytest

from orei.applications.exports import (
    CSV_COLUMNS,
    applications_csv,
    applications_ics,
    spreadsheet_cell,
)
from orei.applications.file_format import read_document
from orei.dates import JAPAN

D = dt.date
NOW = dt.datetime(2026, 4, 28, 9, 0, tzinfo=dt.UTC)
TWO_WEEKS = {"ended": "2026-04-28T15:00+09:00", "timeline": "2w"}


def applications(*items):
    document = {"format": "orei-applications", "version": 1, "applications": list(items)}
    return read_document(document)


def app(identifier, company, interviews=(), stage="first-interview", **more):
    return {
        "id": identifier,
        "company": company,
        "role": "Designer",
        "stage": stage,
        "interviews": list(interviews),
        **more,
    }


NOTES = "一次面接\n逆質問: 3つ"
SENT = {**TWO_WEEKS, "thank_you_sent": "2026-04-28"}
SAMPLE = applications(
    app("aoba", "株式会社アオバシステムズ", [TWO_WEEKS], recruiter_name="佐藤", notes=NOTES),
    app("kite", "Kite Inc.", [SENT], stage="second-interview"),
    app("mori", "森商事", stage="offer", offer_deadline="2026-05-15"),
    app("sora", "Sora", stage="withdrawn"),
)


# CSV


def rows(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_has_a_bom_crlf_and_one_row_per_application():
    text = applications_csv(SAMPLE, D(2026, 4, 28))
    assert text.count("\r\n") == 5  # the header and four rows
    assert '"一次面接\n逆質問: 3つ"' in text  # a new line inside a cell stays quoted
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    table = rows(text)
    assert table[0] == [
        "id", "Company", "Role", "Stage", "Recruiter", "Recruiter's title",
        "Recruiter's e-mail", "Department", "Interviews", "Last interview ended",
        "Thank-you sent", "Follow-up sent", "Offer deadline", "Next step", "From", "Until",
        "Overdue", "Notes",
    ]  # fmt: skip
    assert len(table[0]) == len(CSV_COLUMNS)
    by_id = {row[0]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in table[1:]}
    assert list(by_id) == ["aoba", "kite", "mori", "sora"]  # the list's order
    assert by_id["aoba"] | {"notes": ""} == {
        "id": "aoba",
        "company": "株式会社アオバシステムズ",
        "role": "Designer",
        "stage": "First interview",
        "recruiter_name": "佐藤",
        "recruiter_title": "",
        "recruiter_email": "",
        "department": "",
        "interviews": "1",
        "last_interview": "2026-04-28T15:00+09:00",
        "thank_you_sent": "",
        "follow_up_sent": "",
        "offer_deadline": "",
        "next_step": "Send the thank-you email",
        "from": "2026-04-28T15:00+09:00",
        "until": "2026-04-29T15:00+09:00",
        "overdue": "",
        "notes": "",
    }
    assert by_id["aoba"]["notes"] == "一次面接\n逆質問: 3つ"
    assert (by_id["kite"]["next_step"], by_id["kite"]["until"]) == ("Wait", "2026-05-15")
    assert by_id["kite"]["thank_you_sent"] == "2026-04-28"
    assert by_id["mori"]["offer_deadline"] == "2026-05-15"
    assert (by_id["sora"]["stage"], by_id["sora"]["next_step"]) == ("Withdrawn", "Closed")


def test_csv_in_japanese_marks_overdue_steps():
    table = rows(applications_csv(SAMPLE, D(2026, 5, 20), "ja"))
    assert table[0][:4] == ["ID", "会社名", "職種", "選考段階"]
    mori = table[3]
    assert mori[CSV_COLUMNS.index("next_step")] == "内定に返事をする"
    assert mori[CSV_COLUMNS.index("overdue")] == "はい"
    assert table[4][CSV_COLUMNS.index("stage")] == "選考辞退"


def test_csv_reads_back_with_the_encoding_excel_uses_for_bom_files():
    data = applications_csv(SAMPLE, D(2026, 4, 28), "ja").encode("utf-8")
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[1][1] == "株式会社アオバシステムズ"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=HYPERLINK(\"http://example.invalid\",\"x\")", "'=HYPERLINK(\"http://example.invalid\",\"x\")"),
        ("+81 3 1234 5678", "'+81 3 1234 5678"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("Aoba = good", "Aoba = good"),
        ("", ""),
    ],
)  # fmt: skip
def test_cells_that_would_run_as_formulas_stay_text(text, cell):
    assert spreadsheet_cell(text) == cell


def test_hostile_names_survive_the_csv_as_text():
    hostile = '=cmd|" /C calc"!A0, "quoted"\r\nnext'
    items = applications(app("x", "Aoba", notes=hostile, role="=1+1"))
    table = rows(applications_csv(items, D(2026, 4, 28)))
    assert len(table) == 2
    assert table[1][CSV_COLUMNS.index("notes")] == "'" + hostile
    assert table[1][CSV_COLUMNS.index("role")] == "'=1+1"


# .ics


def events(text):
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_every_upcoming_step_is_an_event():
    found = events(applications_ics(SAMPLE, D(2026, 4, 28), NOW))
    assert sorted(found) == [
        "application-aoba-interview-0-follow-up@orei.invalid",
        "application-aoba-interview-0-thank-you@orei.invalid",
        "application-kite-interview-0-follow-up@orei.invalid",
        "application-mori-offer@orei.invalid",
    ]
    thanks = found["application-aoba-interview-0-thank-you@orei.invalid"]
    assert thanks.decoded("DTSTART") == dt.datetime(2026, 4, 28, 15, 0, tzinfo=JAPAN)
    assert thanks.decoded("DTEND") == dt.datetime(2026, 4, 28, 18, 0, tzinfo=JAPAN)
    assert str(thanks["SUMMARY"]) == "Send the thank-you email to 株式会社アオバシステムズ"
    follow = found["application-kite-interview-0-follow-up@orei.invalid"]
    assert follow.decoded("DTSTART") == D(2026, 5, 15)
    assert "Tue 2026-05-19" in str(follow["DESCRIPTION"])
    offer = found["application-mori-offer@orei.invalid"]
    assert (offer.decoded("DTSTART"), offer.decoded("DTEND")) == (D(2026, 5, 15), D(2026, 5, 16))
    assert str(offer["SUMMARY"]) == "Answer the offer from 森商事"
    assert "Fri 2026-05-15" in str(offer["DESCRIPTION"])
    for event in found.values():
        assert event.decoded("DTSTAMP") == NOW
        assert len(event.walk("VALARM")) == 1


def test_past_and_done_steps_are_left_out():
    later = events(applications_ics(SAMPLE, D(2026, 5, 16), NOW))
    # the thank-you's deadline has passed and the offer is overdue; follow-ups remain
    assert sorted(later) == [
        "application-aoba-interview-0-follow-up@orei.invalid",
        "application-kite-interview-0-follow-up@orei.invalid",
    ]
    assert events(applications_ics(SAMPLE, D(2026, 5, 20), NOW)) == {}


def test_importing_a_later_file_updates_the_same_events():
    first = events(applications_ics(SAMPLE, D(2026, 4, 28), NOW))
    changed = applications(
        app("aoba", "株式会社アオバシステムズ", [{**TWO_WEEKS, "timeline": "3w"}]),
    )
    later_time = NOW + dt.timedelta(days=2, minutes=5)
    second = events(applications_ics(changed, D(2026, 4, 28), later_time))
    uid = "application-aoba-interview-0-follow-up@orei.invalid"
    assert first[uid].decoded("DTSTART") == D(2026, 5, 15)
    assert second[uid].decoded("DTSTART") == D(2026, 5, 22)  # moved, same event
    assert int(second[uid]["SEQUENCE"]) - int(first[uid]["SEQUENCE"]) == 2 * 24 * 60 + 5
    again = events(applications_ics(SAMPLE, D(2026, 4, 28), NOW))
    assert {uid: event.to_ical() for uid, event in again.items()} == {
        uid: event.to_ical() for uid, event in first.items()
    }


def test_the_calendar_in_japanese_with_hostile_names():
    company = "株式会社オレイ, Orei; \\ Ltd.\u202e<script>"
    items = applications(app("x", company, [TWO_WEEKS]))
    text = applications_ics(items, D(2026, 4, 28), NOW, "ja")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert text.endswith("END:VCALENDAR\r\n")
    found = events(text)
    summary = str(found["application-x-interview-0-thank-you@orei.invalid"]["SUMMARY"])
    assert summary == f"{company}にお礼メールを送る"


def test_a_naive_time_is_a_programming_error():
    with pytest.raises(ValueError, match="aware"):
        applications_ics(SAMPLE, D(2026, 4, 28), dt.datetime(2026, 4, 28, 9, 0))
