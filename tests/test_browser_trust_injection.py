"""Hostile text typed into every text field of both widgets, in Chromium under the site's policy.

Each payload must show as text (no dialog, no new element), must not break the
`.eml` headers, the `mailto:` link or the `.ics` file, and must leave the widget
working. `test_widget_injection` checks the same files for every field on the host.
"""

from __future__ import annotations

import datetime as dt
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import icalendar
import pytest
from browser import in_widget_zones
from email_browser import choose, covering_forms, fill_shown
from hostile_text import FOLLOW_UP_TEXT_FIELDS, PAYLOADS

from orei.email_templates import load_template

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
