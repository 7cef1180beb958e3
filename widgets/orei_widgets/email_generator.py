"""The email generator: the reader's details in, a checked draft out.

`orei.compose` fills the template and runs the checks; this module shows the
preview, lists what is missing, and answers the `.eml` download. The `mailto:`
link is rebuilt with every preview, so the reader's mail program opens exactly
what they see.
"""

from __future__ import annotations

from html import escape

from orei.compose import Draft, compose, placeholder_text
from orei.email_fields import clean_text
from orei.email_templates import FIELDS
from orei.errors import InputError
from orei.mail_checks import Check, check_mailto_length
from orei.mail_export import eml_bytes, mailto_url
from orei.messages import message
from orei_widgets.markup import element
from orei_widgets.protocol import Context, State, View, text

ACTIONS = ("copy", "download-eml")


def read_draft(state: State) -> Draft:
    """The draft for the form's state.

    Raises:
        InputError: For an unknown template or language, a bad date or choice.
    """
    fields = {name: text(state, name) for name in FIELDS}
    fields["late_hour"] = "yes" if fields["late_hour"] else ""
    return compose(
        text(state, "template") or "thank-you",
        text(state, "lang") or "en",
        fields,
        premium=bool(text(state, "premium")),
    )


def _marked(value: str, draft: Draft) -> str:
    """The text, escaped, with each placeholder of a missing field marked."""
    html = escape(value, quote=False)
    for field in draft.missing:
        shown = escape(placeholder_text(draft.lang, field), quote=False)
        html = html.replace(shown, element("mark", shown, raw=True, class_="orei-missing"))
    return html


def _check_item(check: Check, lang: str) -> str:
    status = message(lang, "ui.email.check_ok" if check.ok else "ui.email.check_fail")
    return element(
        "li",
        element("span", status, class_="orei-check-status")
        + " "
        + escape(check.message_ja if lang == "ja" else check.message_en, quote=False),
        raw=True,
        class_="orei-check orei-check--" + ("ok" if check.ok else "fail"),
    )


def results(draft: Draft, mailto: str, lang: str) -> dict[str, str]:
    """The HTML for each `data-result` slot."""
    checks = (*draft.checks, check_mailto_length(mailto))
    shown = {
        "body": element("pre", _marked(draft.body, draft), raw=True, class_="orei-mail-body"),
        "checks": element("ul", "".join(_check_item(c, lang) for c in checks), raw=True),
    }
    if draft.subject:
        shown["subject"] = element(
            "p", _marked(draft.subject, draft), raw=True, class_="orei-mail-subject"
        )
    return shown


def handle(action: str, state: State, context: Context) -> View:
    """Update the preview, or answer the download."""
    view = View(enabled=dict.fromkeys(ACTIONS, False))
    ui_lang = context.lang
    try:
        draft = read_draft(state)
    except InputError as error:
        view.attrs["mailto"] = {"href": None, "aria-disabled": "true"}
        return view.error(error, ui_lang)
    mailto = mailto_url(draft)
    view.results.update(results(draft, mailto, ui_lang))
    view.attrs["mailto"] = {"href": mailto, "aria-disabled": None}
    view.enabled = dict.fromkeys(ACTIONS, True)
    if action == "download-eml":
        name = clean_text(text(state, "your_name"))
        view.download = {
            "filename": f"orei-{draft.template}-{draft.lang}.eml",
            "mime": "message/rfc822",
            "text": eml_bytes(draft, from_name=name, from_email=text(state, "your_email")).decode(
                "ascii"
            ),
        }
    return view
