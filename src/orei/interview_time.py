"""When the interview ended: form strings in, one exact instant in Japan time out.

The end time arrives either as the widget's separate fields (a date, a time and
an IANA zone) or as one ISO 8601 string from the command line, with or without
an offset. Whatever zone it came in, the planner works in Japan time.

Daylight-saving changes in the reader's zone are never guessed at:

* a local time that did not exist (the clocks went forward) is an `InputError`
  on `ended_time`;
* a local time that happened twice (the clocks went back) is an `InputError` on
  `ended_time` (`AmbiguousTime`) that carries both offsets and their abbreviations,
  until the reader says which one they mean: the widget's `ended_offset` choice, or
  an offset written after the time (`01:30-04:00`) on the command line;
* an offset written after the time must be one the zone had at that moment; with no
  zone given, the offset alone makes the time exact.

Strings are read after Unicode NFKC normalisation, so full-width digits and
colons typed with a Japanese input method (`１５：００`) are accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from orei.dates import JAPAN, DateRangeError, check_supported, normalise, parse_date, zone_name
from orei.dates import offset as format_offset
from orei.defaults import ZONE
from orei.errors import InputError

_TIME = re.compile(
    r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
    r"(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<oh>[0-9]{2}):?(?P<om>[0-9]{2}))?"
)
# Wide enough that converting between any two zones cannot overflow `datetime`,
# narrow enough that the Japan-time check below gives the useful message.
_FIRST_LOCAL = dt.date(1999, 12, 30)
_LAST_LOCAL = dt.date(2100, 1, 2)


def parse_zone(text: str, field: str = "tz") -> ZoneInfo:
    """An IANA zone such as `Asia/Tokyo` (read from `tzdata` where the system has no zone files).

    Raises:
        InputError: `unknown_zone` on `field`.
    """
    key = normalise(text)
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: not a normalised relative path, or not a TZif file;
        # OSError: a directory such as `America`, or a name too long.
        raise InputError(field, "unknown_zone", value=key) from None


def _offset(match: re.Match[str]) -> dt.timezone | None:
    if match["utc"]:
        return dt.UTC
    if not match["sign"]:
        return None
    hours, minutes = int(match["oh"]), int(match["om"])
    if hours > 23 or minutes > 59:
        raise InputError("ended_time", "offset_range", value=match.string[match.start("sign") :])
    delta = dt.timedelta(hours=hours, minutes=minutes)
    return dt.timezone(-delta if match["sign"] == "-" else delta)


class AmbiguousTime(InputError):
    """A local time that happened twice; `offsets` are the first and the second, in order."""

    def __init__(self, value: str, day: dt.date, zone: ZoneInfo, pair: tuple[dt.datetime, ...]):
        first, second = pair
        self.day = day
        self.offsets = (format_offset(first.utcoffset()), format_offset(second.utcoffset()))
        self.names = (zone_name(first), zone_name(second))
        super().__init__(
            "ended_time",
            "time_ambiguous",
            value=value,
            date=day.isoformat(),
            zone=zone.key,
            first=self.offsets[0],
            second=self.offsets[1],
            first_name=self.names[0],
            second_name=self.names[1],
        )


def _local(
    day: dt.date, clock: dt.time, zone: ZoneInfo, shown: str, chosen: str = ""
) -> dt.datetime:
    """`day` at `clock` in `zone`; a repeated time needs `chosen`, one of its two offsets."""
    naive = dt.datetime.combine(day, clock)
    pair = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if pair[0].utcoffset() == pair[1].utcoffset():
        return pair[0]
    round_trip = pair[0].astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise InputError(
            "ended_time", "time_nonexistent", value=shown, date=day.isoformat(), zone=zone.key
        )
    for moment in pair:
        if chosen and format_offset(moment.utcoffset()) == chosen:
            return moment
    raise AmbiguousTime(shown, day, zone, pair)


def interview_end(
    ended_date: str, ended_time: str, tz: str = ZONE, ended_offset: str = ""
) -> dt.datetime:
    """The instant the interview ended, in Japan time, from the widget's fields.

    Args:
        ended_date: `YYYY-MM-DD`, the date in `tz`.
        ended_time: `HH:MM` or `HH:MM:SS` (24-hour clock) in `tz`, optionally followed by an
            offset (`Z`, `+01:00`, `-0500`), which must be one `tz` had at that time.
        tz: IANA zone of the date and time, `Asia/Tokyo` by default; empty when not given,
            which reads a time without offset in Japan time and one with an offset as exact.
        ended_offset: For a time that happened twice in `tz`, the offset the reader chose
            (`-04:00`); ignored when it is not one of the two.

    Returns:
        An aware datetime in `JAPAN`.

    Raises:
        InputError: On `ended_date` (format, impossible date, outside 2000 to 2099 in Japan
            time), `ended_time` (format, offset, DST gap or repeat, an offset the zone did not
            have) or `tz` (unknown zone).
    """
    # The local date may lie a day outside the range; the date in Japan is checked below.
    day = parse_date(ended_date, "ended_date", earliest=None, latest=None)
    if not _FIRST_LOCAL <= day <= _LAST_LOCAL:
        raise DateRangeError("ended_date")  # names the range a reader can use, not this guard

    time_text = normalise(ended_time)
    time_match = _TIME.fullmatch(time_text)
    if time_match is None:
        raise InputError("ended_time", "time_format", value=time_text)
    hour, minute, second = (int(part or 0) for part in time_match.group(1, 2, 3))
    if hour > 23 or minute > 59 or second > 59:
        raise InputError("ended_time", "time_format", value=time_text)
    clock = dt.time(hour, minute, second)

    offset = _offset(time_match)
    zone = parse_zone(tz, "tz") if normalise(tz) else None
    if offset is None:
        ended = _local(day, clock, zone or JAPAN, time_text, normalise(ended_offset))
    else:
        ended = dt.datetime.combine(day, clock, tzinfo=offset)
        if zone is not None:
            _check_offset(ended, zone, time_text)
    in_japan = ended.astimezone(JAPAN)
    check_supported(in_japan.date(), "ended_date")
    return in_japan


def repetition(ended_date: str, ended_time: str, tz: str = ZONE) -> AmbiguousTime | None:
    """The question to ask when these fields name a local time that happened twice, or None."""
    try:
        interview_end(ended_date, ended_time, tz)
    except AmbiguousTime as repeated:
        return repeated
    except InputError:
        return None
    return None


def _check_offset(ended: dt.datetime, zone: ZoneInfo, shown: str) -> None:
    """Refuse an offset that `zone` did not have at that local time."""
    naive = ended.replace(tzinfo=None)
    had = {naive.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1)}
    if ended.utcoffset() not in had:
        raise InputError(
            "ended_time",
            "offset_conflict",
            value=shown,
            zone=zone.key,
            allowed=" / ".join(sorted(format_offset(offset) for offset in had)),
        )


def split_ended(text: str) -> tuple[str, str]:
    """`2026-04-28T15:00+09:00` as its date and time parts (`T` or one space between)."""
    value = normalise(text)
    date_part, _, time_part = value.replace(" ", "T", 1).partition("T")
    return date_part, time_part
