"""The applications page: the reader's applications, their agenda, and every change to them.

The applications are one `orei-applications` document, kept as its text in the form's
hidden `document` field. The binder keeps that field in the browser's storage once the
reader ticks "Keep my applications in this browser" (`data-store`), and it reaches
Python as text, read by `orei.applications.file_format.read_file` (which checks the
nesting before parsing: Pyodide's JSON parser overflows the browser's stack on deep
nesting). An imported file arrives as bytes, read the same way. Every change is made by
`orei.applications` (`changes.mark_sent`, reading and writing the file) and written back
as the whole document (`View.values`), so what is stored is always a file Orei reads.

A document that cannot be read (stored by a newer Orei, or damaged) is never replaced
behind the reader's back: the page says why, the binder offers it as a download, and
nothing that would write the document runs until the reader discards it.

The last change can be undone: the `undo` field holds the document before it, with the
digest of the document after it, so an undo after another tab's change is refused
rather than silently reverting that change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from orei import dates, defaults
from orei.applications import exports
from orei.applications.agenda import Step, build_agenda
from orei.applications.changes import SENT_FIELDS, mark_sent
from orei.applications.file_format import MAX_FILE_BYTES, read_file, write_file
from orei.applications.handoff import email_handoffs
from orei.applications.model import Application
from orei.applications.plans import forget_plans
from orei.applications.reading import forget_applications
from orei.applications.reflection import tick_keys, ticked, with_ticks
from orei.dates import JAPAN
from orei.defaults import APPLICATIONS_HIDDEN_FIELDS
from orei.errors import InputError, shorten
from orei.interview_time import AmbiguousTime, repetition
from orei.messages import message
from orei.thank_you import is_after_hours
from orei_widgets import applications_view as show
from orei_widgets.agenda_month import agenda_months
from orei_widgets.applications_form import (
    APPLICATION_FIELDS,
    BLANK_APPLICATION,
    BLANK_INTERVIEW,
    application_values,
    build_application,
    check_application_fields,
    has_interview,
    interview_values,
    read_interview,
)
from orei_widgets.follow_up import browser_zone, offset_choice
from orei_widgets.markup import element, to_html
from orei_widgets.protocol import Context, State, View, text

ACTIONS = (
    "save",
    "cancel",
    "edit",
    "remove",
    "edit-interview",
    "new-interview",
    "remove-interview",
    "mark-sent",
    "write-email",
    "undo",
    "import",
    "import-add",
    "import-replace",
    "import-cancel",
    "export-json",
    "export-csv",
    "export-ics",
    "discard-stored",
    "delete-everything",
    "keep-worksheet",
    "dismiss-worksheet",
)
INPUT_SLOTS = ("ended-offset", "worksheet", "import")
"""Result slots that hold part of the form (a choice to make), not news."""
RESULTS_BESIDE_ERRORS = (
    "storage-problem",
    "notice",
    "summary",
    "agenda",
    "month-view",
    "editor-status",
    "interviews",
    *INPUT_SLOTS,
)
"""Every slot: a mistake in the editor leaves the agenda and the rest in view."""
WRITES = frozenset(
    {
        "save",
        "remove",
        "remove-interview",
        "mark-sent",
        "undo",
        "import",
        "import-add",
        "import-replace",
        "keep-worksheet",
    }
)
"""Actions that write the document: refused while the stored one cannot be read."""
FILE_NAME = "orei-applications"


# --- the document --------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """The form's document: its text, its applications, and why it cannot be read, if so."""

    text: str
    applications: tuple[Application, ...] = ()
    problem: InputError | None = None


_last: Document | None = None
"""The last document read: the reader's typing in the editor sends the same text again."""


def read_document(text_: str) -> Document:
    """The applications in the form's document text (an empty text holds none)."""
    global _last
    if _last is not None and _last.text == text_:
        return _last
    if not text_.strip():
        found = Document(text_)
    else:
        try:
            found = Document(text_, read_file(text_))
        except InputError as error:
            found = Document(text_, problem=error)
    _last = found
    return found


def forget() -> None:
    """Forget every application this interpreter has read (for "Delete everything")."""
    global _last
    _last = None
    forget_applications()
    forget_plans()


