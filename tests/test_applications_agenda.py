import datetime as dt

import pytest
from calculator_plans import calculator_plan
from hypothesis import event, given, settings
from hypothesis import strategies as st

from orei.applications.agenda import build_agenda, next_step, pending_steps
from orei.applications.agenda_text import agenda_lines, step_sentence
from orei.applications.file_format import read_document
from orei.applications.handoff import email_handoffs
from orei.applications.model import FORMATS, ROUNDS, STAGES
from orei.dates import JAPAN, iso_time
from orei.email_templates import CHOICES

D = dt.date
# These tables use stated timelines and interviews ending at 15:00, whose dates the
# planner gives as: thank-you from 15:00 to 18:00, deadline 15:00 the next day; a
# stated period, then the buffer's business days (earliest), then two more (latest).
# 2w after Tue 28 Apr 2026 ends Tue 12 May: earliest Fri 15 May, latest Tue 19 May.
TWO_WEEKS = {"ended": "2026-04-28T15:00+09:00", "timeline": "2w"}


def applications(*items):
    document = {"format": "orei-applications", "version": 1, "applications": list(items)}
    return read_document(document)


def application(interviews=(), stage="first-interview", **more):
    return {"id": "aoba", "company": "Aoba", "role": "Designer", "stage": stage} | {
        "interviews": list(interviews),
        **more,
    }


def step_of(item, today):
    (found,) = applications(item)
    step = next_step(found, 0, today)
    return step.action, step.to_json_dict()["from"], step.to_json_dict()["until"], step.overdue


THANKS = ("send-thank-you", "2026-04-28T15:00+09:00", "2026-04-29T15:00+09:00")
SENT = {**TWO_WEEKS, "thank_you_sent": "2026-04-28"}
FOLLOWED_UP_EARLY = {**TWO_WEEKS, "follow_up_sent": "2026-05-18"}  # no thank-you recorded
LONDON = {"ended": "2026-04-28T07:00+01:00", "tz": "Europe/London", "timeline": "2w"}
# 5 business days across Golden Week end on Mon 11 May: earliest Thu 14, latest Mon 18.
GOLDEN_WEEK = {"ended": "2026-04-28T15:00+09:00", "timeline": "5bd", "thank_you_sent": "2026-04-28"}
# 10 days from Christmas Eve end on 3 Jan, inside the New Year closure.
NEW_YEAR = {"ended": "2026-12-24T15:00+09:00", "timeline": "10d", "thank_you_sent": "2026-12-24"}
# 1 week from Mon 3 Aug ends Mon 10 Aug; the 11th is Mountain Day, 13-16 Aug the Obon closure.
OBON = {"ended": "2026-08-03T15:00+09:00", "timeline": "1w", "thank_you_sent": "2026-08-03"}
# A stated date, a buffer of 1 and a day the company said it is closed.
STATED = {
    "ended": "2026-06-01T15:00+09:00",
    "timeline": "2026-06-10",
    "buffer": 1,
    "closed_dates": ["2026-06-11"],
    "thank_you_sent": "2026-06-01",
}

