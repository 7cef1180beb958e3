"""My applications, end to end in headless Chromium: real Pyodide, real storage, real files.

Every test runs with the browser in UTC and in Tokyo. Two tabs, stored data that cannot
be read, and Delete everything are in `test_browser_applications_storage.py`; the trust
tests cover the page with the others (`test_browser_trust_*.py`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from urllib.parse import parse_qsl, urlsplit

import icalendar
import pytest
from applications_browser import (
    CASES,
    DOCUMENT,
    FORM,
    KEYS,
    NOW,
    add_application,
    agenda_times,
    document_of,
    download,
    import_file,
    item,
    keep,
    open_applications,
    press,
)
from browser import fill, in_widget_zones, open_calculator, settled
from calculator_plans import calculator_plan

from orei.applications.file_format import MAX_FILE_BYTES, read_file, write_file
from orei.plan import iso_time

pytestmark = [pytest.mark.browser, in_widget_zones]

AOBA = {
    "company": "株式会社アオバシステムズ",
    "role": "Backend engineer",
    "recruiter_name": "佐藤",
    "ended_date": "2026-04-28",
    "ended_time": "15:00",
}


def test_the_agendas_dates_are_the_planners(page, site_url):
    form = open_applications(page, site_url)
    import_file(form, json.dumps(DOCUMENT).encode())
    shown = agenda_times(form)
    for company, (action, interviews) in CASES.items():
        assert f"orei-step--{action}" in item(form, company).get_attribute("class"), company
        plan = calculator_plan(interviews[-1])  # the one that ended last
        window, after = plan.thank_you, plan.follow_up
        expected = {
            "send-thank-you": [
                window.send_from.date().isoformat(),
                iso_time(window.send_from),
                iso_time(window.send_until),
                iso_time(window.deadline),
            ],
            "wait": [after.earliest.isoformat()],
            "follow-up": [after.earliest.isoformat(), after.latest.isoformat()],
        }[action]
        # Japan's times come first; the reader's own clock may follow the deadline.
        assert shown[company][: len(expected)] == expected, company
    assert shown["Sakura"] == ["2026-05-08"]
    assert shown["Tsubaki"] == []
    # Most urgent first: the overdue follow-up, the others to do, the wait, the closed one.
    order = form.locator(".orei-step-company").all_inner_texts()
    assert order[0] == "Hinoki"
    assert order[-2:] == ["Kiri", "Tsubaki"]
    assert "Overdue" in item(form, "Hinoki").locator(".orei-badge").inner_text()
    # The month view marks each company's steps, and names them for screen readers.
    may = form.locator("table.orei-month", has_text="May 2026")
    assert "Answer the offer by this day: Sakura" in may.locator("td.orei-day--offer").inner_text()


@pytest.mark.quick
def test_add_save_reload_and_the_applications_are_kept(page, site_url):
    form = open_applications(page, site_url)
    assert "No applications yet" in form.locator('[data-result="agenda"]').inner_text()
    add_application(form, **AOBA)
    aoba = item(form, "株式会社アオバシステムズ")
    assert "Send the thank-you email on Tue 28 April 2026" in aoba.inner_text()
    # Focus follows the saved application, for keyboard and screen-reader users.
    assert page.evaluate("document.activeElement.id") == aoba.get_attribute("id")
    assert form.locator('[name="company"]').input_value() == ""
    assert page.evaluate(KEYS) == []  # nothing kept before the tick
    keep(form)
    assert sorted(page.evaluate(KEYS)) == [
        "orei:store:applications",
        "orei:store:applications:document",
    ]
    page.reload()
    form = settled(page.locator(FORM))
    assert form.locator('[name="keep"]').is_checked()
    assert "Send the thank-you email" in item(form, "株式会社アオバシステムズ").inner_text()


@pytest.mark.quick
def test_mark_as_sent_moves_the_agenda_on_and_undo_takes_it_back(page, site_url):
    form = open_applications(page, site_url)
    add_application(form, **AOBA)
    press(form, "株式会社アオバシステムズ", "mark-sent")
    aoba = item(form, "株式会社アオバシステムズ")
    assert "If none comes, follow up from Mon 11 May 2026" in aoba.inner_text()
    assert document_of(page)["applications"][0]["interviews"][0]["thank_you_sent"] == "2026-04-28"
    assert page.evaluate("document.activeElement.id") == aoba.get_attribute("id")
    notice = form.locator('[data-result="notice"]')
    assert "marked as sent on Tue 28 April 2026" in notice.inner_text()
    notice.locator('[data-action="undo"]').click()
    settled(form)
    assert "Send the thank-you email" in item(form, "株式会社アオバシステムズ").inner_text()


def test_edit_changes_an_application_and_adds_an_interview(page, site_url):
    form = open_applications(page, site_url)
    add_application(form, **AOBA)
    press(form, "株式会社アオバシステムズ", "edit")
    assert page.evaluate("document.activeElement.name") == "company"
    assert form.locator('[name="ended_time"]').input_value() == "15:00"
    status = form.locator('[data-result="editor-status"]').inner_text()
    assert "Changing 株式会社アオバシステムズ" in status
    form.locator('[data-action="new-interview"]').click()
    settled(form)
    fill(form, ended_date="2026-05-12", ended_time="11:00", role="SRE")
    form.locator('[name="stage"]').select_option("second-interview")
    form.locator('[data-action="save"]').click()
    settled(form)
    (saved,) = document_of(page)["applications"]
    assert (saved["role"], saved["stage"]) == ("SRE", "second-interview")
    assert len(saved["interviews"]) == 2
    assert "Tue 12 May 2026" in item(form, "株式会社アオバシステムズ").inner_text()


def test_an_end_time_the_clocks_repeated_needs_the_calculators_choice(page, site_url):
    form = open_applications(page, site_url)
    fill(form, company="Kiri Labs", ended_date="2026-11-01", ended_time="01:30")
    fill(form, tz="America/New_York")
    assert "happened twice" in form.locator('[data-error-for="ended_time"]').inner_text()
    form.locator('input[name="ended_offset"][value="-05:00"]').check()
    settled(form)
    assert form.locator('[data-error-for="ended_time"]').is_hidden()
    form.locator('[data-action="save"]').click()
    settled(form)
    (saved,) = document_of(page)["applications"]
    assert saved["interviews"][0]["ended"] == "2026-11-01T01:30-05:00"


@pytest.mark.quick
def test_export_delete_import_gives_the_same_file(page, site_url):
    form = open_applications(page, site_url)
    import_file(form, json.dumps(DOCUMENT).encode())
    name, exported = download(page, form, "export-json")
    assert name == "orei-applications-2026-04-28.json"
    assert exported.decode() == write_file(read_file(json.dumps(DOCUMENT)))
    keep(form)
    form.locator("details.orei-delete summary").click()
    form.locator('[data-action="delete-everything"]').click()
    settled(form)
    assert "No applications yet" in form.locator('[data-result="agenda"]').inner_text()
    assert page.evaluate(KEYS) == []
    import_file(form, exported)
    _, again = download(page, form, "export-json")
    assert again == exported


def test_the_calendar_file_parses_and_its_uids_are_stable(page, site_url):
    form = open_applications(page, site_url)
    import_file(form, json.dumps(DOCUMENT).encode())
    name, data = download(page, form, "export-ics")
    assert name.endswith(".ics")
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert set(events) == {
        "application-case-0-interview-0-thank-you@orei.invalid",
        "application-case-0-interview-0-follow-up@orei.invalid",
        "application-case-1-interview-0-follow-up@orei.invalid",
        "application-case-3-interview-1-follow-up@orei.invalid",
        "application-offer-offer@orei.invalid",
    }
    follow = events["application-case-0-interview-0-follow-up@orei.invalid"]
    assert follow.decoded("DTSTART") == dt.date(2026, 5, 11)
    assert events["application-offer-offer@orei.invalid"].decoded("DTSTART") == dt.date(2026, 5, 8)
    # The same steps an hour later: the same UIDs, a later SEQUENCE.
    page.clock.set_fixed_time(NOW + dt.timedelta(hours=1))
    _, later = download(page, form, "export-ics")
    later_events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(later).walk("VEVENT")}
    assert set(later_events) == set(events)
    assert all(later_events[uid]["SEQUENCE"] > events[uid]["SEQUENCE"] for uid in events)


def test_the_spreadsheet_opens_with_japanese_intact(page, site_url):
    form = open_applications(page, site_url, "ja/applications/")
    add_application(form, **AOBA)
    name, data = download(page, form, "export-csv")
    assert name.endswith(".csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["ID", "会社名", "職種"]
    assert rows[1][1:4] == ["株式会社アオバシステムズ", "Backend engineer", "応募済み"]
    assert rows[1][rows[0].index("次にすること")] == "お礼メールを送る"


def test_a_bad_file_is_refused_and_changes_nothing(page, site_url):
    form = open_applications(page, site_url)
    add_application(form, **AOBA)
    before = document_of(page)
    broken = json.dumps(DOCUMENT).replace('"case-1"', '"case-0"').encode()
    import_file(form, broken, "mine.json")
    error = form.locator('[data-error-for="import"]')
    assert "Nothing was imported, and nothing changed." in error.inner_text()
    assert "Application 2, its id" in error.inner_text()
    assert document_of(page) == before
    assert page.evaluate("document.activeElement.type") == "file"


@pytest.mark.quick
def test_write_the_email_opens_the_generator_prefilled(page, site_url):
    evening = dt.datetime(2026, 4, 28, 9, 30, tzinfo=dt.UTC)  # 18:30 in Tokyo
    form = open_applications(page, site_url, "ja/applications/", now=evening)
    add_application(form, **AOBA, department="人事部")
    item(form, "株式会社アオバシステムズ").locator('[data-action="write-email"]').click()
    page.wait_for_url(re.compile(r"/ja/write-email/#"))
    generator = page.locator('form[data-orei-widget="email"][data-orei-ready]')
    generator.wait_for()
    fields = dict(parse_qsl(urlsplit(page.url).fragment))
    assert fields["template"] == "thank-you"
    assert fields["after_hours"] == "on"
    for name, value in {
        "company": "株式会社アオバシステムズ",
        "recipient_name": "佐藤",
        "job_title": "Backend engineer",
        "department": "人事部",
        "interview_date": "2026-04-28",
    }.items():
        assert generator.locator(f'[name="{name}"]').input_value() == value, name
    assert generator.locator('[name="after_hours"]').is_checked()
    body = generator.locator('[data-result="body"]')
    body.filter(has_text="業務時間外に失礼いたします").wait_for()
    assert "株式会社アオバシステムズ" in body.inner_text()


@pytest.mark.quick
def test_save_to_my_applications_brings_the_calculators_interview(page, site_url):
    calculator = open_calculator(page, site_url, now=NOW)
    calculator.locator('input[name="timeline"][value="weeks"]').check()
    fill(calculator, ended_date="2026-04-28", ended_time="15:00", timeline_n="1", buffer="2")
    shown = calculator.locator('[data-result="follow-up-earliest"] time')
    earliest = shown.get_attribute("datetime")
    calculator.locator('[data-action="save-application"]').click()
    page.wait_for_url(re.compile(r"/applications/"))
    form = settled(page.locator(f"{FORM}[data-orei-ready]"))
    # Offered, not stored: the editor holds it, and the address no longer does.
    assert "from the calculator" in form.locator('[data-result="editor-status"]').inner_text()
    assert form.locator('[name="timeline_n"]').input_value() == "1"
    assert urlsplit(page.url).fragment == ""
    assert page.evaluate(KEYS) == []
    fill(form, company="Aoba Systems")
    form.locator('[data-action="save"]').click()
    settled(form)
    assert agenda_times(form)["Aoba Systems"][0] == "2026-04-28"
    press(form, "Aoba Systems", "mark-sent")
    assert agenda_times(form)["Aoba Systems"] == [earliest]


def test_the_worksheets_ticks_are_kept_with_an_interview(page, site_url):
    form = open_applications(page, site_url)
    add_application(form, **AOBA)
    keep(form)
    page.goto(site_url + "reflect/")
    boxes = page.locator("ul.task-list input[type=checkbox]")
    # The inputs sit under their drawn boxes (as in test_browser_site_pages).
    boxes.nth(0).check(force=True)  # the facts' first question
    boxes.nth(8).check(force=True)  # after four facts and four that went well: the first to improve
    link = page.locator("a[data-orei-ticks]")
    assert urlsplit(link.get_attribute("href")).fragment == "worksheet=facts-1+improve-1"
    link.click()
    page.wait_for_url(re.compile(r"/applications/"))
    form = settled(page.locator(f"{FORM}[data-orei-ready]"))
    panel = form.locator('[data-result="worksheet"]')
    assert "2 ticked questions" in panel.inner_text()
    panel.locator('[data-action="keep-worksheet"]').click()
    settled(form)
    reflection = document_of(page)["applications"][0]["interviews"][0]["reflection"]
    assert reflection == {"worksheet": "facts-1 improve-1"}
    assert form.locator('[data-result="worksheet"]').is_hidden()


def test_a_file_too_large_is_refused_unread_and_changes_nothing(page, site_url):
    form = open_applications(page, site_url)
    add_application(form, **AOBA)
    before = document_of(page)
    huge = json.dumps(DOCUMENT).encode().ljust(MAX_FILE_BYTES + 1, b" ")
    import_file(form, huge, "huge.json")
    error = form.locator('[data-error-for="import"]')
    assert "Nothing was imported, and nothing changed." in error.inner_text()
    assert f"over {MAX_FILE_BYTES // 1_000_000} MB" in error.inner_text()
    assert document_of(page) == before
