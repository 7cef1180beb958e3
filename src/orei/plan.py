"""The whole plan after an interview: the thank-you window and the follow-up dates.

`make_plan` takes the widget's raw form strings (or the command line's flags, which
map onto the same fields) and returns a `Plan`, or raises one `InputError` naming the
first field that is wrong. `build_plan` is the same from already-typed values.

The JSON shape (`Plan.to_json_dict`), with times as ISO 8601 with the offset
(`2026-04-28T15:00+09:00`, seconds only when not zero) and dates as `YYYY-MM-DD`::

    {
      "ended": time (Japan),
      "interview_date": date (Japan),
      "thank_you": {
        "deadline", "send_from", "send_until": times (Japan),
        "after_hours_from": time (Japan) | null,   # a mail sent from then on needs the
                                                   # after-hours line
        "read_on": date, "read_later": bool,
        "candidate": {                      # only when a candidate zone is given
          "tz": IANA key,
          "ended", "deadline", "send_from", "send_until": the same instants in that zone
        }
      },
      "follow_up": {
        "earliest", "latest": dates,
        "timeline": {"kind": str, "n": int | null, "date": date | null},
        "period_end": date | null, "buffer": int
      },
      "skipped": [{"date", "kind": "holiday" | "closure" | "weekend", "name_en", "name_ja"}],
      "closures": [keys in force, sorted], "closed_dates": [dates, sorted]
    }
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from orei.business_calendar import BusinessCalendar, parse_closures
from orei.dates import LAST_SUPPORTED, DateRangeError, iso_time, normalise, parse_date
from orei.defaults import BUFFER, TIMELINE, ZONE
from orei.errors import InputError
from orei.follow_up import (
    NO_TIMELINE,
    TIMELINE_KINDS,
    FollowUp,
    Timeline,
    follow_up,
    parse_buffer,
    parse_timeline,
    timeline_from_fields,
)
from orei.interview_time import interview_end, parse_zone
from orei.thank_you import ThankYouWindow, thank_you_window


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the reader needs to act on after one interview.

    Attributes:
        ended: When the interview ended (aware, Japan time).
        calendar: The company's business calendar used for every date.
        thank_you: When to send the thank-you email.
        follow_up: When to follow up, and the days skipped on the way.
        candidate_tz: The candidate's zone, to show times in it too, or None.
    """

    ended: dt.datetime
    calendar: BusinessCalendar
    thank_you: ThankYouWindow
    follow_up: FollowUp
    candidate_tz: ZoneInfo | None = None

    def to_json_dict(self) -> dict[str, Any]:
        """The plan as plain JSON values (see the module docstring for the shape)."""
        thank_you: dict[str, Any] = {
            "deadline": iso_time(self.thank_you.deadline),
            "send_from": iso_time(self.thank_you.send_from),
            "send_until": iso_time(self.thank_you.send_until),
            "after_hours_from": (
                iso_time(self.thank_you.after_hours_from)
                if self.thank_you.after_hours_from
                else None
            ),
            "read_on": self.thank_you.read_on.isoformat(),
            "read_later": self.thank_you.read_later,
        }
        if self.candidate_tz is not None:
            zone = self.candidate_tz
            thank_you["candidate"] = {
                "tz": zone.key,
                "ended": iso_time(self.ended.astimezone(zone)),
                "deadline": iso_time(self.thank_you.deadline.astimezone(zone)),
                "send_from": iso_time(self.thank_you.send_from.astimezone(zone)),
                "send_until": iso_time(self.thank_you.send_until.astimezone(zone)),
            }
        timeline = self.follow_up.timeline
        period_end = self.follow_up.period_end
        return {
            "ended": iso_time(self.ended),
            "interview_date": self.follow_up.interview_date.isoformat(),
            "thank_you": thank_you,
            "follow_up": {
                "earliest": self.follow_up.earliest.isoformat(),
                "latest": self.follow_up.latest.isoformat(),
                "timeline": {
                    "kind": timeline.kind,
                    "n": timeline.n,
                    "date": timeline.date.isoformat() if timeline.date else None,
                },
                "period_end": period_end.isoformat() if period_end else None,
                "buffer": self.follow_up.buffer,
            },
            "skipped": [
                {
                    "date": off.date.isoformat(),
                    "kind": off.kind,
                    "name_en": off.name_en,
                    "name_ja": off.name_ja,
                }
                for off in self.follow_up.skipped
            ],
            "closures": sorted(self.calendar.closures),
            "closed_dates": sorted(day.isoformat() for day in self.calendar.closed_dates),
        }


