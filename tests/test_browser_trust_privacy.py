"""Privacy, in Chromium: nothing the reader types leaves the browser or is stored unasked.

Every request of the context is recorded, from pages, the Python worker and the
service worker: all go to the site's own host, and none carries what was typed,
not even to that host. Storage holds nothing typed until the reader asks, and the
applications page's "Delete everything" leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from applications_browser import KEYS, add_application, keep, open_applications, press
from browser import assert_clean, fill, in_widget_zones, open_calculator, settled, watch
from email_browser import choose, covering_forms, fill_shown
from pages import site_pages

from orei.email_spec import TEXT_FIELDS
from orei.email_templates import load_template

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)
# Typed into every field; found nowhere but in the page afterwards.
MARK = "Zq7Private"
EVERYTHING_STORED = """async () => {
  const found = [JSON.stringify(Object.entries(localStorage)),
                 JSON.stringify(Object.entries(sessionStorage)), document.cookie];
  if (self.caches) {
    for (const name of await caches.keys()) {
      found.push(name);
      const cache = await caches.open(name);
      for (const request of await cache.keys()) found.push(request.url);
    }
  }
  if (indexedDB.databases) found.push(JSON.stringify(await indexedDB.databases()));
  return found.join("\\n");
}"""


@pytest.fixture
def recorded(chromium, browser_zone):
    """A watched context that also keeps each request's body and headers."""
    context = chromium.new_context(locale="en-GB", timezone_id=browser_zone, accept_downloads=True)
    seen = watch(context)
    sent = []
    context.on(
        "request",
        lambda request: sent.append(
            f"{request.url}\n{request.post_data or ''}\n{request.all_headers()}"
        ),
    )
    yield context, seen, sent
    context.close()
    assert_clean(seen)


def use_the_calculator(page, site_url, prefix=""):
    form = open_calculator(page, site_url, prefix + "follow-up/")
    fill(form, ended_date="2026-04-28", ended_time="15:00", closed_dates="2026-05-11")
    form.locator('[data-result="follow-up-earliest"] time').wait_for()
    with page.expect_download():
        form.locator('[data-action="download-ics"]').click()
    form.locator('[name="tz"]').fill(MARK)  # an error that quotes the mark back
    form.locator('[data-error-for="tz"]', has_text=MARK).wait_for()
    form.locator('[name="tz"]').fill("Asia/Tokyo")
    form.locator('[data-result="follow-up-earliest"] time').wait_for()
    form.locator('[data-action="write-email"]').click()
    page.wait_for_url(re.compile(r"/write-email/"))


def use_the_generator(page, site_url, prefix=""):
    page.goto(site_url + prefix + "write-email/")
    form = page.locator('form[data-orei-widget="email"][data-orei-ready]')
    form.wait_for()
    # The form shows only the chosen mail's fields: a few mails show every text field.
    typed = set()
    for key, lang in covering_forms():
        choose(form, template=key, lang=lang)
        typed.update(fill_shown(form, key, lang, f"{MARK}-{{name}}"))
        form.locator('[data-result="body"]', has_text=MARK).wait_for()
        form.locator('[data-action="copy"]').click()
        form.locator("[data-copy-status]:not(:empty)").wait_for()
        if load_template(key, lang).is_mail:
            with page.expect_download():
                form.locator('[data-action="download-eml"]').click()
            assert MARK in form.locator('a[data-action="mailto"]').get_attribute("href")
    assert typed == set(TEXT_FIELDS)


def use_the_applications(page, site_url, prefix="", *, kept=False):
    """Add an application with the mark in its texts, use every button, open the generator."""
    form = open_applications(page, site_url, prefix + "applications/", now=None)
    if kept:
        keep(form)
    company = f"{MARK}-company"
    add_application(
        form,
        company=company,
        recruiter_name=f"{MARK}-recruiter",
        notes=f"{MARK}-notes",
        ended_date="2026-04-28",
        ended_time="15:00",
    )
    press(form, company, "mark-sent")
    form.locator('[data-result="notice"] [data-action="undo"]').click()  # to write it below
    settled(form)
    for action in ("export-json", "export-csv", "export-ics"):
        with page.expect_download():
            form.locator(f'[data-action="{action}"]').click()
    form.locator('[name="recruiter_email"]').fill(MARK)  # an error that quotes the mark back
    form.locator('[data-error-for="recruiter_email"]', has_text=MARK).wait_for()
    form.locator('[name="recruiter_email"]').fill("")
    settled(form)
    form.locator('[data-action="write-email"]').first.click()  # the thank-you, still to send
    page.wait_for_url(re.compile(r"/write-email/"))
    page.locator('form[data-orei-widget="email"] [data-result="body"]', has_text=MARK).wait_for()
    return form


