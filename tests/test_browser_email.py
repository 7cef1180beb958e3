"""The email generator in the guide, end to end in headless Chromium."""

import datetime as dt
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import fill, open_calculator

from orei.compose import compose

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 4, 28, 9, 0, tzinfo=dt.UTC)
FORM = 'form[data-orei-widget="email"]'
JA_FIELDS = {
    "company": "株式会社アオバシステムズ",
    "department": "人事部",
    "interviewer_name": "佐藤",
    "job_title": "バックエンドエンジニア",
    "topic": "決済基盤の移行プロジェクト",
    "your_name": "山田 花子",
    "your_email": "hanako@example.com",
    "your_phone": "090-1234-5678",
}
TEXT_FIELDS = (
    "company",
    "department",
    "interviewer_name",
    "interviewer_title",
    "job_title",
    "topic",
    "your_name",
    "your_email",
    "your_phone",
)


def open_generator(page, site_url, path="write-email/", fragment=""):
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + path + fragment)
    page.locator(f"{FORM}[data-orei-ready]").wait_for()
    return page.locator(FORM)


def preview(form):
    subject = form.locator('[data-result="subject"]')
    body = form.locator('[data-result="body"]')
    return subject.inner_text().strip(), body.inner_text().strip()


def wait_for_text(form, slot, text):
    form.locator(f'[data-result="{slot}"]', has_text=text).wait_for()


def stored_text(page):
    """Everything in this origin's storage (Material keeps its palette choice there)."""
    return page.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    )


def test_typing_updates_the_preview_and_lists_what_is_missing(page, site_url):
    form = open_generator(page, site_url)
    wait_for_text(form, "body", "[Company name]")
    assert "Company name" in form.locator('[data-result="checks"]').inner_text()
    form.locator('[name="company"]').fill("Aoba Systems K.K.")
    wait_for_text(form, "body", "Aoba Systems K.K.")
    assert form.locator("mark.orei-missing", has_text="Company name").count() == 0


def test_japanese_mail_matches_orei_and_survives_mailto_and_download(page, site_url):
    form = open_generator(page, site_url, path="ja/write-email/")
    form.locator('[name="lang"]').select_option("ja")
    fill(form, **JA_FIELDS)
    expected = compose("thank-you", "ja", JA_FIELDS)
    wait_for_text(form, "subject", expected.subject)
    subject, body = preview(form)
    assert subject == expected.subject
    assert body == expected.body
    # mailto: UTF-8 percent-encoded, CRLF line breaks, decoding back to the same text.
    href = form.locator('a[data-action="mailto"]').get_attribute("href")
    query = dict(part.split("=", 1) for part in urlsplit(href).query.split("&"))
    assert unquote(query["subject"]) == expected.subject
    assert unquote(query["body"]) == expected.body.replace("\n", "\r\n")
    # .eml: parses back to the same subject and body.
    with page.expect_download() as info:
        form.locator('[data-action="download-eml"]').click()
    message = BytesParser(policy=policy.default).parsebytes(Path(info.value.path()).read_bytes())
    assert message["subject"] == expected.subject
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == expected.body
    assert "hanako@example.com" in message["from"]


def test_japanese_text_survives_copy(page, site_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    form = open_generator(page, site_url, path="ja/write-email/")
    form.locator('[name="lang"]').select_option("ja")
    fill(form, **JA_FIELDS)
    expected = compose("thank-you", "ja", JA_FIELDS)
    wait_for_text(form, "subject", expected.subject)
    form.locator('[data-action="copy"]').click()
    form.locator("[data-copy-status]", has_text="コピーしました").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert expected.subject in copied
    assert expected.body in copied


@pytest.mark.parametrize(
    "payload", ["<img src=x onerror=alert(1)>", "</textarea><script>alert(1)</script>"]
)
def test_markup_typed_into_any_field_is_inert_text(page, site_url, payload):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    form = open_generator(page, site_url)
    for name in TEXT_FIELDS:
        form.locator(f'[name="{name}"]').fill(payload)
    wait_for_text(form, "body", payload)
    results = form.locator(".orei-results")
    assert results.locator("img, script").count() == 0
    assert dialogs == []
    assert payload in results.inner_text()


def test_remembering_is_off_by_default_and_forget_clears_it(page, site_url):
    form = open_generator(page, site_url)
    form.locator('[name="your_name"]').fill("Hanako Yamada")
    wait_for_text(form, "body", "Hanako Yamada")
    assert "Hanako" not in stored_text(page)
    form.locator('[name="remember"]').check()
    form.locator('[name="your_phone"]').fill("090-1234-5678")
    stored = page.evaluate("localStorage.getItem('orei:remember:email')")
    assert "Hanako Yamada" in stored
    assert "company" not in stored  # only the reader's own details
    page.reload()
    page.locator(f"{FORM}[data-orei-ready]").wait_for()
    assert form.locator('[name="your_name"]').input_value() == "Hanako Yamada"
    form.locator('[data-action="forget"]').click()
    form.locator("[data-forget-status]", has_text="removed").wait_for()
    assert "Hanako" not in stored_text(page)
    assert form.locator('[name="your_name"]').input_value() == ""


def test_the_calculator_prefills_the_interview_date(page, site_url):
    calculator = open_calculator(page, site_url, now=NOW)
    fill(calculator, ended_date="2026-04-28", ended_time="18:30")
    calculator.locator('[data-result="follow-up-earliest"] time').wait_for()
    page.evaluate("window.oreiSamePage = true")
    calculator.locator('[data-action="write-email"]').click()
    page.wait_for_url(re.compile(r"/write-email/"))
    # Instant navigation: the same document, so the same Python worker, serves both.
    assert page.evaluate("window.oreiSamePage") is True
    form = page.locator(f"{FORM}[data-orei-ready]")
    form.wait_for()
    assert form.locator('[name="interview_date"]').input_value() == "2026-04-28"
    assert form.locator('[name="late_hour"]').is_checked()
    wait_for_text(form, "body", "28 April")
    assert "late hour" in form.locator('[data-result="body"]').inner_text()
