"""The follow-up calculator in the guide, end to end in headless Chromium.

Every test runs with the browser in UTC and in Tokyo; `test_browser_zones.py` compares
the plan with the planner's in five zones and two locales, and sweeps every zone.
"""

import datetime as dt
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from browser import (
    arrive_by_instant_navigation,
    assert_clean,
    fill,
    in_widget_zones,
    open_calculator,
    result_datetimes,
    settled,
    wait_for_datetime,
    watch,
)
from site_server import serve

from orei.plan import make_plan

pytestmark = [pytest.mark.browser, in_widget_zones]

NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)  # 16:00 in Tokyo, the worked example's day
FORM = 'form[data-orei-widget="follow-up"]'


@pytest.mark.quick
def test_worked_example_names_golden_week_days(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    skipped = form.locator('[data-result="skipped"]').inner_text()
    assert "Children's Day" in skipped
    assert "Substitute holiday for Constitution Memorial Day" in skipped
    assert "in 23 h 0 min" in form.locator('[data-result="deadline"]').inner_text()
    assert "5 to 8 business days" in form.locator('[data-result="follow-up-basis"]').inner_text()
    # The month view is a real table, with marks a screen reader can read.
    table = form.locator("table.orei-month").first
    assert table.locator("caption").inner_text() == "April 2026"
    assert table.locator("th[scope=col]").count() == 7
    assert "Interview" in table.locator("td.orei-day--interview .orei-sr").inner_text()


def test_the_legend_puts_each_mark_beside_its_label(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    items = form.locator(".orei-legend li")
    assert items.count() == 5
    for index in range(5):
        item = items.nth(index)
        mark = item.locator(".orei-marks").bounding_box()
        whole = item.bounding_box()
        # One line: the item is no taller than a line and the mark starts it.
        assert whole["height"] < 2 * mark["height"], item.inner_text()
        assert abs(mark["y"] - whole["y"]) < mark["height"] / 2


@pytest.mark.quick
def test_typing_updates_and_errors_appear_and_clear(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    form.locator('input[name="timeline"][value="days"]').check()
    fill(form, timeline_n="200")
    error = form.locator('[data-error-for="timeline_n"]')
    assert error.is_visible()
    assert "1 to 90" in error.inner_text()
    field = form.locator('[name="timeline_n"]')
    assert field.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in field.get_attribute("aria-describedby").split()
    # No result is shown from the stale input.
    assert form.locator('[data-result="follow-up-earliest"]').is_hidden()
    assert form.locator('[data-action="download-ics"]').is_disabled()
    fill(form, timeline_n="10")
    assert error.is_hidden()
    assert field.get_attribute("aria-invalid") is None
    expected = make_plan("2026-04-28", "15:00", timeline="10d").follow_up.earliest.isoformat()
    wait_for_datetime(form, "follow-up-earliest", expected)


def test_a_long_value_is_quoted_whole_or_cut_with_an_ellipsis(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00", buffer="1" * 24)
    error = form.locator('[data-error-for="buffer"]').inner_text()
    assert "“" + "1" * 24 + "”" in error
    fill(form, buffer="2" * 60)
    error = form.locator('[data-error-for="buffer"]').inner_text()
    assert "2" * 39 + "…”" in error


def test_impossible_date_is_an_error_next_to_the_field(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    form.locator('input[name="timeline"][value="date"]').check()
    fill(form, timeline_date="2026-04-01")
    error = form.locator('[data-error-for="timeline_date"]')
    assert error.is_visible()
    assert "2026-04-28" in error.inner_text()


@pytest.mark.quick
def test_calendar_download_spans_the_whole_follow_up_window(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    with page.expect_download() as info:
        form.locator('[data-action="download-ics"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    events = {str(event["UID"]).split("-")[0]: event for event in calendar.walk("VEVENT")}
    thank, follow = events["thank"], events["follow"]
    assert thank.decoded("DTSTART") == dt.datetime(2026, 4, 28, 6, 0, tzinfo=dt.UTC)
    # One all-day event from Mon 11 to Thu 14 May: DTEND is the day after the last.
    assert follow.decoded("DTSTART") == dt.date(2026, 5, 11)
    assert follow.decoded("DTEND") == dt.date(2026, 5, 15)
    assert all(event.walk("VALARM") for event in events.values())


@pytest.mark.quick
def test_the_url_restores_the_form(page, site_url, context):
    form = open_calculator(page, site_url, now=NOW)
    form.locator('input[name="timeline"][value="business_days"]').check()
    fill(form, ended_date="2026-09-18", ended_time="11:00", timeline_n="5", buffer="2")
    form.locator('input[name="closures"][value="obon"]').check()
    settled(form)
    expected = make_plan(
        "2026-09-18", "11:00", timeline="5bd", buffer="2", closures="new-year,obon"
    ).follow_up.earliest.isoformat()
    wait_for_datetime(form, "follow-up-earliest", expected)
    url = page.url
    assert "ended_date=2026-09-18" in urlsplit(url).fragment
    assert urlsplit(url).query == ""  # the plan stays in the fragment, never sent to a server
    again = context.new_page()
    again.clock.set_fixed_time(NOW)
    again.goto(url)
    restored = again.locator(FORM)
    wait_for_datetime(restored, "follow-up-earliest", expected)
    assert restored.locator('[name="timeline_n"]').input_value() == "5"
    assert restored.locator('input[name="closures"][value="obon"]').is_checked()
    again.close()


def fragment_state(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).fragment)


# Records the addresses other scripts ask history for, before the binder keeps the state.
RECORD_HISTORY = """() => {
  window.oreiAsked = [];
  for (const method of ["pushState", "replaceState"]) {
    const kept = history[method];
    history[method] = function (state, unused, url) {
      if (url !== undefined && url !== null) window.oreiAsked.push(String(url));
      return kept.call(this, state, unused, url);
    };
  }
}"""
# Resolves true once some script has asked for an address ending in `#anchor` (any heading's
# anchor when `anchor` is empty), false if none has after 10 s.
ASKED_FOR = """(anchor) => new Promise((resolve) => {
  const wanted = (url) => (anchor ? url.endsWith(`#${anchor}`) : /#[^=]+$/.test(url));
  let looks = 0;
  const look = () => {
    if (window.oreiAsked.some(wanted)) resolve(true);
    else if ((looks += 1) > 200) resolve(false);
    else setTimeout(look, 50);
  };
  look();
})"""

# The top of heading `#anchor` once it is in view and has stayed there for three looks, or
# where it is after 10 s. The theme scrolls only after it has asked history for the anchor
# (the first time, after fetching and rendering the page again), so the heading may sit
# still, out of view, for a while before it moves.
IN_VIEW_TOP = """(anchor) => new Promise((resolve) => {
  let last = null, still = 0, looks = 0;
  const look = () => {
    const heading = document.getElementById(anchor);
    const top = heading ? heading.getBoundingClientRect().top : null;
    const inView = top !== null && top >= 0 && top < 800;
    still = inView && top === last ? still + 1 : 0;
    last = top;
    if (still >= 3 || (looks += 1) > 200) resolve(last);
    else setTimeout(look, 50);
  };
  look();
})"""


@pytest.mark.quick
def test_the_fragment_keeps_the_plan_while_the_reader_scrolls_focuses_and_uses_the_contents(
    page, site_url
):
    page.set_viewport_size({"width": 1400, "height": 900})  # the table of contents shows
    # The page's own clock runs here: the theme's tracking waits for the scroll to settle.
    form = open_calculator(page, site_url)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    planned = fragment_state(page)
    assert planned["ended_date"] == ["2026-04-28"]
    page.evaluate(RECORD_HISTORY)
    # Scrolling past a heading: the theme's navigation.tracking asks for its anchor.
    page.locator("h2#what-to-write").scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    assert page.evaluate(ASKED_FOR, "")
    assert fragment_state(page) == planned
    form.locator('[name="buffer"]').focus()
    settled(form)
    assert fragment_state(page) == planned
    form.locator('[name="buffer"]').blur()
    # Following the table of contents: the page goes to the heading, the address keeps the plan.
    follow_the_contents(page)
    assert fragment_state(page) == planned
    settled(form)
    assert fragment_state(page) == planned
    page.reload()
    wait_for_datetime(page.locator(FORM), "follow-up-earliest", "2026-05-11")
    assert page.locator('[name="ended_date"]').input_value() == "2026-04-28"


# Resolves true once the theme has recorded the present scroll offset in the history entry
# (it does so 100 ms after scrolling stops), false if it has not after 10 s.
OFFSET_RECORDED = """() => new Promise((resolve) => {
  let looks = 0;
  const look = () => {
    if (history.state && Math.abs(history.state.y - scrollY) < 1) resolve(true);
    else if ((looks += 1) > 200) resolve(false);
    else setTimeout(look, 50);
  };
  look();
})"""


def follow_the_contents(page) -> None:
    """Click two headings in the table of contents; each must come into view."""
    planned = fragment_state(page)
    for anchor in ("why-weeks", "dont"):
        # A click within 100 ms of a scroll loses a race in the theme: its first same-page
        # link re-renders the page and then restores the offset it last recorded, which the
        # late record of that scroll has just replaced, instead of scrolling to the anchor.
        # A reader takes longer than that to reach the contents; the test waits as long.
        assert page.evaluate(OFFSET_RECORDED)
        page.locator(f'.md-sidebar--secondary a[href$="#{anchor}"]').click()
        assert page.evaluate(ASKED_FOR, anchor)
        top = page.evaluate(IN_VIEW_TOP, anchor)
        assert 0 <= top < 800, anchor  # in view (the last heading cannot reach the top)
        assert fragment_state(page) == planned


def test_a_contents_link_scrolls_to_its_heading_while_a_field_has_focus(page, site_url):
    page.set_viewport_size({"width": 1400, "height": 900})
    form = open_calculator(page, site_url)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    page.evaluate(RECORD_HISTORY)
    page.locator("h2#what-to-write").scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    assert page.evaluate(ASKED_FOR, "")
    form.locator('[name="buffer"]').focus()  # scrolls the field into view
    follow_the_contents(page)


def test_a_second_link_and_back_and_forward_are_applied(page, site_url):
    first = "#ended_date=2026-04-28&ended_time=15%3A00&tz=Asia%2FTokyo&timeline=none"
    second = "#ended_date=2026-09-18&ended_time=11%3A00&tz=Asia%2FTokyo&timeline=weeks&timeline_n=2"
    form = open_calculator(page, site_url, now=NOW, fragment=first)
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    # A second shared link pasted into the same tab: the same document, a new fragment.
    page.goto(site_url + "follow-up/" + second)
    expected = make_plan("2026-09-18", "11:00", timeline="2w").follow_up.earliest.isoformat()
    wait_for_datetime(form, "follow-up-earliest", expected)
    assert form.locator('[name="timeline_n"]').input_value() == "2"
    assert form.locator('input[name="timeline"][value="weeks"]').is_checked()
    page.go_back()
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    assert form.locator('input[name="timeline"][value="none"]').is_checked()
    # What the second link left out went back to its default, not to the first link's.
    assert form.locator('[name="timeline_n"]').input_value() == ""
    assert fragment_state(page)["ended_date"] == ["2026-04-28"]
    page.go_forward()
    wait_for_datetime(form, "follow-up-earliest", expected)
    assert fragment_state(page)["timeline_n"] == ["2"]


def test_a_repeated_hour_is_chosen_in_the_form_and_kept_in_the_link(page, site_url, context):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, tz="America/New_York", ended_date="2026-11-01", ended_time="01:30")
    error = form.locator('[data-error-for="ended_time"]')
    assert "twice" in error.inner_text()
    choices = form.locator('input[name="ended_offset"]')
    assert choices.count() == 2
    labels = form.locator('[data-result="ended-offset"] label').all_inner_texts()
    assert "01:30 EDT" in labels[0]
    assert "01:30 EST" in labels[1]
    choices.nth(1).check()
    settled(form)
    assert error.is_hidden()
    plan = make_plan("2026-11-01", "01:30", "America/New_York", ended_offset="-05:00")
    wait_for_datetime(form, "deadline", plan.to_json_dict()["thank_you"]["deadline"])
    assert choices.nth(1).is_checked()  # the choice stays put while the plan updates
    assert fragment_state(page)["ended_offset"] == ["-05:00"]
    again = context.new_page()
    again.clock.set_fixed_time(NOW)
    again.goto(page.url)
    restored = again.locator(FORM)
    wait_for_datetime(restored, "deadline", plan.to_json_dict()["thank_you"]["deadline"])
    assert restored.locator('input[name="ended_offset"][value="-05:00"]').is_checked()
    again.close()


def test_a_browser_zone_the_calculator_cannot_use_leaves_the_plan_in_japan_time(context, site_url):
    # A browser may report a zone the zone database does not have.
    context.add_init_script(
        script="""
        const real = Intl.DateTimeFormat.prototype.resolvedOptions;
        Intl.DateTimeFormat.prototype.resolvedOptions = function () {
          return { ...real.call(this), timeZone: "Mars/Olympus" };
        };
        """
    )
    seen = watch(context)
    page = context.new_page()
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    assert form.locator("[data-error-for]:not([hidden])").count() == 0
    assert result_datetimes(form, "deadline") == ["2026-04-29T15:00+09:00"]
    note = form.locator('[data-result="zone-note"]')
    assert "Mars/Olympus" in note.inner_text()
    assert "Japan time" in note.inner_text()
    assert_clean(seen)


def test_write_the_email_carries_the_dates_and_the_after_hours_line(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="19:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    form.locator('[data-action="write-email"]').click()
    page.wait_for_url(re.compile(r"/write-email/"))
    shared = parse_qs(urlsplit(page.url).fragment)
    assert shared["interview_date"] == ["2026-04-28"]
    # Written at 16:00 in Tokyo, it goes out when the window opens, 19:00: after hours.
    assert shared["send_date"] == ["2026-04-28"]
    assert shared["after_hours"] == ["on"]


def test_the_summary_stays_in_view_while_the_fields_are_edited_on_a_wide_screen(page, site_url):
    page.set_viewport_size({"width": 1400, "height": 800})
    form = open_calculator(page, site_url, now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    summary = form.locator('[data-result="summary"]')
    assert "Mon 11 May 2026" in summary.inner_text()
    form.locator('[name="ended_date"]').scroll_into_view_if_needed()
    form.locator('[name="ended_date"]').focus()
    box = summary.bounding_box()
    assert box["y"] >= 0  # in view, below the fields
    assert box["y"] + box["height"] <= 800
    assert form.locator('[data-result="follow-up-latest"]').bounding_box()["y"] > 800
    # On a phone it simply leads the plan.
    page.set_viewport_size({"width": 360, "height": 740})
    form.locator('[name="ended_date"]').scroll_into_view_if_needed()
    assert summary.bounding_box()["y"] > 740


def test_reached_by_instant_navigation(page, site_url):
    arrive_by_instant_navigation(page, site_url, "follow-up", now=NOW, links="nav a")
    form = page.locator(f"{FORM}[data-orei-ready]")
    form.wait_for()
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")


@pytest.mark.quick
def test_japanese_page_names_days_in_japanese(page, site_url):
    form = open_calculator(page, site_url, "ja/follow-up/", now=NOW)
    fill(form, ended_date="2026-04-28", ended_time="15:00")
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    skipped = form.locator('[data-result="skipped"]').inner_text()
    assert "こどもの日" in skipped
    assert "振替休日" in skipped
    assert "Children" not in skipped
    assert "フォローアップ" not in form.inner_text()


@pytest.mark.quick
def test_keyboard_alone_reaches_and_operates_every_control(page, site_url):
    form = open_calculator(page, site_url, now=NOW)
    controls = form.locator("input:not([type=hidden]), button").evaluate_all(
        "nodes => nodes.map(n => n.id || n.dataset.action)"
    )
    form.locator('[name="ended_date"]').focus()
    page.keyboard.type("04282026")  # Chromium's date field takes the digits in the locale's order
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "document.activeElement.id || document.activeElement.dataset.action || ''"
        )
        reached.append(active)
        if active == controls[-1]:  # the form's last control
            break
        if active == "orei-follow-up-ended_time":
            page.keyboard.type("0300P")
    # Radio groups take one Tab stop; the rest of the group is reached with arrow keys.
    radios = {c for c in controls if c.startswith("orei-follow-up-timeline-")}
    missing = [c for c in controls if c not in reached and c not in radios]
    assert missing == []
    assert any(r in radios for r in reached)
    wait_for_datetime(form, "follow-up-earliest", "2026-05-11")
    form.locator('[data-action="download-ics"]').focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".ics")


@contextmanager
def calculator_with_missing(chromium, site_dir, missing: str, zone: str):
    """The calculator page served with the paths matching `missing` answering 404.

    The guide's text must still be there, and nothing but the browser's own 404
    reports may reach the console.
    """
    with serve(site_dir) as (url, controls):
        controls.missing.append(re.compile(missing))
        context = chromium.new_context(timezone_id=zone)
        seen = watch(context)
        page = context.new_page()
        page.goto(url + "follow-up/")
        yield page
        assert page.locator("article h2").count() >= 3  # the guide's text is still there
        context.close()
    assert_clean(seen, allow_console=("Failed to load resource",))


def test_runtime_missing_shows_a_plain_message_and_keeps_the_guide(
    chromium, site_dir, browser_zone
):
    with calculator_with_missing(
        chromium, site_dir, r"/assets/orei/runtime/", browser_zone
    ) as page:
        status = page.locator(f"{FORM} [data-orei-status].orei-status--failed")
        status.wait_for()
        assert "could not start" in status.inner_text()


def test_binder_never_arriving_still_ends_in_a_plain_message(chromium, site_dir, browser_zone):
    # The connection drops after the page and the theme arrived, before binder.js: no
    # script of ours runs, so the form itself must say, after a while, that it cannot start.
    missing = r"/assets/orei/(binder|early|worker)\.js"
    with calculator_with_missing(chromium, site_dir, missing, browser_zone) as page:
        stalled = page.locator(f"{FORM} .orei-stalled")
        assert not stalled.is_visible()  # not at once: the binder may still be on its way
        stalled.wait_for(state="visible", timeout=20_000)
        assert "could not start" in stalled.inner_text()
