"""What My applications keeps in the browser, in Chromium: two tabs, damaged data, no storage.

Two pages of one browser context share one localStorage and tell each other of every
change (the `storage` event), as two tabs do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from applications_browser import (
    FORM,
    KEYS,
    STORED,
    add_application,
    document_of,
    import_file,
    item,
    keep,
    open_applications,
)
from browser import in_widget_zones, settled

pytestmark = [pytest.mark.browser, in_widget_zones]

REVISION = "orei:store:applications"
DOCUMENT = f"{REVISION}:document"
AOBA = {"company": "Aoba Systems", "ended_date": "2026-04-28", "ended_time": "15:00"}
KIRI = {"company": "Kiri Labs", "ended_date": "2026-04-27", "ended_time": "11:00"}


def status(form) -> str:
    return form.locator("[data-store-status]").inner_text()


def open_tab(context, site_url):
    """A tab of the browser on the applications page, once it is ready: its page and form."""
    page = context.new_page()
    return page, open_applications(page, site_url)


def tab_keeping_aoba(context, site_url):
    """A tab that has added Aoba Systems and keeps it in the browser: its page and form."""
    page, form = open_tab(context, site_url)
    add_application(form, **AOBA)
    keep(form)
    return page, form


@pytest.mark.quick
def test_a_change_in_one_tab_appears_in_the_other(context, site_url):
    first, a = tab_keeping_aoba(context, site_url)
    second, b = open_tab(context, site_url)
    assert "Aoba Systems" in b.locator('[data-result="agenda"]').inner_text()
    add_application(a, **KIRI)
    item(b, "Kiri Labs").wait_for()
    settled(b)
    assert "changed in another tab" in status(b)
    assert document_of(second) == document_of(first)
    # And back: the second tab's change reaches the first, and both kept the same revision.
    b.locator("li.orei-step", has_text="Aoba Systems").locator('[data-action="mark-sent"]').click()
    settled(b)
    item(a, "Aoba Systems").filter(has_text="follow up from").wait_for()
    assert first.evaluate(STORED) == second.evaluate(STORED)
    assert json.loads(first.evaluate(STORED)[DOCUMENT]) == document_of(second)


@pytest.mark.quick
def test_a_write_another_tab_made_first_is_never_overwritten_silently(context, site_url):
    first, a = tab_keeping_aoba(context, site_url)
    # A write this tab has not heard of yet (its event still on the way): a later revision
    # with another document, as if a second tab had saved a moment before.
    theirs = first.evaluate(STORED)[DOCUMENT].replace("Aoba Systems", "Aoba Systems (theirs)")
    first.evaluate(
        "([revision, document, text]) => { localStorage.setItem(document, text);"
        " localStorage.setItem(revision, '99'); }",
        [REVISION, DOCUMENT, theirs],
    )
    add_application(a, **KIRI)
    conflict = a.locator("[data-store-conflict]")
    assert conflict.is_visible()
    assert first.evaluate(STORED) == {REVISION: "99", DOCUMENT: theirs}  # nothing overwritten
    # This tab's version can be saved as a file before choosing.
    with first.expect_download() as info:
        conflict.locator("[data-download-field]").click()
    mine = Path(info.value.path()).read_text("utf-8")
    assert "Kiri Labs" in mine
    conflict.locator('[data-store-choice="keep"]').click()
    settled(a)
    assert conflict.is_hidden()
    assert first.evaluate(STORED) == {REVISION: "100", DOCUMENT: mine}


def test_the_other_tabs_version_can_be_chosen_instead(context, site_url):
    first, a = open_tab(context, site_url)
    add_application(a, **AOBA)  # on this page only
    _, b = open_tab(context, site_url)
    add_application(b, **KIRI)
    keep(b)  # the other tab starts keeping its own applications: this one has its own
    conflict = a.locator("[data-store-conflict]")
    conflict.wait_for()
    assert not a.locator('[name="keep"]').is_checked()
    conflict.locator('[data-store-choice="load"]').click()
    settled(a)
    assert a.locator('[name="keep"]').is_checked()
    assert [x["company"] for x in document_of(first)["applications"]] == ["Kiri Labs"]


def test_unticking_in_one_tab_stops_the_other_from_keeping(context, site_url):
    first, a = tab_keeping_aoba(context, site_url)
    second, b = open_tab(context, site_url)
    a.locator('[name="keep"]').uncheck()
    settled(a)
    assert first.evaluate(KEYS) == []
    b.locator('[name="keep"]:not(:checked)').wait_for()
    assert "removed your applications" in status(b)
    add_application(b, **KIRI)  # this tab's change is on its page, and not kept
    assert second.evaluate(KEYS) == []


@pytest.mark.parametrize(
    ("stored", "says"),
    [
        ('{"format": "orei-applications", "version": 1, "applications": [', "not valid JSON"),
        ("[" * 200_000, "nested more than 20 deep"),
        ('{"format": "orei-applications", "version": 7, "applications": []}', "newer Orei"),
    ],
    ids=["truncated", "deep", "newer"],
)
def test_stored_data_that_cannot_be_read_is_kept_and_offered_as_it_is(page, site_url, stored, says):
    form = open_applications(page, site_url)
    page.evaluate(
        "([revision, document, text]) => { localStorage.setItem(document, text);"
        " localStorage.setItem(revision, '3'); }",
        [REVISION, DOCUMENT, stored],
    )
    page.reload()
    form = settled(page.locator(f"{FORM}[data-orei-ready]"))
    problem = form.locator('[data-result="storage-problem"]')
    assert "cannot be read, so nothing has been changed or removed" in problem.inner_text()
    assert says in problem.inner_text()
    # Nothing can replace it: keeping, saving and importing wait for the reader's choice.
    assert form.locator('[name="keep"]').is_disabled()
    assert form.locator('[data-action="save"]').is_disabled()
    assert form.locator('input[type="file"]').is_disabled()
    with page.expect_download() as info:
        form.locator('[data-action="download-stored"]').click()
    assert Path(info.value.path()).read_text("utf-8") == stored
    assert page.evaluate(STORED) == {REVISION: "3", DOCUMENT: stored}
    # Discarding is the reader's choice, and even then undo brings it back.
    problem.locator('[data-action="discard-stored"]').click()
    settled(form)
    assert page.evaluate(STORED) == {REVISION: "4", DOCUMENT: ""}
    form.locator('[data-result="notice"] [data-action="undo"]').click()
    settled(form)
    assert page.evaluate(STORED)[DOCUMENT] == stored


BLOCKED = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});"""


def test_without_storage_the_page_says_so_and_still_works(context, site_url):
    context.add_init_script(script=BLOCKED)
    page = context.new_page()
    form = open_applications(page, site_url)
    assert "does not let the page keep anything" in status(form)
    assert form.locator('[name="keep"]').is_disabled()
    add_application(form, **AOBA)
    assert "Send the thank-you email" in item(form, "Aoba Systems").inner_text()
    assert form.locator('[name="keep"]').is_disabled()


def test_a_large_file_is_imported_and_kept(page, site_url):
    interview = {"ended": "2026-04-20T15:00+09:00", "thank_you_sent": "2026-04-20"}
    document = {
        "format": "orei-applications",
        "version": 1,
        "applications": [
            {
                "id": f"app-{number:03d}",
                "company": f"株式会社サンプル{number:03d}",
                "role": "",
                "stage": "first-interview",
                "notes": "メモ" * 100,
                "interviews": [interview] * 3,
            }
            for number in range(200)
        ],
    }
    form = open_applications(page, site_url)
    keep(form)
    import_file(form, json.dumps(document, ensure_ascii=False).encode())
    assert form.locator("li.orei-step").count() == 200
    assert len(json.loads(page.evaluate(STORED)[DOCUMENT])["applications"]) == 200