AGENDA = [
    # the thank-you, until its deadline, then overdue until the follow-up window opens
    (TWO_WEEKS, D(2026, 4, 27), (*THANKS, False)),
    (TWO_WEEKS, D(2026, 4, 28), (*THANKS, False)),
    (TWO_WEEKS, D(2026, 4, 29), (*THANKS, False)),
    (TWO_WEEKS, D(2026, 4, 30), (*THANKS, True)),
    (TWO_WEEKS, D(2026, 5, 14), (*THANKS, True)),
    (LONDON, D(2026, 4, 28), (*THANKS, False)),  # the same instant in London time
    # from the first follow-up day, the follow-up replaces an unsent thank-you
    (TWO_WEEKS, D(2026, 5, 15), ("follow-up", "2026-05-15", "2026-05-19", False)),
    # thank-you sent: wait, then follow up, overdue after the latest day
    (SENT, D(2026, 4, 28), ("wait", "2026-04-28", "2026-05-15", False)),
    (SENT, D(2026, 5, 14), ("wait", "2026-04-28", "2026-05-15", False)),
    (SENT, D(2026, 5, 15), ("follow-up", "2026-05-15", "2026-05-19", False)),
    (SENT, D(2026, 5, 19), ("follow-up", "2026-05-15", "2026-05-19", False)),
    (SENT, D(2026, 5, 20), ("follow-up", "2026-05-15", "2026-05-19", True)),
    # follow-up sent: wait for the answer, with no date
    ({**SENT, "follow_up_sent": "2026-05-18"}, D(2026, 6, 30), ("wait", "2026-05-18", None, False)),
    (FOLLOWED_UP_EARLY, D(2026, 5, 1), ("wait", "2026-05-18", None, False)),
    # holidays and closures on the way
    (GOLDEN_WEEK, D(2026, 5, 1), ("wait", "2026-04-28", "2026-05-14", False)),
    (GOLDEN_WEEK, D(2026, 5, 18), ("follow-up", "2026-05-14", "2026-05-18", False)),
    (NEW_YEAR, D(2027, 1, 6), ("follow-up", "2027-01-06", "2027-01-08", False)),
    ({**OBON, "closures": ["obon"]}, D(2026, 8, 10), ("wait", "2026-08-03", "2026-08-18", False)),
    ({**OBON, "closures": []}, D(2026, 8, 10), ("wait", "2026-08-03", "2026-08-14", False)),
    (STATED, D(2026, 6, 12), ("follow-up", "2026-06-12", "2026-06-16", False)),
]  # fmt: skip


@pytest.mark.parametrize(("interview", "today", "expected"), AGENDA)
def test_next_step_on_the_day(interview, today, expected):
    assert step_of(application([interview]), today) == expected


@pytest.mark.parametrize(
    ("moment", "overdue"),
    [
        (dt.datetime(2026, 4, 29, 14, 59, tzinfo=JAPAN), False),
        (dt.datetime(2026, 4, 29, 15, 0, tzinfo=JAPAN), False),
        (dt.datetime(2026, 4, 29, 15, 1, tzinfo=JAPAN), True),
        (dt.datetime(2026, 4, 29, 6, 1, tzinfo=dt.UTC), True),  # 15:01 in Japan
    ],
)
def test_a_time_makes_the_thank_you_deadline_exact(moment, overdue):
    assert step_of(application([TWO_WEEKS]), moment) == (
        "send-thank-you",
        "2026-04-28T15:00+09:00",
        "2026-04-29T15:00+09:00",
        overdue,
    )


def test_a_naive_time_is_a_programming_error():
    (found,) = applications(application([TWO_WEEKS]))
    with pytest.raises(ValueError, match="aware"):
        next_step(found, 0, dt.datetime(2026, 4, 29, 15, 1))


OFFER = application([TWO_WEEKS], stage="offer", offer_deadline="2026-06-01")
STAGE_STEPS = [
    (OFFER, D(2026, 6, 1), ("reply-to-offer", None, "2026-06-01", False)),
    (OFFER, D(2026, 6, 2), ("reply-to-offer", None, "2026-06-01", True)),
    (application([], stage="offer"), D(2026, 6, 2), ("reply-to-offer", None, None, False)),
    (application([], stage="applied"), D(2026, 6, 2), ("wait", None, None, False)),
    (application([], stage="screening"), D(2026, 6, 2), ("wait", None, None, False)),
    (application([], stage="second-interview"), D(2026, 6, 2), ("wait", None, None, False)),
    *(
        ({**OFFER, "stage": stage}, D(2026, 4, 28), ("closed", None, None, False))
        for stage in ("accepted", "declined", "rejected", "withdrawn")
    ),
]  # fmt: skip


@pytest.mark.parametrize(("item", "today", "expected"), STAGE_STEPS)
def test_stages_that_decide_the_step(item, today, expected):
    assert step_of(item, today) == expected


def test_the_interview_that_ended_last_decides_whatever_its_place_in_the_list():
    second = {"ended": "2026-05-20T15:00+09:00", "timeline": "1w"}
    first = {**TWO_WEEKS, "thank_you_sent": "2026-04-28", "follow_up_sent": "2026-05-15"}
    for order in ([first, second], [second, first]):
        (found,) = applications(application(order, stage="second-interview"))
        step = next_step(found, 0, D(2026, 5, 21))
        assert step.action == "send-thank-you"
        assert found.interviews[step.interview].ended.day == 20


