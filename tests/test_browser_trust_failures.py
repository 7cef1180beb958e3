"""When something breaks, the guide stays readable and the widgets say so in plain words.

Each case runs under the site's policy (the `_headers` the build writes) and
fails on any console error other than the browser's own report of the fault the
test caused (named in `allow_console` with the reason).

- The runtime missing (404), or only its lock file or a wheel: Python cannot start.
- A worker that cannot start: `worker.js` missing, or served with a type a module
  worker refuses.
- A first visit that goes offline once the page has arrived: the page, the theme
  and the binder load, then every request for the worker and the runtime fails
  (Playwright aborts them, as a dropped connection would).
- A service worker left by an older build: the next build is served at the same
  address; the page must come from the new build and the widget must work.
- JavaScript disabled: the guide is whole, each widget says what it needs, and a
  form cannot send what was typed (the policy's form-action 'none').
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from browser import (
    assert_clean,
    fill,
    host_headers,
    in_widget_zones,
    open_calculator,
    served_by_service_worker,
    watch,
)
from site_server import ServerControls, free_port, serve

from orei_site import build_info

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)
WIDGETS = {
    "follow-up/": ("follow-up", "could not start"),
    "ja/follow-up/": ("follow-up", "起動できませんでした"),
    "write-email/": ("email", "email generator could not start"),
    "ja/write-email/": ("email", "メール作成ツールを起動できませんでした"),
    "calendar/": ("business-day", "could not start"),
    "applications/": ("applications", "cannot show or change your applications"),
}
OLDER = dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp()
# Chromium reports each response it did not get as a console error of its own.
BROWSER_REPORTS_THE_FAULT = ("Failed to load resource", "net::ERR_")


@pytest.fixture
def fresh_server(site_dir):
    """A server of its own, under the site's headers, that a test may break."""
    with serve(site_dir, ServerControls(headers=host_headers(site_dir)), port=free_port()) as (
        url,
        controls,
    ):
        yield url, controls


@pytest.fixture
def watched(chromium, browser_zone):
    made = []

    def make(**options):
        context = chromium.new_context(locale="en-GB", timezone_id=browser_zone, **options)
        seen = watch(context)
        made.append((context, seen))
        return context, seen

    yield make
    for context, _seen in made:
        context.close()


@pytest.fixture
def open_with_missing(fresh_server, watched):
    """Opens a page of the test's own server with the paths matching `missing` answering 404.

    Returns the page and what its context saw; `now` fixes the page's clock first.
    """

    def open_(path, missing, *, now=None):
        url, controls = fresh_server
        controls.missing.append(re.compile(missing))
        context, seen = watched()
        page = context.new_page()
        if now is not None:
            page.clock.set_fixed_time(now)
        page.goto(url + path)
        return page, seen

    return open_


def assert_failed_plainly(page, widget, words):
    status = page.locator(f'form[data-orei-widget="{widget}"] [data-orei-status]')
    page.locator(f'form[data-orei-widget="{widget}"] .orei-status--failed').wait_for()
    assert words in status.inner_text()
    assert status.get_attribute("role") == "status"
    # The guide is still all there.
    assert page.locator("article h1").count() == 1
    assert len(page.locator("article").inner_text()) > 400


@in_widget_zones
@pytest.mark.parametrize(
    "missing",
    [r"/assets/orei/runtime/", r"/pyodide-lock\.json$"],
    ids=["runtime", "lock"],
)
@pytest.mark.parametrize("path", WIDGETS)
def test_a_missing_runtime_is_reported_in_plain_words(open_with_missing, path, missing):
    page, seen = open_with_missing(path, missing, now=NOW)
    widget, words = WIDGETS[path]
    assert_failed_plainly(page, widget, words)
    assert_clean(seen, allow_console=BROWSER_REPORTS_THE_FAULT)


