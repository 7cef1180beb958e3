"""The calculator's Python view, on the host: the reader's zone, a repeated hour, the handoff."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from orei_widgets import dispatch, month_view
from worked_example import CALCULATOR_FORM

from orei import business_calendar
from orei.plan import make_plan

NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)  # 16:00 in Tokyo


def view(state, *, action="update", tz="Asia/Tokyo", lang="en", now=NOW):
    context = {"now": now.timestamp() * 1000, "lang": lang, "tz": tz}
    request = {"widget": "follow-up", "action": action, "state": state, "context": context}
    answer = json.loads(dispatch(json.dumps(request)))
    assert "failure" not in answer
    return answer


def datetimes(html):
    return re.findall(r'datetime="([^"]+)"', html)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Etc/Unknown", "", "x" * 300])
def test_a_browser_zone_that_cannot_be_used_leaves_the_plan_in_japan_time(zone):
    answer = view(CALCULATOR_FORM, tz=zone)
    assert answer["errors"] == {}
    assert datetimes(answer["results"]["deadline"]) == ["2026-04-29T15:00+09:00"]
    note = answer["results"].get("zone-note", "")
    if zone:
        assert "Japan time" in note
        assert len(note) < 400  # the reported name is quoted cut short
    else:
        assert note == ""


def test_a_typed_zone_that_cannot_be_used_is_the_readers_error_to_fix():
    answer = view({**CALCULATOR_FORM, "candidate_tz": "Mars/Olympus"}, tz="Europe/London")
    assert set(answer["errors"]) == {"candidate_tz"}
    assert "zone-note" not in answer["results"]


@pytest.mark.parametrize(
    ("zone", "deadline_there"),
    [
        ("UTC", "2026-04-29T06:00+00:00"),
        ("America/Los_Angeles", "2026-04-28T23:00-07:00"),
        ("Asia/Calcutta", "2026-04-29T11:30+05:30"),  # the name Chromium reports for Kolkata
        ("Asia/Kathmandu", "2026-04-29T11:45+05:45"),
    ],
)
def test_the_browsers_zone_gives_the_readers_clock(zone, deadline_there):
    answer = view(CALCULATOR_FORM, tz=zone)
    assert datetimes(answer["results"]["deadline"]) == ["2026-04-29T15:00+09:00", deadline_there]
    window = answer["results"]["send-window"]
    assert "JST" in window
    assert len(datetimes(window)) == 5  # the day, the window in Japan, the window for the reader


def test_every_time_carries_its_zone():
    answer = view(CALCULATOR_FORM, tz="Asia/Kathmandu")
    text = re.sub(r"<[^>]+>", "", answer["results"]["send-window"])
    assert "15:00 JST" in text
    assert "18:00 JST" in text
    assert "11:45 UTC+05:45" in text  # no letters for this zone: the offset instead


def test_a_repeated_hour_is_asked_and_the_choice_is_kept_on_the_form():
    state = {
        **CALCULATOR_FORM,
        "ended_date": "2026-11-01",
        "ended_time": "01:30",
        "tz": "America/New_York",
    }
    asked = view(state)
    assert set(asked["errors"]) == {"ended_time"}
    choice = asked["results"]["ended-offset"]
    assert re.findall(r'name="ended_offset" value="([^"]+)"', choice) == ["-04:00", "-05:00"]
    assert "EDT" in choice
    assert "EST" in choice
    for offset, ended in (
        ("-04:00", "2026-11-01T14:30+09:00"),
        ("-05:00", "2026-11-01T15:30+09:00"),
    ):
        chosen = view({**state, "ended_offset": offset})
        assert chosen["errors"] == {}
        assert chosen["results"]["ended-offset"] == choice  # the same markup: no re-render
        plan = make_plan("2026-11-01", "01:30", "America/New_York", ended_offset=offset)
        assert plan.to_json_dict()["ended"] == ended
        assert (
            datetimes(chosen["results"]["deadline"])[0]
            == plan.to_json_dict()["thank_you"]["deadline"]
        )


def test_an_ordinary_time_offers_no_choice():
    assert "ended-offset" not in view(CALCULATOR_FORM)["results"]


@pytest.mark.parametrize(
    ("ended_time", "now", "send_date", "after_hours"),
    [
        # Written in the afternoon for a 15:00 interview: sent now, in office hours.
        ("15:00", NOW, "2026-04-28", False),
        # A 17:50 interview, written at 18:30 Tokyo time: after hours.
        ("17:50", dt.datetime(2026, 4, 28, 9, 30, tzinfo=dt.UTC), "2026-04-28", True),
        # The same, written at 17:55: before 18:00, no line.
        ("17:50", dt.datetime(2026, 4, 28, 8, 55, tzinfo=dt.UTC), "2026-04-28", False),
        # A 21:00 interview, written that night: it goes out the next morning.
        ("21:00", dt.datetime(2026, 4, 28, 13, 0, tzinfo=dt.UTC), "2026-04-29", False),
        # A 19:00 interview, written before it ended: the window opens after hours.
        ("19:00", NOW, "2026-04-28", True),
    ],
)
def test_write_the_email_carries_the_send_date_and_the_after_hours_line(
    ended_time, now, send_date, after_hours
):
    answer = view({**CALCULATOR_FORM, "ended_time": ended_time}, action="write-email", now=now)
    link = urlsplit(answer["navigate"])
    assert link.path.endswith("/write-email/")
    shared = parse_qs(link.fragment)
    assert shared["template"] == ["thank-you"]
    assert shared["interview_date"] == ["2026-04-28"]
    assert shared["send_date"] == [send_date]
    assert shared.get("after_hours") == (["on"] if after_hours else None)


def test_the_summary_gives_the_window_and_the_follow_up_dates():
    summary = view(CALCULATOR_FORM)["results"]["summary"]
    assert datetimes(summary) == [
        "2026-04-28",
        "2026-04-28T15:00+09:00",
        "2026-04-28T18:00+09:00",
        "2026-05-11",
        "2026-05-14",
    ]


def test_a_long_typed_value_is_quoted_cut_short_with_an_ellipsis():
    long = "1" * 60
    answer = view({**CALCULATOR_FORM, "timeline": "days", "timeline_n": long})
    message = answer["errors"]["timeline_n"]
    assert "1" * 39 + "…" in message
    assert "999999" not in message
    short = view({**CALCULATOR_FORM, "timeline": "days", "timeline_n": "1" * 24})
    assert "1" * 24 + "”" in short["errors"]["timeline_n"]


def _interview_cells(month_view_html):
    return re.findall(r'<td class="[^"]*orei-day--interview[^"]*">.*?</td>', month_view_html)


def _forget_kept_answers():
    month_view._day_cell.cache_clear()
    business_calendar._day_off.cache_clear()


def _month_view_afresh(form):
    _forget_kept_answers()
    return view(form)["results"]["month-view"]


def test_a_month_view_made_after_other_plans_is_the_one_made_afresh():
    forms = [
        {**CALCULATOR_FORM, "ended_date": day, "closed_dates": closed}
        for day, closed in [("2026-11-09", ""), ("2026-11-10", "2026-11-12"), ("2026-11-09", "")]
    ]
    afresh = [_month_view_afresh(form) for form in forms]
    _forget_kept_answers()
    assert [view(form)["results"]["month-view"] for form in forms] == afresh
    # What is compared: the last plan marks its own interview day only, not the 10th before.
    assert len(_interview_cells(afresh[2])) == 1
    assert ">9<" in _interview_cells(afresh[2])[0]
