"""Dates and times written for a reader, in English or Japanese.

Kept apart from the rules so that every view (widgets, CLI, the guide's
tables) writes a date the same way: `Thu 7 May 2026` or `2026年5月7日（木）`.
"""

from __future__ import annotations

import datetime as dt

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS_EN_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_JA = "月火水木金土日"
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def weekday(day: dt.date, lang: str, *, long: bool = False) -> str:
    """The weekday's name: `Thu`/`Thursday` or `木`/`木曜日`."""
    if lang == "ja":
        return _WEEKDAYS_JA[day.weekday()] + ("曜日" if long else "")
    return (_WEEKDAYS_EN_LONG if long else _WEEKDAYS_EN)[day.weekday()]


def date(day: dt.date, lang: str, *, with_weekday: bool = True, with_year: bool = True) -> str:
    """`Thu 7 May 2026` or `2026年5月7日（木）`."""
    if lang == "ja":
        text = f"{day.year}年" if with_year else ""
        text += f"{day.month}月{day.day}日"
        return text + (f"（{weekday(day, lang)}）" if with_weekday else "")
    text = f"{day.day} {_MONTHS_EN[day.month - 1]}" + (f" {day.year}" if with_year else "")
    return f"{weekday(day, lang)} {text}" if with_weekday else text


def time(moment: dt.datetime | dt.time, lang: str) -> str:
    """`15:00` in both languages (24-hour, as Japanese business mail uses)."""
    del lang  # the same in both; kept for a uniform signature
    return f"{moment.hour:02d}:{moment.minute:02d}"


def date_time(moment: dt.datetime, lang: str) -> str:
    """`Thu 7 May 2026, 15:00` or `2026年5月7日（木）15:00`."""
    sep = "" if lang == "ja" else ", "
    return f"{date(moment.date(), lang)}{sep}{time(moment, lang)}"


def offset(delta: dt.timedelta | None) -> str:
    """A UTC offset as `+09:00`, `-04:00` or `+05:45`."""
    minutes = int((delta or dt.timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_name(moment: dt.datetime) -> str:
    """The zone's abbreviation at `moment` (`JST`, `EDT`), or its offset as `UTC+05:45`.

    Many zones have no letters in the zone database (`+0545`); an offset with `UTC`
    before it reads the same to everyone, and still tells the two halves of a repeated
    hour apart.
    """
    name = moment.tzname() or ""
    return name if name.isalpha() else f"UTC{offset(moment.utcoffset())}"


def zoned_time(moment: dt.datetime, lang: str) -> str:
    """`15:00 JST`: the clock and its zone, so no two instants read alike."""
    return f"{time(moment, lang)} {zone_name(moment)}"


def zoned_date_time(moment: dt.datetime, lang: str) -> str:
    """`Thu 7 May 2026, 15:00 JST` or `2026年5月7日（木）15:00 JST`."""
    return f"{date_time(moment, lang)} {zone_name(moment)}"


def duration(delta: dt.timedelta, lang: str) -> str:
    """A rounded span such as `5 h 20 min`, `2 days 3 h` or `5時間20分`, `2日3時間`, `23時間`."""
    minutes = abs(int(delta.total_seconds())) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if lang == "ja":
        if days:
            return f"{days}日{hours}時間" if hours else f"{days}日"
        if hours:
            return f"{hours}時間{mins}分" if mins else f"{hours}時間"
        return f"{mins}分"
    if days:
        day_text = f"{days} day" + ("s" if days != 1 else "")
        return f"{day_text} {hours} h" if hours else day_text
    return f"{hours} h {mins} min" if hours else f"{mins} min"
