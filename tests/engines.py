"""One small interface to the built site in Chromium, Firefox and WebKit.

The smoke set (`test_engines_smoke.py`) and `make bench --browser` speak only to
`EnginePage`: open a URL in a browser whose time zone and locale are set, fill a
widget's fields, wait for the settled form (the binder marks it `aria-busy` while a
request is in flight), read text and attributes, click, take a download's bytes, read
the clipboard, go offline, and list the console errors and every request.

- Chromium: Playwright, through the fixtures of `tests/browser.py`.
- Firefox: Debian's `firefox-esr`, driven by puppeteer-core over WebDriver BiDi from a
  Node process (`tests/firefox_bridge.mjs`) that speaks JSON lines; one per session,
  one browser context per page. The zone and locale are BiDi emulation overrides,
  which the page and its workers both follow.
- WebKit: WebKitGTK's MiniBrowser through `WebKitWebDriver` and Selenium, one browser
  per page under an Xvfb the session starts; the zone and locale are the process's
  own (`TZ`, `LANG`), as on a reader's machine.

Firefox and WebKit send every request through `recording_proxy`, so "every request"
means the same there: pages, workers and the service worker, as the network sees them.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("chromium", "firefox", "webkit")
FIREFOX = os.environ.get("OREI_FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("OREI_WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
# Debian's libwebkit2gtk-4.1-0 ships the MiniBrowser beside its library.
MINIBROWSER_GLOB = "/usr/lib/*/webkit2gtk-4.1/MiniBrowser"
# A MiniBrowser starts in about 1.5 s here; a command's longest wait is its own 60 s.
WEBKIT_START_S = 60
WEBKIT_COMMAND_S = 120
# glibc locale names for the browser locales the smoke set uses (WebKitGTK takes its
# language from the process's locale, which must be installed: scripts/install-engines).
POSIX_LOCALES = {"en-US": "en_US.UTF-8", "ja-JP": "ja_JP.UTF-8"}
FIREFOX_PREFS = {
    # Send 127.0.0.1 through the recording proxy too (Firefox bypasses it by default).
    "network.proxy.allow_hijacking_localhost": True,
    # Let the test read back what the page copied, without Firefox's paste prompt.
    "dom.events.testing.asyncClipboard": True,
    # No first-run pages, updates or telemetry pings: nothing but the page under test.
    "browser.shell.checkDefaultBrowser": False,
    "app.update.disabledForTesting": True,
    "datareporting.policy.dataSubmissionEnabled": False,
}

# Runs in the page: the zone and locale the browser reports.
RESOLVED = (
    "(() => { const o = Intl.DateTimeFormat().resolvedOptions();"
    " return {timeZone: o.timeZone, locale: o.locale, language: navigator.language}; })()"
)
# Set a field's value as the browser's own controls do, for fields with no typing
# (dates, times, numbers, selects): the value, then `input` and `change`.
SET_VALUE = """((selector, value) => {
  const field = document.querySelector(selector);
  if (!field) throw new Error("no field " + selector);
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value").set;
  field.focus();
  setter.call(field, value);
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
})"""
# Typed text, as a reader types it, for these field types.
TYPED = {"text", "email", "tel", "search", "textarea"}


class EngineError(AssertionError):
    """The browser did not do what the test asked, in time."""


@dataclass(frozen=True)
class Download:
    """A file the browser saved."""

    filename: str
    data: bytes


def js(value) -> str:
    """A JSON literal to embed in a script."""
    return json.dumps(value, ensure_ascii=False)


def foreign(urls: list[str], origin: str) -> list[str]:
    """The URLs that go to another host than `origin`'s."""
    host = urlsplit(origin).hostname
    return [
        url
        for url in urls
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).hostname != host
    ]


