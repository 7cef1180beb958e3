"""Hostile text typed into every text field of the widgets, in Chromium under the site's policy.

Each payload must show as text (no dialog, no new element), must not break the
`.eml` headers, the `mailto:` link, the `.ics` or `.csv` file, and must leave the widget
working; on the applications page, in imported files too. `test_widget_injection` checks
the same files for every field on the host.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import icalendar
import pytest
from applications_browser import DOCUMENT, document_of, download, import_file
from browser import fill, in_widget_zones, settled
from email_browser import choose, covering_forms, fill_shown
from hostile_text import FOLLOW_UP_TEXT_FIELDS, PAYLOADS
from orei_widgets.applications_form import MULTILINE

from orei.applications.file_format import read_file
from orei.email_templates import load_template
from orei.errors import InputError

pytestmark = [pytest.mark.browser, in_widget_zones]

NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)
# Elements a payload could become if it were ever parsed as markup.
ACTIVE = "script, img, iframe, object, embed, svg, a[href^='javascript'], [onerror], [onload]"


def open_widget(page, site_url, path, widget, fragment=""):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + path + fragment)
    page.locator(f'form[data-orei-widget="{widget}"][data-orei-ready]').wait_for()
    return page.locator(f'form[data-orei-widget="{widget}"]'), dialogs


def element_count(page) -> int:
    return page.evaluate(f"document.querySelectorAll({ACTIVE!r}).length")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_generator_shows_any_text_as_text(page, site_url, payload):
    form, dialogs = open_widget(page, site_url, "write-email/", "email")
    before = element_count(page)
    # The form shows only the chosen mail's fields: a few mails show every text field.
    for key, lang in covering_forms():
        choose(form, template=key, lang=lang)
        filled = fill_shown(form, key, lang, payload)
        # The draft is rebuilt from the payloads (its name line is the your_name field).
        typed = form.locator('[name="your_name"]').input_value()
        form.locator('[data-result="body"]', has_text=typed[:30].strip() or "x").wait_for()
        assert element_count(page) == before
        assert dialogs == []
        if not load_template(key, lang).is_mail:
            continue
        # The mailto: link: subject and body only, percent-encoded.
        href = form.locator('a[data-action="mailto"]').get_attribute("href")
        assert href.startswith("mailto:")
        assert set(parse_qs(urlsplit(href).query)) <= {"subject", "body"}
        # The .eml file: the same headers as ever, each on one line.
        with page.expect_download() as info:
            form.locator('[data-action="download-eml"]').click()
        message = BytesParser(policy=policy.default).parsebytes(
            Path(info.value.path()).read_bytes()
        )
        assert {"subject", "content-type", "mime-version"} <= {name.lower() for name in message}
        assert "bcc" not in {name.lower() for name in message}
        assert message.defects == []
        for name in filled:
            form.locator(f'[name="{name}"]').fill("")
    # And the widget still works with ordinary text.
    choose(form, template="offer-accept", lang="en")
    form.locator('[name="company"]').fill("Aoba Systems K.K.")
    form.locator('[data-result="body"]', has_text="Aoba Systems K.K.").wait_for()
    assert dialogs == []


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_calculator_shows_any_text_as_text(page, site_url, payload):
    form, dialogs = open_widget(page, site_url, "follow-up/", "follow-up")
    before = element_count(page)
    form.locator('[name="ended_date"]').fill("2026-04-28")
    form.locator('[name="ended_time"]').fill("15:00")
    for name in FOLLOW_UP_TEXT_FIELDS:
        form.locator(f'[name="{name}"]').fill(payload)
    # The first field that is wrong says so beside itself, quoting the text as text.
    form.locator("[data-error-for]:not([hidden])").first.wait_for()
    assert element_count(page) == before
    assert dialogs == []
    # The widget recovers as soon as the fields are right again, and the calendar is whole.
    form.locator('[name="tz"]').fill("Asia/Tokyo")
    form.locator('[name="candidate_tz"]').fill("")
    form.locator('[name="closed_dates"]').fill("")
    form.locator('[data-result="follow-up-earliest"] time[datetime="2026-05-11"]').wait_for()
    with page.expect_download() as info:
        form.locator('[data-action="download-ics"]').click()
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    assert list(calendar.walk("VEVENT"))
    assert dialogs == []


@pytest.mark.quick
@pytest.mark.parametrize("payload", [PAYLOADS["img"], PAYLOADS["textarea"], PAYLOADS["rtl"]])
def test_a_shared_link_cannot_plant_markup(page, site_url, payload):
    names = ("company", "your_name", "original_subject", "interviewer_names")
    fields = "&".join(f"{name}={quote(payload)}" for name in names)
    fragment = f"#template=rejection-reply&lang=ja&{fields}"
    form, dialogs = open_widget(page, site_url, "write-email/", "email", fragment)
    assert form.locator('[name="company"]').input_value() == payload
    form.locator('[data-result="body"]', has_text=payload[:10]).wait_for()
    assert form.locator(f":is({ACTIVE})").count() == 0
    assert dialogs == []


def fix_what_is_refused(form, ordinary: dict[str, str]) -> list[str]:
    """Give each field that shows an error an ordinary value, until none does; their names."""
    fixed = []
    for _ in range(20):
        shown = form.locator("[data-error-for]:not([hidden])")
        if shown.count() == 0:
            return fixed
        name = shown.first.get_attribute("data-error-for")
        assert name not in fixed, f"{name} still refused: {shown.first.inner_text()}"
        form.locator(f'[name="{name}"]').fill(ordinary.get(name, ""))
        settled(form)
        fixed.append(name)
    raise AssertionError("errors never cleared")


def exports_parse(page, form) -> None:
    """The JSON, CSV and .ics exports are real downloads that read back."""
    _, data = download(page, form, "export-json")
    read_file(data)
    _, data = download(page, form, "export-csv")
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    _, data = download(page, form, "export-ics")
    assert list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_applications_page_shows_any_typed_text_as_text(page, site_url, payload):
    form, dialogs = open_widget(page, site_url, "applications/", "applications")
    before = element_count(page)
    form.locator("details.orei-reflection summary").click()
    fields = form.locator(
        ".orei-editor :is(input[type=text], input[type=email], textarea)[name]"
    ).evaluate_all("boxes => boxes.map((box) => box.name)")
    assert {"company", "role", "recruiter_name", "notes", "tz", "closed_dates"} <= set(fields)
    for name in fields:
        form.locator(f'[name="{name}"]').fill(payload)
    # What each field holds: a one-line field drops line breaks, as browsers do.
    typed = {name: form.locator(f'[name="{name}"]').input_value() for name in fields}
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    form.locator('[data-action="save"]').click()
    settled(form)
    assert element_count(page) == before
    assert dialogs == []
    # Whatever the rules refuse says so beside its field; the rest is saved as typed.
    refused = fix_what_is_refused(form, {"tz": "Asia/Tokyo", "company": "Aoba"})
    assert "tz" in refused
    form.locator('[data-action="save"]').click()
    settled(form)
    (saved,) = document_of(page)["applications"]
    kept = [name for name in ("company", "role", "notes") if name not in refused]
    for name in kept:
        assert saved[name] == (typed[name] if name in MULTILINE else typed[name].strip()), name
    # As text, character for character (the rendered text would fold runs of spaces).
    assert form.locator(".orei-step-company").text_content() == saved["company"]
    assert element_count(page) == before
    exports_parse(page, form)
    assert dialogs == []


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_an_imported_file_cannot_plant_markup(page, site_url, payload):
    form, dialogs = open_widget(page, site_url, "applications/", "applications")
    before = element_count(page)
    held = form.locator('[name="document"]').input_value()
    hostile = copy.deepcopy(DOCUMENT)
    for one in hostile["applications"]:
        one.update(dict.fromkeys(("company", "role", "recruiter_name", "department"), payload))
        one["notes"] = payload
        for each in one["interviews"]:
            each["reflection"] = {"facts": payload}
    data = json.dumps(hostile, ensure_ascii=False).encode()
    import_file(form, data)
    assert element_count(page) == before
    assert dialogs == []
    try:
        expected = read_file(data)
    except InputError:
        # Refused as a whole (the long text), with the reason, and nothing imported.
        error = form.locator('[data-error-for="import"]')
        assert "Nothing was imported, and nothing changed." in error.inner_text()
        assert form.locator('[name="document"]').input_value() == held
        return
    assert form.locator("li.orei-step").count() == len(expected)
    shown = form.locator(".orei-step-company").all_inner_texts()
    assert set(shown) == {application.company for application in expected}
    exports_parse(page, form)
    assert element_count(page) == before
    assert dialogs == []
