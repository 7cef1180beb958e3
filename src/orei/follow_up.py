"""When to follow up after the interview, and which days in between do not count.

With D the interview's date (Japan time) and B the waiting buffer in business days:

* no timeline: earliest is D + 5 business days and latest D + 8 business days (what
  "7 to 10 days" is in an ordinary fortnight, so long holidays push both back);
* a stated timeline (N calendar days, N weeks, N business days, or a date) ends the
  period at D + N days, D + 7N days, D + N business days, or that date; earliest is
  that end + B business days and latest is earliest + 2 business days.

Timelines come either from one compact string (`parse_timeline`, the command line's
`--timeline`) or from the widget's separate fields (`timeline_from_fields`); errors
name the field the reader typed into.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from orei.business_calendar import BusinessCalendar, DayOff
from orei.dates import normalise, parse_date
from orei.defaults import BUFFER
from orei.errors import InputError

TimelineKind = Literal["none", "days", "weeks", "business_days", "date"]
TIMELINE_KINDS: tuple[TimelineKind, ...] = ("none", "days", "weeks", "business_days", "date")

N_RANGES: dict[str, tuple[int, int]] = {"days": (1, 90), "weeks": (1, 12), "business_days": (1, 60)}
"""Allowed N for each counted timeline, inclusive."""
DATE_HORIZON = dt.timedelta(days=365)
"""A timeline date may fall from D to D + 365 days."""

BUFFER_RANGE = (1, 10)

NO_TIMELINE_EARLIEST = 5  # business days after the interview
NO_TIMELINE_LATEST = 8  # business days after the interview
LATEST_AFTER_EARLIEST = 2  # business days

_SUFFIXES: dict[str, TimelineKind] = {"d": "days", "w": "weeks", "bd": "business_days"}
_COMPACT = re.compile(r"([0-9]+)\s*(bd|d|w)", re.IGNORECASE)
_INTEGER = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class Timeline:
    """The decision timeline the company gave, if any.

    Attributes:
        kind: `none`, `days`, `weeks`, `business_days` or `date`.
        n: The count, for `days` (1 to 90), `weeks` (1 to 12) and `business_days` (1 to 60).
        date: The stated date, for `date` (checked against the interview date later).
        field: The input field that errors about this timeline name (`timeline`,
            `timeline_n` or `timeline_date`); not part of equality.

    Raises:
        InputError: If `n` or `date` is missing or `n` is out of range.
    """

    kind: TimelineKind = "none"
    n: int | None = None
    date: dt.date | None = None
    field: str = field(default="timeline", compare=False)

    def __post_init__(self) -> None:
        if self.kind not in TIMELINE_KINDS:
            raise InputError("timeline", "timeline_kind", value=self.kind)
        if self.kind in N_RANGES:
            low, high = N_RANGES[self.kind]
            if self.n is None or not low <= self.n <= high:
                raise InputError(
                    self.field,
                    f"timeline_{self.kind}_range",
                    value="" if self.n is None else self.n,
                    min=low,
                    max=high,
                )
        if self.kind == "date" and self.date is None:
            raise InputError(self.field, "date_format", value="")

    def to_compact(self) -> str:
        """The timeline as `parse_timeline` reads it: `none`, `7d`, `2w`, `5bd` or a date."""
        if self.kind == "date":
            return self.date.isoformat() if self.date else ""
        if self.kind == "none":
            return "none"
        suffix = next(key for key, kind in _SUFFIXES.items() if kind == self.kind)
        return f"{self.n}{suffix}"

    def period_end(self, interview_date: dt.date, calendar: BusinessCalendar) -> dt.date | None:
        """The last day of the stated period, or None without a timeline.

        Raises:
            InputError: `timeline_date_range` if a stated date is before the interview or more
                than 365 days after it.
        """
        if self.kind == "none":
            return None
        if self.kind == "days":
            return interview_date + dt.timedelta(days=self.n or 0)
        if self.kind == "weeks":
            return interview_date + dt.timedelta(weeks=self.n or 0)
        if self.kind == "business_days":
            return calendar.add_business_days(interview_date, self.n or 0)
        assert self.date is not None  # checked in __post_init__
        last = interview_date + DATE_HORIZON
        if not interview_date <= self.date <= last:
            raise InputError(
                self.field,
                "timeline_date_range",
                value=self.date.isoformat(),
                first=interview_date.isoformat(),
                last=last.isoformat(),
            )
        return self.date


NO_TIMELINE = Timeline()


def parse_timeline(text: str) -> Timeline:
    """A timeline from one string: `none` (or empty), `7d`, `2w`, `5bd`, or `YYYY-MM-DD`.

    Errors name the field `timeline`.

    Raises:
        InputError: `timeline_format`, a `timeline_*_range` code, or a date error.
    """
    value = normalise(text)
    if value.lower() in ("", "none"):
        return NO_TIMELINE
    match = _COMPACT.fullmatch(value)
    if match is not None:
        kind = _SUFFIXES[match[2].lower()]
        return Timeline(kind, n=_count(match[1], kind, "timeline"), field="timeline")
    if value[:1].isdigit() and "-" in value:
        return Timeline("date", date=parse_date(value, "timeline"), field="timeline")
    raise InputError("timeline", "timeline_format", value=value)


def timeline_from_fields(kind: str, n: str = "", date: str = "") -> Timeline:
    """A timeline from the widget's fields.

    Args:
        kind: `none` (or empty), `days`, `weeks`, `business_days` or `date` (field `timeline`).
        n: The count, for the counted kinds (field `timeline_n`); ignored otherwise.
        date: `YYYY-MM-DD`, for `date` (field `timeline_date`); ignored otherwise.

    Raises:
        InputError: On `timeline`, `timeline_n` or `timeline_date`.
    """
    kind = normalise(kind).lower() or "none"
    if kind not in TIMELINE_KINDS:
        raise InputError("timeline", "timeline_kind", value=kind)
    if kind == "none":
        return NO_TIMELINE
    if kind == "date":
        return Timeline("date", date=parse_date(date, "timeline_date"), field="timeline_date")
    count = _count(normalise(n), kind, "timeline_n")
    return Timeline(kind, n=count, field="timeline_n")  # type: ignore[arg-type]


def _count(text: str, kind: str, field: str) -> int:
    """The count of a timeline, in its kind's range; errors quote the text as typed."""
    low, high = N_RANGES[kind]
    if _INTEGER.fullmatch(text) is None or not low <= _bounded_int(text) <= high:
        raise InputError(field, f"timeline_{kind}_range", value=text, min=low, max=high)
    return int(text)


