"""Fixtures for tests that open the built site in headless Chromium.

Every page a test opens is watched: a request to any host but 127.0.0.1, an
error in the console, or a Content Security Policy violation fails the test when
it ends. The shared server sends the headers the build writes for hosts
(`_headers`: the policy, with `frame-ancestors`), so every browser test runs
under the site's policy twice over, as a header and as each page's meta tag.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chrome's own address-bar popup is a WebUI page that Chrome loads for each new window
    # (each Playwright page), taking CPU in the middle of the visit under test (a visit in
    # the same tab does not load it). Not part of any page under test; benchmarks/README.md
    # has its cost.
    "--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
]


def chromium_path() -> str:
    found = os.environ.get("OREI_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    return found


def start_build(target: Path, extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `mkdocs build --strict` into `target`, its output going to `target`.log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    with target.with_name(target.name + ".log").open("w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            # Its own process group: the build's Node children end with it (unconfigure).
            start_new_session=True,
        )


def finish_build(target: Path, build: subprocess.Popen) -> Path:
    """Wait for a build that `start_build` started; fail with its output if it failed."""
    if build.wait() != 0:
        output = target.with_name(target.name + ".log").read_text()
        pytest.fail(f"mkdocs build --strict failed:\n{output}")
    return target


def build_site(target: Path, *, extra_env: dict[str, str] | None = None) -> Path:
    """Build the site with `mkdocs build --strict` into `target`."""
    return finish_build(target, start_build(target, extra_env))


@dataclass
class EarlyBuild:
    """The session's build, started as soon as the tests are chosen."""

    port: int
    target: Path
    process: subprocess.Popen


EARLY_BUILD = pytest.StashKey[EarlyBuild]()


@dataclass
class Watch:
    """What a page did: every request's URL and every console error."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).hostname != "127.0.0.1"
        ]


# An init script runs whatever the page's policy says; it turns each violation into a
# console error, which `assert_clean` reports.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const what = event.blockedURI || "inline";
  console.error(`CSP violation: ${event.effectiveDirective} blocked ${what}`);
});
"""


def served_by_service_worker(context, *names: str) -> dict[str, list[bool]]:
    """For each file name, whether each answer to the pages and their workers for it came
    from the service worker (True) or from the network and the HTTP cache (False)."""
    answered: dict[str, list[bool]] = {name: [] for name in names}

    def note(response) -> None:
        name = response.url.rsplit("/", 1)[-1]
        # The service worker's own requests (its install) are not what a page was given.
        if name in answered and response.request.service_worker is None:
            answered[name].append(response.from_service_worker)

    context.on("response", note)
    return answered