def digest(text_: str) -> str:
    """A short digest of a document's text, to know it has not changed since."""
    return hashlib.sha256(text_.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def undo_value(before: str, after: str) -> str:
    """The `undo` field after a change from `before` to `after`."""
    return f"{digest(after)}\n{before}"


def can_undo(state: State, current: str) -> bool:
    """Whether the `undo` field undoes the change that made `current`."""
    recorded = _field(state, "undo")
    return bool(recorded) and recorded.split("\n", 1)[0] == digest(current)


def _field(state: State, name: str) -> str:
    value = state.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)


def today_in_japan(now: dt.datetime) -> dt.date:
    """The day in Japan at `now`."""
    return now.astimezone(JAPAN).date()


def new_id(applications: Sequence[Application]) -> str:
    """A random id of 8 hex digits that no application in the list has.

    From `random`, not `secrets`: an id needs to be unique in the file, not secret, and
    `random` is what the build fixes while it takes the memory snapshot (so that the same
    inputs make the same snapshot) and the worker reseeds from the browser.
    """
    taken = {application.id for application in applications}
    while True:
        identifier = f"{random.getrandbits(32):08x}"
        if identifier not in taken:
            return identifier


def find(applications: Sequence[Application], identifier: str) -> int | None:
    """The position of the application with `identifier`, or None."""
    return next((i for i, a in enumerate(applications) if a.id == identifier), None)


# --- what an action does -------------------------------------------------------------


@dataclass
class Outcome:
    """What an action changes: fields, the focus, a file, a page to open, errors."""

    values: dict[str, str | list[str]] = field(default_factory=dict)
    focus: str | None = None
    download: dict[str, str] | None = None
    navigate: str | None = None
    errors: dict[str, str] = field(default_factory=dict)


Action = Callable[[Document, State, Context], Outcome]
_ACTIONS: dict[str, Action] = {}


def action(*names: str) -> Callable[[Action], Action]:
    """Register the function as the handler of the actions `names`."""

    def register(function: Action) -> Action:
        for name in names:
            _ACTIONS[name] = function
        return function

    return register


def _t(lang: str, key: str, **params: object) -> str:
    return message(lang, f"ui.applications.{key}", **params)


def blank_editor() -> dict[str, str | list[str]]:
    """The editor as a new application with no interview."""
    return {
        **BLANK_APPLICATION,
        **BLANK_INTERVIEW,
        "editing": "",
        "interview": "",
        "source": "",
    }


def changed(
    document: Document, applications: Sequence[Application], notice: str
) -> dict[str, str | list[str]]:
    """The fields after a change to `applications`: the new document, its undo, its notice."""
    global _last
    after = write_file(applications)
    # What `write_file` writes reads back to the same applications: no need to read it again.
    _last = Document(after, tuple(applications))
    return {
        "document": after,
        "undo": undo_value(document.text, after),
        "notice": notice,
        "import_problem": "",
    }


def _target(state: State) -> str:
    return text(state, "target")


def _editing(document: Document, state: State) -> int | None:
    identifier = text(state, "editing")
    return find(document.applications, identifier) if identifier else None


def _target_interview(document: Document, state: State) -> tuple[int, int] | None:
    """The application being edited and the index of its interview the button names, if any."""
    position = _editing(document, state)
    target = _target(state)
    if position is None or not target.isdigit():
        return None
    index = int(target)
    if index >= len(document.applications[position].interviews):
        return None
    return position, index


def _interview_index(state: State, application: Application | None) -> int | None:
    value = text(state, "interview")
    if application is None or not value.isdigit():
        return None
    index = int(value)
    return index if index < len(application.interviews) else None


@action("save")
def _save(document: Document, state: State, context: Context) -> Outcome:
    lang = context.lang
    applications = list(document.applications)
    position = _editing(document, state)
    existing = applications[position] if position is not None else None
    interviews = list(existing.interviews) if existing else []
    index = _interview_index(state, existing)
    interview = read_interview(state, interviews[index] if index is not None else None)
    if interview is None and index is not None:
        return Outcome(errors={"ended_date": _t(lang, "interview_date_needed")})
    if interview is not None:
        if index is None:
            interviews.append(interview)
        else:
            interviews[index] = interview
    identifier = existing.id if existing else new_id(applications)
    application = build_application(state, identifier, tuple(interviews))
    if position is None:
        applications.append(application)
    else:
        applications[position] = application
    notice = _t(lang, "saved", company=application.company)
    return Outcome(
        values={**blank_editor(), **changed(document, applications, notice)},
        focus=show.item_id(application),
    )