def _bounded_int(digits: str) -> int:
    # Caps absurdly long digit strings before int() so range checks stay cheap.
    return int(digits) if len(digits) <= 6 else 999_999


def parse_buffer(text: str | int) -> int:
    """The waiting buffer: a whole number of business days from 1 to 10.

    Raises:
        InputError: `buffer_range` on `buffer`.
    """
    value = str(text) if isinstance(text, int) else normalise(text)
    low, high = BUFFER_RANGE
    if _INTEGER.fullmatch(value) is None or not low <= _bounded_int(value) <= high:
        raise InputError("buffer", "buffer_range", value=value, min=low, max=high)
    return int(value)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """When to follow up, and the days between the interview and then that do not count.

    Attributes:
        interview_date: D, the interview's date in Japan time.
        timeline: The timeline the company gave.
        buffer: B, business days to wait after the stated period.
        period_end: The last day of the stated period, or None without a timeline.
        earliest: The first day to send the follow-up (a business day).
        latest: The last day to send it (a business day, never before `earliest`).
        skipped: Every non-business day after D up to `latest`, in date order.
    """

    interview_date: dt.date
    timeline: Timeline
    buffer: int
    period_end: dt.date | None
    earliest: dt.date
    latest: dt.date
    skipped: tuple[DayOff, ...]


def follow_up(
    interview_date: dt.date,
    calendar: BusinessCalendar,
    timeline: Timeline = NO_TIMELINE,
    buffer: int = BUFFER,
) -> FollowUp:
    """The follow-up dates for an interview on `interview_date`.

    Raises:
        InputError: `buffer_range` if `buffer` is out of range, `timeline_date_range`
            for a stated date too early or late, or `date_range` (field `date`) if a result
            would fall after 2099.
    """
    buffer = parse_buffer(buffer)
    end = timeline.period_end(interview_date, calendar)
    if end is None:
        earliest = calendar.add_business_days(interview_date, NO_TIMELINE_EARLIEST)
        latest = calendar.add_business_days(interview_date, NO_TIMELINE_LATEST)
    else:
        earliest = calendar.add_business_days(end, buffer)
        latest = calendar.add_business_days(earliest, LATEST_AFTER_EARLIEST)
    return FollowUp(
        interview_date=interview_date,
        timeline=timeline,
        buffer=buffer,
        period_end=end,
        earliest=earliest,
        latest=latest,
        skipped=tuple(calendar.days_off(interview_date, latest)),
    )
