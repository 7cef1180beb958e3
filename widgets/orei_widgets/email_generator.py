"""The email generator: the reader's details in, a checked draft out.

`orei.compose` fills the template and runs the checks; this module shows the
preview, lists what is missing, notes what the chosen mail calls for, and answers
the `.eml` download. The `mailto:` link is rebuilt with every preview, so the
reader's mail program opens exactly what they see. A LinkedIn note is only
copied: it has no subject and no address, so it gets no link and no file.

A blank sending date is today in Japan, from the browser's clock (`context.now`),
whatever the browser's own zone: a thank-you then says 本日 / today.
"""

from __future__ import annotations

import re

from orei import defaults
from orei.compose import Draft, compose, placeholder_text, with_send_date
from orei.dates import date_in_japan
from orei.email_fields import clean_text
from orei.email_spec import FIELDS, names_of
from orei.errors import InputError
from orei.mail_checks import Check, check_mailto_length
from orei.mail_export import eml_bytes, mailto_url
from orei.messages import message
from orei_widgets.markup import Html, element, join, to_html
from orei_widgets.protocol import Context, State, View, text

ACTIONS = ("copy", "download-eml")


def read_draft(state: State, context: Context) -> Draft:
    """The draft for the form's state.

    Raises:
        InputError: For an unknown template or language, a bad date or choice.
    """
    template = text(state, "template") or defaults.EMAIL_TEMPLATE
    lang = text(state, "lang") or defaults.LANG
    fields = {name: text(state, name) for name in FIELDS}
    for name in names_of("flag"):
        fields[name] = "yes" if fields[name] else ""  # a ticked box, whatever its value
    fields = with_send_date(template, lang, fields, date_in_japan(context.now))
    return compose(template, lang, fields, premium=bool(text(state, "premium")))


def _marked(value: str, draft: Draft) -> Html:
    """The text, escaped, with each placeholder of a missing field marked."""
    shown = {placeholder_text(draft.lang, field) for field in draft.missing}
    if not shown:
        return to_html(value)
    # Longest first, so a placeholder that contains another is marked whole.
    pattern = "|".join(re.escape(text) for text in sorted(shown, key=len, reverse=True))
    # With one group in the pattern, the placeholders found are the odd pieces.
    pieces = re.split(f"({pattern})", value)
    return join(
        element("mark", piece, class_="orei-missing") if index % 2 else piece
        for index, piece in enumerate(pieces)
    )


def _check_item(check: Check, lang: str) -> Html:
    status = message(lang, "ui.email.check_ok" if check.ok else "ui.email.check_fail")
    return element(
        "li",
        element("span", status, class_="orei-check-status") + " " + check.message(lang),
        class_="orei-check orei-check--" + ("ok" if check.ok else "fail"),
    )


def _note(template: str, lang: str) -> Html:
    try:
        note = message(lang, f"ui.email.notes.{template}")
    except KeyError:
        return to_html("")
    return element("p", note, class_="orei-note")


def results(draft: Draft, mailto: str, lang: str) -> dict[str, Html]:
    """The HTML for each `data-result` slot."""
    checks = (*draft.checks, check_mailto_length(mailto)) if draft.is_mail else draft.checks
    shown = {
        "body": element("pre", _marked(draft.body, draft), class_="orei-mail-body"),
        "checks": element("ul", join(_check_item(c, lang) for c in checks)),
        "note": _note(draft.template, lang),
    }
    if draft.subject:
        shown["subject"] = element("p", _marked(draft.subject, draft), class_="orei-mail-subject")
    return {slot: html for slot, html in shown.items() if html}


def handle(action: str, state: State, context: Context) -> View:
    """Update the preview, or answer the download."""
    view = View(enabled=dict.fromkeys(ACTIONS, False))
    no_link = {"href": None, "aria-disabled": "true"}
    try:
        draft = read_draft(state, context)
    except InputError as error:
        view.attrs["mailto"] = no_link
        return view.error(error, context.lang)
    mailto = mailto_url(draft)
    view.results.update(results(draft, mailto, context.lang))
    view.enabled = {"copy": True, "download-eml": draft.is_mail}
    view.attrs["mailto"] = {"href": mailto, "aria-disabled": None} if draft.is_mail else no_link
    if action == "download-eml" and draft.is_mail:
        name = clean_text(text(state, "your_name"))
        view.download = {
            "filename": f"orei-{draft.template}-{draft.lang}.eml",
            "mime": "message/rfc822",
            "text": eml_bytes(draft, from_name=name, from_email=text(state, "your_email")).decode(
                "ascii"
            ),
        }
    return view
