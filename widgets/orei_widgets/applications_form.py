"""The applications page's editor: its fields in, an application or an interview out, and back.

An interview is typed with the calculator's own fields (`ended_date`, `ended_time`, `tz`,
`ended_offset`, `timeline`, `timeline_n`, `timeline_date`, `buffer`, `closures`,
`closed_dates`), read by the same functions, so the same input gives the same plan and
the same errors on the same fields. `interview_values` writes an interview back into
those fields: to edit it, and for the calculator's "Save to my applications" link.
Errors name the form's fields; whatever passes is checked once more as the file is read.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from orei.applications.model import FORMATS, ROUNDS, Application, Interview
from orei.applications.reading import TEXT_LIMITS, check_application, read_text
from orei.applications.reflection import with_notes
from orei.business_calendar import BusinessCalendar, default_closures
from orei.dates import offset as format_offset
from orei.dates import parse_date
from orei.defaults import (
    APPLICATION_FIELDS,
    BUFFER,
    INTERVIEW_FIELDS,
    REFLECTION_FIELDS,
    TIMELINE,
    ZONE,
)
from orei.errors import InputError
from orei.follow_up import parse_buffer, timeline_from_fields
from orei.interview_time import interview_end, parse_zone, repetition
from orei.plan import build_plan, parse_closed_dates, parse_closure_keys
from orei_widgets.protocol import State, text, values

MULTILINE = frozenset({"notes", *REFLECTION_FIELDS.values()})
"""Fields whose text keeps its lines and is not trimmed."""

BLANK_APPLICATION: dict[str, str | list[str]] = {
    **dict.fromkeys(APPLICATION_FIELDS, ""),
    "stage": "applied",
}
BLANK_INTERVIEW: dict[str, str | list[str]] = {
    **dict.fromkeys(INTERVIEW_FIELDS, ""),
    "tz": ZONE,
    "timeline": TIMELINE,
    "buffer": str(BUFFER),
    "closures": sorted(default_closures()),
}


def raw(state: State, name: str) -> str:
    """A multi-line field's text as typed (not trimmed)."""
    value = state.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)


def has_interview(state: State) -> bool:
    """Whether the interview's date or end time has been typed."""
    return bool(text(state, "ended_date") or text(state, "ended_time"))


def _date_or_none(state: State, name: str) -> dt.date | None:
    value = text(state, name)
    return parse_date(value, name) if value else None


def _choice(state: State, name: str, allowed: tuple[str, ...]) -> str | None:
    value = text(state, name)
    if not value:
        return None
    if value not in allowed:
        raise InputError(name, "unknown_choice", value=value, allowed=", ".join(allowed))
    return value


def read_interview(state: State, base: Interview | None = None) -> Interview | None:
    """The interview in the editor's fields; None while its date and time are both empty.

    Args:
        state: The form's state.
        base: The interview being changed, whose other reflection answers are kept.

    Raises:
        InputError: For the first field that is wrong, named as the calculator names it.
    """
    if not has_interview(state):
        return None
    tz = text(state, "tz") or ZONE
    ended = interview_end(
        text(state, "ended_date"), text(state, "ended_time"), tz, text(state, "ended_offset")
    )
    zone = parse_zone(tz, "tz")
    timeline = timeline_from_fields(
        text(state, "timeline"), text(state, "timeline_n"), text(state, "timeline_date")
    )
    buffer = parse_buffer(text(state, "buffer") or BUFFER)
    calendar = BusinessCalendar(
        closures=parse_closure_keys(values(state, "closures") or ["none"]),
        closed_dates=parse_closed_dates(text(state, "closed_dates")),
    )
    # A stated date out of range, or a plan past 2099: the calculator's errors, fields and all.
    build_plan(ended, timeline=timeline, buffer=buffer, calendar=calendar)
    notes = {
        section: read_text(raw(state, name), name, TEXT_LIMITS["reflection"], lines=True)
        for section, name in REFLECTION_FIELDS.items()
    }
    reflection = with_notes(base.reflection if base is not None else {}, notes)
    return Interview(
        ended=ended.astimezone(zone),
        tz=zone.key,
        timeline=timeline,
        buffer=buffer,
        closures=calendar.closures,
        closed_dates=calendar.closed_dates,
        thank_you_sent=_date_or_none(state, "thank_you_sent"),
        follow_up_sent=_date_or_none(state, "follow_up_sent"),
        round=_choice(state, "round", ROUNDS),
        format=_choice(state, "format", FORMATS),
        reflection=reflection,
    )


