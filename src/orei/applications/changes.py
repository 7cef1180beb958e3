"""Changes a reader makes from the agenda and the calculator, as new values.

Applications never change in place (reading shares them); each function returns the
new list, which the widget writes back with `file_format.document`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from orei.applications.agenda import Step
from orei.applications.model import Application, Interview
from orei.defaults import ZONE
from orei.plan import Plan

SENT_FIELDS = {"send-thank-you": "thank_you_sent", "follow-up": "follow_up_sent"}
"""The interview's field that "Mark as sent" sets, for each step that sends a mail."""


def mark_sent(
    applications: Sequence[Application], step: Step, day: dt.date
) -> tuple[Application, ...]:
    """`applications` with the mail of `step` recorded as sent on `day`.

    Raises:
        ValueError: For a step that sends no mail of an interview (a programming error).
    """
    if step.action not in SENT_FIELDS or step.interview is None:
        raise ValueError(f"{step.action} sends no interview's mail")
    application = applications[step.position]
    interviews = list(application.interviews)
    interviews[step.interview] = dataclasses.replace(
        interviews[step.interview], **{SENT_FIELDS[step.action]: day}
    )
    changed = dataclasses.replace(application, interviews=tuple(interviews))
    return (*applications[: step.position], changed, *applications[step.position + 1 :])


def interview_from_plan(plan: Plan, tz: str = ZONE) -> Interview:
    """The interview a calculator's plan was made for ("Save to my applications").

    Args:
        plan: The plan, from `orei.plan.make_plan` with the calculator's fields.
        tz: The zone the reader gave the end time in (the calculator's `tz`).
    """
    return Interview(
        ended=plan.ended.astimezone(ZoneInfo(tz)),
        tz=tz,
        timeline=plan.follow_up.timeline,
        buffer=plan.follow_up.buffer,
        closures=plan.calendar.closures,
        closed_dates=plan.calendar.closed_dates,
    )
