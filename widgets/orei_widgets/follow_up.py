"""The follow-up date calculator: the interview's end in, the reader's plan out.

Every rule is `orei.plan`; this module reads the form, shows the plan in the
page's language, and answers the calendar download and the jump to the email
generator.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from orei import date_text
from orei.calendar_export import plan_to_ics
from orei.errors import InputError
from orei.interview_time import JAPAN
from orei.messages import message
from orei.plan import Plan, make_plan
from orei_widgets.markup import element, time
from orei_widgets.month_view import month_tables
from orei_widgets.protocol import Context, State, View, text, values

ACTIONS = ("download-ics", "write-email")


def read_plan(state: State, context: Context) -> Plan | None:
    """The plan for the form's state; None while the interview's date is still empty.

    Raises:
        InputError: For the first field that is wrong.
    """
    if not text(state, "ended_date") and not text(state, "ended_time"):
        return None
    return make_plan(
        text(state, "ended_date"),
        text(state, "ended_time"),
        text(state, "tz") or "Asia/Tokyo",
        candidate_tz=text(state, "candidate_tz") or context.tz,
        timeline=text(state, "timeline") or "none",
        timeline_n=text(state, "timeline_n"),
        timeline_date=text(state, "timeline_date"),
        buffer=text(state, "buffer") or "3",
        closures=values(state, "closures") or ["none"],
        closed_dates=text(state, "closed_dates"),
    )


def _moment(moment: dt.datetime, lang: str) -> str:
    return time(moment, date_text.date_time(moment, lang))


def _day(day: dt.date, lang: str) -> str:
    return time(day, date_text.date(day, lang))


def _in_zones(moment: dt.datetime, zone: ZoneInfo | None, lang: str) -> str:
    """The time in Japan, and in the reader's zone when that shows a different clock."""
    japan = moment.astimezone(JAPAN)
    shown = message(lang, "ui.follow_up.japan_time", time=_moment(japan, lang))
    if zone is not None and japan.utcoffset() != moment.astimezone(zone).utcoffset():
        local = moment.astimezone(zone)
        shown += " " + message(
            lang, "ui.follow_up.your_time", time=_moment(local, lang), zone=zone.key
        )
    return shown


def _relative(moment: dt.datetime, now: dt.datetime, lang: str) -> str:
    delta = moment - now
    key = "ui.follow_up.in" if delta >= dt.timedelta(0) else "ui.follow_up.ago"
    return message(lang, key, span=date_text.duration(delta, lang))


def _reason(name_en: str, name_ja: str, kind: str, lang: str) -> str:
    if lang == "ja":
        return name_ja
    return f"{name_en} ({name_ja})" if kind == "holiday" else name_en


def results(plan: Plan, context: Context) -> dict[str, str]:
    """The HTML for each `data-result` slot."""
    lang, window, after = context.lang, plan.thank_you, plan.follow_up
    zone = plan.candidate_tz
    p = lambda html: element("p", html, raw=True)  # noqa: E731 - a local shorthand
    send = message(
        lang,
        "ui.follow_up.send_window",
        day=_day(window.send_from.date(), lang),
        start=time(window.send_from, date_text.time(window.send_from, lang)),
        end=time(window.send_until, date_text.time(window.send_until, lang)),
    )
    if window.late_hour:
        send += " " + message(lang, "ui.follow_up.late_hour")
    deadline = message(
        lang,
        "ui.follow_up.deadline",
        deadline=_in_zones(window.deadline, zone, lang),
        relative=_relative(window.deadline, context.now, lang),
    )
    read_key = "ui.follow_up.read_later" if window.read_later else "ui.follow_up.read_same_day"
    skipped = [
        element(
            "li",
            _day(off.date, lang)
            + " "
            + element("span", _reason(off.name_en, off.name_ja, off.kind, lang)),
            raw=True,
        )
        for off in after.skipped
    ]
    return {
        "send-window": p(send),
        "deadline": p(deadline),
        "read-on": p(message(lang, read_key, date=_day(window.read_on, lang))),
        "follow-up-earliest": p(
            message(lang, "ui.follow_up.earliest", date=_day(after.earliest, lang))
        ),
        "follow-up-latest": p(message(lang, "ui.follow_up.latest", date=_day(after.latest, lang))),
        "follow-up-basis": p(
            message(lang, "ui.follow_up.basis_none")
            if after.period_end is None
            else message(
                lang,
                "ui.follow_up.basis_timeline",
                end=_day(after.period_end, lang),
                buffer=after.buffer,
            )
        ),
        "skipped": (
            p(message(lang, "ui.follow_up.skipped_intro"))
            + element("ul", "".join(skipped), raw=True)
            if skipped
            else p(message(lang, "ui.follow_up.skipped_none"))
        ),
        "month-view": month_tables(plan, lang),
    }


def email_link(state: State, plan: Plan, context: Context, page: str) -> str:
    """The email generator's address with what the two widgets share already filled in."""
    shared = {
        "template": "thank-you",
        "interview_date": plan.follow_up.interview_date.isoformat(),
        "lang": context.lang,
    }
    if plan.thank_you.late_hour:
        shared["late_hour"] = "on"
    del state  # only the plan's normalised values travel
    return f"{page}#{urlencode(shared)}"


def handle(action: str, state: State, context: Context) -> View:
    """Update the plan, or answer one of the widget's buttons."""
    view = View(enabled=dict.fromkeys(ACTIONS, False))
    try:
        plan = read_plan(state, context)
    except InputError as error:
        return view.error(error, context.lang)
    if plan is None:
        view.results["prompt"] = element("p", message(context.lang, "ui.follow_up.prompt"))
        return view
    view.results.update(results(plan, context))
    view.enabled = dict.fromkeys(ACTIONS, True)
    if action == "download-ics":
        view.download = {
            "filename": f"orei-plan-{plan.follow_up.interview_date.isoformat()}.ics",
            "mime": "text/calendar;charset=utf-8",
            "text": plan_to_ics(plan, context.now, context.lang),
        }
    elif action == "write-email":
        view.navigate = email_link(
            state, plan, context, context.links.get("email", "../write-email/")
        )
    return view
