import datetime as dt

import pytest

from orei.applications.agenda import build_agenda, next_step
from orei.applications.changes import interview_from_plan, mark_sent
from orei.applications.file_format import document, read_document
from orei.applications.plans import interview_plan
from orei.plan import make_plan

D = dt.date


def applications(*items):
    return read_document({"format": "orei-applications", "version": 1, "applications": list(items)})


def app(identifier, interviews, stage="first-interview"):
    return {"id": identifier, "company": identifier.title(), "role": "", "stage": stage,
            "interviews": interviews}  # fmt: skip


TWO_WEEKS = {"ended": "2026-04-28T15:00+09:00", "timeline": "2w"}


def test_marking_mails_as_sent_moves_the_agenda_on():
    items = applications(app("kite", []), app("aoba", [TWO_WEEKS]))
    today = D(2026, 4, 28)
    step = next_step(items[1], 1, today)
    assert step.action == "send-thank-you"
    after_thanks = mark_sent(items, step, today)
    assert after_thanks[0] is items[0]
    assert after_thanks[1].interviews[0].thank_you_sent == today
    assert items[1].interviews[0].thank_you_sent is None  # the old list is unchanged
    waiting = next_step(after_thanks[1], 1, today)
    assert (waiting.action, waiting.until) == ("wait", D(2026, 5, 15))
    follow = next_step(after_thanks[1], 1, D(2026, 5, 15))
    after_follow = mark_sent(after_thanks, follow, D(2026, 5, 15))
    done = next_step(after_follow[1], 1, D(2026, 5, 16))
    assert (done.action, done.start, done.until) == ("wait", D(2026, 5, 15), None)
    # what the widget stores reads back the same
    assert applications(*document(after_follow)["applications"]) == after_follow


@pytest.mark.parametrize(
    ("stage", "interviews"), [("applied", []), ("rejected", [TWO_WEEKS]), ("offer", [TWO_WEEKS])]
)
def test_only_a_mail_can_be_marked_as_sent(stage, interviews):
    items = applications(app("aoba", interviews, stage=stage))
    (step,) = build_agenda(items, D(2026, 4, 28))
    with pytest.raises(ValueError, match="sends no"):
        mark_sent(items, step, D(2026, 4, 28))


@pytest.mark.parametrize(
    ("fields", "tz", "ended"),
    [
        (
            {"ended_date": "2026-04-28", "ended_time": "15:00"},
            "Asia/Tokyo",
            "2026-04-28T15:00+09:00",
        ),
        (
            {
                "ended_date": "2026-09-18",
                "ended_time": "11:10",
                "tz": "Europe/London",
                "timeline": "5bd",
                "buffer": "2",
                "closures": "new-year,obon",
                "closed_dates": "2026-10-02",
            },
            "Europe/London",
            "2026-09-18T11:10+01:00",
        ),
    ],
)
def test_saving_the_calculators_plan_keeps_its_plan(fields, tz, ended):
    plan = make_plan(**fields)
    interview = interview_from_plan(plan, tz)
    stored = {"id": "new", "company": "Aoba", "role": "", "stage": "first-interview",
              "interviews": [interview.to_json_dict()]}  # fmt: skip
    (found,) = applications(stored)
    assert found.interviews[0] == interview
    assert found.interviews[0].to_json_dict()["ended"] == ended
    again = interview_plan(found.interviews[0], "applications[0].interviews[0]")
    assert again.to_json_dict() == plan.to_json_dict()
