"""Plain JSON values in, applications out: every value checked, every error at its path.

The widget passes its state and the file reader passes what `json.loads` made; both
come here. The first problem found, in the file's order, is raised as one
`InputError` whose field is its JSON path, such as `applications[3].interviews[0].ended`
(the widget maps it back to the form). Keys a version does not have are refused
rather than ignored, so a misspelt key is never silently dropped. Single-line texts
are trimmed; no text may hold a lone surrogate or, outside notes and reflection
answers, a control character.
"""

from __future__ import annotations

import datetime as dt
import marshal
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from orei.applications.model import FORMATS, ROUNDS, STAGES, Application, Interview
from orei.applications.plans import interview_plan
from orei.business_calendar import closures as known_closures
from orei.business_calendar import default_closures
from orei.dates import parse_date
from orei.defaults import BUFFER, TIMELINE, ZONE
from orei.errors import InputError
from orei.follow_up import parse_buffer, parse_timeline
from orei.interview_time import interview_end, parse_zone, split_ended

MAX_APPLICATIONS = 1000
MAX_INTERVIEWS = 20
"""Interviews per application."""
MAX_CLOSED_DATES = 100
"""Extra closed dates per interview."""
MAX_REFLECTION_ANSWERS = 40
TEXT_LIMITS: Mapping[str, int] = {
    "id": 64,
    "company": 200,
    "role": 200,
    "recruiter_name": 100,
    "recruiter_title": 100,
    "recruiter_email": 254,
    "department": 100,
    "notes": 10_000,
    "reflection": 5_000,
}
"""Most characters in each text field (for `reflection`, in each answer)."""

APPLICATION_REQUIRED = ("id", "company", "role", "stage", "interviews")
APPLICATION_OPTIONAL = (
    "recruiter_name",
    "recruiter_title",
    "recruiter_email",
    "department",
    "notes",
    "offer_deadline",
)
INTERVIEW_REQUIRED = ("ended",)
INTERVIEW_OPTIONAL = (
    "tz",
    "timeline",
    "buffer",
    "closures",
    "closed_dates",
    "thank_you_sent",
    "follow_up_sent",
    "round",
    "format",
    "reflection",
)

APPLICATIONS_KEPT = 2 * MAX_APPLICATIONS
"""Applications remembered as read, by their JSON, at most."""
_READ: OrderedDict[bytes, Application] = OrderedDict()

