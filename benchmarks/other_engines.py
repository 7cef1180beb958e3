"""First result and bytes in Firefox and WebKit, through `tests/engines.py`.

Chromium is measured with Playwright (`measure.py`), which also reads long tasks,
paints and the worker's timings; Firefox and WebKit expose none of those to their
drivers, so here a visit gives its first result and the bytes the server sent.

- Firefox: each run is a new browser context (its own cache and service worker); the
  warm visit is a second page in it. `PROBE` runs before the page's scripts (a BiDi
  preload script) and records the first result exactly, as in Chromium.
- WebKit: each run is a new MiniBrowser with a fresh profile; the warm visit is a second
  navigation in it. WebKitWebDriver runs no script before the page's own, so the test
  asks the page from its first moment, every few milliseconds, whether the result is
  there: the figure is late by up to one question (about 5-15 ms here).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from benchmarks.measure import PROBE, Target, Visit

ZONE, LOCALE = "Asia/Tokyo", "en-US"


def _first_from_probe(page, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while True:
        first = page.evaluate("window.__oreiBench ? window.__oreiBench.first : null")
        if first:
            return first
        if time.monotonic() > deadline:
            raise TimeoutError("no first result")
        time.sleep(0.005)


def firefox_visits(bridge, url: str, target: Target, controls, timeout: float = 120.0):
    """A cold visit in a new browser context, then a warm one in the same context."""
    from engines import FirefoxPage

    preload = PROBE.replace("SELECTOR", repr(target.selector))
    visits = []
    cold = FirefoxPage(bridge, None, ZONE, LOCALE, preload=preload)
    warm = None
    try:
        for page in (cold, "warm"):
            if page == "warm":
                warm = FirefoxPage(
                    bridge, None, ZONE, LOCALE, preload=preload, same_context_as=cold
                )
                page = warm
            controls.take_sent_bytes()
            bridge.call("goto", page=page.id, url=url, timeout=timeout * 1000, waitUntil="load")
            first = _first_from_probe(page, timeout)
            visits.append(Visit(first, None, controls.take_sent_bytes(), []))
            if page is cold:
                wait_for_service_worker(page)
    finally:
        if warm is not None:
            warm.close()
        cold.close()
    return visits


WEBKIT_FIRST = """(() => {
  if (location.pathname !== PATH) return null;  // the binder rewrites the fragment
  const slot = document.querySelector(SELECTOR);
  return slot && !slot.hidden && slot.textContent.trim() ? performance.now() : null;
})()"""


def webkit_visits(display: str, url: str, target: Target, controls, timeout: float = 120.0):
    """A cold visit in a new MiniBrowser, then a warm one (a second navigation in it)."""
    from engines import WebKitPage

    path = urlsplit(url).path
    question = WEBKIT_FIRST.replace("PATH", repr(path)).replace("SELECTOR", repr(target.selector))
    page = WebKitPage(display, None, ZONE, LOCALE, wait_for_load=False)
    visits = []
    try:
        for visit in ("cold", "warm"):
            if visit == "warm":
                page.driver.get("about:blank")
            controls.take_sent_bytes()
            page.driver.get(url)
            deadline = time.monotonic() + timeout
            first = None
            while first is None:
                try:
                    first = page.driver.execute_script(f"return {question}")
                except Exception:  # noqa: BLE001 - asked between two documents: ask again
                    first = None
                if time.monotonic() > deadline:
                    raise TimeoutError("no first result")
            visits.append(Visit(first, None, controls.take_sent_bytes(), []))
            if visit == "cold":
                wait_for_service_worker(page)
    finally:
        page.close()
    return visits


def wait_for_service_worker(page, timeout: float = 30.0) -> bool:
    """Wait until the page's service worker is active, as a reader's second visit finds it."""
    question = (
        "navigator.serviceWorker ? navigator.serviceWorker.getRegistration()"
        ".then((r) => Boolean(r && r.active && r.active.state === 'activated')) : false"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(question):
            return True
        time.sleep(0.05)
    return False
