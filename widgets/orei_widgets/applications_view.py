"""The applications page's views: the agenda, the interviews of the one being edited, notices.

Everything here is built as `markup.Html`, so what the reader typed (a company's name,
a role) is escaped wherever it meets markup. Every date or time is a
`<time datetime>`, every clock time carries its zone (Japan's, and the reader's clock
beside it when that differs), and the state of a step is said in words (a badge), with
colour only repeating it. Buttons carry the application they act on in their value
(`name="target"`), which the binder sends with the action.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from orei import dates
from orei.applications.agenda import Step
from orei.applications.handoff import TEMPLATES
from orei.applications.model import Application, Interview
from orei.applications.reflection import ticked
from orei.dates import JAPAN
from orei.errors import InputError
from orei.messages import field_label, message
from orei_widgets.markup import (
    Html,
    clock_time,
    day_time,
    element,
    html_message,
    in_zones,
    join,
    moment_time,
    relative_time,
    to_html,
)

FORM_ID = "orei-applications"
"""The form's id, which its fields' ids start with (`orei-applications-company`)."""
_TO_DO = frozenset({"send-thank-you", "follow-up", "reply-to-offer"})


def item_id(application: Application) -> str:
    """The id of the application's item in the agenda (ids hold only safe characters)."""
    return f"orei-app-{application.id}"


def field_id(name: str) -> str:
    """The id of the editor's field `name`."""
    return f"{FORM_ID}-{name}"


def _t(lang: str, key: str, **params: str) -> str:
    return message(lang, f"ui.applications.{key}", **params)


def _h(lang: str, key: str, **params: str) -> Html:
    """A message as markup, for parameters that are markup (a `<time>`)."""
    return html_message(lang, f"ui.applications.{key}", **params)


_PATH = re.compile(r"applications\[(\d+)\](?:\.interviews\[(\d+)\])?(?:\.([a-z_]+))?.*")
_PATH_WORDS = frozenset({"id", "interviews", "ended", "reflection"})


def readable_field(path: str, lang: str) -> str:
    """Where a problem in a file is, for the reader: `Application 4, interview 1, when it ended`.

    The file as a whole is `The file`; anything else that is no application's path is
    left as it is.
    """
    if path in ("applications", "file"):
        return _t(lang, f"path.{path}")
    match = _PATH.fullmatch(path)
    if match is None:
        return path
    number = str(int(match[1]) + 1)
    if match[2] is None:
        where = _t(lang, "path.application", number=number)
    else:
        where = _t(lang, "path.interview", number=number, interview=str(int(match[2]) + 1))
    key = match[3]
    if key is None or (key == "interviews" and match[2] is not None):
        return where
    what = _t(lang, f"path.{key}") if key in _PATH_WORDS else field_label(lang, key)
    if lang != "ja":
        what = what[:1].lower() + what[1:]  # a label in the middle of the phrase
    return _t(lang, "path.in", where=where, what=what)


def readable_error(error: InputError, lang: str) -> str:
    """The error's message, its place in the file said in words rather than as a JSON path."""
    return InputError(readable_field(error.field, lang), error.code, **error.params).message(lang)


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=JAPAN)