@in_widget_zones
def test_without_the_fast_path_files_the_widget_boots_from_the_wheels(open_with_missing):
    fast_path = r"/orei-(snapshot|rest|bundle)\.[0-9a-f]+\."
    page, seen = open_with_missing("calendar/", fast_path, now=NOW)
    # The wheels boot installs packages first: slower, more so on a busy machine.
    page.locator(
        'form[data-orei-widget="business-day"] [data-result="business-day"] time'
    ).wait_for(timeout=120_000)
    assert [u for u in seen.requests if u.endswith("/orei-0.1.0-py3-none-any.whl")]
    # Pyodide logs each standard library zip it could not load before the worker boots
    # from the wheels; nothing is thrown, and the reader sees a working widget.
    assert_clean(
        seen,
        allow_console=(
            *BROWSER_REPORTS_THE_FAULT,
            "Error occurred while installing the standard library",
            "orei-bundle",
            "orei-rest",
        ),
    )


@pytest.mark.quick
@in_widget_zones
@pytest.mark.parametrize("how", ["missing", "wrong-type"])
def test_a_worker_that_cannot_start_is_reported(fresh_server, watched, how):
    url, controls = fresh_server
    context, seen = watched()
    if how == "missing":
        controls.missing.append(re.compile(r"/assets/orei/worker\.js$"))
    else:
        context.route(
            re.compile(r"/assets/orei/worker\.js"),
            lambda route: route.fulfill(status=200, content_type="text/plain", body="// not JS"),
        )
    page = context.new_page()
    page.goto(url + "write-email/")
    assert_failed_plainly(page, *WIDGETS["write-email/"])
    # A refused worker script is reported by the browser itself, as a console error.
    assert_clean(seen, allow_console=(*BROWSER_REPORTS_THE_FAULT, "MIME type"))


@in_widget_zones
@pytest.mark.parametrize("path", ["follow-up/", "ja/write-email/"])
def test_going_offline_after_the_page_arrived(site_url, watched, path):
    context, seen = watched()
    context.route(re.compile(r"/assets/orei/(worker\.js|runtime/)"), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + path)
    assert_failed_plainly(page, *WIDGETS[path])
    assert_clean(seen, allow_console=BROWSER_REPORTS_THE_FAULT)


def older_build(site_dir: Path, target: Path) -> Path:
    """A copy of the site as an earlier build: another service-worker version, other words."""
    shutil.copytree(site_dir, target)
    assets = target / "assets/orei"
    build = build_info.read(assets)
    build_info.write(
        assets, {**build, "offline": {**build["offline"], "version": "0123456789abcdef"}}
    )
    for copy in (".br", ".gz"):  # as the newer build compressed it
        assets.joinpath(build_info.NAME + copy).unlink(missing_ok=True)
    page = target / "follow-up" / "index.html"
    page.write_text(page.read_text().replace("<h1", '<p id="older-build">An older build</p><h1', 1))
    for copy in (".br", ".gz"):  # the copies of the page as the newer build compressed it
        page.with_name(page.name + copy).unlink()
    # Its files are older than the new build's, as a real earlier build's would be.
    for path in target.rglob("*"):
        os.utime(path, (OLDER, OLDER))
    return target


# The cache names once `name` is gone from them (or, after 20 s, as they are then).
CACHES_WITHOUT = """(name) => new Promise((resolve) => {
  let looks = 0;
  const look = async () => {
    const names = await caches.keys();
    if ((names.length && !names.includes(name)) || (looks += 1) > 100) resolve(names);
    else setTimeout(look, 200);
  };
  look();
})"""


