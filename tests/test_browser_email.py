"""The email generator in the guide, end to end in headless Chromium.

Every test that reads a date runs with the browser in UTC and in Tokyo (issue 15): the
sending date defaults to today in Japan, whatever the browser's zone.
"""

import datetime as dt
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from browser import fill, in_widget_zones, open_calculator, settled
from email_browser import FORM, choose, fill_shown, open_generator, preview

from orei.compose import compose
from orei.email_fields import example_fields
from orei.email_templates import load_template, template_keys

pytestmark = [pytest.mark.browser, in_widget_zones]

# 20:00 UTC is 05:00 the next morning in Japan: the browser in UTC is still on the 28th.
NOW = dt.datetime(2026, 4, 28, 20, 0, tzinfo=dt.UTC)
TODAY_IN_JAPAN = "2026-04-29"
JA_FIELDS = {
    "company": "株式会社アオバシステムズ",
    "department": "人事部",
    "recipient_name": "鈴木",
    "job_title": "バックエンドエンジニア",
    "topic": "決済基盤の移行プロジェクト",
    "interview_date": TODAY_IN_JAPAN,
    "your_name": "山田 花子",
    "your_email": "hanako@example.com",
    "your_phone": "090-1234-5678",
}


def wait_for_text(form, slot, text):
    form.locator(f'[data-result="{slot}"]', has_text=text).wait_for()


def stored_text(page):
    """Everything in this origin's storage (Material keeps its palette choice there)."""
    return page.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    )


def shown_fields(form) -> set[str]:
    return set(
        form.locator("input, select, textarea").evaluate_all(
            "nodes => nodes.filter((n) => n.name && n.checkVisibility()).map((n) => n.name)"
        )
    )


@pytest.mark.quick
def test_typing_updates_the_preview_and_lists_what_is_missing(page, site_url):
    form = open_generator(page, site_url, now=NOW)
    wait_for_text(form, "body", "[Company name]")
    assert "Company name" in form.locator('[data-result="checks"]').inner_text()
    fill(form, company_short="Aoba Systems")
    wait_for_text(form, "body", "join Aoba Systems.")
    assert form.locator("mark.orei-missing", has_text="Company name").count() == 0


@pytest.mark.quick
def test_japanese_mail_matches_orei_and_survives_mailto_and_download(page, site_url):
    form = open_generator(page, site_url, path="ja/write-email/", now=NOW)
    choose(form, lang="ja")
    fill(form, **JA_FIELDS)
    # The page filled the sending date with today in Japan: the mail says 本日.
    expected = compose("thank-you", "ja", JA_FIELDS | {"send_date": TODAY_IN_JAPAN})
    assert "本日は" in expected.body
    wait_for_text(form, "subject", expected.subject)
    assert preview(form) == (expected.subject, expected.body)
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


@pytest.mark.parametrize(
    ("interview", "says", "not_said"),
    [("2026-04-29", "本日は", "昨日は"), ("2026-04-28", "昨日は", "本日は")],
)
def test_the_sending_date_is_today_in_japan_whatever_the_browser_s_zone(
    page, site_url, interview, says, not_said
):
    form = open_generator(page, site_url, now=NOW)
    choose(form, lang="ja")
    fill(form, interview_date=interview)
    body = preview(form)[1]
    assert says in body
    assert not_said not in body
    # A date typed in wins over the clock.
    fill(form, send_date="2026-05-01")
    assert "先日は" in preview(form)[1]


@pytest.mark.quick
def test_the_calculator_s_handoff_fills_the_generator_from_the_fragment(page, site_url):
    fragment = (
        "#template=thank-you&lang=ja&interview_date=2026-04-28&send_date=2026-04-29&after_hours=on"
    )
    form = open_generator(page, site_url, fragment=fragment, now=NOW)
    assert form.locator('[name="lang"]').input_value() == "ja"
    assert form.locator('[name="send_date"]').input_value() == "2026-04-29"
    assert form.locator('[name="after_hours"]').is_checked()
    body = preview(form)[1]
    assert "昨日は" in body
    assert "業務時間外に失礼いたします。" in body
    assert "夜分" not in body
    # In English the same handoff adds no line at all.
    choose(form, lang="en")
    body = preview(form)[1]
    assert "yesterday" in body
    assert "late" not in body
    assert "office hours" not in body


@pytest.mark.quick
def test_every_template_is_reachable_by_its_fragment_and_leaves_as_mail(page, site_url):
    for key in template_keys():
        values = example_fields("ja", key)
        fragment = f"#template={key}&lang=ja&" + "&".join(
            f"{name}={quote(value)}" for name, value in values.items()
        )
        form = open_generator(page, site_url, fragment=fragment, now=NOW)
        expected = compose(key, "ja", values)
        assert preview(form)[1] == expected.body, key
        if not expected.is_mail:
            continue
        assert preview(form)[0] == expected.subject, key
        # The mail app's link and the .eml file carry the same mail.
        href = form.locator('a[data-action="mailto"]').get_attribute("href")
        query = dict(part.split("=", 1) for part in urlsplit(href).query.split("&"))
        assert unquote(query["body"]) == expected.body.replace("\n", "\r\n"), key
        with page.expect_download() as info:
            form.locator('[data-action="download-eml"]').click()
        message = BytesParser(policy=policy.default).parsebytes(
            Path(info.value.path()).read_bytes()
        )
        assert message["subject"] == expected.subject, key
        assert message.get_content().replace("\r\n", "\n").rstrip("\n") == expected.body, key


