"""The follow-up calculator in the guide, end to end in headless Chromium."""

import datetime as dt
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from browser import assert_clean, fill, open_calculator, watch
from site_server import serve

from orei.plan import make_plan

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)  # 16:00 in Tokyo, the worked example's day
FORM = 'form[data-orei-widget="follow-up"]'


def result_datetime(form, slot):
    return form.locator(f'[data-result="{slot}"] time').first.get_attribute("datetime")


def wait_for_datetime(form, slot, value):
    form.locator(f'[data-result="{slot}"] time[datetime="{value}"]').first.wait_for()


@pytest.mark.parametrize(
    ("ended_date", "ended_time", "timeline", "earliest", "latest", "deadline"),
    [
        # The planner issue's worked example: Golden Week pushes the window to 7-8 May.
        ("2026-04-28", "15:00", {}, "2026-05-07", "2026-05-08", "2026-04-29T15:00+09:00"),
        # "We will reply within 2 weeks", with the default buffer of 3 business days.
        (
            "2026-09-15",
            "10:30",
            {"timeline": "weeks", "timeline_n": "2"},
            None,
            None,
            "2026-09-16T10:30+09:00",
        ),
        # An evening interview before the New Year closure.
        ("2026-12-25", "19:00", {}, None, None, "2026-12-26T19:00+09:00"),
    ],
)
def test_results_match_the_planner(
    page, site_url, ended_date, ended_time, timeline, earliest, latest, deadline
):
    form = open_calculator(page, site_url, now=NOW)
    if timeline:
        form.locator(f'input[name="timeline"][value="{timeline["timeline"]}"]').check()
        fill(form, timeline_n=timeline["timeline_n"])
    fill(form, ended_date=ended_date, ended_time=ended_time)
    plan = make_plan(
        ended_date,
        ended_time,
        timeline=timeline.get("timeline", "none"),
        timeline_n=timeline.get("timeline_n", ""),
        candidate_tz="Asia/Tokyo",
    )
    expected = plan.to_json_dict()
    assert earliest in (None, expected["follow_up"]["earliest"])
    assert latest in (None, expected["follow_up"]["latest"])
    assert deadline == expected["thank_you"]["deadline"]
    wait_for_datetime(form, "follow-up-earliest", expected["follow_up"]["earliest"])
    assert result_datetime(form, "follow-up-latest") == expected["follow_up"]["latest"]
    assert result_datetime(form, "deadline") == expected["thank_you"]["deadline"]
    assert result_datetime(form, "read-on") == expected["thank_you"]["read_on"]
    window = form.locator('[data-result="send-window"] time')
    assert window.nth(1).get_attribute("datetime") == expected["thank_you"]["send_from"]
    assert window.nth(2).get_attribute("datetime") == expected["thank_you"]["send_until"]
    skipped = form.locator('[data-result="skipped"] li time').evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('datetime'))"
    )
    assert skipped == [day["date"] for day in expected["skipped"]]
    if ended_time >= "18:00":
        assert "late hour" in form.locator('[data-result="send-window"]').inner_text()


