"""The applications page's Python, through `dispatch` as the worker calls it, on the host.

The browser tests (`test_browser_applications*.py`) drive the same code in Chromium;
these check each action's rules, the handoffs and the file checks, and that an
interview typed in the calculator's fields keeps its plan on the way.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from urllib.parse import parse_qs, parse_qsl, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from orei_widgets import agenda_month, applications_view, dispatch
from orei_widgets import applications as widget
from orei_widgets.applications_form import interview_values, read_interview
from orei_widgets.applications_view import readable_field
from orei_widgets.warm_up import warm_up_requests
from worked_example import CALCULATOR_FORM

from orei.applications import plans, reading
from orei.applications.file_format import read_file, write_file
from orei.applications.model import Interview
from orei.applications.plans import interview_plan
from orei.follow_up import parse_timeline
from orei.plan import make_plan

# 16:00 in Tokyo on the guide's worked example's day.
NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)
DOCUMENT = next(r for r in warm_up_requests() if r["widget"] == "applications")["state"]["document"]
EDITOR = {
    "company": "株式会社アオバシステムズ",
    "role": "Backend engineer",
    "stage": "first-interview",
    "recruiter_name": "佐藤",
    **CALCULATOR_FORM,
}


def ask(action, state, *, now=NOW, lang="en", upload=None, tz="Asia/Tokyo"):
    request = {
        "widget": "applications",
        "action": action,
        "state": state,
        "context": {
            "now": now.timestamp() * 1000,
            "lang": lang,
            "tz": tz,
            "links": {"email": "../write-email/"},
        },
    }
    if upload is not None:
        request["upload"] = upload
    view = json.loads(dispatch(json.dumps(request)))
    assert "failure" not in view, view["failure"]
    return view


def after(state, view):
    """The form's state once the binder has set the view's values."""
    return {**state, **view["values"]}


def saved(editor=EDITOR, **more):
    """A form whose one application has just been saved from `editor`."""
    view = ask("save", {**editor, **more})
    assert view["errors"] == {}
    return after({**editor, **more}, view), view


def upload_of(data: bytes, name="orei-applications.json"):
    return {"name": name, "size": len(data), "base64": base64.b64encode(data).decode()}


# Saving, editing, removing


def test_saving_adds_an_application_with_its_interview_and_clears_the_editor():
    state, view = saved()
    (application,) = read_file(state["document"])
    assert (application.company, application.role, application.stage) == (
        "株式会社アオバシステムズ",
        "Backend engineer",
        "first-interview",
    )
    assert application.interviews[0].ended == dt.datetime(
        2026, 4, 28, 15, 0, tzinfo=ZoneInfo("Asia/Tokyo")
    )
    assert state["company"] == ""
    assert state["editing"] == ""
    assert view["focus"] == f"orei-app-{application.id}"
    assert "Saved 株式会社アオバシステムズ." in view["results"]["notice"]
    assert 'data-action="mark-sent"' in view["results"]["agenda"]


def test_saving_needs_a_company_and_says_so_beside_the_field():
    view = ask("save", {**EDITOR, "company": "  "})
    assert view["errors"] == {"company": "Company name: this must not be empty."}
    assert "document" not in view["values"]
    assert view["focus"] == "orei-applications-company"
    # A mistake in the editor leaves the agenda in view.
    assert "agenda" in view["results"]


def test_live_errors_name_the_field_and_an_empty_company_is_not_one_yet():
    view = ask("update", {**EDITOR, "company": "", "recruiter_email": "sato at aoba"})
    assert set(view["errors"]) == {"recruiter_email"}
    assert "sato at aoba" in view["errors"]["recruiter_email"]
    view = ask("update", {**EDITOR, "timeline": "days", "timeline_n": "200"})
    assert set(view["errors"]) == {"timeline_n"}
    assert "1 to 90" in view["errors"]["timeline_n"]


def test_an_end_time_the_clocks_repeated_asks_the_calculators_question():
    repeated = {
        **EDITOR,
        "ended_date": "2026-11-01",
        "ended_time": "01:30",
        "tz": "America/New_York",
    }
    view = ask("update", repeated)
    assert "happened twice" in view["errors"]["ended_time"]
    assert 'name="ended_offset"' in view["results"]["ended-offset"]
    state, _ = saved(repeated, ended_offset="-05:00")
    (application,) = read_file(state["document"])
    assert application.interviews[0].ended.utcoffset() == dt.timedelta(hours=-5)


def test_edit_fills_the_editor_with_the_application_and_its_latest_interview():
    state, _ = saved()
    identifier = read_file(state["document"])[0].id
    view = ask("edit", {**state, "target": identifier})
    values = view["values"]
    assert (values["company"], values["editing"], values["interview"]) == (
        "株式会社アオバシステムズ",
        identifier,
        "0",
    )
    assert (values["ended_date"], values["ended_time"]) == ("2026-04-28", "15:00")
    assert view["focus"] == "orei-applications-company"
    assert "Interview 1" in view["results"]["interviews"]
    # Saving it changes it in place: still one application, with the new role.
    edited = after({**state, "target": identifier}, view)
    view = ask("save", {**edited, "role": "SRE"})
    (application,) = read_file(view["values"]["document"])
    assert (application.id, application.role, len(application.interviews)) == (identifier, "SRE", 1)


def test_an_interview_typed_for_a_new_application_goes_to_the_one_chosen_for_edit():
    state, _ = saved()
    identifier = read_file(state["document"])[0].id
    second = {**state, "ended_date": "2026-05-12", "ended_time": "11:00", "source": "calculator"}
    view = ask("edit", {**second, "target": identifier})
    assert view["values"]["interview"] == ""
    assert view["values"]["ended_date"] == "2026-05-12"
    view = ask("save", after(second, view))
    (application,) = read_file(view["values"]["document"])
    assert [i.date_in_japan for i in application.interviews] == [
        dt.date(2026, 4, 28),
        dt.date(2026, 5, 12),
    ]


def test_removing_an_interview_or_the_application_is_done_at_once_and_can_be_undone():
    state, _ = saved()
    identifier = read_file(state["document"])[0].id
    editing = after(state, ask("edit", {**state, "target": identifier}))
    view = ask("remove-interview", {**editing, "target": "0"})
    assert read_file(view["values"]["document"])[0].interviews == ()
    assert view["values"]["interview"] == ""
    view = ask("remove", editing)
    assert read_file(view["values"]["document"]) == ()
    undone = ask("undo", after(editing, view))
    assert undone["values"]["document"] == state["document"]


# Mark as sent, and the e-mail


def test_mark_as_sent_records_today_in_japan_and_moves_the_agenda_on():
    state, _ = saved()
    identifier = read_file(state["document"])[0].id
    view = ask("mark-sent", {**state, "target": identifier})
    (application,) = read_file(view["values"]["document"])
    assert application.interviews[0].thank_you_sent == dt.date(2026, 4, 28)
    assert "Wait for their answer" in view["results"]["agenda"]
    assert '<time datetime="2026-05-11">' in view["results"]["agenda"]
    assert view["focus"] == f"orei-app-{identifier}"
    # Nothing more to mark until the follow-up is due.
    again = ask("mark-sent", {**after(state, view), "target": identifier})
    assert "document" not in again["values"]


def test_write_the_email_hands_the_generator_the_steps_fields():
    state, _ = saved(
        recruiter_title="人事部 課長", department="人事部", round="first", format="online"
    )
    identifier = read_file(state["document"])[0].id
    view = ask("write-email", {**state, "target": f"{identifier} thank-you"}, lang="ja")
    link = urlsplit(view["navigate"])
    assert link.path == "../write-email/"
    assert dict(parse_qsl(link.fragment)) == {
        "template": "thank-you",
        "lang": "ja",
        "company": "株式会社アオバシステムズ",
        "job_title": "Backend engineer",
        "recipient_name": "佐藤",
        "recipient_title": "人事部 課長",
        "department": "人事部",
        "interview_date": "2026-04-28",
        "round": "first",
        "format": "online",
        "send_date": "2026-04-28",
    }


@pytest.mark.parametrize(
    ("now", "after_hours"),
    [
        (dt.datetime(2026, 4, 28, 8, 59, tzinfo=dt.UTC), False),  # 17:59 in Tokyo
        (dt.datetime(2026, 4, 28, 9, 0, tzinfo=dt.UTC), True),  # 18:00
        (dt.datetime(2026, 4, 28, 5, 0, tzinfo=dt.UTC), False),  # before the window: 15:00
    ],
)
def test_the_after_hours_line_is_asked_for_as_the_calculator_asks(now, after_hours):
    state, _ = saved(ended_time="13:00")
    identifier = read_file(state["document"])[0].id
    view = ask("write-email", {**state, "target": f"{identifier} thank-you"}, now=now)
    fields = parse_qs(urlsplit(view["navigate"]).fragment)
    assert ("after_hours" in fields) is after_hours


def test_an_offer_offers_its_three_mails_with_the_deadline():
    state, _ = saved({**EDITOR, "stage": "offer", "offer_deadline": "2026-05-08"})
    identifier = read_file(state["document"])[0].id
    agenda = ask("update", state)["results"]["agenda"]
    for template in ("offer-accept", "offer-decline", "deadline-extension"):
        assert f'value="{identifier} {template}"' in agenda
    view = ask("write-email", {**state, "target": f"{identifier} offer-decline"})
    fields = dict(parse_qsl(urlsplit(view["navigate"]).fragment))
    assert (fields["template"], fields["reply_deadline"]) == ("offer-decline", "2026-05-08")
    # A template that does not fit the step opens nothing.
    view = ask("write-email", {**state, "target": f"{identifier} thank-you"})
    assert view["navigate"] is None


def test_overdue_and_due_today_are_said_in_words():
    state, _ = saved()
    due = ask("update", state, now=dt.datetime(2026, 4, 29, 1, 0, tzinfo=dt.UTC))
    assert "Due today" in due["results"]["agenda"]
    late = ask("update", state, now=dt.datetime(2026, 4, 29, 7, 0, tzinfo=dt.UTC), lang="ja")
    assert "orei-step--overdue" in late["results"]["agenda"]
    assert "期限切れ" in late["results"]["agenda"]
    assert "期限切れ1件" in late["results"]["summary"]


def test_a_remembered_item_still_follows_the_clock_the_zone_and_the_language():
    state, _ = saved()
    agendas = [
        ask("update", state, now=now, lang=lang, tz=tz)["results"]["agenda"]
        for now, lang, tz in [
            (NOW, "en", "Asia/Tokyo"),
            (NOW + dt.timedelta(hours=2), "en", "Asia/Tokyo"),
            (NOW + dt.timedelta(hours=2), "en", "Europe/Paris"),
            (NOW + dt.timedelta(hours=2), "ja", "Europe/Paris"),
            (NOW, "en", "Asia/Tokyo"),
        ]
    ]
    # The time left to the deadline, the reader's clock, the language: each a new item.
    assert len(set(agendas[:4])) == 4
    assert agendas[4] == agendas[0]
    assert agendas[0] == ask("update", state)["results"]["agenda"]


def test_remembered_views_are_the_views_made_afresh(monkeypatch):
    state, _ = saved()
    marked = {**state, "target": read_file(state["document"])[0].id}
    later = NOW + dt.timedelta(days=20)
    asked = [("update", state, NOW), ("mark-sent", marked, NOW), ("update", state, later)]
    remembered = [ask(action, fields, now=now) for action, fields, now in asked]
    for (action, fields, now), view in zip(asked, remembered, strict=True):
        # The same request with nothing remembered: the same agenda and month tables.
        monkeypatch.setattr(agenda_month, "_TABLES", {})
        monkeypatch.setattr(applications_view, "_ITEMS", {})
        fresh = ask(action, fields, now=now)
        assert fresh["results"]["agenda"] == view["results"]["agenda"]
        assert fresh["results"]["month-view"] == view["results"]["month-view"]
    assert remembered[0]["results"]["month-view"] != remembered[1]["results"]["month-view"]


# Files


def test_import_into_an_empty_page_takes_the_file_and_export_gives_it_back():
    view = ask("import", {"document": ""}, upload=upload_of(DOCUMENT.encode()))
    assert view["errors"] == {}
    assert view["values"]["document"] == DOCUMENT
    state = after({"document": ""}, view)
    exported = ask("export-json", state)["download"]
    assert exported["text"] == DOCUMENT
    assert exported["filename"] == "orei-applications-2026-04-28.json"


def test_import_onto_applications_asks_and_adding_keeps_both():
    state, _ = saved()
    view = ask("import", state, upload=upload_of(DOCUMENT.encode(), "mine.json"))
    assert "document" not in view["values"]
    pending = after(state, view)
    assert "Applications in mine.json: 2; on this page: 1." in view["results"]["import"]
    added = ask("import-add", pending)
    assert len(read_file(added["values"]["document"])) == 3
    replaced = ask("import-replace", pending)
    assert replaced["values"]["document"] == DOCUMENT
    cancelled = ask("import-cancel", pending)
    assert cancelled["values"] == {"pending_import": "", "import_problem": ""}


TRUNCATED = DOCUMENT.encode()[: len(DOCUMENT.encode()) // 2]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b'{"format": "something-else", "version": 1, "applications": []}', "not an Orei"),
        (TRUNCATED, "not valid JSON"),
        (DOCUMENT.encode()[:-1] + "\u00e9".encode()[:1], "cut short"),
        (b"[" * 100_000, "nested more than 20 deep"),
        ("応募".encode("shift_jis"), "not UTF-8"),
        (DOCUMENT.replace('"warm0002"', '"warm0001"').encode(), "Application 2, its id"),
        (DOCUMENT.replace('"first-interview"', '"lunch"').encode(), "Application 1, stage"),
    ],
    ids=["format", "truncated", "cut-character", "nested", "encoding", "duplicate-id", "stage"],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(data, says):
    state, _ = saved()
    view = ask("import", state, upload=upload_of(data))
    assert says in view["errors"]["import"]
    assert view["errors"]["import"].startswith("Nothing was imported, and nothing changed.")
    assert "document" not in view["values"]
    assert "pending_import" not in view["values"]
    assert view["focus"] == "orei-applications-import"


def test_a_refused_file_stays_explained_while_the_reader_types_until_a_file_is_taken():
    state, _ = saved()
    refused = after(state, ask("import", state, upload=upload_of(TRUNCATED)))
    typing = ask("", {**refused, "company": "株式会社ミナト"})
    assert "not valid JSON" in typing["errors"]["import"]
    assert typing["focus"] is None
    taken = ask(
        "import", typing_state := {**refused, "company": ""}, upload=upload_of(DOCUMENT.encode())
    )
    assert "import" not in taken["errors"]
    assert "import" not in ask("", after(typing_state, taken))["errors"]


def test_a_file_over_the_limit_is_refused_unread():
    view = ask("import", {}, upload={"name": "huge.json", "size": 6_000_000, "base64": None})
    assert "over 5 MB" in view["errors"]["import"]


def test_csv_and_ics_exports_are_the_applications_exports():
    state, _ = saved()
    csv_text = ask("export-csv", state, lang="ja")["download"]["text"]
    assert csv_text.startswith("\ufeff")
    assert "会社名" in csv_text.splitlines()[0]
    ics = ask("export-ics", state)["download"]
    events = list(icalendar.Calendar.from_ical(ics["text"]).walk("VEVENT"))
    identifier = read_file(state["document"])[0].id
    assert {str(event["UID"]) for event in events} == {
        f"application-{identifier}-interview-0-thank-you@orei.invalid",
        f"application-{identifier}-interview-0-follow-up@orei.invalid",
    }


# What the browser keeps


def test_a_document_that_cannot_be_read_is_never_replaced_until_discarded():
    broken = '{"format": "orei-applications", "version": 1, "applications": ['
    state = {**EDITOR, "document": broken, "keep": "on"}
    view = ask("update", state)
    assert "cannot be read" in view["results"]["storage-problem"]
    assert view["attrs"]["download-stored"] == {"hidden": None}
    assert not view["enabled"]["keep"]
    assert not view["enabled"]["save"]
    assert not view["enabled"]["import"]
    for action in ("save", "import", "mark-sent", "import-replace"):
        refused = ask(
            action,
            {**state, "pending_import": f"x\n{DOCUMENT}"},
            upload=upload_of(DOCUMENT.encode()),
        )
        assert "document" not in refused["values"], action
    discarded = ask("discard-stored", state)
    assert discarded["values"]["document"] == ""
    # Undo brings the stored text back exactly as it was.
    restored = ask("undo", after(state, discarded))
    assert restored["values"]["document"] == broken


def test_a_newer_versions_file_is_said_to_be_from_a_newer_orei():
    newer = DOCUMENT.replace('"version": 1', '"version": 2')
    view = ask("update", {"document": newer}, lang="ja")
    assert "より新しいOreiで書き出された形式（バージョン2）" in view["results"]["storage-problem"]


def test_an_undo_after_another_change_is_refused_rather_than_losing_it():
    state, _ = saved()
    other_tab = ask("import", {"document": ""}, upload=upload_of(DOCUMENT.encode()))
    stale = {**state, "document": other_tab["values"]["document"]}
    view = ask("undo", stale)
    assert "document" not in view["values"]
    assert "can no longer be undone" in view["results"]["notice"]
    assert 'data-action="undo"' not in ask("update", stale)["results"]["notice"]


def test_delete_everything_empties_the_page_and_forgets_what_python_read():
    state, _ = saved()
    assert reading._READ
    view = ask("delete-everything", state)
    assert len(reading._READ) == 0
    assert plans._plan.cache_info().currsize == 0
    assert widget._last is not None
    assert widget._last.text == ""  # the empty page, read again
    assert view["values"]["document"] == ""
    assert view["values"]["undo"] == ""
    assert "No applications yet" in view["results"]["agenda"]


# The worksheet's ticks


def test_ticks_from_the_worksheet_are_kept_with_the_interview_chosen():
    state, _ = saved()
    identifier = read_file(state["document"])[0].id
    brought = {**state, "worksheet": "facts-1+improve-3+nonsense-2+facts-1"}
    panel = ask("update", brought)["results"]["worksheet"]
    assert "2 ticked questions" in panel
    assert f'value="{identifier}/0"' in panel
    view = ask("keep-worksheet", {**brought, "worksheet_target": f"{identifier}/0"})
    (application,) = read_file(view["values"]["document"])
    assert application.interviews[0].reflection["worksheet"] == "facts-1 improve-3"
    assert view["values"]["worksheet"] == ""


def test_reflection_notes_are_kept_with_the_interview_and_other_answers_stay():
    state, _ = saved(reflection_facts="Interviewed by Sato and Tanaka.\nThree questions.")
    (application,) = read_file(state["document"])
    assert application.interviews[0].reflection == {
        "facts": "Interviewed by Sato and Tanaka.\nThree questions."
    }


# The calculator's fields, both ways


zones = st.sampled_from(["Asia/Tokyo", "America/New_York", "Europe/London", "Asia/Kathmandu"])
calculator_states = st.fixed_dictionaries(
    {
        "ended_date": st.dates(dt.date(2001, 1, 1), dt.date(2098, 6, 30)).map(dt.date.isoformat),
        "ended_time": st.sampled_from(
            ["00:30", "01:30", "08:00", "15:00", "17:30", "19:01", "23:59"]
        ),
        "tz": zones,
        "ended_offset": st.sampled_from(["", "-04:00", "-05:00", "+00:00", "+01:00"]),
        "timeline": st.sampled_from(["none", "days", "weeks", "business_days"]),
        "timeline_n": st.integers(1, 12).map(str),
        "buffer": st.integers(1, 10).map(str),
        "closures": st.sets(st.sampled_from(["new-year", "obon"])).map(sorted),
        "closed_dates": st.sampled_from(["", "2026-05-01", "2030-01-07, 2030-01-08"]),
    }
)


@settings(max_examples=150, deadline=None)
@given(calculator_states)
def test_save_to_my_applications_keeps_the_calculators_plan(state):
    request = {
        "widget": "follow-up",
        "action": "save-application",
        "state": state,
        "context": {"now": NOW.timestamp() * 1000, "lang": "en", "tz": "UTC", "links": {}},
    }
    view = json.loads(dispatch(json.dumps(request)))
    if view["errors"]:
        return  # the calculator refused the form (a time that never was, a repeated one unchosen)
    link = urlsplit(view["navigate"])
    assert link.path == "../applications/"
    fields = {}
    for name, value in parse_qsl(link.fragment, keep_blank_values=True):
        fields.setdefault(name, []).append(value)
    editor = {name: values if name == "closures" else values[0] for name, values in fields.items()}
    editor["closures"] = [key for key in editor["closures"] if key]
    assert editor.pop("source") == "calculator"
    interview = read_interview(editor)
    calculator = make_plan(
        state["ended_date"],
        state["ended_time"],
        state["tz"],
        ended_offset=state["ended_offset"],
        timeline=state["timeline"],
        timeline_n=state["timeline_n"],
        buffer=state["buffer"],
        closures=state["closures"] or ["none"],
        closed_dates=state["closed_dates"],
    )
    plan = interview_plan(interview, "saved")
    assert plan.ended == calculator.ended
    assert plan.thank_you == calculator.thank_you
    assert (plan.follow_up.earliest, plan.follow_up.latest) == (
        calculator.follow_up.earliest,
        calculator.follow_up.latest,
    )


interviews = st.builds(
    lambda moment, zone, timeline, buffer, closures, sent: Interview(
        ended=moment.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(zone)),
        tz=zone,
        timeline=parse_timeline(timeline),
        buffer=buffer,
        closures=frozenset(closures),
        closed_dates=frozenset({dt.date(2031, 5, 2)}),
        thank_you_sent=sent,
        round="second",
        format="online",
        reflection={"fit": "Good team.", "worksheet": "fit-1"},
    ),
    st.datetimes(dt.datetime(2001, 1, 1), dt.datetime(2098, 6, 1)).map(
        lambda moment: moment.replace(second=0, microsecond=0)
    ),
    zones,
    st.sampled_from(["none", "7d", "2w", "5bd"]),
    st.integers(1, 10),
    st.sets(st.sampled_from(["new-year", "obon"])),
    st.none() | st.dates(dt.date(2001, 1, 1), dt.date(2099, 1, 1)),
)


@settings(max_examples=200, deadline=None)
@given(interviews)
def test_an_interview_written_into_the_fields_reads_back_the_same(interview):
    fields = interview_values(interview)
    again = read_interview(fields, base=interview)
    assert again == interview
    assert write_file([]) == write_file([])  # and the file format's own round trip holds


def test_readable_places_in_a_file():
    assert readable_field("applications[3].interviews[0].ended", "en") == (
        "Application 4, interview 1, when it ended"
    )
    assert readable_field("applications[0].recruiter_email", "ja") == (
        "1件目の応募の採用担当者のメールアドレス"
    )
    assert readable_field("file", "en") == "The file"
