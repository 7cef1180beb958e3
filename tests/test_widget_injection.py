"""Hostile text in every text field of the widgets, through `dispatch` on the host.

The browser tests show that such text stays inert on the page; these check
every field against every payload where it leaves the page: the `.eml` file's
headers, the `mailto:` link, the `.ics` file, and the HTML of every result, which
`orei_widgets.markup` escapes by construction.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from hostile_text import FOLLOW_UP_TEXT_FIELDS, PAYLOADS
from orei_widgets import business_day, dispatch
from orei_widgets.markup import Html, element, html_message, join, time, to_html, void
from orei_widgets.protocol import View
from view_markup import assert_inert
from worked_example import CALCULATOR_FORM

from orei.email_fields import example_fields
from orei.email_spec import TEXT_FIELDS
from orei.email_templates import load_template, used_by
from orei.messages import message

WIDGET_MODULES = sorted((Path(__file__).parents[1] / "widgets" / "orei_widgets").glob("*.py"))

EMAIL = {
    "template": "thank-you",
    "lang": "ja",
    "company": "株式会社アオバ",
    "recipient_name": "鈴木",
    "salutation": "ms",
    "interview_date": "2026-04-28",
    "your_name": "山田 花子",
    "your_email": "hanako@example.com",
}


def template_using(field: str) -> dict[str, str]:
    """A mail's form (not a LinkedIn note: it has no file) whose text shows `field`."""
    pairs = sorted(used_by(field), key=lambda pair: (pair[1] != "ja", pair[0]))
    key, lang = next((k, lang) for k, lang in pairs if load_template(k, lang).is_mail)
    # Filled in as the guide's example is, as a new graduate: every text field then shows.
    return {**example_fields(lang, key), "career": "new-graduate", "template": key, "lang": lang}


CONTEXT = {"now": 1777359600000, "lang": "en", "tz": "Asia/Tokyo", "links": {}}


def ask(widget: str, action: str, state: dict) -> dict:
    request = {"widget": widget, "action": action, "state": state, "context": CONTEXT}
    view = json.loads(dispatch(json.dumps(request)))
    assert "failure" not in view
    return view


def eml(view: dict):
    return BytesParser(policy=policy.default).parsebytes(view["download"]["text"].encode("ascii"))


def test_the_baseline_mail_and_calendar_are_whole():
    message = eml(ask("email", "download-eml", EMAIL))
    assert message["subject"]
    ics = ask("follow-up", "download-ics", CALCULATOR_FORM)["download"]["text"]
    assert list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_email_fields_cannot_break_the_eml_or_the_mailto_link(field, payload):
    form = {**EMAIL, **template_using(field)}
    clean = eml(ask("email", "download-eml", form))
    view = ask("email", "download-eml", {**form, field: payload})
    if view["errors"]:
        # A field may refuse the text (an address that is not one); it says so beside the field.
        assert set(view["errors"]) == {field}
        assert view["download"] is None
        return
    message = eml(view)
    # The same headers, each on one line: no text can start a header of its own. What is
    # not an address leaves the From header out, so the mail program fills it in.
    headers = [name.lower() for name in clean]
    if field == "your_email":
        headers = [name for name in headers if name != "from" or message["from"]]
    assert [name.lower() for name in message] == headers
    assert message.defects == []
    for name, value in message.items():
        assert "\n" not in str(value), name
        assert "\r" not in str(value), name
    assert "Bcc" not in message
    assert "X-Evil" not in message
    body = message.get_content()
    assert not body.startswith("Injected body")
    if field != "your_email" and payload != PAYLOADS["long"]:
        assert payload.split()[0] in body or payload.split()[0] in str(message["subject"])
    # The mailto: link carries a subject and a body, nothing else, all percent-encoded.
    href = view["attrs"]["mailto"]["href"]
    assert href.startswith("mailto:")
    assert not any(c in href for c in " \r\n<>\"'")
    assert set(parse_qs(urlsplit(href).query, keep_blank_values=True)) <= {"subject", "body"}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("field", FOLLOW_UP_TEXT_FIELDS)
