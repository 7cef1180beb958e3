"""The applications agenda timed in the real page, in headless Chromium.

Opens the built site's applications page with its clock on the benchmark's day, imports
the benchmark's file through the page's own file input, then presses "Mark as sent" and
"Undo" on the first step in turn. Each press is one request to the widget's worker: it
reads the document (its text), recomputes the agenda and renders the list and the month
view. The worker times each Python call (`orei:dispatch`, see `widgets/js/worker.js`);
the page times each press from the click until the form is settled again.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
from pathlib import Path

from benchmarks.measure import DISPATCH_TIMES

ROOT = Path(__file__).resolve().parent.parent
TIMING = Path(__file__).with_name("agenda_timing.py")
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_FLAGS, chromium_path, host_headers  # noqa: E402 - tests/ on path
from site_server import ServerControls, serve  # noqa: E402

FORM = 'form[data-orei-widget="applications"]'
SETTLED = f"{FORM}[data-orei-ready]:not([aria-busy])"
# Clicks the button and resolves, in page time, once the form is no longer busy.
PRESS = """async ([formSelector, selector]) => {
  const form = document.querySelector(formSelector);
  const start = performance.now();
  document.querySelector(selector).click();
  await new Promise((resolve) => {
    const check = () => (form.hasAttribute("aria-busy") ? requestAnimationFrame(check) : resolve());
    requestAnimationFrame(check);
  });
  return performance.now() - start;
}"""


def run_chromium(site: Path, port: int, document: Path, today: dt.date, rounds: int) -> dict:
    """Medians in ms: the import, then Python per recompute and the whole press."""
    from playwright.sync_api import sync_playwright

    controls = ServerControls(headers=host_headers(site))
    with serve(site, controls, port=port) as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(locale="en-GB", timezone_id="Asia/Tokyo")
            # 16:00 in Tokyo on the benchmark's day, as the Pyodide figures use that day.
            page.clock.set_fixed_time(dt.datetime.combine(today, dt.time(7), dt.UTC))
            page.goto(url + "applications/")
            page.locator(f"{FORM}[data-orei-ready]").wait_for(timeout=180_000)
            # The widgets' worker, not the site search's.
            (worker,) = [w for w in page.workers if "/assets/orei/" in w.url]
            before = len(worker.evaluate(DISPATCH_TIMES))
            page.locator(f'{FORM} input[type="file"][data-action="import"]').set_input_files(
                str(document)
            )
            page.locator(f"{FORM} li.orei-step").first.wait_for(timeout=120_000)
            page.locator(SETTLED).wait_for()
            imported = worker.evaluate(DISPATCH_TIMES)[before:]
            steps = page.locator(f"{FORM} li.orei-step").count()
            presses = []
            start = len(worker.evaluate(DISPATCH_TIMES))
            mark = f"{FORM} li.orei-step [data-action='mark-sent']"
            undo = f"{FORM} [data-result='notice'] [data-action='undo']"
            for round_ in range(rounds):
                presses.append(page.evaluate(PRESS, [FORM, mark if round_ % 2 == 0 else undo]))
            python = worker.evaluate(DISPATCH_TIMES)[start:]
            version = browser.version
            alone = timing_in_page(browser, url, document, today, rounds)
        finally:
            browser.close()
    return {
        "chromium": version,
        "steps": steps,
        "import_python_ms": max(imported) if imported else None,
        "recompute_python_ms": statistics.median(python),
        "press_ms": statistics.median(presses),
        "presses": len(presses),
        "in_page": alone,
    }


# The timing script of `agenda_timing.py`, run by a Pyodide that the page loads from the
# site's own runtime and wheel: Chromium's engine, with nothing of the widget around it.
RUN_TIMING = """async ([runtime, source, documentText, argv]) => {
  const { loadPyodide } = await import(runtime + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: runtime });
  await pyodide.loadPackage(["orei"], { messageCallback: () => {} });
  pyodide.FS.writeFile("/tmp/applications.json", documentText);
  const lines = [];
  pyodide.setStdout({ batched: (line) => lines.push(line) });
  pyodide.globals.set("script_argv", pyodide.toPy(argv));
  pyodide.globals.set("script_source", source);
  await pyodide.runPythonAsync(`
import sys
sys.argv = list(script_argv)
try:
    exec(compile(script_source, sys.argv[0], "exec"), {"__name__": "__main__"})
except SystemExit:
    pass
`);
  return lines[lines.length - 1];
}"""


def timing_in_page(browser, url: str, document: Path, today: dt.date, rounds: int) -> dict:
    """`agenda_timing.py`'s medians in a Chromium page, on the site's Pyodide."""
    page = browser.new_page()
    # A bare page at the site's origin, so the runtime loads as the site's own files, and
    # with no widget of its own competing for the CPU.
    blank = url + "orei-benchmark.html"
    page.route(blank, lambda route: route.fulfill(content_type="text/html", body="<!doctype html>"))
    try:
        page.goto(blank)
        argv = ["agenda_timing.py", "/tmp/applications.json", today.isoformat(), str(rounds)]
        source = TIMING.read_text("utf-8")
        text = document.read_text("utf-8")
        runtime = url + "assets/orei/runtime/"
        return json.loads(page.evaluate(RUN_TIMING, [runtime, source, text, argv]))
    finally:
        page.close()
