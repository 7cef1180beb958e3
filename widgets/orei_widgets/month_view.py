"""The plan as month tables: one real table per month, readable without colour.

Each day cell carries its number and short marks for what happens on it, with
the full meaning in text that screen readers read and a legend that explains
the marks; colour only repeats what the marks say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from orei import dates
from orei.business_calendar import DayOff
from orei.messages import message
from orei.plan import Plan
from orei_widgets.markup import Html, element, join

# Order of marks in a cell, and their CSS class.
MARKS = ("interview", "send", "follow-up", "holiday", "closure")
_EMPTY_CELL = element("td", "")


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Every (year, month) from `first`'s month to `last`'s, in order."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _marks(day: dt.date, plan: Plan, off: DayOff | None) -> tuple[str, ...]:
    found = []
    if day == plan.follow_up.interview_date:
        found.append("interview")
    if day == plan.thank_you.send_from.date():
        found.append("send")
    if off is None and plan.follow_up.earliest <= day <= plan.follow_up.latest:
        found.append("follow-up")
    return tuple(found)


def _cell(day: dt.date, plan: Plan, lang: str) -> Html:
    off = plan.calendar.day_off(day)
    return _day_cell(day, _marks(day, plan, off), off, lang)


# Typing a date moves the marks of a few days only: every other cell is the one made for
# the keystroke before, and making it again cost most of a recompute in the browser.
@lru_cache(maxsize=4096)
def _day_cell(day: dt.date, plan_marks: tuple[str, ...], off: DayOff | None, lang: str) -> Html:
    marks = list(plan_marks)
    notes = [message(lang, f"ui.month.{mark}") for mark in marks]
    classes = ["orei-day", *(f"orei-day--{mark}" for mark in marks)]
    if off is not None:
        classes.append(f"orei-day--{off.kind}")
        if off.kind != "weekend":
            marks.append(off.kind)
            notes.append(off.name_ja if lang == "ja" else off.name_en)
    symbols = "".join(message(lang, f"ui.month.symbol_{mark.replace('-', '_')}") for mark in marks)
    body = element("span", str(day.day), class_="orei-day-number")
    if symbols:
        body += element("span", symbols, class_="orei-marks", aria_hidden="true")
    if notes:
        body += element(
            "span", "、".join(notes) if lang == "ja" else "; ".join(notes), class_="orei-sr"
        )
    return element("td", body, class_=" ".join(classes))


def month_table(year: int, month: int, plan: Plan, lang: str) -> Html:
    """One month of the plan, weeks from Monday, as an HTML table with a caption."""
    return calendar_table(year, month, lang, lambda day: _cell(day, plan, lang))


def calendar_table(year: int, month: int, lang: str, cell: Callable[[dt.date], Html]) -> Html:
    """One month, weeks from Monday, as an HTML table with a caption; `cell` makes each day."""
    first = dt.date(year, month, 1)
    caption = (
        f"{year}年{month}月" if lang == "ja" else dates.date(first, lang, with_weekday=False)[2:]
    )
    rows, day = [], first - dt.timedelta(days=first.weekday())
    while day.month == month or day < first:
        cells = []
        for _ in range(7):
            cells.append(cell(day) if day.month == month else _EMPTY_CELL)
            day += dt.timedelta(days=1)
        rows.append(element("tr", join(cells)))
    return element(
        "table",
        element("caption", caption.strip()) + _head(lang) + element("tbody", join(rows)),
        class_="orei-month",
    )


@lru_cache(maxsize=2)
def _head(lang: str) -> Html:
    """The weekday names, Monday first, as the table's head."""
    monday = dt.date(2024, 1, 1)
    names = (dates.weekday(monday + dt.timedelta(days=i), lang) for i in range(7))
    return element("thead", element("tr", join(element("th", n, scope="col") for n in names)))


@lru_cache(maxsize=8)
def legend(lang: str, marks: tuple[str, ...] = MARKS) -> Html:
    """What each of `marks` means."""
    items = join(
        element(
            "li",
            element(
                "span",
                message(lang, f"ui.month.symbol_{mark.replace('-', '_')}"),
                class_="orei-marks",
            )
            + " "
            + message(lang, f"ui.month.{mark}"),
            class_=f"orei-legend--{mark}",
        )
        for mark in marks
    )
    return element("ul", items, class_="orei-legend")


def month_tables(plan: Plan, lang: str) -> Html:
    """Every month from the interview to the latest follow-up date, and the legend."""
    months = months_between(plan.follow_up.interview_date, plan.follow_up.latest)
    return legend(lang) + join(month_table(y, m, plan, lang) for y, m in months)
