"""The "is it a business day in Japan?" widget: today by default, or a date the reader picks."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from orei import date_text
from orei.business_calendar import BusinessCalendar, check_supported
from orei.errors import InputError
from orei_widgets.markup import Html, element, html_message, time
from orei_widgets.protocol import Context, State, View, text

JAPAN = ZoneInfo("Asia/Tokyo")


def japan_today(now: dt.datetime) -> dt.date:
    """The calendar date in Japan at the instant `now`."""
    return now.astimezone(JAPAN).date()


def _parse_date(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("date", "date_format", value=value) from None
    return check_supported(day, "date")


def answer(day: dt.date, is_today: bool, lang: str) -> Html:
    """The sentence, as HTML, that says whether `day` is a business day and why not."""
    off = BusinessCalendar().day_off(day)
    when = time(day, date_text.date(day, lang))
    subject = "today" if is_today else "date"
    if off is None:
        return element("p", html_message(lang, f"ui.business_day.open_{subject}", date=when))
    reason = off.name_ja if lang == "ja" else off.name_en
    return element(
        "p",
        html_message(
            lang, f"ui.business_day.closed_{subject}", date=when, reason=element("strong", reason)
        ),
    )


def handle(action: str, state: State, context: Context) -> View:
    """Answer for the date in the form, or for today in Japan when it is empty."""
    del action  # the widget has a single view
    view = View()
    value = text(state, "date")
    try:
        day = _parse_date(value) if value else japan_today(context.now)
    except InputError as error:
        return view.error(error, context.lang)
    view.results["business-day"] = answer(day, is_today=not value, lang=context.lang)
    return view
