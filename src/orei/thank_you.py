"""When to send the thank-you email, and when it will likely be read.

All times are in Japan time. For an interview that ended at E:

* the deadline is E + 24 hours;
* ending before 17:00, the window runs from max(E, 08:30) to 18:00 the same day;
* ending from 17:00 to 19:00 (inclusive), it runs from E to 20:00 the same day;
* ending after 19:00, it moves to the next calendar day, 08:30 to 11:00;
* so a window is never shorter than 60 minutes, and never ends after the deadline;
* a mail sent from 18:00 (the end of the working day) until the next morning's
  08:30 carries a short after-hours line (「業務時間外に失礼いたします」);
* the mail will likely be read on the first business day on or after the day
  the window opens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orei.business_calendar import BusinessCalendar
from orei.dates import JAPAN

DEADLINE_AFTER = dt.timedelta(hours=24)
MORNING_START = dt.time(8, 30)
"""Offices open; no mail goes out before this."""
EVENING_FROM = dt.time(17, 0)
"""An interview ending from here on gets the evening window."""
WORKDAY_END = dt.time(18, 0)
"""From here until MORNING_START a mail is sent after hours."""
LAST_EVENING_END = dt.time(19, 0)
"""The latest end that still gets a same-day (evening) window."""
EVENING_END = dt.time(20, 0)
NEXT_MORNING_END = dt.time(11, 0)
SHORTEST_WINDOW = dt.timedelta(minutes=60)


def is_after_hours(moment: dt.datetime) -> bool:
    """Whether a mail sent at `moment` (any zone) reaches a Japanese office after hours."""
    clock = moment.astimezone(JAPAN).time()
    return clock >= WORKDAY_END or clock < MORNING_START


@dataclass(frozen=True, slots=True)
class ThankYouWindow:
    """When to send the thank-you email.

    Attributes:
        ended: When the interview ended (aware, Japan time).
        deadline: `ended` + 24 hours.
        send_from: Start of the sending window (Japan time).
        send_until: End of the sending window (Japan time).
        read_on: The first business day on or after the day the window opens.
    """

    ended: dt.datetime
    deadline: dt.datetime
    send_from: dt.datetime
    send_until: dt.datetime
    read_on: dt.date

    @property
    def after_hours_from(self) -> dt.datetime | None:
        """The instant in the window from which a mail needs the after-hours line, if any."""
        evening = dt.datetime.combine(self.send_from.date(), WORKDAY_END, tzinfo=JAPAN)
        start = max(self.send_from, evening)
        return start if start < self.send_until else None

    @property
    def read_later(self) -> bool:
        """Whether the mail will likely be read on a later day than the one it is sent."""
        return self.read_on != self.send_from.date()

    def send_moment(self, now: dt.datetime) -> dt.datetime:
        """When a mail written at `now` goes out: now, or the window's start if that is later."""
        return max(now.astimezone(JAPAN), self.send_from)


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
    if clock < EVENING_FROM:
        send_from, send_until = max(ended, at(day, MORNING_START)), at(day, WORKDAY_END)
    elif clock <= LAST_EVENING_END:
        send_from, send_until = ended, at(day, EVENING_END)
    else:
        next_day = day + dt.timedelta(days=1)
        send_from, send_until = at(next_day, MORNING_START), at(next_day, NEXT_MORNING_END)
    return ThankYouWindow(
        ended=ended,
        deadline=ended + DEADLINE_AFTER,
        send_from=send_from,
        send_until=send_until,
        read_on=calendar.on_or_after(send_from.date()),
    )
