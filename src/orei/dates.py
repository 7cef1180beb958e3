"""Dates and times: the one parser, the supported range, Japan's zone, and every format.

A date is typed as `YYYY-MM-DD`; the month and day may drop their leading zero
(`2026-5-6`), and full-width digits and dashes typed with a Japanese input method
(`２０２６－０５－０６`) are read after Unicode NFKC normalisation. Nothing else is a
date: not ISO week dates (`2026-W19-3`), not the basic format (`20260506`), not
slashes. Errors are typed (`DateFormatError`, `ImpossibleDateError`,
`DateRangeError`), name the field, and say what is allowed.

Every view writes a date the same way from here: `Thu 7 May 2026` or
`2026年5月7日（木）` for a reader, `Thu 2026-05-07` in the command line's plan,
`Tuesday 28 April` in a letter, and ISO 8601 or iCalendar's basic form for machines.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from orei.errors import InputError

JAPAN_ZONE = "Asia/Tokyo"
"""The IANA key of the zone every plan is worked out in."""
JAPAN = ZoneInfo(JAPAN_ZONE)

FIRST_SUPPORTED = dt.date(2000, 1, 1)
# jpholiday's rules end in 2099 and it wrongly marks 4 May as a holiday before
# 1986, so the supported range is kept well inside what has been checked.
LAST_SUPPORTED = dt.date(2099, 12, 31)

_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS_EN_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_JA = "月火水木金土日"
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class DateFormatError(InputError):
    """Text that is not written as `YYYY-MM-DD`."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__(field, "date_format", value=value)


class ImpossibleDateError(InputError):
    """A `YYYY-MM-DD` that names no day on the calendar, such as `2026-02-30`."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__(field, "date_impossible", value=value)


class DateRangeError(InputError):
    """A date outside the range a rule supports; `first` and `last` are that range."""

    def __init__(
        self, field: str, first: dt.date = FIRST_SUPPORTED, last: dt.date = LAST_SUPPORTED
    ) -> None:
        self.first, self.last = first, last
        super().__init__(field, "date_range", first=first.isoformat(), last=last.isoformat())


def normalise(text: str) -> str:
    """`text` as the parsers read it: NFKC-normalised (full width to ASCII) and stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_date(
    text: str,
    field: str,
    *,
    earliest: dt.date | None = FIRST_SUPPORTED,
    latest: dt.date | None = LAST_SUPPORTED,
) -> dt.date:
    """A `YYYY-MM-DD` date from `earliest` to `latest` (2000 to 2099 unless told otherwise).

    Args:
        text: The raw string.
        field: The field to name in errors.
        earliest: The first date allowed; None for no bound.
        latest: The last date allowed; None for no bound.

    Raises:
        DateFormatError, ImpossibleDateError, DateRangeError: Naming `field`.
    """
    value = normalise(text)
    match = _DATE.fullmatch(value)
    if match is None:
        raise DateFormatError(field, value)
    try:
        day = dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ImpossibleDateError(field, value) from None
    return check_range(day, field, earliest, latest)


def check_range(
    day: dt.date,
    field: str = "date",
    earliest: dt.date | None = FIRST_SUPPORTED,
    latest: dt.date | None = LAST_SUPPORTED,
) -> dt.date:
    """Return `day` if it lies from `earliest` to `latest` (None: unbounded), else raise.

    Raises:
        DateRangeError: Naming `field`, with the supported range when a bound is None.
    """
    if (earliest is not None and day < earliest) or (latest is not None and day > latest):
        raise DateRangeError(field, earliest or FIRST_SUPPORTED, latest or LAST_SUPPORTED)
    return day


def check_supported(day: dt.date, field: str = "date") -> dt.date:
    """Return `day` if it lies from 2000 to 2099, the range every rule supports.

    Raises:
        DateRangeError: Naming `field`.
    """
    return check_range(day, field)


def date_in_japan(moment: dt.datetime) -> dt.date:
    """The calendar date in Japan at the instant `moment`."""
    return moment.astimezone(JAPAN).date()


def parse_stamp(text: str, field: str) -> dt.datetime:
    """An exact time written in ISO 8601 with its offset (`2026-04-28T15:00+09:00`).

    Raises:
        InputError: `now_format` on `field`, without an offset too.
    """
    try:
        stamp = dt.datetime.fromisoformat(normalise(text))
    except ValueError:
        stamp = None
    if stamp is None or stamp.tzinfo is None:
        raise InputError(field, "now_format", value=text)
    return stamp


def iso_time(moment: dt.datetime) -> str:
    """ISO 8601 with the offset, to the minute unless the seconds are not zero."""
    has_seconds = moment.second or moment.microsecond
    return moment.isoformat(timespec="seconds" if has_seconds else "minutes")


def ics_utc(moment: dt.datetime) -> str:
    """An instant in iCalendar's basic UTC form: `20260428T060000Z`."""
    utc = moment.astimezone(dt.UTC)
    return f"{ics_date(utc.date())}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"


def ics_date(day: dt.date) -> str:
    """A date in iCalendar's basic form: `20260428`."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


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


def day_name(day: dt.date, lang: str) -> str:
    """`Thu 2026-05-07` (English, as the command line writes it) or `2026年5月7日（木）`."""
    if lang == "ja":
        return date(day, lang)
    return f"{weekday(day, lang)} {day.isoformat()}"


def letter_date(day: dt.date, lang: str) -> str:
    """The date as a letter writes it: `Tuesday 28 April`, `4月28日（火）`."""
    if lang == "ja":
        return date(day, lang, with_year=False)
    return f"{weekday(day, lang, long=True)} {date(day, lang, with_weekday=False, with_year=False)}"


def clock(moment: dt.datetime) -> str:
    """`15:00`, with `:SS` only when the seconds are not zero."""
    seconds = f":{moment.second:02d}" if moment.second else ""
    return f"{moment.hour:02d}:{moment.minute:02d}{seconds}"