def watch(context) -> Watch:
    """Record every request (pages and workers) and console error of a browser context."""
    seen = Watch()
    context.add_init_script(script=REPORT_CSP_VIOLATIONS)
    context.on("request", lambda request: seen.requests.append(request.url))
    context.on(
        "response",
        lambda response: (
            seen.failed.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )

    def on_page(page) -> None:
        page.on(
            "console",
            lambda msg: seen.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda error: seen.page_errors.append(str(error)))

    context.on("page", on_page)
    return seen


def assert_clean(seen: Watch, *, allow_console: tuple[str, ...] = ()) -> None:
    """Fail if the page reached another host or wrote errors to the console."""
    assert seen.foreign_requests() == []
    errors = [e for e in seen.console_errors if not any(a in e for a in allow_console)]
    assert errors == [], seen.failed
    assert seen.page_errors == []


FOLLOW_UP = 'form[data-orei-widget="follow-up"]'


def open_calculator(page, base_url: str, path: str = "follow-up/", *, now=None, fragment=""):
    """Open the follow-up calculator and wait until its Python has mounted it: the form.

    `now` fixes the page's clock first (the worker takes its time from the page).
    """
    if now is not None:
        page.clock.set_fixed_time(now)
    page.goto(base_url + path + fragment)
    page.locator(f"{FOLLOW_UP}[data-orei-ready]").wait_for()
    return page.locator(FOLLOW_UP)


def arrive_by_instant_navigation(page, site_url: str, folder: str, *, now, links="a") -> None:
    """From the home page at `now`, follow the first of `links` to `folder/`, as a reader does.

    Material's instant navigation swaps the page without reloading scripts: a mark left on
    the window survives only if no new document was loaded, which this checks.
    """
    page.clock.set_fixed_time(now)
    page.goto(site_url)
    page.evaluate("window.oreiSamePage = true")
    page.locator(f"{links}[href$='{folder}/']").first.click()
    page.wait_for_url(re.compile(rf"/{folder}/(#.*)?$"))  # the binder may add the form state
    assert page.evaluate("window.oreiSamePage") is True


def fill(form, **fields) -> None:
    """Type each value into the form's field of that name, then wait for the settled view."""
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    settled(form)


def settled(form, timeout: float = 60_000):
    """Wait until the widget has answered every input sent so far (no `aria-busy`).

    The binder marks the form `aria-busy` while a request is in flight, from the input
    event on, so a view read after this reflects the last input.
    """
    form.page.locator(f"{form_selector(form)}[data-orei-ready]:not([aria-busy])").wait_for(
        timeout=timeout
    )
    return form


def form_selector(form) -> str:
    """The CSS selector of a widget's form, from its `data-orei-widget`."""
    return f'form[data-orei-widget="{form.get_attribute("data-orei-widget")}"]'


def wait_for_result(page, widget: str, result: str, timeout: float = 60_000):
    """Wait until Python has filled the result slot; selectors work under a strict CSP."""
    locator = page.locator(
        f'form[data-orei-widget="{widget}"] [data-result="{result}"]:not([hidden])'
    )
    locator.wait_for(state="visible", timeout=timeout)
    return locator


def result_datetimes(form, slot: str) -> list[str]:
    """The `datetime` of every `<time>` in a result slot, in order."""
    return form.locator(f'[data-result="{slot}"] time').evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('datetime'))"
    )


def wait_for_datetime(form, slot: str, value: str) -> None:
    """Wait until a result slot shows a `<time>` with this `datetime`."""
    form.locator(f'[data-result="{slot}"] time[datetime="{value}"]').first.wait_for()


@pytest.fixture(scope="session")
def site_port(request) -> int:
    from site_server import free_port

    early = request.config.stash.get(EARLY_BUILD, None)
    return early.port if early else free_port()


@pytest.fixture(scope="session")
def site_address(site_port) -> str:
    """The address the session's build is made for, and served at."""
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, site_address, request) -> Path:
    early = request.config.stash.get(EARLY_BUILD, None)
    if early:
        return finish_build(early.target, early.process)
    # As the early build does (pytest_collection_modifyitems), for the address it is served at.
    return build_site(tmp_path_factory.mktemp("site"), extra_env={"OREI_SITE_URL": site_address})


def host_headers(site_dir: Path) -> dict[str, str]:
    """The headers the build's `_headers` file asks for every path (`/*`), as a host reads them."""
    found: dict[str, str] = {}
    current = None
    for line in (site_dir / "_headers").read_text("utf-8").splitlines():
        if line and not line[0].isspace():
            current = line.strip()
        elif current == "/*" and ":" in line:
            name, _, value = line.strip().partition(":")
            found[name.strip()] = value.strip()
    return found


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--matrix",
        choices=("quick", "full"),
        default="quick",
        help="quick (`make test`): every test that needs no browser, and the browser tests"
        " marked quick, widget tests in UTC only; full (`make test-full`, CI): every browser"
        " test and every case marked full_matrix as well",
    )
    parser.addoption(
        "--orei-runtime",
        choices=("fast", "debug"),
        default="fast",
        help="how the widgets' worker boots: the snapshot or bundle (fast) or the wheels (debug)",
    )


