"""The ways the widgets' Python boots: the snapshot, the bundle, the debug wheels, the fallbacks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser import assert_clean, fill, in_widget_zones, open_calculator, wait_for_result, watch

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 5, 6, 1, 30, tzinfo=dt.UTC)  # a substitute holiday in Tokyo
RUNTIME = "/assets/orei/runtime/"


def runtime_requests(seen) -> list[str]:
    return [url.split(RUNTIME, 1)[1] for url in seen.requests if RUNTIME in url]


@pytest.mark.quick
@in_widget_zones
def test_fast_path_restores_the_snapshot_without_bundle_or_wheels(page, seen, site_url, request):
    if request.config.getoption("--orei-runtime") == "debug":
        pytest.skip("the server hides the fast path from the worker in the debug run")
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + "calendar/")
    result = wait_for_result(page, "business-day", "business-day")
    assert "substitute" in result.inner_text().lower()
    fetched = runtime_requests(seen)
    assert [f for f in fetched if re.fullmatch(r"orei-snapshot\.[0-9a-f]{16}\.bin", f)]
    assert [f for f in fetched if re.fullmatch(r"orei-rest\.[0-9a-f]{16}\.zip", f)]
    assert [f for f in fetched if f.startswith("orei-bundle.") or f.endswith(".whl")] == []
    assert "python_stdlib.zip" not in fetched


@in_widget_zones
def test_a_restored_snapshot_reads_the_readers_own_zone_from_the_remainder(
    page, seen, site_url, request
):
    # The snapshot holds the zones the warm-up used; any other comes from the remainder zip.
    if request.config.getoption("--orei-runtime") == "debug":
        pytest.skip("the server hides the fast path from the worker in the debug run")
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00", candidate_tz="Pacific/Auckland")
    # The deadline, 2026-04-29 15:00 in Tokyo, is 18:00 in Auckland (NZST, +12:00).
    form.locator('time[datetime="2026-04-29T18:00+12:00"]').first.wait_for()
    assert "python_stdlib.zip" not in runtime_requests(seen)


def boot_with_missing(chromium, site_dir, *patterns: str, zone: str = "Asia/Tokyo"):
    """Boot the calendar widget while the server answers 404 for `patterns`: (fetched, seen)."""
    from site_server import ServerControls, serve

    controls = ServerControls(missing=[re.compile(p) for p in patterns])
    with serve(site_dir, controls) as (url, _):
        context = chromium.new_context(locale="en-GB", timezone_id=zone)
        seen = watch(context)
        try:
            page = context.new_page()
            page.clock.set_fixed_time(NOW)
            page.goto(url + "calendar/")
            result = wait_for_result(page, "business-day", "business-day")
            assert "not a business day" in result.inner_text()
            return runtime_requests(seen), seen
        finally:
            context.close()


@in_widget_zones
@pytest.mark.parametrize("missing", [r"/orei-snapshot\.", r"/orei-rest\."])
def test_a_missing_snapshot_file_falls_back_to_the_bundle(
    chromium, site_dir, missing, browser_zone
):
    fetched, seen = boot_with_missing(chromium, site_dir, missing, zone=browser_zone)
    assert [f for f in fetched if f.startswith("orei-bundle.")]
    assert [f for f in fetched if f.endswith(".whl")] == []
    # Pyodide logs a standard library it could not fetch before the worker moves on.
    assert_clean(seen, allow_console=("404", "installing the standard library", "orei-rest."))


@pytest.mark.quick
@in_widget_zones
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


@pytest.mark.quick
@in_widget_zones
def test_a_damaged_snapshot_falls_back_to_the_bundle(chromium, site_dir, tmp_path, browser_zone):
    # Cut short, as a failed upload or a proxy might leave it; served without its copies.
    import shutil

    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    (memory,) = (site / "assets/orei/runtime").glob("orei-snapshot.*.bin")
    memory.write_bytes(memory.read_bytes()[: 1 << 20])
    for copy in (".br", ".gz"):
        memory.with_name(memory.name + copy).unlink()
    fetched, seen = boot_with_missing(chromium, site, zone=browser_zone)
    assert [f for f in fetched if f.startswith("orei-bundle.")]
    assert [f for f in fetched if f.endswith(".whl")] == []
    assert_clean(seen)


@pytest.mark.quick
@in_widget_zones
def test_without_snapshot_and_bundle_the_worker_boots_from_the_wheels(
    chromium, site_dir, browser_zone
):
    fetched, seen = boot_with_missing(
        chromium, site_dir, r"/orei-snapshot\.", r"/orei-bundle\.", zone=browser_zone
    )
    assert "orei-0.1.0-py3-none-any.whl" in fetched
    assert_clean(seen, allow_console=("404", "installing the standard library", "orei-bundle."))


@pytest.mark.quick
def test_a_guide_page_without_a_widget_does_not_load_python(chromium, site_url):
    # No service worker here: it may cache the runtime once the page is idle, and that
    # is allowed; the page itself must not ask for it while it is read.
    context = chromium.new_context(service_workers="block")
    seen = watch(context)
    try:
        page = context.new_page()
        page.goto(site_url + "faq/")
        # Read until the page and the theme have nothing more to fetch.
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() == 1
        assert runtime_requests(seen) == []
        assert not [u for u in seen.requests if "/assets/orei/early.js" in u]
    finally:
        context.close()
    assert_clean(seen)