@action("cancel")
def _cancel(document: Document, state: State, _context: Context) -> Outcome:
    position = _editing(document, state)
    focus = (
        show.item_id(document.applications[position])
        if position is not None
        else show.field_id("company")
    )
    return Outcome(values={**blank_editor(), "notice": ""}, focus=focus)


@action("edit")
def _edit(document: Document, state: State, context: Context) -> Outcome:
    position = find(document.applications, _target(state))
    if position is None:
        return Outcome(values={"notice": _t(context.lang, "gone")})
    application = document.applications[position]
    fields = {**blank_editor(), **application_values(application), "editing": application.id}
    if not text(state, "editing") and not text(state, "interview") and has_interview(state):
        # An interview typed (or brought from the calculator) for a new application is
        # kept, to be added to this one when it is saved.
        fields.update({name: state.get(name, "") for name in BLANK_INTERVIEW})
        fields["source"] = text(state, "source")
    elif application.latest_interview is not None:
        latest = application.latest_interview
        fields.update(interview_values(application.interviews[latest]))
        fields["interview"] = str(latest)
    return Outcome(values={**fields, "notice": ""}, focus=show.field_id("company"))


@action("remove")
def _remove(document: Document, state: State, context: Context) -> Outcome:
    position = _editing(document, state)
    if position is None:
        return Outcome(values={**blank_editor(), "notice": _t(context.lang, "gone")})
    applications = list(document.applications)
    removed = applications.pop(position)
    notice = _t(context.lang, "removed", company=removed.company)
    return Outcome(
        values={**blank_editor(), **changed(document, applications, notice)},
        focus=f"{show.FORM_ID}-agenda-heading",
    )


@action("edit-interview")
def _edit_interview(document: Document, state: State, _context: Context) -> Outcome:
    target = _target_interview(document, state)
    if target is None:
        return Outcome()
    position, index = target
    interview = document.applications[position].interviews[index]
    values = {**interview_values(interview), "interview": str(index)}
    return Outcome(values=values, focus=show.field_id("ended_date"))


@action("new-interview")
def _new_interview(document: Document, state: State, _context: Context) -> Outcome:
    values = {**BLANK_INTERVIEW, "interview": ""}
    position = _editing(document, state)
    if position is not None:
        latest = document.applications[position].latest_interview
        if latest is not None:
            # The same zone and closures as last time: usually the same company's calendar.
            before = interview_values(document.applications[position].interviews[latest])
            values.update({name: before[name] for name in ("tz", "closures", "closed_dates")})
    return Outcome(values=values, focus=show.field_id("ended_date"))


@action("remove-interview")
def _remove_interview(document: Document, state: State, context: Context) -> Outcome:
    target = _target_interview(document, state)
    if target is None:
        return Outcome()
    position, index = target
    applications = list(document.applications)
    application = applications[position]
    interviews = list(application.interviews)
    removed = interviews.pop(index)
    applications[position] = dataclasses.replace(application, interviews=tuple(interviews))
    notice = _t(
        context.lang,
        "interview_removed",
        date=dates.date(removed.date_in_japan, context.lang),
        company=application.company,
    )
    values = changed(document, applications, notice)
    editing = _interview_index(state, application)
    if editing == index:
        values.update({**BLANK_INTERVIEW, "interview": ""})
    elif editing is not None and editing > index:
        values["interview"] = str(editing - 1)
    return Outcome(values=values, focus=f"{show.FORM_ID}-interviews-heading")


def _step_of(document: Document, identifier: str, now: dt.datetime) -> Step | None:
    for step in build_agenda(document.applications, now):
        if step.application.id == identifier:
            return step
    return None


@action("mark-sent")
def _mark_sent(document: Document, state: State, context: Context) -> Outcome:
    lang = context.lang
    step = _step_of(document, _target(state), context.now)
    if step is None or step.action not in SENT_FIELDS or step.interview is None:
        return Outcome(values={"notice": _t(lang, "nothing_to_mark")})
    day = today_in_japan(context.now)
    applications = mark_sent(document.applications, step, day)
    notice = _t(
        lang,
        f"marked_{SENT_FIELDS[step.action]}",
        company=step.application.company,
        date=dates.date(day, lang),
    )
    return Outcome(
        values=changed(document, applications, notice), focus=show.item_id(step.application)
    )