def test_pending_steps_are_every_step_still_to_do():
    (found,) = applications(application([TWO_WEEKS]))
    assert [s.action for s in pending_steps(found, 0, D(2026, 4, 28))] == [
        "send-thank-you",
        "follow-up",
    ]
    assert [s.action for s in pending_steps(found, 0, D(2026, 5, 15))] == ["follow-up"]


def app(identifier, company, interviews=(), **more):
    return application(interviews, **more) | {"id": identifier, "company": company}


def test_the_agenda_is_most_urgent_first():
    items = applications(
        app("closed", "Aaa", stage="rejected"),
        app("open-wait", "Bbb", stage="applied"),
        app("dated-wait", "Ccc", [{**TWO_WEEKS, "thank_you_sent": "2026-04-28"}]),
        app("offer", "Ddd", stage="offer", offer_deadline="2026-05-08"),
        app("thanks", "Eee", [{"ended": "2026-05-07T15:00+09:00", "timeline": "2w"}]),
        app("thanks-overdue", "Fff", [{"ended": "2026-05-01T15:00+09:00", "timeline": "2w"}]),
        app("follow-overdue", "Ggg", [{"ended": "2026-04-01T15:00+09:00", "timeline": "1w"}]),
        app("offer-no-date", "Hhh", stage="offer"),
        app("thanks-2", "eee", [{"ended": "2026-05-07T15:00+09:00", "timeline": "2w"}]),
    )
    steps = build_agenda(items, D(2026, 5, 7))
    assert [s.application.id for s in steps] == [
        "follow-overdue",  # overdue since 2026-04-14
        "thanks-overdue",  # overdue since 2026-05-02 15:00
        "thanks",  # due 2026-05-08 15:00; the same company name in lower case after
        "thanks-2",
        "offer",  # due by the end of 2026-05-08
        "offer-no-date",  # to do, no date
        "dated-wait",  # until 2026-05-15
        "open-wait",
        "closed",
    ]
    assert [s.position for s in steps][:2] == [6, 5]
    assert steps[0].path == "applications[6]"


def test_the_agenda_of_nothing_is_empty():
    assert build_agenda((), D(2026, 5, 7)) == ()


# The property: whatever the application, the agenda's dates are the planner's.

offsets = st.integers(-11, 13)
ended_times = st.builds(
    lambda day, minutes, offset: (
        dt.datetime.combine(day, dt.time(0), dt.timezone(dt.timedelta(hours=offset)))
        + dt.timedelta(minutes=minutes)
    ),
    st.dates(D(2001, 1, 1), D(2098, 6, 30)),
    st.integers(0, 24 * 60 - 1),
    offsets,
)


def fixed_zone(ended):
    """The IANA zone that is always at `ended`'s offset (POSIX signs: Etc/GMT-9 is +09:00)."""
    hours = int(ended.utcoffset().total_seconds()) // 3600
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"


timelines = st.one_of(
    st.just("none"),
    st.integers(1, 90).map("{}d".format),
    st.integers(1, 12).map("{}w".format),
    st.integers(1, 60).map("{}bd".format),
)
sent_days = st.dates(D(2001, 1, 1), D(2099, 1, 1)).map(D.isoformat)
interviews = st.fixed_dictionaries(
    {
        "ended": ended_times,
        "timeline": timelines,
        "buffer": st.integers(1, 10),
        "closures": st.sets(st.sampled_from(["new-year", "obon"])).map(sorted),
        "closed_dates": st.lists(st.dates(D(2001, 1, 1), D(2098, 12, 31)), max_size=3).map(
            lambda days: [day.isoformat() for day in days]
        ),
        "thank_you_sent": st.one_of(st.none(), sent_days),
        "follow_up_sent": st.one_of(st.none(), st.none(), st.none(), sent_days),
    }
)
random_applications = st.lists(
    st.fixed_dictionaries(
        {
            "company": st.text(
                st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=5
            ).filter(str.strip),
            "role": st.just(""),
            # Open interview stages most of the time: the steps that follow interviews.
            "stage": st.one_of(st.just("second-interview"), st.sampled_from(STAGES)),
            "interviews": st.lists(interviews, max_size=3),
        },
        optional={"offer_deadline": st.dates(D(2001, 1, 1), D(2099, 1, 1)).map(D.isoformat)},
    ),
    max_size=6,
)


