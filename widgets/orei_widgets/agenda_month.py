"""Every open application's next step on month tables, as the calculator shows one plan.

A day carries a mark for each kind of step on it (the interview, the thank-you's day,
the follow-up window's business days, an offer's answer deadline), with how many
applications share it, and text for screen readers naming the companies. National
holidays, the companies' closures and today are marked too; colour only repeats
what the marks and the names say.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from orei.applications.agenda import Step
from orei.business_calendar import closures as known_closures
from orei.business_calendar import holiday
from orei.messages import message
from orei_widgets.markup import Html, element, join
from orei_widgets.month_view import calendar_table, legend, months_between

MARKS = ("today", "interview", "send", "follow-up", "offer", "holiday", "closure")
MOST_MONTHS = 12
"""The month view never runs longer than this."""

Marks = dict[dt.date, dict[str, list[str]]]


def _add(found: Marks, day: dt.date, mark: str, company: str) -> None:
    found.setdefault(day, {}).setdefault(mark, []).append(company)


def step_marks(steps: Sequence[Step]) -> Marks:
    """The marks of every open application's step, by day, with the companies they concern."""
    found: Marks = {}
    for step in steps:
        company = step.application.company
        if step.action == "reply-to-offer":
            if isinstance(step.until, dt.date):
                _add(found, step.until, "offer", company)
            continue
        plan = step.plan
        if plan is None or step.action == "closed":
            continue
        _add(found, plan.follow_up.interview_date, "interview", company)
        if step.action == "send-thank-you":
            _add(found, plan.thank_you.send_from.date(), "send", company)
            continue
        day = plan.follow_up.earliest
        while day <= plan.follow_up.latest:
            if plan.calendar.is_business_day(day):
                _add(found, day, "follow-up", company)
            day += dt.timedelta(days=1)
    return found


def shown_months(found: Marks, today: dt.date) -> list[tuple[int, int]]:
    """The months to show: from the first mark (a month before today at most) to the last."""
    back = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    first = max(min([today, *found]), back)
    last = max([today, *found])
    return months_between(first, last)[:MOST_MONTHS]


def _closed_companies(steps: Sequence[Step]) -> list[tuple[frozenset[str], frozenset, list[str]]]:
    """Each distinct company calendar among the steps' plans, and the companies that keep it."""
    calendars: dict[tuple[frozenset[str], frozenset], list[str]] = defaultdict(list)
    for step in steps:
        if step.plan is not None and step.action != "closed":
            calendar = step.plan.calendar
            calendars[(calendar.closures, calendar.closed_dates)].append(step.application.company)
    return [(keys, dates, companies) for (keys, dates), companies in calendars.items()]


def _join(names: list[str], lang: str) -> str:
    unique = list(dict.fromkeys(names))
    return ("、" if lang == "ja" else ", ").join(unique)


def _cell(
    day: dt.date,
    found: dict[str, list[str]],
    calendars: list[tuple[frozenset[str], frozenset, list[str]]],
    today: dt.date,
    lang: str,
) -> Html:
    marks = [mark for mark in MARKS if mark in found]
    notes = [
        message(lang, f"ui.month.{mark}") + "：" + _join(found[mark], lang)
        if lang == "ja"
        else f"{message(lang, f'ui.month.{mark}')}: {_join(found[mark], lang)}"
        for mark in marks
    ]
    counts = {mark: len(set(found[mark])) for mark in marks}
    if day == today:
        marks.insert(0, "today")
        notes.insert(0, message(lang, "ui.month.today"))
        counts["today"] = 1
    classes = ["orei-day", *(f"orei-day--{mark}" for mark in marks)]
    national = holiday(day)
    if national is not None:
        marks.append("holiday")
        counts["holiday"] = 1
        classes.append("orei-day--holiday")
        notes.append(national.name_ja if lang == "ja" else national.name_en)
    else:
        closed = []
        for keys, dates, companies in calendars:
            names = [known_closures()[key] for key in sorted(keys)]
            covering = [c for c in names if c.covers(day)]
            if covering:
                name = covering[0].name_ja if lang == "ja" else covering[0].name_en
                closed.append((name, companies))
            elif day in dates:
                closed.append((message(lang, "ui.month.closed_date"), companies))
        if closed:
            marks.append("closure")
            counts["closure"] = len({c for _, companies in closed for c in companies})
            classes.append("orei-day--closure")
            for name, companies in closed:
                notes.append(
                    f"{name}（{_join(companies, lang)}）"
                    if lang == "ja"
                    else f"{name} ({_join(companies, lang)})"
                )
    if day.weekday() >= 5:
        classes.append("orei-day--weekend")
    symbols = "".join(
        message(lang, f"ui.month.symbol_{mark.replace('-', '_')}")
        + (str(counts[mark]) if counts[mark] > 1 else "")
        for mark in marks
    )
    body = element("span", str(day.day), class_="orei-day-number")
    if symbols:
        body += element("span", symbols, class_="orei-marks", aria_hidden="true")
    if notes:
        body += element("span", ("、" if lang == "ja" else "; ").join(notes), class_="orei-sr")
    return element("td", body, class_=" ".join(classes))


# Each month's table, by everything it shows: after one change (Mark as sent) only the
# months whose marks changed are made again. With 200 applications, making every table
# was a third of a recompute's time.
_TABLES: dict[tuple, Html] = {}
_TABLES_KEPT = 240


def _by_month(found: Marks) -> dict[tuple[int, int], tuple]:
    """Each month's marks as a key: its days, their marks and companies, in order."""
    months: dict[tuple[int, int], list] = defaultdict(list)
    for day in sorted(found):
        marks = tuple((mark, tuple(companies)) for mark, companies in found[day].items())
        months[(day.year, day.month)].append((day, marks))
    return {month: tuple(days) for month, days in months.items()}


def agenda_months(steps: Sequence[Step], today: dt.date, lang: str) -> Html:
    """The legend and the month tables of every open step, from `today`'s month or before."""
    found = step_marks(steps)
    calendars = _closed_companies(steps)
    closed = tuple((tuple(sorted(keys)), tuple(sorted(d)), tuple(c)) for keys, d, c in calendars)
    marks = _by_month(found)
    made = []
    for year, month in shown_months(found, today):
        shows_today = (today.year, today.month) == (year, month)
        key = (year, month, lang, today if shows_today else None, marks.get((year, month)), closed)
        table = _TABLES.get(key)
        if table is None:
            table = calendar_table(
                year,
                month,
                lang,
                lambda day: _cell(day, found.get(day, {}), calendars, today, lang),
            )
            if len(_TABLES) >= _TABLES_KEPT:
                _TABLES.clear()
            _TABLES[key] = table
        made.append(table)
    tables = join(made)
    note = element("p", message(lang, "ui.applications.month_note"), class_="orei-hint")
    return legend(lang, MARKS) + note + tables