def email_link(step: Step, template: str, context: Context, page: str) -> str | None:
    """The generator's address, prefilled for `step` with `template`, or None if it has none.

    The after-hours line is asked for as the calculator asks for it: when the mail would
    go out (now, or when the thank-you's window opens if that is later) outside office
    hours in Japan. A mail dated another day leaves it to the reader.
    """
    handoff = next((h for h in email_handoffs(step, context.now) if h.template == template), None)
    if handoff is None:
        return None
    shared = {"template": handoff.template, "lang": context.lang, **handoff.fields}
    sent = context.now
    if step.action == "send-thank-you" and step.plan is not None:
        sent = step.plan.thank_you.send_moment(context.now)
    if shared.get("send_date") == today_in_japan(sent).isoformat() and is_after_hours(sent):
        shared["after_hours"] = "on"
    return f"{page}#{urlencode(shared)}"


@action("write-email")
def _write_email(document: Document, state: State, context: Context) -> Outcome:
    identifier, _, template = _target(state).partition(" ")
    step = _step_of(document, identifier, context.now)
    page = context.links.get("email", "../write-email/")
    link = email_link(step, template, context, page) if step is not None else None
    if link is None:
        return Outcome(values={"notice": _t(context.lang, "no_email")})
    return Outcome(navigate=link)


@action("undo")
def _undo(document: Document, state: State, context: Context) -> Outcome:
    if not can_undo(state, document.text):
        return Outcome(values={"undo": "", "notice": _t(context.lang, "undo_stale")})
    before = _field(state, "undo").split("\n", 1)[1]
    return Outcome(
        values={"document": before, "undo": "", "notice": _t(context.lang, "undone")},
        focus=f"{show.FORM_ID}-agenda-heading",
    )


def _import_refused(problem: str) -> Outcome:
    # Kept in a field as well, so that the reader's next keystroke in the editor, which
    # shows the form afresh, does not wipe the message before it is read.
    return Outcome(
        values={"import_problem": problem},
        errors={"import": problem},
        focus=show.field_id("import"),
    )


def _import_error(error: InputError, lang: str) -> Outcome:
    return _import_refused(_t(lang, "import_failed", problem=show.readable_error(error, lang)))


