"""The "is it a business day in Japan?" widget: today by default, or a date the reader picks."""

from __future__ import annotations

import datetime as dt

from orei import dates
from orei.business_calendar import BusinessCalendar
from orei.errors import InputError
from orei_widgets.markup import Html, element, html_message, time
from orei_widgets.protocol import Context, State, View, text


def answer(day: dt.date, is_today: bool, lang: str) -> Html:
    """The sentence, as HTML, that says whether `day` is a business day and why not."""
    off = BusinessCalendar().day_off(day)
    when = time(day, dates.date(day, lang))
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
        day = dates.parse_date(value, "date") if value else dates.date_in_japan(context.now)
    except InputError as error:
        return view.error(error, context.lang)
    view.results["business-day"] = answer(day, is_today=not value, lang=context.lang)
    return view
