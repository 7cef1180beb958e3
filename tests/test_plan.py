import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orei.dates import JAPAN
from orei.defaults import FOLLOW_UP_FIELDS
from orei.errors import InputError
from orei.messages import message
from orei.plan import make_plan
from orei.plan_text import plan_lines

D = dt.date


def test_worked_example_json():
    data = make_plan("2026-04-28", "15:00").to_json_dict()
    assert data["thank_you"] == {
        "deadline": "2026-04-29T15:00+09:00",
        "send_from": "2026-04-28T15:00+09:00",
        "send_until": "2026-04-28T18:00+09:00",
        "after_hours_from": None,
        "read_on": "2026-04-28",
        "read_later": False,
    }
    assert data["follow_up"]["earliest"] == "2026-05-11"
    assert data["follow_up"]["latest"] == "2026-05-14"
    assert [s["date"] for s in data["skipped"]] == [
        "2026-04-29",
        "2026-05-02",
        "2026-05-03",
        "2026-05-04",
        "2026-05-05",
        "2026-05-06",
        "2026-05-09",
        "2026-05-10",
    ]
    assert data["skipped"][5]["name_ja"] == "振替休日（憲法記念日）"
    assert json.loads(json.dumps(data)) == data


def test_candidate_zone_across_the_spring_dst_change():
    # 12:00 GMT on Sat 28 March 2026 is 21:00 in Japan; London moves to BST overnight.
    plan = make_plan("2026-03-28", "12:00", "Europe/London", candidate_tz="Europe/London")
    data = plan.to_json_dict()["thank_you"]
    assert data["send_from"] == "2026-03-29T08:30+09:00"
    assert data["send_until"] == "2026-03-29T11:00+09:00"
    assert data["read_on"] == "2026-03-30"
    assert data["read_later"] is True
    assert data["candidate"] == {
        "tz": "Europe/London",
        "ended": "2026-03-28T12:00+00:00",
        "send_from": "2026-03-28T23:30+00:00",
        "send_until": "2026-03-29T03:00+01:00",
        # Exactly 24 hours later, which reads as 25 on London's clock.
        "deadline": "2026-03-29T13:00+01:00",
    }


def test_no_candidate_zone_no_candidate_key():
    assert "candidate" not in make_plan("2026-04-28", "15:00").to_json_dict()["thank_you"]


@pytest.mark.parametrize(
    ("kwargs", "earliest", "latest"),
    [
        ({"timeline": "days", "timeline_n": "7"}, "2026-05-11", "2026-05-13"),
        ({"timeline": "7d"}, "2026-05-11", "2026-05-13"),
        ({"timeline": "weeks", "timeline_n": "1", "buffer": "1"}, "2026-05-07", "2026-05-11"),
        ({"timeline": "date", "timeline_date": "2026-05-07"}, "2026-05-12", "2026-05-14"),
        (
            {"closures": "none", "closed_dates": "2026-05-07, 2026-05-08"},
            "2026-05-13",
            "2026-05-18",
        ),
        ({"closures": ["new-year", "obon"]}, "2026-05-11", "2026-05-14"),
    ],
)
def test_make_plan_reads_the_widget_fields(kwargs, earliest, latest):
    follow = make_plan("2026-04-28", "15:00", **kwargs).to_json_dict()["follow_up"]
    assert (follow["earliest"], follow["latest"]) == (earliest, latest)


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"ended_date": "2026-02-29"}, "ended_date", "date_impossible"),
        ({"ended_time": "noon"}, "ended_time", "time_format"),
        ({"tz": "Tokyo"}, "tz", "unknown_zone"),
        ({"candidate_tz": "London"}, "candidate_tz", "unknown_zone"),
        ({"timeline": "months"}, "timeline", "timeline_format"),
        ({"timeline": "days", "timeline_n": "91"}, "timeline_n", "timeline_days_range"),
        ({"timeline": "date", "timeline_date": "2026-04-01"}, "timeline_date",
         "timeline_date_range"),
        ({"timeline": "2026-04-01"}, "timeline", "timeline_date_range"),
        ({"buffer": "0"}, "buffer", "buffer_range"),
        ({"closures": "xmas"}, "closures", "unknown_closure"),
        ({"closures": "none,obon"}, "closures", "unknown_closure"),
        ({"closed_dates": "2026-05-01,tomorrow"}, "closed_dates", "date_format"),
        ({"closed_dates": "2100-01-01"}, "closed_dates", "date_range"),
        ({"ended_date": "2099-12-30"}, "ended_date", "plan_beyond_range"),
        ({"ended_date": "2099-10-01", "timeline": "90d"}, "timeline", "plan_beyond_range"),
    ],
)  # fmt: skip
def test_make_plan_errors_name_the_widget_field(kwargs, field, code):
    fields = {"ended_date": "2026-04-28", "ended_time": "15:00", **kwargs}
    with pytest.raises(InputError) as caught:
        make_plan(**fields)
    assert (caught.value.field, caught.value.code) == (field, code)
    label_en, label_ja = message("en", f"fields.{field}"), message("ja", f"fields.{field}")
    assert caught.value.message("en").startswith(label_en + ":")
    assert caught.value.message("ja").startswith(label_ja + "：")