@action("import")
def _import(document: Document, _state: State, context: Context) -> Outcome:
    lang = context.lang
    upload = context.upload
    if upload is None:
        return _import_refused(_t(lang, "import_none"))
    if upload.data is None:
        error = InputError("file", "applications.file_size", limit=MAX_FILE_BYTES // 1_000_000)
        return _import_error(error, lang)
    try:
        imported = read_file(upload.data)
    except InputError as error:
        return _import_error(error, lang)
    name = shorten(upload.name) or FILE_NAME
    if not document.applications:
        notice = _t(lang, "imported", count=len(imported), name=name)
        return Outcome(
            values={**changed(document, imported, notice), "pending_import": ""},
            focus=f"{show.FORM_ID}-agenda-heading",
        )
    pending = f"{name}\n{write_file(imported)}"
    return Outcome(
        values={"pending_import": pending, "import_problem": ""},
        focus=f"{show.FORM_ID}-import-choice",
    )


def _pending(state: State) -> tuple[str, tuple[Application, ...]] | None:
    recorded = _field(state, "pending_import")
    if "\n" not in recorded:
        return None
    name, text_ = recorded.split("\n", 1)
    found = read_document(text_) if text_.strip() else None
    if found is None or found.problem is not None:
        return None
    return name, found.applications


def _take_import(document: Document, state: State, context: Context, *, replace: bool) -> Outcome:
    lang = context.lang
    pending = _pending(state)
    if pending is None:
        return Outcome(values={"pending_import": ""})
    name, imported = pending
    if replace:
        applications = list(imported)
        notice = _t(lang, "imported", count=len(imported), name=name)
    else:
        # The file's version of an application it shares with the page replaces the page's.
        by_id = {application.id: application for application in imported}
        applications = [by_id.pop(a.id, a) for a in document.applications] + list(by_id.values())
        notice = _t(lang, "imported_added", count=len(imported), name=name)
    try:
        read_file(write_file(applications))  # together they must still make a valid file
    except InputError as error:
        return _import_error(error, lang)
    return Outcome(
        values={**changed(document, applications, notice), "pending_import": ""},
        focus=f"{show.FORM_ID}-agenda-heading",
    )


@action("import-replace")
def _import_replace(document: Document, state: State, context: Context) -> Outcome:
    return _take_import(document, state, context, replace=True)


@action("import-add")
def _import_add(document: Document, state: State, context: Context) -> Outcome:
    return _take_import(document, state, context, replace=False)


@action("import-cancel")
def _import_cancel(_document: Document, _state: State, _context: Context) -> Outcome:
    return Outcome(
        values={"pending_import": "", "import_problem": ""}, focus=show.field_id("import")
    )


def _export(context: Context, extension: str, mime: str, content: str) -> Outcome:
    """A download of `content` named for the day in Japan: `orei-applications-2026-05-01.csv`."""
    day = today_in_japan(context.now).isoformat()
    return Outcome(
        download={"filename": f"{FILE_NAME}-{day}.{extension}", "mime": mime, "text": content}
    )


@action("export-json")
def _export_json(document: Document, _state: State, context: Context) -> Outcome:
    content = write_file(document.applications)
    return _export(context, "json", "application/json;charset=utf-8", content)


@action("export-csv")
def _export_csv(document: Document, _state: State, context: Context) -> Outcome:
    content = exports.applications_csv(document.applications, context.now, context.lang)
    return _export(context, "csv", "text/csv;charset=utf-8", content)


@action("export-ics")
def _export_ics(document: Document, _state: State, context: Context) -> Outcome:
    applications, now = document.applications, context.now
    content = exports.applications_ics(applications, now, now, context.lang)
    return _export(context, "ics", "text/calendar;charset=utf-8", content)


@action("discard-stored")
def _discard(document: Document, _state: State, context: Context) -> Outcome:
    if document.problem is None:
        return Outcome()
    return Outcome(
        values={
            "document": "",
            "undo": undo_value(document.text, ""),
            "notice": _t(context.lang, "discarded"),
        },
        focus=f"{show.FORM_ID}-agenda-heading",
    )


@action("delete-everything")
def _delete_everything(_document: Document, _state: State, context: Context) -> Outcome:
    forget()
    values = {
        **blank_editor(),
        **dict.fromkeys(APPLICATIONS_HIDDEN_FIELDS, ""),
        "notice": _t(context.lang, "deleted"),
    }
    return Outcome(values=values, focus=f"{show.FORM_ID}-agenda-heading")


def _worksheet_target(document: Document, state: State) -> tuple[int, int] | None:
    identifier, _, index = text(state, "worksheet_target").partition("/")
    position = find(document.applications, identifier)
    if position is None or not index.isdigit():
        return None
    if int(index) >= len(document.applications[position].interviews):
        return None
    return position, int(index)


@action("keep-worksheet")
def _keep_worksheet(document: Document, state: State, context: Context) -> Outcome:
    ticks = tick_keys(text(state, "worksheet"))
    target = _worksheet_target(document, state)
    if not ticks or target is None:
        return Outcome(values={"worksheet": ""})
    position, index = target
    applications = list(document.applications)
    application = applications[position]
    interviews = list(application.interviews)
    interview = interviews[index]
    reflection = with_ticks(interview.reflection, [*ticked(interview.reflection), *ticks])
    interviews[index] = dataclasses.replace(interview, reflection=reflection)
    applications[position] = dataclasses.replace(application, interviews=tuple(interviews))
    notice = _t(
        context.lang,
        "worksheet_kept",
        count=len(ticks),
        company=application.company,
        date=dates.date(interview.date_in_japan, context.lang),
    )
    return Outcome(
        values={**changed(document, applications, notice), "worksheet": ""},
        focus=show.item_id(application),
    )


@action("dismiss-worksheet")
def _dismiss_worksheet(_document: Document, _state: State, _context: Context) -> Outcome:
    return Outcome(values={"worksheet": ""}, focus=f"{show.FORM_ID}-agenda-heading")


# --- the view --------------------------------------------------------------------------


def _editor_errors(state: State, lang: str, view: View) -> None:
    """Errors of what has been typed so far; an empty company is not one until saving."""
    try:
        check_application_fields(state, required=False)
    except InputError as error:
        view.error(error, lang)
    try:
        read_interview(state)
    except AmbiguousTime as unsettled:
        view.errors.setdefault(
            "ended_time",
            message(
                lang,
                "ui.follow_up.ended_offset_error",
                time=unsettled.params["value"],
                date=dates.date(unsettled.day, lang),
                zone=unsettled.params["zone"],
            ),
        )
    except InputError as error:
        view.error(error, lang)


def _editor_status(document: Document, state: State, lang: str) -> str:
    position = _editing(document, state)
    if position is not None:
        application = document.applications[position]
        index = _interview_index(state, application)
        key = "editor_editing" if index is None else "editor_editing_interview"
        return _t(
            lang,
            key,
            company=application.company,
            number=(index or 0) + 1,
            count=len(application.interviews),
        )
    if text(state, "source") == "calculator" and has_interview(state):
        return _t(lang, "editor_from_calculator")
    return _t(lang, "editor_new")


def render(state: State, context: Context) -> View:
    """The view of the form's state: the agenda, the month view, the editor, the choices."""
    lang = context.lang
    view = View()
    document = read_document(_field(state, "document"))
    now = context.now
    zone = _reader_zone(context)
    results = view.results
    if document.problem is not None:
        problem = show.readable_error(document.problem, lang)
        results["storage-problem"] = show.storage_problem(problem, lang)
    results["notice"] = show.notice(_field(state, "notice"), can_undo(state, document.text), lang)
    steps = build_agenda(document.applications, now)
    if steps:
        results["summary"] = show.summary(steps, now, lang)
        if not text(state, "keep"):
            # Not kept: leaving the page loses them, which the reader should know now.
            results["summary"] += show.not_kept(lang)
        results["month-view"] = agenda_months(steps, today_in_japan(now), lang)
    results["agenda"] = show.agenda(steps, now, zone, lang)
    if document.problem is not None:
        results["agenda"] = to_html("")
    position = _editing(document, state)
    results["editor-status"] = element("p", _editor_status(document, state, lang))
    if position is not None:
        application = document.applications[position]
        results["interviews"] = show.interviews(
            application, _interview_index(state, application), lang
        )
    repeated = repetition(
        text(state, "ended_date"), text(state, "ended_time"), text(state, "tz") or defaults.ZONE
    )
    if repeated is not None:
        results["ended-offset"] = offset_choice(repeated, lang)
    ticks = tick_keys(text(state, "worksheet"))
    if ticks and document.problem is None:
        results["worksheet"] = show.worksheet_panel(
            document.applications, ticks, text(state, "worksheet_target"), lang
        )
    pending = _pending(state)
    if pending is not None and document.problem is None:
        results["import"] = show.import_choice(
            pending[0], len(pending[1]), len(document.applications), lang
        )
    _editor_errors(state, lang, view)
    if import_problem := _field(state, "import_problem"):
        view.errors["import"] = import_problem
    usable = document.problem is None
    has_applications = bool(document.applications)
    view.enabled = {
        "keep": usable,
        "import": usable,
        "save": usable,
        "cancel": True,
        "remove": usable and position is not None,
        "new-interview": usable and position is not None,
        "export-json": usable and has_applications,
        "export-csv": usable and has_applications,
        "export-ics": usable and has_applications,
        "delete-everything": True,
    }
    view.attrs["download-stored"] = {"hidden": None if document.problem else True}
    return view


def _reader_zone(context: Context) -> ZoneInfo | None:
    zone = browser_zone(context)
    return ZoneInfo(zone) if zone else None


def handle(action_name: str, state: State, context: Context) -> View:
    """Run the action, if it is one, then show the form as it stands after it."""
    document = read_document(_field(state, "document"))
    outcome = Outcome()
    handler = _ACTIONS.get(action_name)
    if handler is not None and not (action_name in WRITES and document.problem is not None):
        try:
            outcome = handler(document, state, context)
        except InputError as error:
            outcome = Outcome(
                errors={error.field: error.message(context.lang)},
                focus=show.field_id(error.field) if error.field in _FOCUSABLE else None,
            )
    view = render({**state, **outcome.values}, context)
    for name, error_text in outcome.errors.items():
        view.errors[name] = error_text
    if outcome.errors and outcome.focus is None:
        first = next(iter(outcome.errors))
        outcome.focus = show.field_id(first) if first in _FOCUSABLE else None
    view.values = outcome.values
    view.focus = outcome.focus
    view.download = outcome.download
    view.navigate = outcome.navigate
    return view


_FOCUSABLE = frozenset(
    {*APPLICATION_FIELDS, *BLANK_INTERVIEW, "import"} - {"closures", "timeline", "ended_offset"}
)
"""Fields whose error moves the focus to them (groups are reached through their first box)."""