_ID = re.compile(r"[A-Za-z0-9_-]+")
_REFLECTION_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_OFFSET_AT_END = re.compile(r"(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_NOTES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SHOWN = 40  # characters of a refused key or value quoted in a message


def json_type(value: object) -> str:
    """What JSON calls the type of `value`: `null`, `boolean`, `number`, `string`, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


def shown(value: object) -> str:
    """`value` as a message quotes it: one line, at most 40 characters."""
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL.sub("\ufffd", _SURROGATE.sub("\ufffd", text))
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def repath(error: InputError, path: str) -> InputError:
    """`error` as it applies to the value at `path`."""
    return InputError(path, error.code, **error.params)


def expect_object(value: object, path: str) -> dict[str, Any]:
    """`value` if it is a JSON object."""
    if not isinstance(value, dict):
        raise InputError(path, "applications.expected_object", got=json_type(value))
    return value


def expect_list(value: object, path: str, most: int) -> list[Any]:
    """`value` if it is a JSON array of at most `most` items."""
    if not isinstance(value, list):
        raise InputError(path, "applications.expected_list", got=json_type(value))
    if len(value) > most:
        raise InputError(path, "applications.too_many", count=len(value), max=most)
    return value


def key_path(path: str, key: str) -> str:
    """The path of `key` in the object at `path`; errors about the file's own keys name `file`.

    (`format` alone would read as the e-mail generator's field of that name.)
    """
    return f"{path}.{key}" if path else "file"


def check_keys(
    obj: Mapping[str, Any], path: str, required: Sequence[str], optional: Sequence[str]
) -> None:
    """Refuse a key the object may not have, then a required key it lacks.

    Args:
        obj: The object.
        path: Its path; empty for the file's top-level object, which errors call `file`.
        required: The keys it must have, in the order to report them missing.
        optional: The keys it may have.
    """
    allowed = (*required, *optional)
    for key in obj:
        if key not in allowed:
            raise InputError(
                path or "file",
                "applications.unknown_key",
                value=shown(key),
                allowed=", ".join(allowed),
            )
    for key in required:
        if key not in obj:
            raise InputError(key_path(path, key), "applications.missing_key", name=key)


def read_text(
    value: object, path: str, limit: int, *, lines: bool = False, required: bool = False
) -> str:
    """A text value, single-line ones trimmed.

    Args:
        value: The JSON value.
        path: Its path, for errors.
        limit: The most characters allowed.
        lines: Whether new lines and tabs are allowed (notes and answers).
        required: Whether it may be empty.
    """
    if not isinstance(value, str):
        raise InputError(path, "applications.expected_text", got=json_type(value))
    text = value if lines else value.strip()
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise InputError(path, "applications.text_surrogate", char=f"{ord(surrogate[0]):04X}")
    control = (_CONTROL_IN_NOTES if lines else _CONTROL).search(text)
    if control is not None:
        raise InputError(path, "applications.text_control", char=f"{ord(control[0]):04X}")
    if len(text) > limit:
        raise InputError(path, "applications.text_length", length=len(text), max=limit)
    if required and not text.strip():
        raise InputError(path, "applications.text_empty")
    return text


def read_date(value: object, path: str) -> dt.date:
    """A `YYYY-MM-DD` date from 2000 to 2099."""
    if not isinstance(value, str):
        raise InputError(path, "applications.expected_date", got=json_type(value))
    return _date(value, path)


def read_date_or_none(value: object, path: str) -> dt.date | None:
    """A `YYYY-MM-DD` date, or None for null."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(path, "applications.expected_date_or_null", got=json_type(value))
    return _date(value, path)


def _date(text: str, path: str) -> dt.date:
    if len(text) > _SHOWN:  # no date is this long; quote it short
        raise InputError(path, "date_format", value=shown(text))
    return parse_date(text, path)


def read_choice(value: object, path: str, choices: Sequence[str]) -> str | None:
    """One of `choices`, or None for null."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        raise InputError(path, "unknown_choice", value=shown(value), allowed=", ".join(choices))
    return value


def read_ended(value: object, path: str, tz: str = ZONE) -> dt.datetime:
    """When the interview ended: an ISO 8601 time with its offset, in 2000 to 2099.

    The time and its offset are read by `orei.interview_time.interview_end` with the
    interview's zone, as the calculator reads its fields.
    """
    text = read_text(value, path, 64)
    date_part, time_part = split_ended(text)
    if _OFFSET_AT_END.search(time_part) is None:
        raise InputError(path, "applications.ended_offset", value=shown(text))
    try:
        return interview_end(date_part, time_part, tz)
    except InputError as error:
        raise repath(error, path) from None


def read_interview(value: object, path: str) -> Interview:
    """One interview, at `path` (such as `applications[3].interviews[0]`)."""
    obj = expect_object(value, path)
    check_keys(obj, path, INTERVIEW_REQUIRED, INTERVIEW_OPTIONAL)
    zone = parse_zone(read_text(obj.get("tz", ZONE), f"{path}.tz", 64), f"{path}.tz")
    ended = read_ended(obj["ended"], f"{path}.ended", zone.key)
    try:
        timeline = parse_timeline(read_text(obj.get("timeline", TIMELINE), f"{path}.timeline", 64))
    except InputError as error:
        raise repath(error, f"{path}.timeline") from None
    buffer = obj.get("buffer", BUFFER)
    if not isinstance(buffer, int) or isinstance(buffer, bool):
        raise InputError(f"{path}.buffer", "applications.expected_integer", got=json_type(buffer))
    try:
        buffer = parse_buffer(buffer)
    except InputError as error:
        raise repath(error, f"{path}.buffer") from None
    interview = Interview(
        ended=ended.astimezone(zone),
        tz=zone.key,
        timeline=timeline,
        buffer=buffer,
        closures=frozenset(_closures(obj, f"{path}.closures")),
        closed_dates=frozenset(_closed_dates(obj, f"{path}.closed_dates")),
        thank_you_sent=read_date_or_none(obj.get("thank_you_sent"), f"{path}.thank_you_sent"),
        follow_up_sent=read_date_or_none(obj.get("follow_up_sent"), f"{path}.follow_up_sent"),
        round=read_choice(obj.get("round"), f"{path}.round", ROUNDS),
        format=read_choice(obj.get("format"), f"{path}.format", FORMATS),
        reflection=_reflection(obj.get("reflection", {}), f"{path}.reflection"),
    )
    interview_plan(interview, path)  # a stated date out of range, or a plan past 2099
    return interview


def _closures(obj: Mapping[str, Any], path: str) -> Iterator[str]:
    if "closures" not in obj:
        yield from default_closures()
        return
    known = known_closures()
    for index, key in enumerate(expect_list(obj["closures"], path, len(known))):
        if not isinstance(key, str) or key not in known:
            raise InputError(
                f"{path}[{index}]",
                "applications.unknown_closure",
                value=shown(key),
                allowed=", ".join(known),
            )
        yield key


def _closed_dates(obj: Mapping[str, Any], path: str) -> Iterator[dt.date]:
    for index, day in enumerate(expect_list(obj.get("closed_dates", []), path, MAX_CLOSED_DATES)):
        yield read_date(day, f"{path}[{index}]")


def _reflection(value: object, path: str) -> Mapping[str, str]:
    answers = expect_object(value, path)
    if len(answers) > MAX_REFLECTION_ANSWERS:
        raise InputError(
            path, "applications.too_many", count=len(answers), max=MAX_REFLECTION_ANSWERS
        )
    kept = {}
    for key, answer in answers.items():
        if _REFLECTION_KEY.fullmatch(key) is None:
            raise InputError(path, "applications.reflection_key", value=shown(key))
        kept[key] = read_text(answer, f"{path}.{key}", TEXT_LIMITS["reflection"], lines=True)
    return MappingProxyType(kept)


def read_application(value: object, path: str) -> Application:
    """One application, at `path` (such as `applications[3]`).

    An application read before from the same JSON is not checked again: the widget
    sends every application on each change, and a reader changes one at a time.
    """
    try:
        # The standard library's fastest exact serialisation of plain JSON values: equal
        # bytes mean equal values (1, 1.0 and true stay apart). Version 2 writes no
        # back-references, so the bytes do not depend on which strings happen to be shared.
        key = marshal.dumps(value, 2)
    except ValueError:  # not plain JSON values: check it, and do not remember it
        return _read_application(value, path)
    found = _READ.get(key)
    if found is not None:
        _READ.move_to_end(key)
        return found
    found = _READ[key] = _read_application(value, path)
    if len(_READ) > APPLICATIONS_KEPT:
        _READ.popitem(last=False)
    return found


def check_application(value: object, path: str) -> Application:
    """One application, checked as `read_application` checks it, but never remembered.

    For what changes with every key the reader presses (the page's editor): remembering
    each version would only keep the reader's half-typed text in memory.
    """
    return _read_application(value, path)


def forget_applications() -> None:
    """Forget every application remembered as read (for measurements)."""
    _READ.clear()


def _read_application(value: object, path: str) -> Application:
    obj = expect_object(value, path)
    check_keys(obj, path, APPLICATION_REQUIRED, APPLICATION_OPTIONAL)

    def text(key: str, *, lines: bool = False, required: bool = False) -> str:
        raw = obj.get(key, "")
        return read_text(raw, f"{path}.{key}", TEXT_LIMITS[key], lines=lines, required=required)

    identifier = text("id", required=True)
    if _ID.fullmatch(identifier) is None:
        raise InputError(f"{path}.id", "applications.id_format", value=shown(identifier))
    company = text("company", required=True)
    role = text("role")
    stage = read_choice(obj["stage"], f"{path}.stage", STAGES)
    if stage is None:
        raise InputError(f"{path}.stage", "unknown_choice", value="null", allowed=", ".join(STAGES))
    email = text("recruiter_email")
    if email and _EMAIL.fullmatch(email) is None:
        raise InputError(f"{path}.recruiter_email", "applications.email", value=shown(email))
    interviews = expect_list(obj["interviews"], f"{path}.interviews", MAX_INTERVIEWS)
    return Application(
        id=identifier,
        company=company,
        role=role,
        stage=stage,  # type: ignore[arg-type]
        recruiter_name=text("recruiter_name"),
        recruiter_title=text("recruiter_title"),
        recruiter_email=email,
        department=text("department"),
        notes=text("notes", lines=True),
        offer_deadline=read_date_or_none(obj.get("offer_deadline"), f"{path}.offer_deadline"),
        interviews=tuple(
            read_interview(item, f"{path}.interviews[{index}]")
            for index, item in enumerate(interviews)
        ),
    )


def read_applications(value: object, path: str = "applications") -> tuple[Application, ...]:
    """The list of applications; ids must be unique."""
    items = expect_list(value, path, MAX_APPLICATIONS)
    seen: dict[str, int] = {}
    applications = []
    for index, item in enumerate(items):
        application = read_application(item, f"{path}[{index}]")
        if application.id in seen:
            raise InputError(
                f"{path}[{index}].id",
                "applications.id_duplicate",
                value=application.id,
                first=f"{path}[{seen[application.id]}]",
            )
        seen[application.id] = index
        applications.append(application)
    return tuple(applications)
