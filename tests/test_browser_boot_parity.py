"""The same answers however the worker boots: snapshot, bundle or wheels, and as on the host.

The default path restores a memory snapshot taken at build time; the fallback compiles
nothing and unpacks the bytecode bundle; `?orei-debug` installs the wheels. Each path
runs the same `orei_widgets.dispatch`, so each must answer every request exactly as the
host's Python does: every email template in both languages, the calculator in zones on
both sides of Japan, and the business-day widget. A snapshot that kept something from the
build (a zone, a language, a clock) shows here as one answer that differs.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from browser import in_widget_zones, watch
from orei_widgets import dispatch
from site_server import ServerControls, serve

from orei.email_fields import example_fields
from orei.email_templates import template_keys

pytestmark = [pytest.mark.browser, in_widget_zones]

NOW = dt.datetime(2026, 4, 28, 9, 30, tzinfo=dt.UTC)  # 18:30 in Tokyo: after hours
READER_ZONES = ("UTC", "America/Los_Angeles", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Chatham")
TIMELINES = (
    {"timeline": "none"},
    {"timeline": "weeks", "timeline_n": "2"},
    {"timeline": "date", "timeline_date": "2026-05-08"},
)
# Which files each path fetches, and the query that selects it.
PATHS = {
    "snapshot": ([], ""),
    "bundle": ([r"/orei-snapshot\."], ""),
    "wheels": ([], "?orei-debug"),
}


def context(reader_zone: str, lang: str = "en") -> dict:
    return {"now": NOW.timestamp() * 1000, "lang": lang, "tz": reader_zone}


def requests() -> list[dict]:
    """Every template in both languages, the calculator in several zones, business days."""
    asked = []
    for template in template_keys():
        for lang in ("en", "ja"):
            state = {"template": template, "lang": lang, **example_fields(lang, template)}
            for reader_zone in ("UTC", "Asia/Tokyo"):
                asked.append(
                    {
                        "widget": "email",
                        "action": "update",
                        "state": state,
                        "context": context(reader_zone, lang),
                    }
                )
    for reader_zone in READER_ZONES:
        for timeline in TIMELINES:
            state = {
                "ended_date": "2026-04-28",
                "ended_time": "15:00",
                "tz": "Asia/Tokyo" if reader_zone == "UTC" else reader_zone,
                "candidate_tz": "",
                "timeline": "none",
                "buffer": "3",
                "closures": ["new-year", "obon"],
                **timeline,
            }
            for lang in ("en", "ja"):
                asked.append(
                    {
                        "widget": "follow-up",
                        "action": "update",
                        "state": state,
                        "context": context(reader_zone, lang),
                    }
                )
    for day in ("2026-04-29", "2026-05-06", "2026-12-31", "2027-01-04", "2026-02-30"):
        asked.append(
            {
                "widget": "business-day",
                "action": "update",
                "state": {"date": day},
                "context": context("UTC"),
            }
        )
    return asked


# Boots a worker from `url`, sends it every request in turn, and returns the views.
ASK = """async ([url, requests]) => {
  const worker = new Worker(url, { type: "module" });
  const next = () => new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
  for (let said = await next(); said.type !== "ready"; said = await next()) {
    if (said.type === "failed") throw new Error(said.reason);
  }
  const views = [];
  for (const [id, request] of requests.entries()) {
    worker.postMessage({ id, request });
    let said = await next();
    while (said.type !== "response") said = await next();
    views.push(said.response);
  }
  worker.terminate();
  return views;
}"""


@pytest.mark.quick
@pytest.mark.parametrize("path", PATHS)
def test_every_boot_path_answers_as_the_host_does(chromium, site_dir, browser_zone, path):
    missing, query = PATHS[path]
    asked = requests()
    expected = [json.loads(dispatch(json.dumps(request))) for request in asked]
    controls = ServerControls(missing=[re.compile(pattern) for pattern in missing])
    with serve(site_dir, controls) as (url, _):
        # No service worker: the path is told by what the page's workers fetch.
        browser_context = chromium.new_context(timezone_id=browser_zone, service_workers="block")
        seen = watch(browser_context)
        try:
            page = browser_context.new_page()
            page.goto(url + "follow-up/" + query)
            ready = page.locator('form[data-orei-widget="follow-up"][data-orei-ready]')
            ready.wait_for(timeout=120_000)
            worker = url + "assets/orei/worker.js" + ("?debug" if path == "wheels" else "")
            views = page.evaluate(ASK, [worker, asked])
        finally:
            browser_context.close()
    differ = [
        f"{request['widget']} {request['state'].get('template', '')} "
        f"{request['context']['lang']} {request['context']['tz']}"
        for request, view, host in zip(asked, views, expected, strict=True)
        if view != host
    ]
    assert differ == [], f"{len(differ)} of {len(asked)} answers differ, first: {differ[:5]}"
    # The answers are real plans and mails, not a shared failure.
    assert not any(view.get("failure") for view in views)
    assert sum(1 for view in expected if view.get("errors")) == 1  # 2026-02-30 alone
    # The path was the one named.
    snapshot = any(re.search(r"/orei-snapshot\.[0-9a-f]+\.bin", u) for u in seen.requests)
    bundle = any(re.search(r"/orei-bundle\.[0-9a-f]+\.zip", u) for u in seen.requests)
    wheels = any(re.search(r"/orei-0\.1\.0-py3-none-any\.whl", u) for u in seen.requests)
    assert (snapshot, bundle, wheels) == {
        "snapshot": (True, False, False),
        "bundle": (True, True, False),
        "wheels": (False, False, True),
    }[path]
