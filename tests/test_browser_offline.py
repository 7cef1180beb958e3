"""After a first visit, the guide and its widgets work with the network gone."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from applications_browser import FORM, add_application, item, keep, open_applications
from browser import (
    assert_clean,
    host_headers,
    in_widget_zones,
    served_by_service_worker,
    settled,
    wait_for_result,
)

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


def test_a_return_visit_asks_the_network_first_and_the_service_worker_when_the_host_is_gone(
    context, seen, site_dir, request
):
    if request.config.getoption("--orei-runtime") == "debug":
        pytest.skip("offline is the fast path's promise; the debug wheels are not cached")
    from site_server import ServerControls, serve

    snapshot = json.loads((site_dir / "assets/orei/build-info.json").read_text())["snapshot"]
    answered = served_by_service_worker(context, snapshot, "build-info.json")
    with serve(site_dir, ServerControls(headers=host_headers(site_dir))) as (url, _):
        page = context.new_page()
        page.goto(url + "calendar/")
        wait_for_result(page, "business-day", "business-day")
        assert page.evaluate(SERVICE_WORKER_ACTIVE) in {"activating", "activated"}
        page.close()
        # Online, a return visit takes the runtime from the network and its HTTP cache,
        # which keeps the compiled WebAssembly too, not from the service worker.
        answered[snapshot].clear()
        page = context.new_page()
        page.goto(url + "calendar/")
        wait_for_result(page, "business-day", "business-day")
        assert answered[snapshot] == [False]
        page.close()
    # The host is gone but the browser is online: what the HTTP cache may not keep
    # (build-info.json is `no-cache`) comes from the service worker, and the widget works.
    answered["build-info.json"].clear()
    page = context.new_page()
    page.goto(url + "ja/calendar/")
    assert "営業日" in wait_for_result(page, "business-day", "business-day").inner_text()
    assert answered["build-info.json"], "build-info.json was not asked for"
    assert all(answered["build-info.json"]), answered
    # The worker's first tries at the host failed, as they had to; nothing else may.
    assert_clean(seen, allow_console=("net::ERR_CONNECTION_REFUSED", "net::ERR_FAILED"))
