"""The e-mail to write for a step: a template's name and the values to fill it with.

"Write the email" hands these to the e-mail generator, which opens prefilled. The
names are the generator's template names and field names; a template or field the
generator does not have yet is its to add, not this module's to check. Only known
values are given, so the generator keeps its own wording for the rest.

| Step | Templates, the first is the default |
|---|---|
| `send-thank-you` | `thank-you` |
| `follow-up` | `follow-up` |
| `reply-to-offer` | `offer-accept`, `offer-decline`, `deadline-extension` |

Fields: `company`, `job_title` (the role), `recipient_name`, `recipient_title`,
`department` (the recruiter's), `interview_date` (in Japan), `round`, `format`,
`send_date` (today, or the step's first day if that is later) and, for an offer,
`reply_deadline` (its answer deadline). The after-hours line is left out: it depends
on the minute the mail goes out, so the page sets it when it opens the generator, as
the calculator's link does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orei.applications.agenda import Step, japan_day_and_moment

TEMPLATES: Mapping[str, tuple[str, ...]] = {
    "send-thank-you": ("thank-you",),
    "follow-up": ("follow-up",),
    "reply-to-offer": ("offer-accept", "offer-decline", "deadline-extension"),
}


@dataclass(frozen=True)
class EmailHandoff:
    """What the e-mail generator opens with.

    Attributes:
        template: The template's name, such as `thank-you`.
        fields: The generator's field names and their values, blanks left out.
    """

    template: str
    fields: Mapping[str, str] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """`{"template": NAME, "fields": {NAME: VALUE}}`."""
        return {"template": self.template, "fields": dict(self.fields)}


def _send_date(step: Step, today: dt.date) -> dt.date:
    day, _ = japan_day_and_moment(today)
    start = step.start
    if isinstance(start, dt.datetime):
        start = start.date()  # the step's times are in Japan
    return max(day, start) if start is not None else day


def email_fields(step: Step, today: dt.date) -> dict[str, str]:
    """The generator's fields for `step`, from its application and interview."""
    application = step.application
    values = {
        "company": application.company,
        "job_title": application.role,
        "recipient_name": application.recruiter_name,
        "recipient_title": application.recruiter_title,
        "department": application.department,
        "send_date": _send_date(step, today).isoformat(),
    }
    if step.interview is not None:
        interview = application.interviews[step.interview]
        values["interview_date"] = interview.date_in_japan.isoformat()
        values["round"] = interview.round or ""
        values["format"] = interview.format or ""
    if step.action == "reply-to-offer" and application.offer_deadline is not None:
        values["reply_deadline"] = application.offer_deadline.isoformat()
    return {name: value for name, value in values.items() if value}


def email_handoffs(step: Step, today: dt.date) -> tuple[EmailHandoff, ...]:
    """The e-mails that fit `step`, the usual one first; none for waiting or closed."""
    fields = email_fields(step, today) if step.action in TEMPLATES else {}
    return tuple(EmailHandoff(name, fields) for name in TEMPLATES.get(step.action, ()))
