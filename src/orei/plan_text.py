"""The plan as short lines of text, in English or Japanese, from the `[plan]` catalogue.

Dates are written as `Thu 2026-05-07` or `2026年5月7日（木）` (the way a Japanese reader
writes a date), times as `15:00` with the zone's abbreviation, so the text reads the same
in a terminal and in a calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from orei.business_calendar import DayOff
from orei.dates import clock, day_name, zone_name
from orei.messages import message
from orei.plan import Plan


def local_time(moment: dt.datetime, lang: str) -> str:
    """`Wed 2026-04-29 15:00 JST` or `2026年4月29日（水）15:00 JST`: day, time and zone."""
    gap = "" if lang == "ja" else " "
    return f"{day_name(moment.date(), lang)}{gap}{clock(moment)} {zone_name(moment)}"


def plan_lines(plan: Plan, lang: str = "en") -> list[str]:
    """The plan as lines of text: thank-you window, follow-up dates, skipped days."""
    window, after = plan.thank_you, plan.follow_up
    lines = [
        message(lang, "plan.heading", ended=local_time(plan.ended, lang)),
        "",
        message(lang, "plan.thank_you"),
        "  "
        + message(
            lang,
            "plan.send_window",
            day=day_name(window.send_from.date(), lang),
            start=f"{clock(window.send_from)} {zone_name(window.send_from)}",
            end=f"{clock(window.send_until)} {zone_name(window.send_until)}",
        ),
        "  " + message(lang, "plan.deadline", deadline=local_time(window.deadline, lang)),
    ]
    lines.extend("  " + line for line in after_hours_lines(plan, lang))
    if window.read_later:
        lines.append("  " + read_later_line(plan, lang))
    if plan.candidate_tz is not None:
        zone = plan.candidate_tz
        lines.append(
            "  "
            + message(
                lang,
                "plan.candidate",
                zone=zone.key,
                start=local_time(window.send_from.astimezone(zone), lang),
                end=local_time(window.send_until.astimezone(zone), lang),
                deadline=local_time(window.deadline.astimezone(zone), lang),
            )
        )
    lines += [
        "",
        message(lang, "plan.follow_up"),
        "  "
        + message(
            lang,
            "plan.window",
            earliest=day_name(after.earliest, lang),
            latest=day_name(after.latest, lang),
        ),
    ]
    if after.period_end is None:
        lines.append("  " + message(lang, "plan.no_timeline"))
    else:
        lines.append(
            "  "
            + message(
                lang, "plan.timeline", end=day_name(after.period_end, lang), buffer=after.buffer
            )
        )
    if after.skipped:
        lines.append("  " + message(lang, "plan.skipped"))
        lines.extend("    " + line for line in skipped_lines(after.skipped, lang))
    return lines


def after_hours_lines(plan: Plan, lang: str) -> list[str]:
    """The after-hours advice for the window, if any part of it is after 18:00 in Japan."""
    window = plan.thank_you
    start = window.after_hours_from
    if start is None:
        return []
    if start == window.send_from:
        return [message(lang, "plan.after_hours_all")]
    return [message(lang, "plan.after_hours_from", time=f"{clock(start)} {zone_name(start)}")]


def read_later_line(plan: Plan, lang: str) -> str:
    """Why the mail will be read on a later day: the day it is sent is not a business day."""
    window = plan.thank_you
    off = plan.calendar.day_off(window.send_from.date())
    reason = "" if off is None else (off.name_ja if lang == "ja" else off.name_en)
    return message(
        lang,
        "plan.read_later",
        day=day_name(window.send_from.date(), lang),
        reason=reason,
        date=day_name(window.read_on, lang),
    )


def skipped_lines(skipped: Iterable[DayOff], lang: str) -> list[str]:
    """One line per day that does not count: `Tue 2026-05-05: Children's Day (こどもの日)`."""
    return [
        message(
            lang,
            "plan.skipped_day",
            date=day_name(off.date, lang),
            name_en=off.name_en,
            name_ja=off.name_ja,
        )
        for off in skipped
    ]
