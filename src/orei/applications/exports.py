"""The applications as a spreadsheet (CSV) and as one calendar file (`.ics`).

CSV: one row per application, in the list's order, with its next step on `today`.
It is UTF-8 with a byte-order mark, which Excel needs to read UTF-8 rather than
Shift_JIS (Japanese Windows' default), with CRLF line ends and quotes where needed
(RFC 4180). A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
gets a leading apostrophe, so a spreadsheet shows it as text instead of running it
as a formula (a company named `=HYPERLINK(…)` stays a name).

`.ics`: every upcoming step of every open application, through the writer in
`orei.calendar_export`: the thank-you window and the follow-up of the latest
interview while they are still to do and not past, and an offer's answer deadline.
UIDs name the application's id, the interview's index and the step, so importing a
later file updates those events instead of adding copies; SEQUENCE is the minutes
from 2000 to the file's time, so the later file is the newer revision. A step done
since (marked as sent) is not in the later file; calendar apps keep what they had.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence

from orei.applications.agenda import Step, iso_value, japan_day_and_moment, next_step, pending_steps
from orei.applications.model import Application
from orei.calendar_export import (
    FOLLOW_UP_REMINDER,
    UID_DOMAIN,
    Event,
    calendar_text,
    clean_line,
    follow_up_event,
    thank_you_event,
)
from orei.dates import JAPAN
from orei.messages import message
from orei.plan import iso_time
from orei.plan_text import day_name

CSV_COLUMNS = (
    "id",
    "company",
    "role",
    "stage",
    "recruiter_name",
    "recruiter_title",
    "recruiter_email",
    "department",
    "interviews",
    "last_interview",
    "thank_you_sent",
    "follow_up_sent",
    "offer_deadline",
    "next_step",
    "from",
    "until",
    "overdue",
    "notes",
)
BYTE_ORDER_MARK = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEQUENCE_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def spreadsheet_cell(text: str) -> str:
    """`text` as a cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _iso(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _row(step: Step, lang: str) -> list[str]:
    application = step.application
    latest = application.latest_interview
    interview = None if latest is None else application.interviews[latest]
    values = {
        "id": application.id,
        "company": application.company,
        "role": application.role,
        "stage": message(lang, f"applications.stages.{application.stage}"),
        "recruiter_name": application.recruiter_name,
        "recruiter_title": application.recruiter_title,
        "recruiter_email": application.recruiter_email,
        "department": application.department,
        "interviews": str(len(application.interviews)),
        "last_interview": iso_time(interview.ended.astimezone(JAPAN)) if interview else "",
        "thank_you_sent": _iso(interview.thank_you_sent) if interview else "",
        "follow_up_sent": _iso(interview.follow_up_sent) if interview else "",
        "offer_deadline": _iso(application.offer_deadline),
        "next_step": message(lang, f"applications.actions.{step.action}"),
        "from": iso_value(step.start) or "",
        "until": iso_value(step.until) or "",
        "overdue": message(lang, "applications.csv.yes") if step.overdue else "",
        "notes": application.notes,
    }
    return [spreadsheet_cell(values[column]) for column in CSV_COLUMNS]


def applications_csv(applications: Sequence[Application], today: dt.date, lang: str = "en") -> str:
    """The spreadsheet's text, starting with the byte-order mark; write it as UTF-8.

    Args:
        applications: The applications, one row each, in this order.
        today: The day in Japan (or an aware time) for the next-step columns.
        lang: `en` or `ja`, for the header, the stages and the steps.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(message(lang, f"applications.csv.{column}") for column in CSV_COLUMNS)
    for position, application in enumerate(applications):
        writer.writerow(_row(next_step(application, position, today), lang))
    return BYTE_ORDER_MARK + buffer.getvalue()


def step_uid(step: Step) -> str:
    """`application-ID-interview-N-STEP@orei.invalid`, or `application-ID-offer@…`."""
    name = f"application-{step.application.id}"
    if step.action == "reply-to-offer":
        return f"{name}-offer@{UID_DOMAIN}"
    return f"{name}-interview-{step.interview}-{step.action.removeprefix('send-')}@{UID_DOMAIN}"


def _offer_event(step: Step, lang: str) -> Event:
    assert isinstance(step.until, dt.date)
    company = clean_line(step.application.company)
    return Event(
        uid=step_uid(step),
        summary=message(lang, "applications.calendar.offer_summary", company=company),
        description=message(
            lang, "applications.calendar.offer_description", date=day_name(step.until, lang)
        ),
        start=step.until,
        end=step.until + dt.timedelta(days=1),
        reminder=FOLLOW_UP_REMINDER,
        transparent=True,
    )


def upcoming_events(
    applications: Sequence[Application], today: dt.date, lang: str = "en"
) -> Iterator[Event]:
    """An event for every step still to do and not yet past, in the list's order."""
    for position, application in enumerate(applications):
        for step in pending_steps(application, position, today):
            if step.overdue:
                continue
            if step.action == "reply-to-offer":
                if step.until is not None:
                    yield _offer_event(step, lang)
            elif step.plan is not None:
                make = thank_you_event if step.action == "send-thank-you" else follow_up_event
                yield make(step.plan, step_uid(step), lang, application.company)


def applications_ics(
    applications: Sequence[Application], today: dt.date, now: dt.datetime, lang: str = "en"
) -> str:
    """The `.ics` text of every upcoming step (CRLF line ends; write it as UTF-8).

    Args:
        applications: The applications.
        today: The day in Japan, or an aware time, that decides what is upcoming.
        now: When the file is made (aware): every DTSTAMP, and the revision number.
        lang: `en` or `ja`, for summaries and descriptions.

    Raises:
        ValueError: If `now` or a time given as `today` is naive (a programming error).
    """
    japan_day_and_moment(today)  # refuses a naive time before anything is written
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    sequence = max(0, int((now - SEQUENCE_EPOCH).total_seconds()) // 60)
    return calendar_text(upcoming_events(applications, today, lang), now, sequence=sequence)