def wait_until(check, what: str, timeout: float):
    """Poll `check()` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise EngineError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


class EnginePage:
    """A page in one engine, with the browser's zone and locale set."""

    engine: str
    zone: str
    locale: str
    # Console messages the test expects (offline, the network's own failures).
    allow_console: tuple[str, ...] = ()

    # --- what each engine provides ---------------------------------------------

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (promises are awaited)."""
        raise NotImplementedError

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def type_text(self, selector: str, text: str) -> None:
        """Replace a text field's value by typing, as a reader does."""
        raise NotImplementedError

    def download(self, selector: str, timeout: float = 30) -> Download:
        """Click `selector` and return the file the browser saved."""
        raise NotImplementedError

    def clipboard_text(self) -> str:
        raise NotImplementedError

    def set_offline(self, offline: bool) -> None:
        raise NotImplementedError

    def console_errors(self) -> list[str]:
        """Console errors, uncaught errors and policy violations, of pages and workers."""
        raise NotImplementedError

    def requests(self) -> list[str]:
        """Every request's URL so far."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # --- the same in every engine -------------------------------------------------

    def wait_for(self, selector: str, timeout: float = 60) -> None:
        """Wait until an element matches `selector`."""
        wait_until(
            lambda: self.evaluate(f"document.querySelector({js(selector)}) !== null"),
            selector,
            timeout,
        )

    def settled(self, form: str, timeout: float = 60) -> None:
        """Wait until the widget has answered every input sent so far (no `aria-busy`)."""
        self.wait_for(f"{form}[data-orei-ready]:not([aria-busy])", timeout)

    def fill(self, form: str, **fields: str) -> None:
        """Set each named field of `form`, then wait for the settled form."""
        for name, value in fields.items():
            selector = f'{form} [name="{name}"]'
            kind = self.evaluate(
                f"(f => f && (f.tagName === 'TEXTAREA' ? 'textarea' : f.tagName === 'SELECT'"
                f" ? 'select' : f.type))(document.querySelector({js(selector)}))"
            )
            if kind is None:
                raise EngineError(f"no field {name!r} in {form}")
            if kind in TYPED:
                self.type_text(selector, value)
            else:
                self.evaluate(f"{SET_VALUE}({js(selector)}, {js(value)})")
        self.settled(form)

    def text(self, selector: str) -> str:
        """The rendered text of the first element that matches."""
        found = self.evaluate(
            f"(e => e ? e.innerText : null)(document.querySelector({js(selector)}))"
        )
        if found is None:
            raise EngineError(f"no element {selector}")
        return found

    def attribute(self, selector: str, name: str) -> str | None:
        """An attribute of the first element that matches."""
        values = self.attributes(selector, name)
        if not values:
            raise EngineError(f"no element {selector}")
        return values[0]

    def attributes(self, selector: str, name: str) -> list[str | None]:
        """An attribute of every element that matches, in document order."""
        return self.evaluate(
            f"Array.from(document.querySelectorAll({js(selector)}),"
            f" e => e.getAttribute({js(name)}))"
        )

    def resolved(self) -> dict[str, str]:
        """The zone, locale and language the page's `Intl` and `navigator` report."""
        return self.evaluate(RESOLVED)


# --- Chromium ----------------------------------------------------------------------


class ChromiumPage(EnginePage):
    """Chromium through Playwright, watched as `tests/browser.py` watches every test."""

    engine = "chromium"

    def __init__(self, browser, zone: str, locale: str) -> None:
        from browser import watch

        self.zone, self.locale = zone, locale
        self.context = browser.new_context(locale=locale, timezone_id=zone, accept_downloads=True)
        self.context.grant_permissions(["clipboard-read", "clipboard-write"])
        self.seen = watch(self.context)
        self.page = self.context.new_page()

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def evaluate(self, expression: str):
        return self.page.evaluate(expression)

    def wait_for(self, selector: str, timeout: float = 60) -> None:
        self.page.locator(selector).first.wait_for(state="attached", timeout=timeout * 1000)

    def click(self, selector: str) -> None:
        self.page.locator(selector).first.click()

    def type_text(self, selector: str, text: str) -> None:
        self.page.locator(selector).first.fill(text)

    def download(self, selector: str, timeout: float = 30) -> Download:
        with self.page.expect_download(timeout=timeout * 1000) as info:
            self.click(selector)
        saved = info.value
        return Download(saved.suggested_filename, Path(saved.path()).read_bytes())

    def clipboard_text(self) -> str:
        return self.evaluate("navigator.clipboard.readText()")

    def set_offline(self, offline: bool) -> None:
        self.context.set_offline(offline)

    def console_errors(self) -> list[str]:
        return [*self.seen.console_errors, *self.seen.page_errors]

    def requests(self) -> list[str]:
        return list(self.seen.requests)

    def close(self) -> None:
        self.context.close()


# --- Firefox -----------------------------------------------------------------------