def test_plan_text_gives_the_after_hours_line_and_the_read_day():
    lines = plan_lines(make_plan("2026-11-20", "19:00"))
    assert any("after office hours" in line and "業務時間外に失礼" in line for line in lines)
    assert not any("夜分" in line or "late hour" in line for line in lines)
    lines = plan_lines(make_plan("2026-11-20", "17:30"))
    assert any(line.strip().startswith("From 18:00 JST") for line in lines)
    assert not any("office hours" in line for line in plan_lines(make_plan("2026-11-20", "15:00")))
    lines = plan_lines(make_plan("2026-11-20", "21:00"), "ja")
    assert any(
        "2026年11月21日（土）" in line and "土曜日" in line and "2026年11月24日（火）" in line
        for line in lines
    )
    assert any("勤労感謝の日" in line for line in lines)
    assert not any("フォローアップ" in line for line in lines)


def _plan_or_error(*args, **kwargs):
    try:
        return make_plan(*args, **kwargs)
    except InputError as error:
        return error


form_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "none", "2026-04-28", "2099-12-31", "15:00", "07:00+01:00", "7d", "13w", "5bd",
         "days", "weeks", "date", "3", "11", "Asia/Tokyo", "Europe/London", "new-year,obon",
         "2026-05-01,2026-05-02"]
    ),
)  # fmt: skip


@settings(max_examples=300)
@given(form_text, form_text, form_text, form_text, form_text, form_text, form_text, form_text)
def test_nothing_but_input_errors_escape(d, t, tz, cand, timeline, n, buffer, closed):
    outcome = _plan_or_error(
        d,
        t,
        tz,
        candidate_tz=cand,
        timeline=timeline,
        timeline_n=n,
        timeline_date=n,
        buffer=buffer,
        closed_dates=closed,
    )
    if isinstance(outcome, InputError):
        assert outcome.field in FOLLOW_UP_FIELDS
        assert message("ja", f"fields.{outcome.field}")
        assert outcome.message("ja") != outcome.message("en")
        return
    plan = outcome
    assert json.dumps(plan.to_json_dict())
    assert plan.ended.tzinfo is JAPAN


@settings(max_examples=100)
@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 6, 30)),
    st.sampled_from(["none", "7d", "2w", "5bd", "60bd", "12w", "90d"]),
)
def test_json_contract(moment, timeline):
    ended = moment.replace(second=0, microsecond=0)
    data = make_plan(ended.date().isoformat(), f"{ended:%H:%M}", timeline=timeline).to_json_dict()
    thank = data["thank_you"]
    deadline = dt.datetime.fromisoformat(thank["deadline"])
    assert deadline - ended.replace(tzinfo=JAPAN) == dt.timedelta(hours=24)
    for key in ("deadline", "send_from", "send_until"):
        assert thank[key].endswith("+09:00")
    earliest = D.fromisoformat(data["follow_up"]["earliest"])
    latest = D.fromisoformat(data["follow_up"]["latest"])
    assert earliest <= latest
    dates = [D.fromisoformat(s["date"]) for s in data["skipped"]]
    assert dates == sorted(dates)
    assert earliest not in dates
    assert latest not in dates
    assert all(ended.date() < day <= latest for day in dates)
    assert {s["kind"] for s in data["skipped"]} <= {"holiday", "closure", "weekend"}