def sentence(step: Step, now: dt.datetime, zone: ZoneInfo | None, lang: str) -> Html:
    """What to do next, as HTML: the step's dates as `<time>` elements."""
    application = step.application
    if step.action == "send-thank-you" and step.plan is not None:
        window = step.plan.thank_you
        return _h(
            lang,
            "step.send-thank-you",
            day=day_time(window.send_from.date(), lang),
            start=clock_time(window.send_from, lang),
            end=clock_time(window.send_until, lang),
            deadline=in_zones(window.deadline, zone, lang),
            relative=relative_time(window.deadline, now, lang),
        )
    if step.action == "follow-up" and step.plan is not None:
        after = step.plan.follow_up
        return _h(
            lang,
            "step.follow-up",
            earliest=day_time(after.earliest, lang),
            latest=day_time(after.latest, lang),
        )
    if step.action == "reply-to-offer":
        if not isinstance(step.until, dt.date):
            return _h(lang, "step.reply-to-offer_open")
        return _h(
            lang,
            "step.reply-to-offer",
            date=day_time(step.until, lang),
            relative=relative_time(_end_of(step.until), now, lang),
        )
    if step.action == "wait":
        if isinstance(step.until, dt.date):
            return _h(lang, "step.wait_until", date=day_time(step.until, lang))
        if isinstance(step.start, dt.date):
            return _h(lang, "step.wait_followed_up", date=day_time(step.start, lang))
        if step.interview is None:
            return _h(lang, "step.wait_no_interview")
        return _h(lang, "step.wait_open")
    stage = message(lang, f"applications.stages.{application.stage}")
    return _h(lang, "step.closed", stage=stage)


def _due_today(step: Step, now: dt.datetime) -> bool:
    if step.overdue or step.action not in _TO_DO or step.until is None:
        return False
    until = step.until if isinstance(step.until, dt.datetime) else _end_of(step.until)
    return until <= _end_of(now.astimezone(JAPAN).date())


def badge(step: Step, now: dt.datetime, lang: str) -> Html:
    """`Overdue` or `Due today`, in words, or nothing."""
    if step.overdue:
        return element("strong", _t(lang, "overdue"), class_="orei-badge orei-badge--overdue")
    if _due_today(step, now):
        return element("strong", _t(lang, "due_today"), class_="orei-badge orei-badge--today")
    return to_html("")


def _action_button(label: str, action: str, *, primary: bool = False, **attributes: str) -> Html:
    """A button that sends `action` to Python; `primary` marks the main one of a choice."""
    return element(
        "button",
        label,
        type="button",
        class_="md-button md-button--primary" if primary else "md-button",
        data_action=action,
        **attributes,
    )


def _button(label: str, action: str, target: str, hidden_text: str = "", primary=False) -> Html:
    content = to_html(label)
    if hidden_text:
        content += element("span", hidden_text, class_="orei-sr")
    return _action_button(content, action, primary=primary, name="target", value=target)


def step_buttons(step: Step, lang: str) -> Html:
    """The buttons of one step: write the email, mark it as sent, edit."""
    application = step.application
    company = application.company
    buttons = []
    if step.action in ("send-thank-you", "follow-up"):
        template = TEMPLATES[step.action][0]
        buttons.append(
            _button(
                _t(lang, "write_email"),
                "write-email",
                f"{application.id} {template}",
                _t(lang, "for_company", company=company),
                primary=True,
            )
        )
        buttons.append(
            _button(
                _t(lang, "mark_sent"),
                "mark-sent",
                application.id,
                _t(lang, "for_company", company=company),
            )
        )
    elif step.action == "reply-to-offer":
        for template in TEMPLATES["reply-to-offer"]:
            buttons.append(
                _button(
                    _t(lang, f"write_{template.replace('-', '_')}"),
                    "write-email",
                    f"{application.id} {template}",
                    _t(lang, "for_company", company=company),
                    primary=template == "offer-accept",
                )
            )
    buttons.append(
        _button(_t(lang, "edit"), "edit", application.id, _t(lang, "for_company", company=company))
    )
    return element("div", join(buttons), class_="orei-step-actions")


def _title(application: Application, lang: str) -> Html:
    parts = [element("strong", application.company, class_="orei-step-company")]
    if application.role:
        parts.append(element("span", application.role, class_="orei-step-role"))
    stage = message(lang, f"applications.stages.{application.stage}")
    parts.append(element("span", stage, class_="orei-step-stage"))
    return element("p", join(parts, " · "), class_="orei-step-title")


