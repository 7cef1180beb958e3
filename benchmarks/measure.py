"""One visit measured in headless Chromium: first result, bytes, long tasks, recomputes."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

# Runs in every page before its own scripts: records when the result slot first shows
# Python's answer, every later change of it, long tasks and the first contentful paint.
PROBE = """(() => {
  const probe = (window.__oreiBench = {
    first: null, fcp: null, longTasks: [], changes: [], inputAt: null,
  });
  const selector = SELECTOR;
  let text = null;
  const check = () => {
    const slot = document.querySelector(selector);
    if (!slot || slot.hidden || !slot.textContent.trim()) return;
    const now = performance.now();
    if (probe.first === null) probe.first = now;
    if (slot.textContent !== text) {
      text = slot.textContent;
      probe.changes.push({ at: now, text });
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  addEventListener("input", () => { probe.inputAt = performance.now(); }, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        probe.longTasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === "first-contentful-paint") probe.fcp = e.startTime;
      }
    }).observe({ type: "paint", buffered: true });
  } catch {}
})();
"""

# Read the Python call times the page or its worker recorded with performance.measure.
DISPATCH_TIMES = "performance.getEntriesByName('orei:dispatch').map((e) => e.duration)"

WAIT_FOR_SERVICE_WORKER = """async (ms) => {
  if (!navigator.serviceWorker) return false;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), ms));
  const ready = navigator.serviceWorker.ready.then(async (registration) => {
    const worker = registration.active;
    return worker ? worker.state === "activated" : false;
  });
  return Promise.race([ready, timeout]);
}"""


@dataclass(frozen=True)
class Target:
    """What to measure on a page: its widget's result slot and an input to type into."""

    page: str
    widget: str
    result: str
    input_name: str
    values: tuple[str, ...]
    # The form's starting state, as the URL fragment the binder reads (`name=value&…`).
    state: str = ""

    @property
    def selector(self) -> str:
        """The CSS selector of the result slot."""
        return f'form[data-orei-widget="{self.widget}"] [data-result="{self.result}"]'


@dataclass
class Visit:
    """What one visit measured; times in milliseconds from the navigation's start."""

    first_result: float
    fcp: float | None
    sent_bytes: int
    boot_long_tasks: list[float]
    typing_long_tasks: list[float] = field(default_factory=list)
    python_ms: list[float] = field(default_factory=list)
    roundtrip_ms: list[float] = field(default_factory=list)
    service_worker: bool = False


def throttle(context, page, network: dict | None) -> None:
    """Apply DevTools network conditions to `page` (its workers share its network)."""
    if not network:
        return
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, **network})


def _poll(page, expression: str, until, timeout: float):
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if until(value):
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression} did not settle: {value!r}")
        time.sleep(0.005)


def visit(
    page,
    url: str,
    target: Target,
    controls,
    *,
    typing: bool = True,
    timeout: float = 120.0,
) -> Visit:
    """Go to `url` in `page` and measure the visit."""
    controls.take_sent_bytes()
    page.goto(url, wait_until="commit")
    first = _poll(page, "window.__oreiBench && window.__oreiBench.first", bool, timeout)
    sent = controls.take_sent_bytes()
    probe = page.evaluate("window.__oreiBench")
    result = Visit(
        first_result=first,
        fcp=probe["fcp"],
        sent_bytes=sent,
        boot_long_tasks=[t["duration"] for t in probe["longTasks"] if t["start"] <= first],
    )
    if typing:
        _type(page, target, result, timeout)
    return result


def _type(page, target: Target, result: Visit, timeout: float) -> None:
    page.wait_for_load_state("load")
    started = page.evaluate("performance.now()")
    box = page.locator(f'form[data-orei-widget="{target.widget}"] [name="{target.input_name}"]')
    for value in target.values:
        before = page.evaluate("window.__oreiBench.changes.length")
        box.fill(value)
        changes = _poll(
            page,
            "window.__oreiBench.changes",
            lambda c, before=before: len(c) > before,
            timeout,
        )
        input_at = page.evaluate("window.__oreiBench.inputAt")
        result.roundtrip_ms.append(changes[-1]["at"] - input_at)
        time.sleep(0.05)  # a reader types no faster than this
    probe = page.evaluate("window.__oreiBench")
    result.typing_long_tasks = [t["duration"] for t in probe["longTasks"] if t["start"] > started]
    times = page.evaluate(DISPATCH_TIMES)
    for worker in page.workers:
        try:
            times += worker.evaluate(DISPATCH_TIMES)
        except Exception:  # noqa: BLE001 - a worker without performance entries adds nothing
            continue
    # The last calls are the ones typing caused; the first also imported the widget.
    result.python_ms = times[-len(target.values) :]


def wait_for_service_worker(page, ms: int = 20_000) -> bool:
    """Wait until the page's service worker is active (it has cached what it caches)."""
    return bool(page.evaluate(WAIT_FOR_SERVICE_WORKER, ms))
