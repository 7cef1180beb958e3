"""After a first visit, the guide and its widgets work with the network gone."""

from __future__ import annotations

import datetime as dt

import pytest
from applications_browser import FORM, add_application, item, keep, open_applications
from browser import assert_clean, in_widget_zones, settled, wait_for_result

pytestmark = [pytest.mark.browser, in_widget_zones]

NOW = dt.datetime(2026, 5, 6, 1, 30, tzinfo=dt.UTC)  # a substitute holiday in Tokyo
SERVICE_WORKER_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return registration.active.state;
}"""


@pytest.mark.quick
def test_guide_and_widgets_work_offline_after_a_first_visit(context, seen, site_url, request):
    if request.config.getoption("--orei-runtime") == "debug":
        pytest.skip("offline is the fast path's promise; the debug wheels are not cached")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "calendar/")
    wait_for_result(page, "business-day", "business-day")
    assert page.evaluate(SERVICE_WORKER_ACTIVE) in {"activating", "activated"}
    page.close()

    context.set_offline(True)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "calendar/")
    result = wait_for_result(page, "business-day", "business-day")
    assert "not a business day" in result.inner_text()

    page.goto(site_url + "ja/calendar/")
    assert "振替休日" in wait_for_result(page, "business-day", "business-day").inner_text()

    # A page never opened before comes from the cache too.
    page.goto(site_url + "glossary/")
    assert page.locator("h1").first.inner_text().strip()

    # So does My applications, never opened online: its widget works and keeps what it is given.
    form = open_applications(page, site_url, now=None)
    keep(form)
    add_application(form, company="Aoba Systems", ended_date="2026-05-06", ended_time="10:00")
    assert "Send the thank-you email" in item(form, "Aoba Systems").inner_text()
    page.reload()
    assert (
        "Aoba Systems" in settled(page.locator(FORM)).locator('[data-result="agenda"]').inner_text()
    )
    context.set_offline(False)
    # The service worker's own tries at the network fail while offline; nothing else may.
    assert_clean(seen, allow_console=("net::ERR_INTERNET_DISCONNECTED", "net::ERR_FAILED"))