def step_item(step: Step, now: dt.datetime, zone: ZoneInfo | None, lang: str) -> Html:
    """One application's next step, as an item of the agenda."""
    classes = f"orei-step orei-step--{step.action}"
    if step.overdue:
        classes += " orei-step--overdue"
    elif _due_today(step, now):
        classes += " orei-step--today"
    mark = badge(step, now, lang)
    what = (mark + " " if mark else "") + sentence(step, now, zone, lang)
    return element(
        "li",
        _title(step.application, lang)
        + element("p", what, class_="orei-step-what")
        + step_buttons(step, lang),
        class_=classes,
        id=item_id(step.application),
        tabindex="-1",
    )


def summary(steps: Sequence[Step], now: dt.datetime, lang: str) -> Html:
    """How many steps are overdue, to take, waiting and closed, on today's date."""
    counts: Counter[str] = Counter()
    for step in steps:
        if step.overdue:
            counts["overdue"] += 1
        elif step.action in _TO_DO:
            counts["to_do"] += 1
        elif step.action == "wait":
            counts["waiting"] += 1
        else:
            counts["closed"] += 1
    return element(
        "p",
        _h(
            lang,
            "summary",
            today=day_time(now.astimezone(JAPAN).date(), lang),
            overdue=str(counts["overdue"]),
            to_do=str(counts["to_do"]),
            waiting=str(counts["waiting"]),
            closed=str(counts["closed"]),
        ),
        class_="orei-agenda-summary",
    )


def not_kept(lang: str) -> Html:
    """That the applications are on this page only, and how to keep them."""
    return element("p", _t(lang, "not_kept"), class_="orei-hint orei-not-kept")


# Each item's HTML, by what it is made of. Reading shares an unchanged application between
# calls (the same object), so after one change only that application's item is made again:
# making all 200 items was most of a recompute's time. Keyed by the object's id and holding
# the object, so an id reused by a new object never matches.
_ITEMS: dict[tuple, tuple[Application, Html]] = {}
_ITEMS_KEPT = 2_000
# Steps whose sentence counts the time left from `now` (`in 3 hours`): keyed by `now` too.
_RELATIVE = frozenset({"send-thank-you", "reply-to-offer"})


def _remembered_item(step: Step, now: dt.datetime, zone: ZoneInfo | None, lang: str) -> Html:
    application = step.application
    key = (
        id(application),
        step.action,
        step.start,
        step.until,
        step.overdue,
        step.interview,
        lang,
        zone.key if zone is not None else None,
        now.astimezone(JAPAN).date(),
        now if step.action in _RELATIVE else None,
    )
    found = _ITEMS.get(key)
    if found is not None and found[0] is application:
        return found[1]
    if len(_ITEMS) >= _ITEMS_KEPT:
        _ITEMS.clear()
    made = step_item(step, now, zone, lang)
    _ITEMS[key] = (application, made)
    return made


def agenda(steps: Sequence[Step], now: dt.datetime, zone: ZoneInfo | None, lang: str) -> Html:
    """Every application's next step, most urgent first, as an ordered list."""
    if not steps:
        return element("p", _t(lang, "empty"))
    items = join(_remembered_item(step, now, zone, lang) for step in steps)
    return element("ol", items, class_="orei-agenda")


def interview_line(interview: Interview, number: int, lang: str) -> Html:
    """`Interview 2: ended …, first interview, thank-you sent …` as HTML."""
    ended = interview.ended.astimezone(ZoneInfo(interview.tz))
    parts = [_h(lang, "interview_ended", number=str(number), ended=moment_time(ended, lang))]
    if interview.round:
        parts.append(message(lang, f"ui.email.choices.round.{interview.round}"))
    if interview.thank_you_sent:
        parts.append(_h(lang, "thank_you_sent_on", date=day_time(interview.thank_you_sent, lang)))
    if interview.follow_up_sent:
        parts.append(_h(lang, "follow_up_sent_on", date=day_time(interview.follow_up_sent, lang)))
    ticks = ticked(interview.reflection)
    if ticks:
        parts.append(_t(lang, "ticks_kept", count=str(len(ticks))))
    return join(parts, "、" if lang == "ja" else "; ")


