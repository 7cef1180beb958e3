"""When to send the thank-you email, and when it will likely be read.

All times are in Japan time. For an interview that ended at E:

* the deadline is E + 24 hours;
* before 18:00 the window runs from max(E, 08:30) to 18:00 the same day;
* from 18:00 to before 20:00 it runs from E to 20:00, and the mail should
  apologise for the late hour;
* from 20:00 on it moves to the next calendar day, 08:30 to 11:00;
* the mail will likely be read on the first business day on or after the day
  the window opens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orei.business_calendar import BusinessCalendar
from orei.interview_time import JAPAN

DEADLINE_AFTER = dt.timedelta(hours=24)
MORNING_START = dt.time(8, 30)
WORKDAY_END = dt.time(18, 0)
LATE_END = dt.time(20, 0)
NEXT_MORNING_END = dt.time(11, 0)


@dataclass(frozen=True, slots=True)
class ThankYouWindow:
    """When to send the thank-you email.

    Attributes:
        ended: When the interview ended (aware, Japan time).
        deadline: `ended` + 24 hours.
        send_from: Start of the sending window (Japan time).
        send_until: End of the sending window (Japan time).
        late_hour: Whether the window is in the evening, so the mail should apologise for
            writing at a late hour.
        read_on: The first business day on or after the day the window opens.
    """

    ended: dt.datetime
    deadline: dt.datetime
    send_from: dt.datetime
    send_until: dt.datetime
    late_hour: bool
    read_on: dt.date

    @property
    def read_later(self) -> bool:
        """Whether the mail will likely be read on a later day than the one it is sent."""
        return self.read_on != self.send_from.date()


def thank_you_window(ended: dt.datetime, calendar: BusinessCalendar) -> ThankYouWindow:
    """The sending window for an interview that ended at `ended`.

    Args:
        ended: An aware datetime in any zone; it is read in Japan time.
        calendar: The company's calendar, for `read_on`.

    Raises:
        ValueError: If `ended` is naive (a programming error, not bad input).
        InputError: If `read_on` would fall after the supported range (field `date`).
    """
    if ended.tzinfo is None:
        raise ValueError("ended must be timezone-aware")
    ended = ended.astimezone(JAPAN)
    day = ended.date()

    def at(date: dt.date, clock: dt.time) -> dt.datetime:
        return dt.datetime.combine(date, clock, tzinfo=JAPAN)

    clock = ended.timetz().replace(tzinfo=None)
    if clock < WORKDAY_END:
        send_from, send_until, late = (
            max(ended, at(day, MORNING_START)),
            at(day, WORKDAY_END),
            False,
        )
    elif clock < LATE_END:
        send_from, send_until, late = ended, at(day, LATE_END), True
    else:
        next_day = day + dt.timedelta(days=1)
        send_from, send_until = at(next_day, MORNING_START), at(next_day, NEXT_MORNING_END)
        late = False
    return ThankYouWindow(
        ended=ended,
        deadline=ended + DEADLINE_AFTER,
        send_from=send_from,
        send_until=send_until,
        late_hour=late,
        read_on=calendar.on_or_after(send_from.date()),
    )