class FirefoxBridge:
    """The Node process that drives Firefox (tests/firefox_bridge.mjs)."""

    def __init__(self) -> None:
        if not Path(FIREFOX).exists():
            raise EngineError(f"Firefox is missing ({FIREFOX}): `make setup` installs it")
        self.process = subprocess.Popen(
            ["node", str(ROOT / "tests" / "firefox_bridge.mjs")],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._next = 0
        self._lock = threading.Lock()
        self.version = self.call("launch", executablePath=FIREFOX, prefs=FIREFOX_PREFS)

    def call(self, cmd: str, **args):
        with self._lock:
            self._next += 1
            request = {"id": self._next, "cmd": cmd, **args}
            assert self.process.stdin
            assert self.process.stdout
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise EngineError(f"the Firefox bridge ended (exit {self.process.poll()})")
        answer = json.loads(line)
        if not answer["ok"]:
            raise EngineError(f"Firefox: {cmd} failed: {answer['error']}")
        return answer["value"]

    def close(self) -> None:
        try:
            self.call("close")
        finally:
            self.process.wait(timeout=30)


class FirefoxPage(EnginePage):
    """A Firefox page in its own browser context, its requests through the proxy."""

    engine = "firefox"

    def __init__(
        self,
        bridge: FirefoxBridge,
        proxy,
        zone: str,
        locale: str,
        *,
        preload: str = "",
        same_context_as: FirefoxPage | None = None,
    ) -> None:
        self.bridge, self.zone, self.locale = bridge, zone, locale
        self.proxy_address, self.log = proxy or ("", None)
        self.downloads = Path(tempfile.mkdtemp(prefix="orei-firefox-downloads-"))
        self.id = bridge.call(
            "newPage",
            zone=zone,
            locale=locale,
            proxy=self.proxy_address,
            downloadDir=str(self.downloads),
            preload=preload,
            sameContextAs=same_context_as.id if same_context_as else None,
        )

    def goto(self, url: str) -> None:
        self.bridge.call("goto", page=self.id, url=url, timeout=60_000)

    def evaluate(self, expression: str):
        return self.bridge.call("evaluate", page=self.id, expression=expression)

    def wait_for(self, selector: str, timeout: float = 60) -> None:
        self.bridge.call("waitFor", page=self.id, selector=selector, timeout=timeout * 1000)

    def click(self, selector: str) -> None:
        self.bridge.call("click", page=self.id, selector=selector)

    def type_text(self, selector: str, text: str) -> None:
        self.bridge.call("fill", page=self.id, selector=selector, value=text)

    def download(self, selector: str, timeout: float = 30) -> Download:
        return saved_download(self.downloads, lambda: self.click(selector), timeout)

    def clipboard_text(self) -> str:
        return self.evaluate("navigator.clipboard.readText()")

    def set_offline(self, offline: bool) -> None:
        self.log.offline = offline

    def console_errors(self) -> list[str]:
        seen = self.bridge.call("seen", page=self.id)
        return [*seen["console"], *seen["pageErrors"]]

    def requests(self) -> list[str]:
        return list(self.log.requests)

    def close(self) -> None:
        self.bridge.call("closePage", page=self.id)
        shutil.rmtree(self.downloads, ignore_errors=True)


def saved_download(folder: Path, click, timeout: float) -> Download:
    """Click, then wait for one new, complete file in `folder` (the browser's download dir).

    Hidden files are the browser's own (a WebKit profile lives in the same home).
    """

    def visible() -> dict[Path, int]:
        return {
            path: path.stat().st_mtime_ns
            for path in folder.iterdir()
            if not path.name.startswith(".") and path.is_file()
        }

    before = visible()

    def complete():
        # New, or rewritten: a second download of the same name replaces the first.
        new = [
            path
            for path, changed in visible().items()
            if before.get(path) != changed
            and not path.name.endswith((".part", ".wkdownload", ".download"))
            and path.stat().st_size > 0
        ]
        return new[0] if len(new) == 1 else None

    click()
    try:
        path = wait_until(complete, f"a download into {folder}", timeout)
    except EngineError as error:
        raise EngineError(f"{error}; there now: {sorted(map(str, visible()))}") from None
    # The browser renames the file into place once it is whole.
    return Download(path.name, path.read_bytes())


# --- WebKit ------------------------------------------------------------------------


def minibrowser() -> str:
    found = sorted(Path("/").glob(MINIBROWSER_GLOB.lstrip("/")))
    if not found:
        raise EngineError("WebKitGTK's MiniBrowser is missing: `make setup` installs it")
    return str(found[0])


# WebKitWebDriver gives no console log and no script before the page's own, so the
# page's errors are collected by listeners added once it has loaded: console.error,
# uncaught errors and rejections, and policy violations (also the earlier ones, which
# a buffered ReportingObserver still has).
WEBKIT_WATCH = """(() => {
  if (window.__oreiSeen) return;
  const seen = (window.__oreiSeen = []);
  const original = console.error.bind(console);
  console.error = (...args) => { seen.push(args.map(String).join(" ")); original(...args); };
  addEventListener("error", (e) => seen.push("uncaught: " + (e.message || e.type)));
  addEventListener("unhandledrejection", (e) => seen.push("unhandled rejection: " + e.reason));
  document.addEventListener("securitypolicyviolation", (e) =>
    seen.push("CSP violation: " + e.effectiveDirective + " blocked " + (e.blockedURI || "inline")));
  if ("ReportingObserver" in window) {
    new ReportingObserver((reports) => {
      for (const r of reports) seen.push("CSP violation (report): " + JSON.stringify(r.body));
    }, { types: ["csp-violation"], buffered: true }).observe();
  }
})()"""


# Scroll an element to the middle of the view, then wait (a second at most) until its
# box is the same over three frames.
HOLD_STILL = """(async (selector) => {
  const element = document.querySelector(selector);
  element.scrollIntoView({ block: "center", behavior: "instant" });
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const box = () => JSON.stringify(element.getBoundingClientRect());
  let last = box(), same = 0;
  for (let i = 0; i < 60 && same < 3; i++) {
    await frame();
    const now = box();
    same = now === last ? same + 1 : 0;
    last = now;
  }
})"""


class Xvfb:
    """An X server for the WebKit browsers, which have no headless mode."""

    def __init__(self) -> None:
        if not shutil.which("Xvfb"):
            raise EngineError("Xvfb is missing: `make setup` installs it")
        read, write = os.pipe()
        # -noreset: an X server resets when its last client leaves and refuses connections
        # meanwhile. Each page's MiniBrowser is often the only client, so the next one met
        # "cannot open display" now and then, and its driver waited for it forever.
        self.process = subprocess.Popen(
            [
                *("Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24"),
                *("-nolisten", "tcp", "-noreset"),
            ],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise EngineError("Xvfb did not start")
        self.display = f":{number}"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def end_group(service) -> None:
    """End a driver's process group: the driver, its browser and the browser's helpers."""
    process = getattr(service, "process", None)
    if process is None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:  # already gone
        return
    process.wait(timeout=10)


def started_within(timeout: float, start, service):
    """`start()`, a WebDriver session, or EngineError once `timeout` seconds have passed.

    WebKitWebDriver waits forever for a browser that died as it launched (a CI run hung
    for 40 minutes that way), so a timer ends the driver, which fails the request.
    """
    fired = threading.Event()

    def give_up() -> None:
        fired.set()
        end_group(service)

    timer = threading.Timer(timeout, give_up)
    timer.start()
    try:
        return start()
    except Exception as error:
        if not fired.is_set():
            raise
        log = Path(service.log_output.name).read_text(errors="replace")[-2000:]
        raise EngineError(
            f"WebKit did not start within {timeout:.0f} s; its driver's log:\n{log}"
        ) from error
    finally:
        timer.cancel()


class WebKitPage(EnginePage):
    """A MiniBrowser of its own, with the zone and locale of its process."""

    engine = "webkit"

    def __init__(
        self, display: str, proxy, zone: str, locale: str, *, wait_for_load: bool = True
    ) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        self.zone, self.locale = zone, locale
        self.proxy_address, self.log = proxy or ("", None)
        self.display = display
        # Its own home: a fresh profile, and the folder downloads land in.
        self.home = Path(tempfile.mkdtemp(prefix="orei-webkit-home-"))
        posix = POSIX_LOCALES[locale]
        env = {
            **os.environ,
            "DISPLAY": display,
            "TZ": zone,
            "LANG": posix,
            "LC_ALL": posix,
            "LANGUAGE": locale.replace("-", "_"),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local/share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
        }
        options = Options()
        options.binary_location = minibrowser()
        options.add_argument("--automation")
        if not wait_for_load:  # `make bench` watches the page from its first moment
            options.page_load_strategy = "none"
        if self.proxy_address:
            options.set_capability(
                "proxy",
                {
                    "proxyType": "manual",
                    "httpProxy": self.proxy_address,
                    "sslProxy": self.proxy_address,
                    "noProxy": [],
                },
            )
        # Its own process group, so a browser that hangs can be ended with its driver.
        service = Service(
            executable_path=WEBKIT_DRIVER,
            env=env,
            log_output=str(self.home / "driver.log"),
            popen_kw={"start_new_session": True},
        )
        self.service = service
        self.driver = started_within(
            WEBKIT_START_S, lambda: webdriver.WebKitGTK(options=options, service=service), service
        )
        # Selenium waits for an answer forever by default; no command of ours takes long.
        self.driver.command_executor.client_config.timeout = WEBKIT_COMMAND_S
        self.driver.set_script_timeout(60)
        self.driver.set_page_load_timeout(60)
        self.version = self.driver.capabilities.get("browserVersion", "?")
        self._errors: list[str] = []

    def _harvest(self) -> None:
        try:
            self._errors += self.driver.execute_script("return window.__oreiSeen || []")
        except Exception:  # noqa: BLE001 - a page that is gone has nothing more to say
            return

    def goto(self, url: str) -> None:
        self._harvest()
        self.driver.get(url)
        self.driver.execute_script(WEBKIT_WATCH)

    def evaluate(self, expression: str):
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"Promise.resolve().then(() => ({expression}))"
            ".then((value) => done({value: value === undefined ? null : value}),"
            " (error) => done({error: String(error)}));"
        )
        if "error" in answer:
            raise EngineError(f"WebKit: {answer['error']}")
        return answer["value"]

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        # WebKitWebDriver scrolls the element into view and clicks at once, but the page
        # moves after a scroll (the theme hides its tabs), and the click landed on
        # whatever came there; so scroll first, and click once the element holds still.
        self.evaluate(f"{HOLD_STILL}({js(selector)})")
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def type_text(self, selector: str, text: str) -> None:
        # Set, not typed: WebKitWebDriver makes key events from the X keymap, and under a
        # ja_JP locale in Xvfb it turned "@" into "2" (shifted keys lose their Shift).
        # The widget sees the same input and change events either way.
        self.evaluate(f"{SET_VALUE}({js(selector)}, {js(text)})")

    def download(self, selector: str, timeout: float = 30) -> Download:
        return saved_download(self.home, lambda: self.click(selector), timeout)

    def clipboard_text(self) -> str:
        # What another program on the desktop gets when it pastes.
        result = subprocess.run(
            ["xclip", "-o", "-selection", "clipboard"],
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            check=True,
            timeout=10,
        )
        return result.stdout.decode("utf-8")

    def set_offline(self, offline: bool) -> None:
        self.log.offline = offline

    def console_errors(self) -> list[str]:
        self._harvest()
        errors, self._errors = self._errors, []
        return errors

    def requests(self) -> list[str]:
        return list(self.log.requests)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            end_group(self.service)
            shutil.rmtree(self.home, ignore_errors=True)


# --- pytest ---------------------------------------------------------------------------


def pytest_configure(config) -> None:
    # Selenium's own WebKitGTK driver still uses an argument Selenium deprecates.
    config.addinivalue_line(
        "filterwarnings", "ignore:setting remote_server_addr:DeprecationWarning:selenium"
    )


# --- opening pages ------------------------------------------------------------------


class Engines:
    """The browsers of one pytest session, each started the first time a test asks."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self._firefox: FirefoxBridge | None = None
        self._xvfb: Xvfb | None = None
        self.versions: dict[str, str] = {}

    @contextmanager
    def page(self, engine: str, zone: str, locale: str, *, chromium=None) -> Iterator[EnginePage]:
        """A new page in `engine`, alone (no storage or service worker from another).

        Chromium's pages come from `chromium`, the Playwright browser of `tests/browser.py`.
        """
        from recording_proxy import recording_proxy

        with ExitStack() as stack:
            if engine == "chromium":
                if chromium is None:
                    raise EngineError("no Chromium browser was given")
                page: EnginePage = ChromiumPage(chromium, zone, locale)
                self.versions[engine] = chromium.version
            elif engine == "firefox":
                proxy = stack.enter_context(recording_proxy(self.origin))
                if self._firefox is None:
                    self._firefox = FirefoxBridge()
                page = FirefoxPage(self._firefox, proxy, zone, locale)
                self.versions[engine] = self._firefox.version
            elif engine == "webkit":
                proxy = stack.enter_context(recording_proxy(self.origin))
                if self._xvfb is None:
                    self._xvfb = Xvfb()
                webkit = WebKitPage(self._xvfb.display, proxy, zone, locale)
                self.versions[engine] = f"WebKitGTK {webkit.version}"
                page = webkit
            else:
                raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
            stack.callback(page.close)
            yield page

    def close(self) -> None:
        if self._firefox is not None:
            self._firefox.close()
        if self._xvfb is not None:
            self._xvfb.close()
