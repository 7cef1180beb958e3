"""The calculator wherever the reader is: their clock, every zone, every way the worker boots.

The calculator's results are compared with the planner's with the browser in five zones
and two locales: the plan is in Japan time, and the reader's own clock is shown beside it.

For the sweep,
a worker started from the site's own `worker.js` boots exactly as the page's does (the
memory snapshot by default; the bundle when the snapshot is missing; the wheels with
`?debug`), then answers the calculator's requests for every zone of the shipped zone
database, as the interview's zone, as the zone the browser reports and as the zone the
reader types, then all of them again in reverse, then a sequence that once pushed a
zone out of Python's zone cache and found it unreadable after a restore.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files

import pytest
from browser import assert_clean, fill, open_calculator, result_datetimes, watch
from site_server import ServerControls, serve

from orei.plan import make_plan

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 7, 1, 3, 0, tzinfo=dt.UTC)
FORM_NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)  # 16:00 in Tokyo
READER_ZONES = ("UTC", "America/Los_Angeles", "Europe/Paris", "Asia/Kolkata", "Asia/Tokyo")
# Names browsers report that are links in the zone database (Chromium says Asia/Calcutta
# for Kolkata and Asia/Saigon for Ho Chi Minh City), and UTC itself.
BROWSER_NAMES = ("UTC", "Asia/Calcutta", "Asia/Saigon", "Asia/Katmandu", "America/Buenos_Aires")
EVICTION = ["Europe/London", "America/New_York", *(f"Etc/GMT+{n}" for n in range(1, 13))]


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="minutes")


def reader_clocks() -> list:
    """Every reader zone in both locales; the quick run keeps ja-JP for Tokyo only."""
    return [
        pytest.param(
            zone,
            locale,
            marks=[pytest.mark.full_matrix] if locale == "ja-JP" and zone != "Asia/Tokyo" else [],
        )
        for locale in ("en-US", "ja-JP")
        for zone in READER_ZONES
    ]


@pytest.mark.parametrize(("browser_zone", "browser_locale"), reader_clocks())
@pytest.mark.parametrize(
    ("ended_date", "ended_time", "timeline", "earliest", "latest"),
    [
        # The worked example: after Golden Week, 5 to 8 business days on.
        ("2026-04-28", "15:00", {}, "2026-05-11", "2026-05-14"),
        # "We will reply within 2 weeks", with the default buffer of 3 business days: the two
        # weeks end on Tue 29 Sep, then 3 business days on is Fri 2 Oct, to Tue 6 Oct.
        (
            "2026-09-15",
            "10:30",
            {"timeline": "weeks", "timeline_n": "2"},
            "2026-10-02",
            "2026-10-06",
        ),
        # An evening interview before the New Year closure.
        # Business days after Fri 25 Dec: 28 Dec, then 4 to 7 Jan, 8 Jan, then 12 and 13 Jan
        # (11 Jan 2027 is Coming of Age Day).
        ("2026-12-25", "19:00", {}, "2027-01-07", "2027-01-13"),
    ],
)
def test_results_match_the_planner_on_the_readers_clock(
    page, site_url, browser_zone, ended_date, ended_time, timeline, earliest, latest
):
    form = open_calculator(page, site_url, now=FORM_NOW)
    # The browser really is in that zone.
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") in (
        browser_zone,
        {"Asia/Kolkata": "Asia/Calcutta"}.get(browser_zone),
    )
    if timeline:
        form.locator(f'input[name="timeline"][value="{timeline["timeline"]}"]').check()
        fill(form, timeline_n=timeline["timeline_n"])
    fill(form, ended_date=ended_date, ended_time=ended_time)
    plan = make_plan(
        ended_date,
        ended_time,
        timeline=timeline.get("timeline", "none"),
        timeline_n=timeline.get("timeline_n", ""),
        candidate_tz=browser_zone,
    )
    expected = plan.to_json_dict()
    # The hand-worked dates above check the planner; the page is checked against the planner.
    assert (earliest, latest) == (
        expected["follow_up"]["earliest"],
        expected["follow_up"]["latest"],
    )
    assert result_datetimes(form, "follow-up-earliest") == [expected["follow_up"]["earliest"]]
    assert result_datetimes(form, "follow-up-latest") == [expected["follow_up"]["latest"]]
    assert result_datetimes(form, "read-on")[-1] == expected["thank_you"]["read_on"]
    window, zone = plan.thank_you, plan.candidate_tz
    deadline = [expected["thank_you"]["deadline"]]
    send = [
        window.send_from.date().isoformat(),
        expected["thank_you"]["send_from"],
        expected["thank_you"]["send_until"],
    ]
    if window.deadline.astimezone(zone).utcoffset() != window.deadline.utcoffset():
        # The reader's clock, as the instant in their own zone.
        deadline.append(iso(window.deadline.astimezone(zone)))
        send += [iso(window.send_from.astimezone(zone)), iso(window.send_until.astimezone(zone))]
    assert result_datetimes(form, "deadline") == deadline
    assert result_datetimes(form, "send-window") == send
    skipped = result_datetimes(form, "skipped")
    assert skipped == [day["date"] for day in expected["skipped"]]
    window_text = form.locator('[data-result="send-window"]').inner_text()
    assert "JST" in window_text
    if expected["thank_you"]["after_hours_from"]:
        assert "業務時間外に失礼いたします" in window_text
    assert "夜分" not in window_text


def shipped_zones() -> list[str]:
    """Every zone name in the tzdata package the site ships (its `zones` list)."""
    return files("tzdata").joinpath("zones").read_text("utf-8").split()


def zone_names() -> list[str]:
    names = shipped_zones()
    return names + [name for name in BROWSER_NAMES if name not in names]


def request(ended_zone: str, reader_zone: str, typed_zone: str = "") -> dict:
    state = {
        "ended_date": "2026-07-15",
        "ended_time": "12:00",
        "tz": ended_zone,
        "candidate_tz": typed_zone,
        "timeline": "none",
        "buffer": "3",
        "closures": ["new-year"],
    }
    context = {"now": NOW.timestamp() * 1000, "lang": "en", "tz": reader_zone}
    return {"widget": "follow-up", "action": "update", "state": state, "context": context}


def expected_deadlines(ended_zone: str, reader_zone: str) -> list[str]:
    """The `datetime` values of the deadline slot: in Japan, then on the reader's clock."""
    plan = make_plan("2026-07-15", "12:00", ended_zone, candidate_tz=reader_zone)
    deadline = plan.thank_you.deadline
    shown = [deadline.isoformat(timespec="minutes")]
    there = deadline.astimezone(plan.candidate_tz)
    if there.utcoffset() != deadline.utcoffset():
        shown.append(there.isoformat(timespec="minutes"))
    return shown


