"""Hostile text in every text field of both widgets, through `dispatch` on the host.

The browser tests show that such text stays inert on the page; these check
every field against every payload where it leaves the page: the `.eml` file's
headers, the `mailto:` link and the `.ics` file.
"""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from orei_widgets import dispatch

from orei.email_fields import example_fields
from orei.email_spec import TEXT_FIELDS
from orei.email_templates import load_template, used_by

PAYLOADS = {
    "img": "<img src=x onerror=alert(1)>",
    "textarea": "</textarea><script>alert(1)</script>",
    "javascript": "javascript:alert(1)",
    "long": "長" * 50_000 + "x" * 50_000,
    "crlf": "Aoba\r\nBcc: someone@example.com\r\n\r\nInjected body\rX-Evil: 1\n",
    "emoji": "🙇‍♀️ Aoba 🇯🇵",
    "rtl": "\u202eAoba\u202c \u200f\u200eSystems\u2067x\u2069",
}
# Every field a reader types freely, from orei's one list of fields.
EMAIL_TEXT_FIELDS = TEXT_FIELDS
FOLLOW_UP_TEXT_FIELDS = ("tz", "candidate_tz", "closed_dates")
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


FOLLOW_UP = {
    "ended_date": "2026-04-28",
    "ended_time": "15:00",
    "tz": "Asia/Tokyo",
    "timeline": "none",
    "buffer": "3",
    "closures": ["new-year"],
}
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
    ics = ask("follow-up", "download-ics", FOLLOW_UP)["download"]["text"]
    assert list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("field", EMAIL_TEXT_FIELDS)
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
        ask("follow-up", "download-ics", FOLLOW_UP)["download"]["text"]
    )
    view = ask("follow-up", "download-ics", {**FOLLOW_UP, field: payload})
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


@pytest.mark.parametrize("field", EMAIL_TEXT_FIELDS)
def test_every_text_field_reaches_the_mail_of_some_template(field):
    # Otherwise the test above would check a field no mail shows.
    form = {**EMAIL, **template_using(field), field: "Zq7Mark"}
    message = eml(ask("email", "download-eml", form))
    shown = message.get_content() + str(message["subject"]) + str(message["from"] or "")
    assert "Zq7Mark" in shown