def check_application_fields(state: State, *, required: bool) -> None:
    """Check the application's own fields as typed, by the file's rules.

    Args:
        state: The form's state.
        required: Whether an empty company is an error (on saving) or not yet one (typing).

    Raises:
        InputError: For the first field that is wrong, in the file's order.
    """
    company = text(state, "company") or ("" if required else "-")
    _checked(_application_json(state, "editor", company, ()))


def _application_json(
    state: State, identifier: str, company: str, interviews: tuple[Interview, ...]
) -> dict[str, object]:
    return {
        "id": identifier,
        "company": company,
        "role": text(state, "role"),
        "stage": text(state, "stage") or "applied",
        "recruiter_name": text(state, "recruiter_name"),
        "recruiter_title": text(state, "recruiter_title"),
        "recruiter_email": text(state, "recruiter_email"),
        "department": text(state, "department"),
        "notes": raw(state, "notes"),
        "offer_deadline": text(state, "offer_deadline") or None,
        "interviews": [interview.to_json_dict() for interview in interviews],
    }


def _checked(document: dict[str, object]) -> Application:
    """`document` read as the file reads an application; errors name the form's fields."""
    try:
        return check_application(document, "editor")
    except InputError as error:
        name = error.field.removeprefix("editor.")
        field = name if name in APPLICATION_FIELDS else "ended_date"
        raise InputError(field, error.code, **error.params) from None


def build_application(
    state: State, identifier: str, interviews: tuple[Interview, ...]
) -> Application:
    """The application in the editor's fields, with `interviews`, checked as the file is.

    Raises:
        InputError: For the first field that is wrong.
    """
    return _checked(_application_json(state, identifier, text(state, "company"), interviews))


def application_values(application: Application) -> dict[str, str | list[str]]:
    """The application's own fields, as the editor shows them."""
    return {
        "company": application.company,
        "role": application.role,
        "stage": application.stage,
        "offer_deadline": application.offer_deadline.isoformat()
        if application.offer_deadline
        else "",
        "recruiter_name": application.recruiter_name,
        "recruiter_title": application.recruiter_title,
        "recruiter_email": application.recruiter_email,
        "department": application.department,
        "notes": application.notes,
    }


def interview_values(interview: Interview) -> dict[str, str | list[str]]:
    """The interview in the calculator's fields (and the editor's own), to type it again.

    The offset is given only for an end time that happened twice in its zone, as the
    calculator asks for it only then.
    """
    local = interview.ended.astimezone(ZoneInfo(interview.tz))
    day = local.date().isoformat()
    clock = local.strftime("%H:%M:%S" if local.second else "%H:%M")
    timeline = interview.timeline
    shown: dict[str, str | list[str]] = {
        "ended_date": day,
        "ended_time": clock,
        "tz": interview.tz,
        "ended_offset": "",
        "timeline": timeline.kind,
        "timeline_n": str(timeline.n) if timeline.n is not None else "",
        "timeline_date": timeline.date.isoformat() if timeline.date else "",
        "buffer": str(interview.buffer),
        "closures": sorted(interview.closures),
        "closed_dates": ", ".join(sorted(day.isoformat() for day in interview.closed_dates)),
        "round": interview.round or "",
        "format": interview.format or "",
        "thank_you_sent": interview.thank_you_sent.isoformat() if interview.thank_you_sent else "",
        "follow_up_sent": interview.follow_up_sent.isoformat() if interview.follow_up_sent else "",
    }
    if repetition(day, clock, interview.tz) is not None:
        shown["ended_offset"] = format_offset(local.utcoffset())
    for section, name in REFLECTION_FIELDS.items():
        shown[name] = interview.reflection.get(section, "")
    return shown