def test_worked_example_names_golden_week_days(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-07")
    skipped = form.locator('[data-result="skipped"]').inner_text()
    assert "Children's Day" in skipped
    assert "Substitute holiday for Constitution Memorial Day" in skipped
    assert "in 23 h 0 min" in form.locator('[data-result="deadline"]').inner_text()
    # The month view is a real table, with marks a screen reader can read.
    table = form.locator("table.orei-month").first
    assert table.locator("caption").inner_text() == "April 2026"
    assert table.locator("th[scope=col]").count() == 7
    assert "Interview" in table.locator("td.orei-day--interview .orei-sr").inner_text()


def test_typing_updates_and_errors_appear_and_clear(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-07")
    form.locator('input[name="timeline"][value="days"]').check()
    fill(form, timeline_n="200")
    error = form.locator('[data-error-for="timeline_n"]')
    error.wait_for(state="visible")
    assert "1 to 90" in error.inner_text()
    field = form.locator('[name="timeline_n"]')
    assert field.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in field.get_attribute("aria-describedby").split()
    # No result is shown from the stale input.
    assert form.locator('[data-result="follow-up-earliest"]').is_hidden()
    assert form.locator('[data-action="download-ics"]').is_disabled()
    fill(form, timeline_n="10")
    error.wait_for(state="hidden")
    assert field.get_attribute("aria-invalid") is None
    expected = make_plan("2026-04-28", "15:00", timeline="10d").follow_up.earliest.isoformat()
    wait_for_datetime(form, "follow-up-earliest", expected)


def test_impossible_date_is_an_error_next_to_the_field(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    form.locator('input[name="timeline"][value="date"]').check()
    fill(form, timeline_date="2026-04-01")
    error = form.locator('[data-error-for="timeline_date"]')
    error.wait_for(state="visible")
    assert "2026-04-28" in error.inner_text()


def test_calendar_download_parses_with_the_right_dates(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-07")
    with page.expect_download() as info:
        form.locator('[data-action="download-ics"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    starts = sorted(str(event.decoded("DTSTART")) for event in events)
    assert "2026-05-07" in starts
    assert any(
        s.startswith("2026-04-28 15:00:00+09:00") or s.startswith("2026-04-28 06:00:00")
        for s in starts
    )
    assert all(event.walk("VALARM") for event in events)


def test_the_url_restores_the_form(page, site_url, context):
    form = open_calculator(page, site_url, now=NOW)
    form.locator('input[name="timeline"][value="business_days"]').check()
    fill(form, ended_date="2026-09-18", ended_time="11:00", timeline_n="5", buffer="2")
    form.locator('input[name="closures"][value="obon"]').check()
    expected = make_plan(
        "2026-09-18", "11:00", timeline="5bd", buffer="2", closures="new-year,obon"
    ).follow_up.earliest.isoformat()
    wait_for_datetime(form, "follow-up-earliest", expected)
    url = page.url
    assert "ended_date=2026-09-18" in urlsplit(url).fragment
    assert urlsplit(url).query == ""  # the plan stays in the fragment, never sent to a server
    again = context.new_page()
    again.clock.set_fixed_time(NOW)
    again.goto(url)
    restored = again.locator(FORM)
    wait_for_datetime(restored, "follow-up-earliest", expected)
    assert restored.locator('[name="timeline_n"]').input_value() == "5"
    assert restored.locator('input[name="closures"][value="obon"]').is_checked()
    again.close()


def test_write_the_email_carries_the_date(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="19:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-07")
    form.locator('[data-action="write-email"]').click()
    page.wait_for_url(re.compile(r"/write-email/"))
    shared = parse_qs(urlsplit(page.url).fragment)
    assert shared["interview_date"] == ["2026-04-28"]
    assert shared["late_hour"] == ["on"]


def test_reached_by_instant_navigation(page, site_url):
    page.clock.set_fixed_time(NOW)
    page.goto(site_url)
    page.evaluate("window.oreiSamePage = true")
    page.locator("nav a[href$='follow-up/']").first.click()
    page.wait_for_url(re.compile(r"/follow-up/(#.*)?$"))  # the binder may add the form state
    assert page.evaluate("window.oreiSamePage") is True  # no new document: instant navigation
    form = page.locator(f"{FORM}[data-orei-ready]")
    form.wait_for()
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-07")


def test_japanese_page_names_days_in_japanese(page, site_url):
    form = open_calculator(page, site_url, "ja/follow-up/", now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-07")
    skipped = form.locator('[data-result="skipped"]').inner_text()
    assert "こどもの日" in skipped
    assert "振替休日" in skipped
    assert "Children" not in skipped


def test_keyboard_alone_reaches_and_operates_every_control(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    controls = form.locator("input:not([type=hidden]), button").evaluate_all(
        "nodes => nodes.map(n => n.id || n.dataset.action)"
    )
    form.locator('[name="ended_date"]').focus()
    page.keyboard.type("04282026")  # Chromium's date field takes the digits in the locale's order
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "document.activeElement.id || document.activeElement.dataset.action || ''"
        )
        reached.append(active)
        if active == "write-email":
            break
        if active == "orei-follow-up-ended_time":
            page.keyboard.type("0300P")
    # Radio groups take one Tab stop; the rest of the group is reached with arrow keys.
    radios = {c for c in controls if c.startswith("orei-follow-up-timeline-")}
    missing = [c for c in controls if c not in reached and c not in radios]
    assert missing == []
    assert any(r in radios for r in reached)
    wait_for_datetime(form, "follow-up-earliest", "2026-05-07")
    form.locator('[data-action="download-ics"]').focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".ics")


@contextmanager
def calculator_with_missing(chromium, site_dir, missing: str):
    """The calculator page served with the paths matching `missing` answering 404.

    The guide's text must still be there, and nothing but the browser's own 404
    reports may reach the console.
    """
    with serve(site_dir) as (url, controls):
        controls.missing.append(re.compile(missing))
        context = chromium.new_context()
        seen = watch(context)
        page = context.new_page()
        page.goto(url + "follow-up/")
        yield page
        assert page.locator("article h2").count() >= 3  # the guide's text is still there
        context.close()
    assert_clean(seen, allow_console=("Failed to load resource",))


def test_runtime_missing_shows_a_plain_message_and_keeps_the_guide(chromium, site_dir):
    with calculator_with_missing(chromium, site_dir, r"/assets/orei/runtime/") as page:
        status = page.locator(f"{FORM} [data-orei-status].orei-status--failed")
        status.wait_for()
        assert "could not start" in status.inner_text()


def test_binder_never_arriving_still_ends_in_a_plain_message(chromium, site_dir):
    # The connection drops after the page and the theme arrived, before binder.js: no
    # script of ours runs, so the form itself must say, after a while, that it cannot start.
    missing = r"/assets/orei/(binder|early|worker)\.js"
    with calculator_with_missing(chromium, site_dir, missing) as page:
        stalled = page.locator(f"{FORM} .orei-stalled")
        assert not stalled.is_visible()  # not at once: the binder may still be on its way
        stalled.wait_for(state="visible", timeout=20_000)
        assert "could not start" in stalled.inner_text()