def search_for_the_mark(page, site_url):
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill(MARK)
    page.locator(".md-search-result__meta").wait_for()


@pytest.mark.quick
@in_widget_zones
def test_no_request_leaves_the_host_or_carries_what_was_typed(recorded, site_url, site_dir):
    context, seen, sent = recorded
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    for path in site_pages(site_dir):
        page.goto(site_url + path)
    for prefix in ("", "ja/"):
        use_the_calculator(page, site_url, prefix)
        use_the_generator(page, site_url, prefix)
        use_the_applications(page, site_url, prefix, kept=True)
    search_for_the_mark(page, site_url)
    assert len(seen.requests) > 50
    assert seen.foreign_requests() == []
    assert [request for request in sent if MARK in request] == []


@in_widget_zones
def test_nothing_typed_is_stored_until_the_reader_asks(recorded, site_url):
    context, _seen, _sent = recorded
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    use_the_calculator(page, site_url)
    use_the_generator(page, site_url)
    use_the_applications(page, site_url)
    search_for_the_mark(page, site_url)
    assert MARK not in page.evaluate(EVERYTHING_STORED)
    # The one thing kept on request: the reader's own details, once the box is ticked.
    page.goto(site_url + "write-email/")
    form = page.locator('form[data-orei-widget="email"][data-orei-ready]')
    form.wait_for()
    form.locator('[name="remember"]').check()
    form.locator('[name="your_name"]').fill(f"{MARK}-name")
    stored = page.evaluate(EVERYTHING_STORED)
    assert f"{MARK}-name" in stored
    form.locator('[data-action="forget"]').click()
    form.locator("[data-forget-status]:not(:empty)").wait_for()
    assert MARK not in page.evaluate(EVERYTHING_STORED)


ABOUT_SAYS = {
    "about/": [
        "Nothing you type leaves your browser",
        "only if you tick",
        "never what you type",
        "Content Security Policy",
    ],
    "ja/about/": [
        "入力した内容がブラウザの外に送られることはありません",
        "チェックを入れたときだけ",
        "入力した内容は含まれません",
        "コンテンツセキュリティポリシー",
    ],
}


@pytest.mark.parametrize(("path", "says"), ABOUT_SAYS.items())
def test_the_about_page_says_what_stays_in_the_browser(page, site_url, path, says):
    page.goto(site_url + path + "#privacy")
    section = page.locator("article").inner_text()
    for sentence in says:
        assert sentence in section


@pytest.mark.quick
@in_widget_zones
def test_applications_are_kept_only_after_the_tick_and_all_gone_after_delete(recorded, site_url):
    context, _seen, _sent = recorded
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    form = use_the_applications(page, site_url)
    assert MARK not in page.evaluate(EVERYTHING_STORED)
    form = open_applications(page, site_url, now=None)
    add_application(form, company=f"{MARK}-kept", ended_date="2026-04-28", ended_time="15:00")
    assert MARK not in page.evaluate(EVERYTHING_STORED)
    keep(form)
    assert f"{MARK}-kept" in page.evaluate(EVERYTHING_STORED)
    form.locator("details.orei-delete summary").click()
    form.locator('[data-action="delete-everything"]').click()
    settled(form)
    assert MARK not in page.evaluate(EVERYTHING_STORED)
    assert page.evaluate(KEYS) == []
    assert not form.locator('[name="keep"]').is_checked()
    # Gone from the page as well, and still gone after a reload.
    assert MARK not in form.locator('[data-result="agenda"]').inner_text()
    page.reload()
    form = settled(page.locator('form[data-orei-widget="applications"][data-orei-ready]'))
    assert MARK not in page.content()
