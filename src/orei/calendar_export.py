"""Calendar files (RFC 5545) that calendar apps import: the plan's, and the writer they share.

Hand-written rather than built with a library, to keep the browser payload small.
`calendar_text` writes any list of `Event`s; `orei.applications.exports` uses it too.
The plan's file holds two events, each with a reminder (VALARM):

* the thank-you window, as a timed event in UTC (so no VTIMEZONE is needed), with
  a reminder when the window opens;
* the follow-up, as one all-day event over its whole window, from the earliest date
  to the latest (DTEND is the day after the latest, as RFC 5545 makes it exclusive),
  with a reminder at 09:00 the day before it opens (relative triggers before the start
  are the ones every major app honours); its description gives both dates and the
  days that do not count.

UIDs are a hash of everything the plan was made from (the end instant, timeline,
buffer, closures, closed dates and company) plus the event's role, so the same
inputs always give the same UIDs, and changed inputs give new events rather than
silently colliding with old ones. DTSTAMP is the `now` passed in; nothing here reads
the clock. Text is escaped (backslash, semicolon, comma, new line), lines are folded
at 75 octets without splitting a UTF-8 character, and every line ends in CRLF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from orei.dates import day_name, ics_date, ics_utc
from orei.messages import message
from orei.plan import Plan
from orei.plan_text import after_hours_lines, local_time, read_later_line, skipped_lines

PRODID = "-//Orei//Interview follow-up planner//EN"
UID_DOMAIN = "orei.invalid"
LINE_OCTETS = 75
FOLLOW_UP_REMINDER = "-PT15H"  # 09:00 the day before an all-day event
THANK_YOU_REMINDER = "PT0S"  # when the window opens


def escape_text(text: str) -> str:
    r"""`text` as an iCalendar TEXT value: `\`, `;` and `,` escaped, new lines as `\n`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(raw, escaped)
    return text


def clean_line(text: str) -> str:
    """`text` on one line, for a summary.

    Runs of white space become one space; control characters and lone surrogates (which
    UTF-8 cannot carry) are removed.
    """
    kept = "".join(c for c in text if c.isspace() or unicodedata.category(c) not in ("Cc", "Cs"))
    return " ".join(kept.split())


def fold_line(line: str) -> str:
    """`line` folded so that no physical line exceeds 75 octets of UTF-8.

    Continuation lines start with one space, which counts towards their 75 octets;
    a multi-byte character is never split.
    """
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)


def plan_uid(plan: Plan, company: str, role: str) -> str:
    """A UID made from everything the plan was made from, the company and the event's role."""
    calendar = plan.calendar
    canonical = "\n".join(
        [
            ics_utc(plan.ended),
            plan.follow_up.timeline.to_compact(),
            str(plan.follow_up.buffer),
            ",".join(sorted(calendar.closures)),
            ",".join(sorted(day.isoformat() for day in calendar.closed_dates)),
            company,
            role,
        ]
    )
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
    return f"{role}-{digest}@{UID_DOMAIN}"


@dataclass(frozen=True, slots=True)
class Event:
    """One calendar event with a display reminder.

    Attributes:
        uid: Its UID, which a calendar app uses to update rather than duplicate it.
        summary: One line (clean it with `clean_line`).
        description: Any number of lines.
        start: An aware time, or a date for an all-day event.
        end: Of the same kind as `start`; for an all-day event, the day after the last.
        reminder: When to remind, as an RFC 5545 duration relative to `start`.
        transparent: Whether the event leaves the time free (all-day notes).
    """

    uid: str
    summary: str
    description: str
    start: dt.date
    end: dt.date
    reminder: str
    transparent: bool = False


def _when(name: str, moment: dt.date) -> str:
    if isinstance(moment, dt.datetime):
        return f"{name}:{ics_utc(moment)}"
    return f"{name};VALUE=DATE:{ics_date(moment)}"


def event_lines(event: Event, stamp: dt.datetime, sequence: int | None = None) -> list[str]:
    """The VEVENT's unfolded lines, DTSTAMP from `stamp`, SEQUENCE when given."""
    return [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{ics_utc(stamp)}",
        *([] if sequence is None else [f"SEQUENCE:{sequence}"]),
        _when("DTSTART", event.start),
        _when("DTEND", event.end),
        *(["TRANSP:TRANSPARENT"] if event.transparent else []),
        f"SUMMARY:{escape_text(event.summary)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(event.summary)}",
        f"TRIGGER:{event.reminder}",
        "END:VALARM",
        "END:VEVENT",
    ]


def calendar_text(events: Iterable[Event], now: dt.datetime, *, sequence: int | None = None) -> str:
    """The text of an `.ics` file holding `events` (CRLF line ends, folded at 75 octets).

    Args:
        events: The events, in the order to write them.
        now: When the file is made (aware); written as every DTSTAMP.
        sequence: A revision number for every event, or None to write none.

    Raises:
        ValueError: If `now` is naive (a programming error, not bad input).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *(line for event in events for line in event_lines(event, now, sequence)),
        "END:VCALENDAR",
    ]
    return "".join(fold_line(line) + "\r\n" for line in lines)


def _summary(lang: str, key: str, company: str) -> str:
    if company:
        return message(lang, f"calendar.{key}_summary_company", company=company)
    return message(lang, f"calendar.{key}_summary")


def thank_you_event(plan: Plan, uid: str, lang: str = "en", company: str = "") -> Event:
    """The thank-you window as a timed event, reminding when it opens."""
    window = plan.thank_you
    lines = [message(lang, "calendar.deadline", deadline=local_time(window.deadline, lang))]
    lines.extend(after_hours_lines(plan, lang))
    if window.read_later:
        lines.append(read_later_line(plan, lang))
    return Event(
        uid=uid,
        summary=_summary(lang, "thank_you", clean_line(company)),
        description="\n".join(lines),
        start=window.send_from,
        end=window.send_until,
        reminder=THANK_YOU_REMINDER,
    )


def follow_up_event(plan: Plan, uid: str, lang: str = "en", company: str = "") -> Event:
    """The follow-up as an all-day event on its earliest date, reminding the day before."""
    after = plan.follow_up
    lines = [
        message(
            lang,
            "plan.window",
            earliest=day_name(after.earliest, lang),
            latest=day_name(after.latest, lang),
        )
    ]
    if after.skipped:
        lines.append(message(lang, "plan.skipped"))
        lines.extend(skipped_lines(after.skipped, lang))
    return Event(
        uid=uid,
        summary=_summary(lang, "follow_up", clean_line(company)),
        description="\n".join(lines),
        start=after.earliest,
        end=after.latest + dt.timedelta(days=1),  # exclusive: the window's every day
        reminder=FOLLOW_UP_REMINDER,
        transparent=True,
    )


def plan_to_ics(plan: Plan, now: dt.datetime, lang: str = "en", company: str = "") -> str:
    """The plan as the text of an `.ics` file (CRLF line ends, fold at 75 octets).

    Args:
        plan: The plan to export.
        now: When the file is made (aware); written as DTSTAMP. Never read from the clock.
        lang: `en` or `ja`, for summaries and descriptions.
        company: The company's name, to put in the summaries; may be empty.

    Returns:
        The file's text; write it as UTF-8 without newline translation.

    Raises:
        ValueError: If `now` is naive (a programming error, not bad input).
    """
    company = clean_line(company)
    events = [
        thank_you_event(plan, plan_uid(plan, company, "thank-you"), lang, company),
        follow_up_event(plan, plan_uid(plan, company, "follow-up"), lang, company),
    ]
    return calendar_text(events, now)
