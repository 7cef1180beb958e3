"""The follow-up date calculator: the interview's end in, the reader's plan out.

Every rule is `orei.plan`; this module reads the form, shows the plan in the
page's language (every time with its zone, in Japan time and on the reader's own
clock), asks which one was meant when an end time happened twice, and answers the
calendar download, the jump to the email generator and "Save to my applications".
"""

from __future__ import annotations

from urllib.parse import urlencode

from orei import dates, defaults
from orei.applications.changes import interview_from_plan
from orei.calendar_export import plan_to_ics
from orei.errors import InputError, shorten
from orei.interview_time import AmbiguousTime, parse_zone, repetition
from orei.messages import message
from orei.plan import Plan, make_plan
from orei.thank_you import is_after_hours
from orei_widgets.applications_form import interview_values
from orei_widgets.markup import (
    Html,
    clock_time,
    day_time,
    element,
    elsewhere,
    html_message,
    in_zones,
    join,
    moment_time,
    relative_time,
    void,
)
from orei_widgets.month_view import month_tables
from orei_widgets.protocol import Context, State, View, text, values

ACTIONS = ("download-ics", "write-email", "save-application")
INPUT_SLOTS = ("ended-offset",)
"""Result slots that hold part of the form, shown beside errors too."""


def browser_zone(context: Context) -> str:
    """The zone the browser reports, or '' when this calculator cannot use it."""
    try:
        return parse_zone(context.tz).key
    except InputError:
        return ""


def read_plan(state: State, context: Context) -> Plan | None:
    """The plan for the form's state; None while the interview's date is still empty.

    The reader's own zone comes from "Your time zone" when filled in (an error there is
    theirs to fix), else from the browser, which never blocks a plan: a zone it reports
    that cannot be used leaves the plan in Japan time.

    Raises:
        InputError: For the first field that is wrong.
    """
    if not text(state, "ended_date") and not text(state, "ended_time"):
        return None
    return make_plan(
        text(state, "ended_date"),
        text(state, "ended_time"),
        text(state, "tz") or defaults.ZONE,
        candidate_tz=text(state, "candidate_tz") or browser_zone(context),
        ended_offset=text(state, "ended_offset"),
        timeline=text(state, "timeline") or defaults.TIMELINE,
        timeline_n=text(state, "timeline_n"),
        timeline_date=text(state, "timeline_date"),
        buffer=text(state, "buffer") or defaults.BUFFER,
        closures=values(state, "closures") or ["none"],
        closed_dates=text(state, "closed_dates"),
    )


def _reason(name_en: str, name_ja: str, kind: str, lang: str) -> str:
    if lang == "ja":
        return name_ja
    return f"{name_en} ({name_ja})" if kind == "holiday" else name_en


def _send_window(plan: Plan, lang: str) -> Html:
    """When to send, in Japan time, on the reader's clock, and the after-hours advice."""
    window, zone = plan.thank_you, plan.candidate_tz
    parts = [
        html_message(
            lang,
            "ui.follow_up.send_window",
            day=day_time(window.send_from.date(), lang),
            start=clock_time(window.send_from, lang),
            end=clock_time(window.send_until, lang),
        )
    ]
    if zone is not None and elsewhere(zone, window.send_from, window.send_until):
        start, end = window.send_from.astimezone(zone), window.send_until.astimezone(zone)
        parts.append(
            html_message(
                lang,
                "ui.follow_up.your_window",
                zone=zone.key,
                start=moment_time(start, lang),
                # The day is said once when the window starts and ends on the same one.
                end=clock_time(end, lang) if end.date() == start.date() else moment_time(end, lang),
            )
        )
    start = window.after_hours_from
    if start is not None and start == window.send_from:
        parts.append(html_message(lang, "ui.follow_up.after_hours_all"))
    elif start is not None:
        from_time = clock_time(start, lang)
        parts.append(html_message(lang, "ui.follow_up.after_hours_from", time=from_time))
    # Japanese sentences follow each other after 。 with no space.
    return join(parts, "" if lang == "ja" else " ")


def _read_on(plan: Plan, lang: str) -> Html:
    window = plan.thank_you
    if not window.read_later:
        return html_message(lang, "ui.follow_up.read_same_day", date=day_time(window.read_on, lang))
    off = plan.calendar.day_off(window.send_from.date())
    return html_message(
        lang,
        "ui.follow_up.read_later",
        day=day_time(window.send_from.date(), lang),
        reason="" if off is None else _reason(off.name_en, off.name_ja, off.kind, lang),
        date=day_time(window.read_on, lang),
    )


