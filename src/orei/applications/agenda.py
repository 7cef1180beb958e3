"""Each application's next step on a given day, from each interview's plan.

The dates come from `orei.plan` for the application's latest interview (the one that
ended last); this module only decides which of them applies on `today`:

* accepted, declined, rejected or withdrawn: `closed`;
* an offer: `reply-to-offer`, until its answer deadline (if one is recorded);
* no interview yet: `wait`, with no date;
* thank-you not sent, before the first follow-up day (and no follow-up sent):
  `send-thank-you`, from the window's start until the thank-you deadline;
* thank-you sent, before the first follow-up day: `wait` until that day;
* from the first follow-up day, follow-up not sent: `follow-up`, from the earliest to
  the latest day (an unsent thank-you no longer applies: the follow-up replaces it);
* follow-up sent: `wait` for the company's answer, with no date.

A step is overdue once its last moment has passed: the thank-you's deadline, the
latest follow-up day, the offer's deadline. `today` is a date in Japan, or an aware
time, which makes the thank-you's deadline exact to the minute; with a date alone a
thank-you is overdue from the day after its deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from orei.applications.model import Application
from orei.applications.plans import interview_plan
from orei.dates import JAPAN
from orei.plan import Plan, iso_time

Action = Literal["send-thank-you", "wait", "follow-up", "reply-to-offer", "closed"]
ACTIONS: tuple[Action, ...] = ("send-thank-you", "wait", "follow-up", "reply-to-offer", "closed")
_TO_DO: frozenset[Action] = frozenset({"send-thank-you", "follow-up", "reply-to-offer"})


@dataclass(frozen=True)
class Step:
    """What to do next for one application.

    Attributes:
        application: The application.
        position: Its index in the list it came from (its path is `applications[N]`).
        action: `send-thank-you`, `wait`, `follow-up`, `reply-to-offer` or `closed`.
        start: From when: a time (aware, Japan) or a date; None when open-ended.
        until: Until when: a time (aware, Japan) or a date; None when open-ended.
        overdue: Whether `until` has passed and the step is still to do.
        interview: The index of the interview the step follows, or None.
        plan: That interview's plan, or None.
    """

    application: Application
    position: int
    action: Action
    start: dt.date | None = None
    until: dt.date | None = None
    overdue: bool = False
    interview: int | None = None
    plan: Plan | None = None

    @property
    def path(self) -> str:
        """The application's JSON path, `applications[N]`."""
        return f"applications[{self.position}]"

    def to_json_dict(self) -> dict[str, Any]:
        """`{"id", "company", "action", "from", "until", "overdue"}`, times with their offset."""
        return {
            "id": self.application.id,
            "company": self.application.company,
            "action": self.action,
            "from": iso_value(self.start),
            "until": iso_value(self.until),
            "overdue": self.overdue,
        }


def iso_value(value: dt.date | None) -> str | None:
    """A time as ISO 8601 with its offset, a date as `YYYY-MM-DD`, or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return iso_time(value)
    return value.isoformat()


def japan_day_and_moment(today: dt.date) -> tuple[dt.date, dt.datetime]:
    """`today` as a date in Japan and a moment: a date's moment is its start in Japan.

    Raises:
        ValueError: For a naive time (a programming error, not bad input).
    """
    if isinstance(today, dt.datetime):
        if today.tzinfo is None:
            raise ValueError("today must be a date or an aware datetime")
        moment = today.astimezone(JAPAN)
        return moment.date(), moment
    return today, dt.datetime.combine(today, dt.time(0), tzinfo=JAPAN)


def pending_steps(application: Application, position: int, today: dt.date) -> tuple[Step, ...]:
    """The steps still to take for an open application, in the order they fall due.

    The thank-you is left out from the first follow-up day on; overdue steps are kept,
    marked. Closed applications and those whose follow-up was sent have none.
    """
    return _pending(application, position, *japan_day_and_moment(today))


def _pending(
    application: Application, position: int, day: dt.date, moment: dt.datetime
) -> tuple[Step, ...]:
    if application.is_closed:
        return ()
    if application.stage == "offer":
        deadline = application.offer_deadline
        overdue = deadline is not None and day > deadline
        return (Step(application, position, "reply-to-offer", until=deadline, overdue=overdue),)
    index = application.latest_interview
    if index is None:
        return ()
    interview = application.interviews[index]
    plan = interview_plan(interview, f"applications[{position}].interviews[{index}]")
    window, after = plan.thank_you, plan.follow_up
    steps = []
    unsent = interview.thank_you_sent is None and interview.follow_up_sent is None
    if unsent and day < after.earliest:
        steps.append(
            Step(
                application,
                position,
                "send-thank-you",
                start=window.send_from,
                until=window.deadline,
                overdue=moment > window.deadline,
                interview=index,
                plan=plan,
            )
        )
    if interview.follow_up_sent is None:
        steps.append(
            Step(
                application,
                position,
                "follow-up",
                start=after.earliest,
                until=after.latest,
                overdue=day > after.latest,
                interview=index,
                plan=plan,
            )
        )
    return tuple(steps)


def next_step(application: Application, position: int, today: dt.date) -> Step:
    """The one step to show for `application` on `today` (see the module's rules)."""
    return _next(application, position, *japan_day_and_moment(today))


def _next(application: Application, position: int, day: dt.date, moment: dt.datetime) -> Step:
    if application.is_closed:
        return Step(application, position, "closed")
    steps = _pending(application, position, day, moment)
    index = application.latest_interview
    interview = None if index is None else application.interviews[index]
    if not steps:
        since = interview.follow_up_sent if interview is not None else None
        return Step(application, position, "wait", start=since, interview=index)
    first = steps[0]
    if first.action == "follow-up" and first.start is not None and day < first.start:
        assert interview is not None  # a follow-up step follows an interview
        return Step(
            application,
            position,
            "wait",
            start=interview.thank_you_sent,
            until=first.start,
            interview=index,
            plan=first.plan,
        )
    return first


def _end_moment(value: dt.date | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time(0), tzinfo=JAPAN)


_LAST = dt.datetime.max.replace(tzinfo=dt.UTC)


def urgency(step: Step) -> tuple[Any, ...]:
    """The sort key: overdue, then steps to take, dated waits, open waits, closed.

    Within each group the earliest `until` (or `start`) comes first, then the company's
    name and the position in the list.
    """
    if step.overdue:
        group = 0
    elif step.action in _TO_DO:
        group = 1
    elif step.action == "wait":
        group = 2 if step.until is not None else 3
    else:
        group = 4
    due = _end_moment(step.until) or _end_moment(step.start) or _LAST
    return (group, due, step.application.company.casefold(), step.position)


def build_agenda(applications: Sequence[Application], today: dt.date) -> tuple[Step, ...]:
    """Every application's next step on `today`, most urgent first.

    Args:
        applications: The applications, as read from the file or the widget's state.
        today: The day in Japan, or an aware time (exact thank-you deadlines).

    Raises:
        InputError: On the path of an interview whose plan cannot be made (never for
            applications that came through `orei.applications.file_format`).
    """
    day, moment = japan_day_and_moment(today)
    steps: Iterable[Step] = (
        _next(application, position, day, moment)
        for position, application in enumerate(applications)
    )
    return tuple(sorted(steps, key=urgency))
