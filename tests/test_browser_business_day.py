"""The first slice, end to end: Python in the browser says whether today is a business day."""

import datetime as dt

import pytest
from browser import arrive_by_instant_navigation, in_widget_zones, wait_for_result

from orei.business_calendar import BusinessCalendar

pytestmark = [pytest.mark.browser, in_widget_zones]

# A fixed instant keeps the host's answer and the browser's about the same day.
NOW = dt.datetime(2026, 5, 6, 1, 30, tzinfo=dt.UTC)  # 10:30 in Tokyo, a substitute holiday


def expected(day: dt.date) -> str:
    off = BusinessCalendar().day_off(day)
    return "business day" if off is None else off.name_en


@pytest.mark.quick
def test_today_in_japan_matches_orei_on_the_host(page, site_url):
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "calendar/")
    result = wait_for_result(page, "business-day", "business-day")
    day = NOW.astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    assert result.locator("time").get_attribute("datetime") == day.isoformat()
    assert expected(day) in result.inner_text()
    assert "not a business day" in result.inner_text()


@pytest.mark.quick
def test_a_chosen_date_updates_the_answer(page, site_url):
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "calendar/")
    wait_for_result(page, "business-day", "business-day")
    page.get_by_label("Check another date").fill("2026-11-25")
    result = page.locator('[data-result="business-day"] time[datetime="2026-11-25"]')
    result.wait_for()
    assert "is a business day" in page.locator('[data-result="business-day"]').inner_text()


@pytest.mark.quick
def test_japanese_page_answers_in_japanese(page, site_url):
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "ja/calendar/")
    result = wait_for_result(page, "business-day", "business-day")
    assert "振替休日" in result.inner_text()


@pytest.mark.quick
def test_reached_by_instant_navigation(page, site_url):
    arrive_by_instant_navigation(page, site_url, "calendar", now=NOW)
    result = wait_for_result(page, "business-day", "business-day")
    assert expected(dt.date(2026, 5, 6)) in result.inner_text()
    assert page.evaluate("window.oreiSamePage") is True  # still, once the widget answered
    assert page.evaluate("document.querySelectorAll('script[src*=\"binder\"]').length") == 1
