"""The plan as short lines of text, in English or Japanese, from the `[plan]` catalogue.

Dates are written as `Thu 2026-05-07` or `2026-05-07（木）`, times as `15:00` with the
zone's abbreviation, so the text reads the same in a terminal and in a calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from orei.business_calendar import DayOff
from orei.date_text import weekday
from orei.messages import message
from orei.plan import Plan


def day_name(day: dt.date, lang: str) -> str:
    """`Thu 2026-05-07` (English) or `2026-05-07（木）` (Japanese)."""
    if lang == "ja":
        return f"{day.isoformat()}（{weekday(day, lang)}）"
    return f"{weekday(day, lang)} {day.isoformat()}"


def clock(moment: dt.datetime) -> str:
    """`15:00`, with `:SS` only when the seconds are not zero."""
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def local_time(moment: dt.datetime, lang: str) -> str:
    """`Wed 2026-04-29 15:00 JST` or `2026-04-29（水）15:00 JST`: day, time, zone abbreviation."""
    gap = "" if lang == "ja" else " "
    return f"{day_name(moment.date(), lang)}{gap}{clock(moment)} {moment.tzname()}"


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
            start=clock(window.send_from),
            end=clock(window.send_until),
        ),
        "  " + message(lang, "plan.deadline", deadline=local_time(window.deadline, lang)),
    ]
    if window.late_hour:
        lines.append("  " + message(lang, "plan.late_hour"))
    if window.read_later:
        lines.append("  " + message(lang, "plan.read_later", date=day_name(window.read_on, lang)))
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