def results(plan: Plan, context: Context) -> dict[str, Html]:
    """The HTML for each `data-result` slot."""
    lang, window, after = context.lang, plan.thank_you, plan.follow_up
    p = lambda html: element("p", html)  # noqa: E731 - a local shorthand
    deadline = html_message(
        lang,
        "ui.follow_up.deadline",
        deadline=in_zones(window.deadline, plan.candidate_tz, lang),
        relative=relative_time(window.deadline, context.now, lang),
    )
    skipped = [
        element(
            "li",
            day_time(off.date, lang)
            + " "
            + element("span", _reason(off.name_en, off.name_ja, off.kind, lang)),
        )
        for off in after.skipped
    ]
    summary = html_message(
        lang,
        "ui.follow_up.summary",
        day=day_time(window.send_from.date(), lang),
        start=clock_time(window.send_from, lang),
        end=clock_time(window.send_until, lang),
        earliest=day_time(after.earliest, lang),
        latest=day_time(after.latest, lang),
    )
    return {
        "summary": p(summary),
        "send-window": p(_send_window(plan, lang)),
        "deadline": p(deadline),
        "read-on": p(_read_on(plan, lang)),
        "follow-up-earliest": p(
            html_message(lang, "ui.follow_up.earliest", date=day_time(after.earliest, lang))
        ),
        "follow-up-latest": p(
            html_message(lang, "ui.follow_up.latest", date=day_time(after.latest, lang))
        ),
        "follow-up-basis": p(
            message(lang, "ui.follow_up.basis_none")
            if after.period_end is None
            else html_message(
                lang,
                "ui.follow_up.basis_timeline",
                end=day_time(after.period_end, lang),
                buffer=after.buffer,
            )
        ),
        "skipped": (
            p(message(lang, "ui.follow_up.skipped_intro")) + element("ul", join(skipped))
            if skipped
            else p(message(lang, "ui.follow_up.skipped_none"))
        ),
        "month-view": month_tables(plan, lang),
    }


def offset_choice(repeated: AmbiguousTime, lang: str) -> Html:
    """Two radio buttons for an end time that happened twice, one per offset.

    The markup does not depend on which one is checked, so the binder never rewrites
    it while the reader chooses, and keyboard focus stays where it is.
    """
    params = repeated.params
    legend = message(
        lang,
        "ui.follow_up.ended_offset_legend",
        time=params["value"],
        date=dates.date(repeated.day, lang),
        zone=params["zone"],
    )
    choices = []
    for order, offset, name in zip(
        ("first", "second"), repeated.offsets, repeated.names, strict=True
    ):
        label = message(
            lang, "ui.follow_up.ended_offset_choice", time=params["value"], name=name, offset=offset
        )
        text_ = message(lang, f"ui.follow_up.ended_offset_{order}", label=label)
        radio = void("input", type="radio", name="ended_offset", value=offset)
        choices.append(
            element(
                "div", element("label", radio + " " + element("span", text_)), class_="orei-choice"
            )
        )
    return element("fieldset", element("legend", legend) + join(choices), class_="orei-group")


def email_link(plan: Plan, context: Context, page: str) -> str:
    """The email generator's address with what the two widgets share already filled in.

    The mail is assumed to go out now, or when the window opens if that is later; the
    after-hours line is asked for when that moment is outside office hours in Japan.
    """
    sent = plan.thank_you.send_moment(context.now)
    shared = {
        "template": "thank-you",
        "lang": context.lang,
        "interview_date": plan.follow_up.interview_date.isoformat(),
        "send_date": sent.date().isoformat(),
    }
    if is_after_hours(sent):
        shared["after_hours"] = "on"
    return f"{page}#{urlencode(shared)}"


def applications_link(plan: Plan, tz: str, page: str) -> str:
    """The applications page's address, its editor filled with the plan's interview.

    The interview is `orei.applications.changes.interview_from_plan`'s, written back into
    the calculator's own fields (which the applications page's editor shares), so its
    plan there is this one. Nothing is stored: the page only offers it for adding.
    """
    fields = interview_values(interview_from_plan(plan, parse_zone(tz).key))
    shared = ("ended_date", "ended_time", "tz", "ended_offset", "timeline", "timeline_n")
    shared += ("timeline_date", "buffer", "closed_dates")
    pairs = [("source", "calculator")] + [(name, fields[name]) for name in shared if fields[name]]
    # An empty list still says "none ticked", or the page's default box would stay ticked.
    pairs += [("closures", key) for key in fields["closures"]] or [("closures", "")]
    return f"{page}#{urlencode(pairs)}"


def handle(action: str, state: State, context: Context) -> View:
    """Update the plan, or answer one of the widget's buttons."""
    view = View(enabled=dict.fromkeys(ACTIONS, False))
    lang = context.lang
    # Offered whenever the end time happened twice, chosen or not, so the choice can change.
    repeated = repetition(
        text(state, "ended_date"), text(state, "ended_time"), text(state, "tz") or defaults.ZONE
    )
    if repeated is not None:
        view.results["ended-offset"] = offset_choice(repeated, lang)
    try:
        plan = read_plan(state, context)
    except AmbiguousTime as unsettled:
        view.errors["ended_time"] = message(
            lang,
            "ui.follow_up.ended_offset_error",
            time=unsettled.params["value"],
            date=dates.date(unsettled.day, lang),
            zone=unsettled.params["zone"],
        )
        return view
    except InputError as error:
        return view.error(error, lang)
    if plan is None:
        view.results["prompt"] = element("p", message(lang, "ui.follow_up.prompt"))
        return view
    view.results.update(results(plan, context))
    if not text(state, "candidate_tz") and context.tz and not browser_zone(context):
        view.results["zone-note"] = element(
            "p", message(lang, "ui.follow_up.zone_unknown", zone=shorten(context.tz))
        )
    view.enabled = dict.fromkeys(ACTIONS, True)
    if action == "download-ics":
        view.download = {
            "filename": f"orei-plan-{plan.follow_up.interview_date.isoformat()}.ics",
            "mime": "text/calendar;charset=utf-8",
            "text": plan_to_ics(plan, context.now, lang),
        }
    elif action == "write-email":
        view.navigate = email_link(plan, context, context.links.get("email", "../write-email/"))
    elif action == "save-application":
        page = context.links.get("applications", "../applications/")
        view.navigate = applications_link(plan, text(state, "tz") or "Asia/Tokyo", page)
    return view