def interviews(application: Application, editing: int | None, lang: str) -> Html:
    """The interviews of the application being edited, each to edit or remove."""
    if not application.interviews:
        return element("p", _t(lang, "no_interviews"))
    items = []
    for index, interview in enumerate(application.interviews):
        when = dates.date(interview.date_in_japan, lang)
        buttons = _button(
            _t(lang, "edit_interview"),
            "edit-interview",
            str(index),
            _t(lang, "for_interview", date=when),
        ) + _button(
            _t(lang, "remove_interview"),
            "remove-interview",
            str(index),
            _t(lang, "for_interview", date=when),
        )
        line = interview_line(interview, index + 1, lang)
        if index == editing:
            line += " " + element("strong", _t(lang, "being_edited"))
        items.append(
            element(
                "li",
                element("p", line) + element("div", buttons, class_="orei-step-actions"),
            )
        )
    return element("ul", join(items), class_="orei-interviews")


def notice(text: str, can_undo: bool, lang: str) -> Html:
    """The last change, said in words, with a button to undo it when that is still possible."""
    if not text:
        return to_html("")
    body = to_html(text)
    if can_undo:
        body += " " + _action_button(_t(lang, "undo"), "undo")
    return element("p", body, class_="orei-notice")


def worksheet_panel(
    applications: Sequence[Application], ticks: Sequence[str], chosen: str, lang: str
) -> Html:
    """The worksheet's ticks, brought here, and a choice of the interview to keep them with."""
    intro = element("p", _t(lang, "worksheet_intro", count=str(len(ticks))))
    options = []
    for application in applications:
        for index, interview in enumerate(application.interviews):
            value = f"{application.id}/{index}"
            label = _t(
                lang,
                "worksheet_option",
                company=application.company,
                date=dates.date(interview.date_in_japan, lang),
            )
            attributes = {"value": value}
            if value == chosen:
                attributes["selected"] = "selected"
            options.append(element("option", label, **attributes))
    dismiss = _action_button(_t(lang, "worksheet_dismiss"), "dismiss-worksheet")
    if not options:
        return element(
            "div",
            intro + element("p", _t(lang, "worksheet_no_interview")) + dismiss,
            class_="orei-note",
        )
    select_id = field_id("worksheet_target")
    choice = element(
        "div",
        element("label", _t(lang, "worksheet_target"), for_=select_id)
        + element("select", join(options), id=select_id, name="worksheet_target"),
        class_="orei-field",
    )
    keep = _action_button(_t(lang, "worksheet_keep"), "keep-worksheet", primary=True)
    actions = element("div", keep + dismiss, class_="orei-actions")
    return element("div", intro + choice + actions, class_="orei-note")


def import_choice(name: str, count: int, current: int, lang: str) -> Html:
    """What a file about to be imported holds, and the choice of replacing or adding."""
    text = element(
        "p", _t(lang, "import_pending", name=name, count=str(count), current=str(current))
    )
    hint = element("p", _t(lang, "import_add_hint"), class_="orei-hint")
    buttons = join(
        _action_button(_t(lang, f"import_{choice}"), f"import-{choice}", primary=choice == "add")
        for choice in ("add", "replace", "cancel")
    )
    actions = element("div", buttons, class_="orei-actions")
    return element("div", text + hint + actions, class_="orei-note")


def storage_problem(problem: str, lang: str) -> Html:
    """Why the stored applications cannot be read, and the way out that loses nothing."""
    discard = _action_button(_t(lang, "start_again"), "discard-stored")
    return element(
        "div",
        element("p", _t(lang, "stored_unreadable", problem=problem))
        + element("p", _t(lang, "stored_unreadable_next"), class_="orei-hint")
        + discard,
        class_="orei-note orei-note--problem",
    )
