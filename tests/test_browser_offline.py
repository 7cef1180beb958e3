"""After a first visit, the guide and its widgets work with the network gone."""

from __future__ import annotations

import datetime as dt

import pytest
from browser import assert_clean, in_widget_zones, wait_for_result

pytestmark = [pytest.mark.browser, in_widget_zones]

NOW = dt.datetime(2026, 5, 6, 1, 30, tzinfo=dt.UTC)  # a substitute holiday in Tokyo
SERVICE_WORKER_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return registration.active.state;
}"""


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
    context.set_offline(False)
    # The service worker's own tries at the network fail while offline; nothing else may.
    assert_clean(seen, allow_console=("net::ERR_INTERNET_DISCONNECTED", "net::ERR_FAILED"))
