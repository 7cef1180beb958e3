"""The ways the widgets' Python boots: the bytecode bundle, the debug wheels, the fallback."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser import assert_clean, wait_for_result, watch

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 5, 6, 1, 30, tzinfo=dt.UTC)  # a substitute holiday in Tokyo
RUNTIME = "/assets/orei/runtime/"


def runtime_requests(seen) -> list[str]:
    return [url.split(RUNTIME, 1)[1] for url in seen.requests if RUNTIME in url]


def test_fast_path_boots_from_the_bundle_without_wheels(page, seen, site_url, request):
    if request.config.getoption("--orei-runtime") == "debug":
        pytest.skip("the server hides the bundle from the worker in the debug run")
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "calendar/")
    result = wait_for_result(page, "business-day", "business-day")
    assert "Substitute" in result.inner_text() or "substitute" in result.inner_text()
    fetched = runtime_requests(seen)
    assert [f for f in fetched if re.fullmatch(r"orei-bundle\.[0-9a-f]{16}\.zip", f)]
    assert [f for f in fetched if f.endswith(".whl")] == []
    assert "python_stdlib.zip" not in fetched


def test_debug_url_boots_from_the_wheels(page, seen, site_url):
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "calendar/?orei-debug")
    result = wait_for_result(page, "business-day", "business-day")
    assert "not a business day" in result.inner_text()
    assert [u for u in seen.requests if "/assets/orei/worker.js?debug" in u]
    fetched = runtime_requests(seen)
    for wheel in ("orei-0.1.0-py3-none-any.whl", "orei_widgets-0.1.0-py3-none-any.whl"):
        assert wheel in fetched
    assert "python_stdlib.zip" in fetched


def test_a_missing_bundle_falls_back_to_the_wheels(chromium, site_dir):
    from site_server import ServerControls, serve

    controls = ServerControls(missing=[re.compile(r"/orei-bundle\.")])
    with serve(site_dir, controls) as (url, _):
        context = chromium.new_context(locale="en-GB", timezone_id="Asia/Tokyo")
        seen = watch(context)
        try:
            page = context.new_page()
            page.clock.set_fixed_time(NOW)
            page.goto(url + "calendar/")
            result = wait_for_result(page, "business-day", "business-day")
            assert "not a business day" in result.inner_text()
            assert "orei-0.1.0-py3-none-any.whl" in runtime_requests(seen)
        finally:
            context.close()
    # The preload hint and the worker's first try both meet the 404, and Pyodide says so.
    assert_clean(seen, allow_console=("404", "installing the standard library", "orei-bundle."))


def test_a_guide_page_without_a_widget_does_not_load_python(chromium, site_url):
    # No service worker here: it may cache the runtime once the page is idle, and that
    # is allowed; the page itself must not ask for it while it is read.
    context = chromium.new_context(service_workers="block")
    seen = watch(context)
    try:
        page = context.new_page()
        page.goto(site_url + "faq/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)
        assert page.locator("h1").count() == 1
        assert runtime_requests(seen) == []
        assert not [u for u in seen.requests if "/assets/orei/early.js" in u]
    finally:
        context.close()
    assert_clean(seen)