@settings(max_examples=200)
@given(random_applications, st.dates(D(2001, 1, 1), D(2099, 1, 1)), st.integers(-3, 120))
def test_the_agendas_dates_are_the_planners(items, any_day, days_after):
    # Most days are near an interview, where the steps change.
    ended = [i["ended"] for item in items for i in item["interviews"]]
    today = any_day
    if ended and days_after % 4:
        first = ended[0].astimezone(JAPAN).date()
        today = first + dt.timedelta(days=days_after)
    for number, item in enumerate(items):
        item["id"] = f"a{number}"
        for interview in item["interviews"]:
            interview["tz"] = fixed_zone(interview["ended"])
            interview["ended"] = iso_time(interview["ended"])
    for step in build_agenda(applications(*items), today):
        event(step.action)
        raw = items[step.position]
        if raw["stage"] in ("accepted", "declined", "rejected", "withdrawn"):
            assert step.action == "closed"
            continue
        if raw["stage"] == "offer":
            assert (step.action, step.until) == (
                "reply-to-offer",
                D.fromisoformat(raw["offer_deadline"]) if "offer_deadline" in raw else None,
            )
            continue
        if not raw["interviews"]:
            assert (step.action, step.start, step.until) == ("wait", None, None)
            continue
        interview = raw["interviews"][step.interview]
        assert step.interview == max(
            range(len(raw["interviews"])),
            key=lambda i: (dt.datetime.fromisoformat(raw["interviews"][i]["ended"]), i),
        )
        plan = calculator_plan(interview)
        earliest, latest = plan.follow_up.earliest, plan.follow_up.latest
        thank_you = plan.thank_you
        if interview["follow_up_sent"] is not None:
            assert step.action == "wait"
            assert step.until is None
        elif today >= earliest:
            assert (step.action, step.start, step.until) == ("follow-up", earliest, latest)
            assert step.overdue == (today > latest)
        elif interview["thank_you_sent"] is not None:
            assert (step.action, step.until) == ("wait", earliest)
        else:
            assert step.action == "send-thank-you"
            assert (step.start, step.until) == (thank_you.send_from, thank_you.deadline)
            assert step.overdue == (thank_you.deadline.date() < today)


# Handing the step over to the e-mail generator


def test_the_thank_you_handoff():
    item = application(
        [{**TWO_WEEKS, "round": "first", "format": "online"}],
        recruiter_name="Sato",
        recruiter_title="Head of Talent",
        department="People",
    )
    (found,) = applications(item)
    step = next_step(found, 0, D(2026, 4, 28))
    (handoff,) = email_handoffs(step, D(2026, 4, 28))
    assert handoff.to_json_dict() == {
        "template": "thank-you",
        "fields": {
            "company": "Aoba",
            "job_title": "Designer",
            "recipient_name": "Sato",
            "recipient_title": "Head of Talent",
            "department": "People",
            "send_date": "2026-04-28",
            "interview_date": "2026-04-28",
            "round": "first",
            "format": "online",
        },
    }


def test_blank_values_are_left_to_the_generator():
    (found,) = applications(application([{"ended": "2026-04-28T18:30+09:00"}]))
    step = next_step(found, 0, D(2026, 4, 28))
    (handoff,) = email_handoffs(step, D(2026, 4, 28))
    assert set(handoff.fields) == {"company", "job_title", "send_date", "interview_date"}


def test_the_follow_up_handoff_is_dated_on_its_first_day_or_today():
    (found,) = applications(application([{**TWO_WEEKS, "thank_you_sent": "2026-04-28"}]))
    step = next_step(found, 0, D(2026, 5, 18))
    (handoff,) = email_handoffs(step, D(2026, 5, 18))
    assert (handoff.template, handoff.fields["send_date"]) == ("follow-up", "2026-05-18")
    assert handoff.fields["interview_date"] == "2026-04-28"
    (early,) = email_handoffs(pending_steps(found, 0, D(2026, 5, 1))[0], D(2026, 5, 1))
    assert early.fields["send_date"] == "2026-05-15"