def test_the_form_shows_only_the_fields_of_the_chosen_mail(page, site_url):
    form = open_generator(page, site_url, now=NOW)
    for key in template_keys():
        for lang in ("en", "ja"):
            choose(form, template=key, lang=lang)
            expected = set(load_template(key, lang).uses) | {"template", "lang", "remember"}
            if key == "linkedin-note":
                expected.add("premium")
            assert shown_fields(form) == expected, (key, lang)


def test_a_linkedin_note_is_only_copied_and_counts_its_characters(page, site_url):
    form = open_generator(page, site_url, fragment="#template=linkedin-note", now=NOW)
    link = form.locator('a[data-action="mailto"]')
    assert link.get_attribute("aria-disabled") == "true"
    assert link.get_attribute("href") is None
    assert form.locator('[data-action="download-eml"]').is_disabled()
    assert form.locator('[data-action="copy"]').is_enabled()
    assert form.locator('[data-result="subject"]').is_hidden()
    assert "a few invitations each month" in form.locator('[data-result="note"]').inner_text()
    checks = form.locator('[data-result="checks"]').inner_text()
    assert "of 200 characters" in checks
    form.locator('[name="premium"]').check()
    settled(form)
    assert "of 300 characters" in form.locator('[data-result="checks"]').inner_text()
    assert "mail-app link" not in form.locator('[data-result="checks"]').inner_text()


@pytest.mark.parametrize("address", ["not-an-email", '"Eve" <eve@example.com>', "a@b.com, c@d.com"])
def test_a_bad_address_is_a_failed_check_and_the_eml_has_no_sender(page, site_url, address):
    form = open_generator(page, site_url, now=NOW)
    fill(form, your_email=address)
    failed = form.locator(".orei-check--fail", has_text="is not one plain address")
    assert address in failed.inner_text()
    with page.expect_download() as info:
        form.locator('[data-action="download-eml"]').click()
    message = BytesParser(policy=policy.default).parsebytes(Path(info.value.path()).read_bytes())
    assert message["from"] is None
    fill(form, your_email="eve@example.com")
    assert form.locator(".orei-check--fail", has_text="is not one plain address").count() == 0


def test_japanese_text_survives_copy(page, site_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    form = open_generator(page, site_url, path="ja/write-email/", now=NOW)
    choose(form, lang="ja")
    fill(form, **JA_FIELDS)
    expected = compose("thank-you", "ja", JA_FIELDS | {"send_date": TODAY_IN_JAPAN})
    wait_for_text(form, "subject", expected.subject)
    form.locator('[data-action="copy"]').click()
    form.locator("[data-copy-status]", has_text="コピーしました").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert expected.subject in copied
    assert expected.body in copied


@pytest.mark.parametrize(
    "payload", ["<img src=x onerror=alert(1)>", "</textarea><script>alert(1)</script>"]
)
def test_markup_typed_into_any_shown_field_is_inert_text(page, site_url, payload):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    form = open_generator(page, site_url, now=NOW)
    fill_shown(form, "thank-you", "en", payload)
    wait_for_text(form, "body", payload)
    results = form.locator(".orei-results")
    assert results.locator("img, script").count() == 0
    assert dialogs == []
    assert payload in results.inner_text()


def test_remembering_is_off_by_default_and_forget_clears_it(page, site_url):
    form = open_generator(page, site_url, now=NOW)
    fill(form, your_name="Hanako Yamada")
    wait_for_text(form, "body", "Hanako Yamada")
    assert "Hanako" not in stored_text(page)
    form.locator('[name="remember"]').check()
    fill(form, your_phone="090-1234-5678")
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
    fill(calculator, ended_date="2026-04-28", ended_time="15:30")
    calculator.locator('[data-result="follow-up-earliest"] time').wait_for()
    page.evaluate("window.oreiSamePage = true")
    calculator.locator('[data-action="write-email"]').click()
    page.wait_for_url(re.compile(r"/write-email/"))
    # Instant navigation: the same document, so the same Python worker, serves both.
    assert page.evaluate("window.oreiSamePage") is True
    form = page.locator(f"{FORM}[data-orei-ready]")
    form.wait_for()
    settled(page.locator(FORM))
    assert form.locator('[name="interview_date"]').input_value() == "2026-04-28"
    # Today in Japan is the 29th: the interview was yesterday.
    wait_for_text(form, "body", "yesterday")
