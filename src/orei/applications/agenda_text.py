"""The agenda as sentences, in English or Japanese, from the `[applications.agenda]` catalogue.

Dates and times are written as `orei plan` writes them (`Thu 2026-05-07`,
`2026-05-07（木）`), so the agenda and the plan read alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from orei.applications.agenda import Step, japan_day_and_moment
from orei.messages import message
from orei.plan_text import clock, day_name, local_time


def company_label(step: Step, lang: str) -> str:
    """`Aoba Systems (Backend engineer)`, or the company alone without a role."""
    application = step.application
    if not application.role:
        return application.company
    return message(
        lang, "applications.agenda.company_role", company=application.company, role=application.role
    )


def step_sentence(step: Step, lang: str = "en") -> str:
    """What to do, as one sentence: `Follow up with Aoba Systems no earlier than …`."""
    company = company_label(step, lang)
    key = f"applications.agenda.{step.action}"
    if step.action == "send-thank-you" and step.plan is not None:
        window = step.plan.thank_you
        return message(
            lang,
            key,
            company=company,
            day=day_name(window.send_from.date(), lang),
            start=clock(window.send_from),
            end=clock(window.send_until),
            deadline=local_time(window.deadline, lang),
        )
    if step.action == "follow-up" and step.plan is not None:
        after = step.plan.follow_up
        return message(
            lang,
            key,
            company=company,
            earliest=day_name(after.earliest, lang),
            latest=day_name(after.latest, lang),
        )
    if step.action in ("wait", "reply-to-offer"):
        if not isinstance(step.until, dt.date):
            return message(lang, f"{key}_open", company=company)
        return message(lang, key, company=company, date=day_name(step.until, lang))
    stage = message(lang, f"applications.stages.{step.application.stage}")
    return message(lang, "applications.agenda.closed", company=company, stage=stage)


def agenda_lines(steps: Sequence[Step], today: dt.date, lang: str = "en") -> list[str]:
    """A heading, then one line per step, overdue ones marked in words."""
    day, _ = japan_day_and_moment(today)
    if not steps:
        return [message(lang, "applications.agenda.empty")]
    lines = [message(lang, "applications.agenda.heading", today=day_name(day, lang)), ""]
    for step in steps:
        sentence = step_sentence(step, lang)
        if step.overdue:
            sentence = message(lang, "applications.agenda.overdue", step=sentence)
        lines.append(sentence)
    return lines