def test_follow_up_fields_are_refused_or_leave_the_calendar_whole(field, payload):
    clean = icalendar.Calendar.from_ical(
        ask("follow-up", "download-ics", CALCULATOR_FORM)["download"]["text"]
    )
    view = ask("follow-up", "download-ics", {**CALCULATOR_FORM, field: payload})
    if view["errors"]:
        assert set(view["errors"]) == {field}
        assert view["download"] is None
        assert view["results"] == {}
        return
    calendar = icalendar.Calendar.from_ical(view["download"]["text"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(list(clean.walk("VEVENT")))
    assert all(
        str(event["SUMMARY"]) and "alert(" not in event.to_ical().decode() for event in events
    )


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_text_field_reaches_the_mail_of_some_template(field):
    # Otherwise the test above would check a field no mail shows.
    form = {**EMAIL, **template_using(field), field: "Zq7Mark"}
    message = eml(ask("email", "download-eml", form))
    shown = message.get_content() + str(message["subject"]) + str(message["from"] or "")
    assert "Zq7Mark" in shown


# What the reader types into each widget, for the results each widget shows.
TYPED_FIELDS = {
    "business-day": ("date",),
    "follow-up": ("ended_date", "ended_time", "timeline_n", "buffer", *FOLLOW_UP_TEXT_FIELDS),
    "email": TEXT_FIELDS,
}
TYPED = [(widget, field) for widget, fields in TYPED_FIELDS.items() for field in fields]
SHOWN_AS_TYPED = ("img", "textarea", "javascript", "emoji")


def form_for(widget: str, field: str) -> dict:
    if widget == "email":
        return {**EMAIL, **template_using(field)}
    return {"business-day": {"date": "2026-05-06"}, "follow-up": CALCULATOR_FORM}[widget]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize(("widget", "field"), TYPED, ids=[f"{w}-{f}" for w, f in TYPED])
def test_typed_text_stays_text_in_every_result(widget, field, payload, lang):
    request = {
        "widget": widget,
        "action": "update",
        "state": {**form_for(widget, field), field: payload},
        "context": {**CONTEXT, "lang": lang},
    }
    view = json.loads(dispatch(json.dumps(request)))
    assert "failure" not in view, view["failure"]
    text = "".join(assert_inert(html).text for html in view["results"].values())
    if widget == "email" and payload in map(PAYLOADS.get, SHOWN_AS_TYPED):
        # The preview shows the text as typed, character for character.
        assert payload in text


HOSTILE = list(PAYLOADS.values())
DAY = dt.date(2026, 4, 28)
# Each builder of orei_widgets.markup given hostile text, with the text it must read as and
# the values its attributes must hold.
BUILDERS = {
    "element": lambda t: (element("p", t), t, []),
    "nested": lambda t: (element("p", element("strong", t) + t), t + t, []),
    "attribute": lambda t: (element("span", "x", title=t), "x", [t]),
    "void": lambda t: (void("input", type="text", value=t), "", ["text", t]),
    "time": lambda t: (time(DAY, t), t, [DAY.isoformat()]),
    "join": lambda t: (join([t, element("span", t)], t), t * 3, []),
    "add": lambda t: (element("span", "x") + t, "x" + t, []),
    "radd": lambda t: (t + element("span", "x"), t + "x", []),
    "to_html": lambda t: (to_html(t), t, []),
    "message": lambda t: (
        html_message("en", "ui.follow_up.your_time", time=t, zone=element("span", t)),
        message("en", "ui.follow_up.your_time", time=t, zone=t),
        [],
    ),
}


@pytest.mark.parametrize("payload", HOSTILE, ids=PAYLOADS.keys())
@pytest.mark.parametrize("builder", BUILDERS.values(), ids=BUILDERS.keys())
def test_every_markup_builder_escapes_text(builder, payload):
    html, text, values = builder(payload)
    assert isinstance(html, Html)
    found = assert_inert(html)
    assert found.text == text
    assert found.values == values


def test_raw_markup_is_no_longer_a_flag():
    # The flag is refused, not written out as an attribute.
    with pytest.raises(TypeError, match="raw"):
        element("p", "<b>x</b>", raw=True)


def calls(path: Path) -> list[ast.Call]:
    return [
        node for node in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(node, ast.Call)
    ]


@pytest.mark.parametrize("path", WIDGET_MODULES, ids=lambda path: path.name)
def test_markup_is_claimed_safe_only_in_the_markup_module(path):
    found = calls(path)
    assert not [call.lineno for call in found if any(k.arg == "raw" for k in call.keywords)]
    if path.name != "markup.py":
        claims = [c.lineno for c in found if isinstance(c.func, ast.Name) and c.func.id == "Html"]
        assert claims == []


def test_a_result_of_plain_text_is_refused_not_written_as_html(monkeypatch):
    monkeypatch.setattr(
        business_day, "handle", lambda *_: View(results={"business-day": "<p>built by hand</p>"})
    )
    request = {"widget": "business-day", "action": "update", "state": {}, "context": CONTEXT}
    view = json.loads(dispatch(json.dumps(request)))
    assert view == {
        "failure": "TypeError: results not built with orei_widgets.markup: business-day"
    }