@pytest.fixture(scope="session")
def site_url(site_dir, site_port, request) -> Iterator[str]:
    from site_server import ServerControls, serve

    controls = ServerControls(headers=host_headers(site_dir))
    # `pytest --orei-runtime=debug`: every page's worker boots from the wheels.
    controls.debug_runtime = request.config.getoption("--orei-runtime") == "debug"
    with serve(site_dir, controls, port=site_port) as (url, _controls):
        yield url


@pytest.fixture(scope="session")
def playwright():
    """Playwright, once per session (its sync API cannot be started twice in one thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def chromium(playwright):
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


WIDGET_ZONES = ("UTC", "Asia/Tokyo")
"""Browser zones every widget test runs in: the one most often reported outside Japan
(every machine set to UTC, Firefox resisting fingerprinting, Tor Browser), and Japan's.
A widget test takes them with `@in_widget_zones`, a module of them with
`pytestmark = [..., in_widget_zones]`; fixtures that make contexts read `browser_zone`."""

in_widget_zones = pytest.mark.parametrize(
    "browser_zone",
    # Tokyo is the zone the site was first proven in; the quick run keeps the other one.
    [
        WIDGET_ZONES[0],
        *(pytest.param(zone, marks=pytest.mark.full_matrix) for zone in WIDGET_ZONES[1:]),
    ],
)


def quick_leaves_out(item) -> bool:
    """Whether the quick run leaves this test out: a `full_matrix` case, or a browser test
    not marked `quick` (each widget's and page's main journeys, one of each trust check)."""
    if item.get_closest_marker("full_matrix"):
        return True
    return bool(item.get_closest_marker("browser")) and not item.get_closest_marker("quick")


def needs_the_site(item) -> bool:
    """Whether a test opens a browser or reads the built site."""
    return bool(item.get_closest_marker("browser")) or "site_dir" in item.fixturenames


@pytest.hookimpl(trylast=True)  # after `-m` and `-k` have chosen
def pytest_collection_modifyitems(config, items) -> None:
    """Leave out what only the full run runs unless `--matrix=full`; build the site while
    the tests that need no site run first (on a fresh clone the build takes minutes)."""
    if config.getoption("--matrix") != "full":
        kept, left = [], []
        for item in items:
            (left if quick_leaves_out(item) else kept).append(item)
        if left:
            config.hook.pytest_deselected(items=left)
            items[:] = kept
    first, later = [], []
    for item in items:
        (later if needs_the_site(item) else first).append(item)
    items[:] = first + later
    if config.getoption("collectonly") or not any("site_dir" in i.fixturenames for i in later):
        return
    if sys.platform == "emscripten":  # the core tests inside Pyodide, which has no processes
        return
    from site_server import free_port

    port = free_port()
    # Material's instant navigation only takes links to the address the site was built
    # for (its sitemap's), so the build names the address the tests serve it at.
    target = Path(tempfile.mkdtemp(prefix="orei-site-")) / "site"
    process = start_build(target, {"OREI_SITE_URL": f"http://127.0.0.1:{port}/"})
    config.stash[EARLY_BUILD] = EarlyBuild(port, target, process)


def pytest_unconfigure(config) -> None:
    early = config.stash.get(EARLY_BUILD, None)
    if early:
        # A session that ended before any test waited for the build (-x, a collection
        # error): end it and the snapshot and brotli processes it started.
        if early.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(early.process.pid, signal.SIGKILL)
            early.process.wait()
        shutil.rmtree(early.target.parent, ignore_errors=True)


@pytest.fixture
def browser_zone() -> str:
    """The time zone the browser reports (a test may parametrize it)."""
    return "Asia/Tokyo"


@pytest.fixture
def browser_locale() -> str:
    """The browser's locale (a test may parametrize it)."""
    return "en-GB"


@pytest.fixture
def context(chromium, browser_zone, browser_locale):
    context = chromium.new_context(locale=browser_locale, timezone_id=browser_zone)
    yield context
    context.close()


@pytest.fixture
def seen(context) -> Watch:
    return watch(context)


@pytest.fixture
def page(context, seen):
    page = context.new_page()
    yield page
    assert_clean(seen)
