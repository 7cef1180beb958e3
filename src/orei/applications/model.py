"""Applications and their interviews, as typed values, and their JSON form.

The values are already checked (see `orei.applications.reading`) and never change
(reading shares them between calls); `to_json_dict` writes them back in the file's
canonical form, so reading what it wrote gives the same values and writing them
again gives the same text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

from orei.business_calendar import BusinessCalendar, default_closures
from orei.dates import JAPAN
from orei.defaults import BUFFER, ZONE
from orei.follow_up import NO_TIMELINE, Timeline
from orei.plan import iso_time

Stage = Literal[
    "applied",
    "screening",
    "first-interview",
    "second-interview",
    "final-interview",
    "offer",
    "accepted",
    "declined",
    "rejected",
    "withdrawn",
]
STAGES: tuple[Stage, ...] = get_args(Stage)
CLOSED_STAGES: frozenset[Stage] = frozenset({"accepted", "declined", "rejected", "withdrawn"})
"""Stages after which nothing is left to do."""

ROUNDS = ("first", "second", "final")
"""An interview's round, as the e-mail generator's `round` field takes it."""
FORMATS = ("in-person", "online")
"""An interview's format, as the e-mail generator's `format` field takes it."""


@dataclass(frozen=True)
class Interview:
    """One interview and what was sent after it.

    Attributes:
        ended: When it ended (aware), in `tz`.
        tz: The IANA zone the reader gave the time in; the plan works in Japan time.
        timeline: When the company said it would answer.
        buffer: Business days to wait after a stated timeline.
        closures: The company's yearly closures in force.
        closed_dates: Other days the company is closed.
        thank_you_sent: The day the thank-you went, or None.
        follow_up_sent: The day the follow-up went, or None.
        round: `first`, `second`, `final`, or None when not stated.
        format: `in-person`, `online`, or None when not stated.
        reflection: The reflection worksheet's answers, by question key.
    """

    ended: dt.datetime
    tz: str = ZONE
    timeline: Timeline = NO_TIMELINE
    buffer: int = BUFFER
    closures: frozenset[str] = field(default_factory=default_closures)
    closed_dates: frozenset[dt.date] = frozenset()
    thank_you_sent: dt.date | None = None
    follow_up_sent: dt.date | None = None
    round: str | None = None
    format: str | None = None
    reflection: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def calendar(self) -> BusinessCalendar:
        """The company's business calendar for this interview."""
        return BusinessCalendar(closures=self.closures, closed_dates=self.closed_dates)

    @property
    def date_in_japan(self) -> dt.date:
        """The interview's date in Japan time, as the e-mail and the planner use it."""
        return self.ended.astimezone(JAPAN).date()

    def to_json_dict(self) -> dict[str, Any]:
        """The interview as the file writes it."""
        return {
            "ended": iso_time(self.ended.astimezone(ZoneInfo(self.tz))),
            "tz": self.tz,
            "timeline": self.timeline.to_compact(),
            "buffer": self.buffer,
            "closures": sorted(self.closures),
            "closed_dates": sorted(day.isoformat() for day in self.closed_dates),
            "thank_you_sent": _iso_or_none(self.thank_you_sent),
            "follow_up_sent": _iso_or_none(self.follow_up_sent),
            "round": self.round,
            "format": self.format,
            "reflection": dict(self.reflection),
        }


@dataclass(frozen=True)
class Application:
    """One application to one company, and its interviews in the order given.

    Attributes:
        id: Unique in the file; letters, digits, `-` and `_` (the widget makes a random one).
        company: The company's name.
        role: The job applied for; may be empty.
        stage: Where the process stands (see `STAGES`).
        interviews: The interviews, in the file's order.
        recruiter_name: Who to write to; empty for the hiring team.
        recruiter_title: Their title, such as 人事部 課長; may be empty.
        recruiter_email: Their address; may be empty.
        department: Their department; may be empty.
        notes: The reader's notes, any number of lines.
        offer_deadline: The day an offer must be answered by, or None.
    """

    id: str
    company: str
    role: str
    stage: Stage
    interviews: tuple[Interview, ...] = ()
    recruiter_name: str = ""
    recruiter_title: str = ""
    recruiter_email: str = ""
    department: str = ""
    notes: str = ""
    offer_deadline: dt.date | None = None

    @property
    def is_closed(self) -> bool:
        """Whether the process is over (accepted, declined, rejected or withdrawn)."""
        return self.stage in CLOSED_STAGES

    @cached_property
    def latest_interview(self) -> int | None:
        """The index of the interview that ended last (the later in the list on a tie)."""
        if not self.interviews:
            return None
        return max(range(len(self.interviews)), key=lambda i: (self.interviews[i].ended, i))

    def to_json_dict(self) -> dict[str, Any]:
        """The application as the file writes it."""
        return {
            "id": self.id,
            "company": self.company,
            "role": self.role,
            "stage": self.stage,
            "recruiter_name": self.recruiter_name,
            "recruiter_title": self.recruiter_title,
            "recruiter_email": self.recruiter_email,
            "department": self.department,
            "notes": self.notes,
            "offer_deadline": _iso_or_none(self.offer_deadline),
            "interviews": [interview.to_json_dict() for interview in self.interviews],
        }


def _iso_or_none(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