# Boots a worker from `url` and sends it every request in turn; for each answer, the
# fields with errors, whether it failed, and the `datetime` values of the deadline slot.
SWEEP = """async ([url, requests]) => {
  const worker = new Worker(url, { type: "module" });
  const next = () => new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
  for (let said = await next(); said.type !== "ready"; said = await next()) {
    if (said.type === "failed") throw new Error(said.reason);
  }
  const answers = [];
  for (const [id, request] of requests.entries()) {
    worker.postMessage({ id, request });
    let said = await next();
    while (said.type !== "response") said = await next();
    const view = said.response;
    const deadline = (view.results && view.results.deadline) || "";
    answers.push({
      failure: view.failure || null,
      errors: Object.keys(view.errors || {}),
      deadline: [...deadline.matchAll(/datetime="([^"]+)"/g)].map((m) => m[1]),
    });
  }
  worker.terminate();
  return answers;
}"""


def sweep(page, worker_url: str) -> list[str]:
    """Run the sweep in `page`; return what went wrong, one line per request."""
    zones = zone_names()
    cases = [(zone, zone, "") for zone in zones]  # the interview's zone and the browser's
    cases += [("Asia/Tokyo", "UTC", zone) for zone in reversed(zones)]  # typed by the reader
    cases += [(zone, "Europe/London", "") for zone in [*EVICTION, *EVICTION]]
    answers = page.evaluate(SWEEP, [worker_url, [request(*case) for case in cases]])
    wrong = []
    for (ended, reader, typed), answer in zip(cases, answers, strict=True):
        expected = expected_deadlines(ended, typed or reader)
        if answer["failure"] or answer["errors"] or answer["deadline"] != expected:
            wrong.append(f"{ended} / {reader} / {typed or '-'}: {answer} != {expected}")
    return wrong


def open_page(chromium, url: str, query: str = ""):
    # No service worker: it may fetch the runtime to keep it offline, and the boot path is
    # told by what the page's workers fetch.
    context = chromium.new_context(timezone_id="UTC", service_workers="block")
    seen = watch(context)
    page = context.new_page()
    page.goto(url + "follow-up/" + query)
    # The wheels boot installs packages first: slower, more so on a busy machine.
    page.locator('form[data-orei-widget="follow-up"][data-orei-ready]').wait_for(timeout=120_000)
    return context, page, seen


def fetched(seen, pattern: str) -> bool:
    return any(re.search(pattern, url) for url in seen.requests)


@pytest.mark.quick
@pytest.mark.parametrize(
    "path",
    # The default path in every run; the fallbacks, each a full sweep, in the full one.
    [
        "snapshot",
        *(pytest.param(path, marks=pytest.mark.full_matrix) for path in ("bundle", "wheels")),
    ],
)
def test_every_zone_works_on_every_boot_path(chromium, site_dir, path):
    missing = {"snapshot": [], "bundle": [r"/orei-snapshot\."], "wheels": []}[path]
    controls = ServerControls(missing=[re.compile(p) for p in missing])
    with serve(site_dir, controls) as (url, _):
        # The page's own worker boots the same way as the one the sweep starts.
        context, page, seen = open_page(chromium, url, "?orei-debug" if path == "wheels" else "")
        try:
            worker = url + "assets/orei/worker.js" + ("?debug" if path == "wheels" else "")
            wrong = sweep(page, worker)
        finally:
            context.close()
    assert wrong == [], f"{len(wrong)} zones failed, first: {wrong[:5]}"
    assert len(zone_names()) > 590
    # Each path really was the one named.
    assert fetched(seen, r"/orei-snapshot\.[0-9a-f]+\.bin") is (path != "wheels")
    assert fetched(seen, r"/orei-bundle\.[0-9a-f]+\.zip") is (path == "bundle")
    assert fetched(seen, r"/orei-0\.1\.0-py3-none-any\.whl") is (path == "wheels")
    assert_clean(seen, allow_console=("404", "installing the standard library", "orei-rest."))
