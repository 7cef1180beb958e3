"""Japan's business calendar: weekends, national holidays and company closures.

National holidays, with their substitute (振替休日) and citizens' (国民の休日)
days, come from jpholiday; closures such as the New Year break are data in
`orei/data/closures.toml`. A day that is closed for several reasons is named
by the first that applies: holiday, then closure, then weekend.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

import jpholiday

from orei.dates import FIRST_SUPPORTED, LAST_SUPPORTED, DateRangeError, check_supported, weekday
from orei.errors import InputError

DayKind = Literal["holiday", "closure", "weekend"]

_SUBSTITUTE = " 振替休日"


@dataclass(frozen=True, slots=True)
class Holiday:
    """A national holiday on one date."""

    date: dt.date
    name_en: str
    name_ja: str


@dataclass(frozen=True, slots=True)
class Closure:
    """A yearly closure, from `start` to `end` inclusive, as (month, day) pairs."""

    key: str
    name_en: str
    name_ja: str
    start: tuple[int, int]
    end: tuple[int, int]
    default: bool

    def covers(self, day: dt.date) -> bool:
        """Whether `day` falls inside the closure (which may wrap over the year end)."""
        md = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end


@dataclass(frozen=True, slots=True)
class DayOff:
    """Why a date is not a business day."""

    date: dt.date
    kind: DayKind
    name_en: str
    name_ja: str


@cache
def _english_names() -> dict[str, str]:
    text = resources.files("orei").joinpath("data", "holiday_names.toml").read_text("utf-8")
    return tomllib.loads(text)


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


@cache
def closures() -> dict[str, Closure]:
    """Every known closure, by key (`new-year`, `obon`)."""
    text = resources.files("orei").joinpath("data", "closures.toml").read_text("utf-8")
    return {
        key: Closure(
            key=key,
            name_en=spec["name_en"],
            name_ja=spec["name_ja"],
            start=_month_day(spec["start"]),
            end=_month_day(spec["end"]),
            default=spec["default"],
        )
        for key, spec in tomllib.loads(text).items()
    }


def default_closures() -> frozenset[str]:
    """The closures that apply unless the reader says otherwise."""
    return frozenset(key for key, closure in closures().items() if closure.default)


def _holiday_names(name_ja: str) -> tuple[str, str]:
    names = _english_names()
    if name_ja.endswith(_SUBSTITUTE):
        base = name_ja.removesuffix(_SUBSTITUTE)
        return f"Substitute holiday for {names[base]}", f"振替休日（{base}）"
    return names[name_ja], name_ja


def holiday(day: dt.date) -> Holiday | None:
    """The national holiday on `day`, if any.

    Raises:
        InputError: If `day` is outside the supported range.
    """
    check_supported(day)
    return _holidays_by_date(day.year, day.month).get(day)


@cache
def _holidays_by_date(year: int, month: int) -> dict[dt.date, Holiday]:
    # One jpholiday pass a month, cached: widgets ask about every day of a month per
    # keystroke, and asking jpholiday for a whole year would cost far more than a frame.
    found = {}
    for day, name_ja in jpholiday.month_holidays(year, month):
        name_en, name_ja = _holiday_names(name_ja)
        found[day] = Holiday(day, name_en, name_ja)
    return found


@cache
def holidays_in_year(year: int) -> tuple[Holiday, ...]:
    """Every national holiday of `year`, in date order.

    Raises:
        InputError: If the year is outside the supported range.
    """
    if not FIRST_SUPPORTED.year <= year <= LAST_SUPPORTED.year:
        raise DateRangeError("year")
    found = []
    for day, name_ja in sorted(jpholiday.year_holidays(year)):
        name_en, name_ja = _holiday_names(name_ja)
        found.append(Holiday(day, name_en, name_ja))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Which days a Japanese company answers mail.

    Attributes:
        closures: Keys of the yearly closures in force (see `closures()`).
        closed_dates: Extra dates the reader knows the company is closed.
    """

    closures: frozenset[str] = field(default_factory=default_closures)
    closed_dates: frozenset[dt.date] = frozenset()

    def __post_init__(self) -> None:
        known = closures()
        unknown = sorted(set(self.closures) - set(known))
        if unknown:
            raise InputError(
                "closures", "unknown_closure", value=unknown[0], allowed=", ".join(known)
            )

    def day_off(self, day: dt.date) -> DayOff | None:
        """Why `day` is not a business day, or None when it is one.

        Raises:
            InputError: If `day` is outside the supported range.
        """
        return _day_off(self, day)

    def is_business_day(self, day: dt.date) -> bool:
        """Whether a company following this calendar is open on `day`."""
        return self.day_off(day) is None

    def on_or_after(self, day: dt.date) -> dt.date:
        """The first business day on or after `day`."""
        while not self.is_business_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_business_days(self, day: dt.date, count: int) -> dt.date:
        """Step forward from `day` one day at a time, counting only business days, `count` times."""
        for _ in range(count):
            day += dt.timedelta(days=1)
            while not self.is_business_day(day):
                day += dt.timedelta(days=1)
        return day

    def days_off(self, after: dt.date, through: dt.date) -> Iterator[DayOff]:
        """Every non-business day after `after` up to and including `through`, in order."""
        day = after + dt.timedelta(days=1)
        while day <= through:
            off = self.day_off(day)
            if off is not None:
                yield off
            day += dt.timedelta(days=1)


def parse_closures(keys: Iterable[str]) -> frozenset[str]:
    """Closure keys from user input; `none` alone means no closures.

    Raises:
        InputError: If a key is unknown.
    """
    wanted = frozenset(k.strip() for k in keys if k.strip())
    if wanted == {"none"}:
        return frozenset()
    BusinessCalendar(closures=wanted)  # validates
    return wanted


# A plan and its month view ask about the same days on every keystroke; the answer for a
# calendar and a day never changes.
@lru_cache(maxsize=4096)
def _day_off(calendar: BusinessCalendar, day: dt.date) -> DayOff | None:
    found = holiday(day)
    if found is not None:
        return DayOff(day, "holiday", found.name_en, found.name_ja)
    for key in sorted(calendar.closures):
        closure = closures()[key]
        if closure.covers(day):
            return DayOff(day, "closure", closure.name_en, closure.name_ja)
    if day in calendar.closed_dates:
        return DayOff(day, "closure", "Closed (your list)", "入力した休業日")
    if day.weekday() >= 5:
        return DayOff(day, "weekend", weekday(day, "en", long=True), weekday(day, "ja", long=True))
    return None