def test_an_offer_offers_three_mails_and_waiting_offers_none():
    (offer, waiting, closed) = applications(
        app("o", "Aoba", stage="offer", offer_deadline="2026-06-01"),
        app("w", "Kite", stage="applied"),
        app("c", "Mori", stage="withdrawn"),
    )
    handoffs = email_handoffs(next_step(offer, 0, D(2026, 5, 20)), D(2026, 5, 20))
    assert [h.template for h in handoffs] == ["offer-accept", "offer-decline", "deadline-extension"]
    assert handoffs[0].fields == {
        "company": "Aoba",
        "job_title": "Designer",
        "send_date": "2026-05-20",
        "reply_deadline": "2026-06-01",
    }
    assert handoffs[2].fields == handoffs[0].fields
    assert email_handoffs(next_step(waiting, 1, D(2026, 5, 20)), D(2026, 5, 20)) == ()
    assert email_handoffs(next_step(closed, 2, D(2026, 5, 20)), D(2026, 5, 20)) == ()


def test_rounds_and_formats_are_values_the_generator_takes():
    assert set(ROUNDS) <= set(CHOICES["round"])
    assert set(FORMATS) <= set(CHOICES["format"])


# The agenda as text


def test_agenda_lines_in_english_and_japanese():
    items = applications(
        app("a", "Aoba", [{**TWO_WEEKS, "thank_you_sent": "2026-04-28"}]),
        app("k", "Kite", [{"ended": "2026-05-01T15:00+09:00", "timeline": "2w"}], role=""),
        app("m", "森商事株式会社", stage="offer", offer_deadline="2026-05-15", role="営業"),
    )
    today = D(2026, 5, 7)
    steps = build_agenda(items, today)
    assert agenda_lines(steps, today, "en") == [
        "Your applications on Thu 2026-05-07:",
        "",
        "OVERDUE: Send the thank-you email to Kite on Fri 2026-05-01, between 15:00 and 18:00 "
        "Japan time; the deadline is Sat 2026-05-02 15:00 JST.",
        "Answer the offer from 森商事株式会社 (営業) by Fri 2026-05-15.",
        "Wait to hear from Aoba (Designer); if nothing comes, follow up from Fri 2026-05-15.",
    ]
    assert agenda_lines(steps, today, "ja") == [
        "2026年5月7日（木）時点の応募状況：",
        "",
        "【期限切れ】Kiteへのお礼メールを、2026年5月1日（金）の15:00から18:00（日本時間）までに"
        "送りましょう。期限は2026年5月2日（土）15:00 JSTです。",
        "森商事株式会社（営業）の内定に、2026年5月15日（金）までに返事をしましょう。",
        "Aoba（Designer）からの連絡を待ちましょう。連絡がなければ、2026年5月15日（金）以降に"
        "選考状況を問い合わせられます。",
    ]


@pytest.mark.parametrize(
    ("item", "english", "japanese"),
    [
        (
            app("a", "Aoba", [{**TWO_WEEKS, "thank_you_sent": "2026-04-28"}]),
            "Follow up with Aoba (Designer) no earlier than Fri 2026-05-15 and no later than "
            "Tue 2026-05-19.",
            "Aoba（Designer）への選考状況の問い合わせは、2026年5月15日（金）以降、"
            "2026年5月19日（火）までに送りましょう。",
        ),
        (
            app("a", "Aoba", stage="offer"),
            "Answer the offer from Aoba (Designer); no deadline is recorded.",
            "Aoba（Designer）の内定に返事をしましょう。回答期限は記録されていません。",
        ),
        (
            app("a", "Aoba", stage="applied"),
            "Wait to hear from Aoba (Designer).",
            "Aoba（Designer）からの連絡を待ちましょう。",
        ),
        (
            app("a", "Aoba", stage="declined"),
            "Aoba (Designer): closed (Offer declined).",
            "Aoba（Designer）：終了（内定辞退）",
        ),
    ],
)
def test_step_sentences(item, english, japanese):
    (found,) = applications(item)
    step = next_step(found, 0, D(2026, 5, 15))
    assert (step_sentence(step, "en"), step_sentence(step, "ja")) == (english, japanese)


def test_no_applications_says_so():
    assert agenda_lines((), D(2026, 5, 7), "ja") == ["このファイルには応募が一件もありません。"]