def build_plan(
    ended: dt.datetime,
    *,
    timeline: Timeline = NO_TIMELINE,
    buffer: int = BUFFER,
    calendar: BusinessCalendar | None = None,
    candidate_tz: ZoneInfo | None = None,
) -> Plan:
    """The plan from typed values.

    Args:
        ended: When the interview ended (aware, any zone).
        timeline: The company's timeline, `NO_TIMELINE` when none was given.
        buffer: Business days to wait after a stated timeline (1 to 10).
        calendar: The company's calendar; the default has the New Year closure only.
        candidate_tz: A zone to show the thank-you times in as well.

    Raises:
        InputError: For a buffer or timeline date out of range, or `plan_beyond_range`
            when a date in the plan would fall after 2099-12-31.
    """
    calendar = calendar if calendar is not None else BusinessCalendar()
    try:
        thank_you = thank_you_window(ended, calendar)
        after = follow_up(thank_you.ended.date(), calendar, timeline, buffer)
    except DateRangeError:
        # Every input is in range by now: a date the rules worked out ran past the last one.
        blamed = "ended_date" if timeline.kind == "none" else timeline.field
        raise InputError(blamed, "plan_beyond_range", last=LAST_SUPPORTED.isoformat()) from None
    return Plan(
        ended=thank_you.ended,
        calendar=calendar,
        thank_you=thank_you,
        follow_up=after,
        candidate_tz=candidate_tz,
    )


def parse_closed_dates(text: str | Iterable[str]) -> frozenset[dt.date]:
    """Extra closed dates: `YYYY-MM-DD` separated by commas, spaces or new lines.

    Raises:
        InputError: A date error on `closed_dates`.
    """
    if isinstance(text, str):
        text = normalise(text).replace(",", " ").split()
    return frozenset(parse_date(part, "closed_dates") for part in text if part.strip())


def parse_closure_keys(text: str | Iterable[str] | None) -> frozenset[str]:
    """Closure keys: `new-year,obon`, `none`, or None for the default (New Year only).

    Raises:
        InputError: `unknown_closure` on `closures`.
    """
    if text is None:
        return BusinessCalendar().closures
    if isinstance(text, str):
        text = normalise(text).lower().split(",")
    return parse_closures(text)


def make_plan(
    ended_date: str,
    ended_time: str,
    tz: str = ZONE,
    *,
    candidate_tz: str = "",
    ended_offset: str = "",
    timeline: str = TIMELINE,
    timeline_n: str = "",
    timeline_date: str = "",
    buffer: str | int = BUFFER,
    closures: str | Iterable[str] | None = None,
    closed_dates: str | Iterable[str] = "",
) -> Plan:
    """The plan from the widget's raw form strings; parameter names are the field names.

    Args:
        ended_date: `YYYY-MM-DD` in `tz`.
        ended_time: `HH:MM` in `tz`, optionally with an offset (see `interview_end`).
        tz: IANA zone of the end time; empty when not given (see `interview_end`).
        candidate_tz: IANA zone to show times in as well; empty for none.
        ended_offset: The offset chosen for an end time that happened twice in `tz`.
        timeline: A kind (`none`, `days`, `weeks`, `business_days`, `date`), read with
            `timeline_n` / `timeline_date`; or a compact timeline (`7d`, `2w`, `5bd`,
            `2026-05-20`), as on the command line.
        timeline_n: The count for `days`, `weeks` or `business_days`.
        timeline_date: The date for `date`.
        buffer: Business days to wait after a stated timeline, 1 to 10.
        closures: Comma-separated closure keys or `none`; None for the default.
        closed_dates: Extra closed dates, separated by commas or spaces.

    Raises:
        InputError: For the first field, in that order, that is wrong.
    """
    ended = interview_end(ended_date, ended_time, tz, ended_offset)
    candidate = parse_zone(candidate_tz, "candidate_tz") if normalise(candidate_tz) else None
    kind = normalise(timeline).lower()
    if kind in TIMELINE_KINDS or kind == "":
        stated = timeline_from_fields(kind, timeline_n, timeline_date)
    else:
        stated = parse_timeline(timeline)
    days = parse_buffer(buffer)
    calendar = BusinessCalendar(
        closures=parse_closure_keys(closures), closed_dates=parse_closed_dates(closed_dates)
    )
    return build_plan(
        ended, timeline=stated, buffer=days, calendar=calendar, candidate_tz=candidate
    )