@in_widget_zones
def test_a_service_worker_from_an_older_build_gives_way(watched, site_dir, tmp_path):
    port = free_port()
    old = older_build(site_dir, tmp_path / "old")
    context, seen = watched()
    headers = host_headers(site_dir)
    with serve(old, ServerControls(headers=headers), port=port) as (url, _controls):
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        page.goto(url + "follow-up/")
        page.locator('form[data-orei-widget="follow-up"][data-orei-ready]').wait_for()
        assert page.locator("#older-build").count() == 1
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.close()
    # Until the new build's service worker takes over, the old one serves this build's
    # scripts, so the Python worker takes the runtime from it too, not from the network
    # (worker.js): Pyodide's script and its wasm must be one build's.
    answered = served_by_service_worker(context, "pyodide.asm.wasm")
    with serve(site_dir, ServerControls(headers=headers), port=port) as (url, _controls):
        page = context.new_page()
        # The widget works, whichever build's scripts the old worker still serves...
        form = open_calculator(page, url, now=NOW)
        fill(form, ended_date="2026-04-28", ended_time="15:00")
        assert answered["pyodide.asm.wasm"] == [True]
        # ...and the page is the new build's (pages come from the network first).
        assert page.locator("#older-build").count() == 0
        form.locator('[data-result="follow-up-earliest"] time[datetime="2026-05-11"]').wait_for()
        # The new service worker takes over and drops the old build's cache.
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r && r.update())")
        names = page.evaluate(CACHES_WITHOUT, "orei-0123456789abcdef")
        assert names
        assert "orei-0123456789abcdef" not in names
        page.reload()
        page.locator('form[data-orei-widget="follow-up"][data-orei-ready]').wait_for()
        assert page.locator("#older-build").count() == 0
    assert_clean(seen)


@pytest.mark.parametrize("path", WIDGETS)
def test_without_javascript_the_guide_is_whole_and_the_widget_says_why(
    site_url, watched, path, site_dir
):
    context, seen = watched(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + path)
    widget, _words = WIDGETS[path]
    form = page.locator(f'form[data-orei-widget="{widget}"]')
    note = form.locator(".orei-noscript")
    assert note.is_visible()
    assert "JavaScript" in note.inner_text()
    assert form.locator("[data-orei-status]").is_hidden()
    assert form.locator("label").count() >= 1
    # The whole text of the page is there, as the build wrote it.
    html = (site_dir / path / "index.html").read_text("utf-8")
    headings = re.findall(r"<h2 id=", html)
    assert page.locator("article h2").count() == len(headings)
    assert len(page.locator("article").inner_text()) > 400
    assert_clean(seen)


def test_without_javascript_a_form_cannot_send_what_was_typed(site_url, watched):
    context, seen = watched(java_script_enabled=False)
    sent = []
    context.on("request", lambda request: sent.append(request.url))
    page = context.new_page()
    page.goto(site_url + "calendar/")
    field = page.locator('form[data-orei-widget="business-day"] [name="date"]')
    field.fill("2026-05-06")
    field.press("Enter")
    # Whatever Enter started has reached the network or never will once it falls idle.
    page.wait_for_load_state("networkidle")
    assert [url for url in sent if "date=" in url] == []
    assert page.url == site_url + "calendar/"
    # The refusal is the policy at work (form-action 'none'); Chromium logs it as an error.
    assert_clean(seen, allow_console=("form-action",))


@pytest.mark.quick
@in_widget_zones
def test_a_widget_that_never_answers_does_not_cost_the_reader_their_search(open_with_missing):
    page, seen = open_with_missing("calendar/", r"/assets/orei/runtime/")
    assert_failed_plainly(page, *WIDGETS["calendar/"])
    # Held back while the widget has not answered (it lets go by itself after 5 s) …
    # (a runtime that is not there fails within about a second).
    reason, at = page.evaluate("[globalThis.oreiSearchLater.reason, performance.now()]")
    assert reason is None, f"let go ({reason}) at {at:.0f} ms"
    assert not [w for w in page.workers if "/workers/search." in w.url]
    # … and let go as soon as the reader goes to the search field.
    box = page.locator("input.md-search__input")
    box.click()
    assert page.evaluate("globalThis.oreiSearchLater.reason") == "search"
    box.fill("follow up")
    box.press("End")
    page.locator(".md-search-result__item > a[href*='/follow-up/?']").first.wait_for()
    assert_clean(seen, allow_console=BROWSER_REPORTS_THE_FAULT)
