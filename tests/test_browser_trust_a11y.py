"""Accessibility of the whole site, in Chromium, under the site's Content Security Policy.

axe-core (from node_modules, injected as an init script, which a page's policy
does not govern) checks every page in both languages in the light and the dark
palette, and the widgets while they show results and errors. The rest checks
what axe cannot see: names and live regions of the widgets' controls, the
order of focus, the keyboard alone, reflow at 320 px and signals that are more
than a colour.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

import pytest
from applications_browser import DOCUMENT, add_application, import_file, item, keep
from browser import ROOT, assert_clean, in_widget_zones, settled, watch
from email_browser import open_generator
from orei_widgets.applications import INPUT_SLOTS as APPLICATIONS_INPUT_SLOTS
from orei_widgets.follow_up import INPUT_SLOTS as FOLLOW_UP_INPUT_SLOTS
from pages import site_pages

from orei.email_fields import example_fields
from orei.email_templates import template_keys

pytestmark = pytest.mark.browser
NOT_ANNOUNCED = {
    "follow-up": {"summary", *FOLLOW_UP_INPUT_SLOTS},
    "email": {"summary"},
    # The whole agenda and its calendar, read out after every change, would drown the
    # notice that says what changed; the editor's interviews are part of the form.
    # The choice a file asks for is news, though: focus moves to it and it is read out.
    "applications": {"summary", "agenda", "month-view", "interviews"}
    | set(APPLICATIONS_INPUT_SLOTS) - {"import"},
}

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)
SCHEMES = {"light": "default", "dark": "slate"}
# Every WCAG 2.x A and AA rule, and axe's best practices (landmarks, heading order...).
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


@pytest.fixture
def open_context(chromium, browser_zone):
    """A context factory with axe loaded in every page; each context is watched and closed."""
    made = []

    def make(**options):
        options.setdefault("locale", "en-GB")
        options.setdefault("timezone_id", browser_zone)
        context = chromium.new_context(**options)
        context.add_init_script(path=str(AXE))
        seen = watch(context)
        made.append((context, seen))
        return context

    yield make
    for context, seen in made:
        context.close()
        assert_clean(seen)


# Finite animations done: a button enabled a moment ago fades to its colours (Material's
# transitions), and axe measuring contrast halfway would report a colour no one sees.
TRANSITIONS_DONE = """() => document.getAnimations().every((a) => a.playState !== "running"
  || a.effect.getComputedTiming().endTime === Infinity)"""


def axe(page) -> list[str]:
    page.wait_for_function(TRANSITIONS_DONE)
    return page.evaluate(RUN_AXE)


def ready(page, site_url, path, widget):
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + path)
    form = page.locator(f'form[data-orei-widget="{widget}"][data-orei-ready]')
    form.wait_for()
    return form


@pytest.fixture
def open_widget(open_context, site_url, scheme, lang):
    """Opens a widget's page in the test's colour scheme and language: the page, the ready form."""

    def open_(path, widget):
        page = open_context(color_scheme=scheme).new_page()
        return page, ready(page, site_url, ("" if lang == "en" else "ja/") + path, widget)

    return open_


@pytest.mark.quick
def test_axe_runs_under_the_policy_and_sees_a_planted_fault(open_context, site_url):
    page = open_context().new_page()
    page.goto(site_url + "about/")
    assert axe(page) == []
    page.evaluate("document.querySelector('article').append(document.createElement('input'))")
    assert any(v.startswith("label ") for v in axe(page))


@pytest.mark.quick
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_passes_axe(open_context, site_url, site_dir, scheme):
    page = open_context(color_scheme=scheme).new_page()
    found = {}
    for path in site_pages(site_dir):
        page.goto(site_url + path)
        page.locator("body[data-md-color-scheme]").wait_for(state="attached")
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
        violations = axe(page)
        if violations:
            found[path or "/"] = violations
    assert found == {}


@in_widget_zones
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_calculator_passes_axe_with_results_and_with_errors(open_widget):
    page, form = open_widget("follow-up/", "follow-up")
    form.locator('[name="ended_date"]').fill("2026-04-28")
    form.locator('[name="ended_time"]').fill("15:00")
    form.locator('[data-result="month-view"] table').first.wait_for()
    assert axe(page) == []
    form.locator('input[name="timeline"][value="days"]').check()
    form.locator('[name="timeline_n"]').fill("200")
    form.locator('[name="tz"]').fill("Mars/Olympus")
    form.locator('[data-error-for="tz"]').wait_for()
    assert axe(page) == []


@in_widget_zones
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_generator_passes_axe_with_results_and_with_errors(open_widget):
    page, form = open_widget("write-email/", "email")
    # An empty form shows a draft and the checks that fail: the generator's usual "errors".
    form.locator(".orei-check--fail").first.wait_for()
    assert axe(page) == []
    form.locator('[name="company"]').fill("Aoba Systems K.K.")
    form.locator('[data-result="body"]', has_text="Aoba Systems").wait_for()
    assert axe(page) == []
    # A field error: the form offers no wrong choice, so plant one, as a tampered link might.
    form.locator('[name="round"]').evaluate(
        "select => { select.append(new Option('?', 'fifth')); select.value = 'fifth';"
        " select.dispatchEvent(new Event('change', { bubbles: true })); }"
    )
    form.locator('[data-error-for="round"]:not([hidden])').wait_for()
    assert axe(page) == []


@in_widget_zones
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_applications_page_passes_axe_with_results_and_with_errors(open_widget):
    page, form = open_widget("applications/", "applications")
    assert axe(page) == []  # empty, before anything is added
    import_file(form, json.dumps(DOCUMENT).encode())
    keep(form)
    form.locator("li.orei-step--overdue").first.wait_for()
    form.locator('[data-result="month-view"] table').first.wait_for()
    assert axe(page) == []
    # An editor error and a refused file, shown beside the agenda.
    form.locator('[name="recruiter_email"]').fill("sato at aoba")
    form.locator('[name="recruiter_email"]').blur()  # its change, before the file is chosen
    settled(form)
    form.locator('[data-error-for="recruiter_email"]:not([hidden])').wait_for()
    assert axe(page) == []
    import_file(form, b'{"format": "orei-applications", "version": 1, "applications": [')
    form.locator('[data-error-for="import"]:not([hidden])').wait_for()
    assert axe(page) == []
    # Data another tab wrote, and data that cannot be read: the conflict and the problem.
    page.evaluate(
        "() => { localStorage.setItem('orei:store:applications:document', '{');"
        " localStorage.setItem('orei:store:applications', '99'); }"
    )
    page.reload()
    settled(page.locator('form[data-orei-widget="applications"][data-orei-ready]'))
    form.locator('[data-result="storage-problem"]:not([hidden])').wait_for()
    assert axe(page) == []


@in_widget_zones
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_template_of_the_generator_passes_axe(open_context, site_url, lang):
    page = open_context().new_page()
    found = {}
    for key in template_keys():
        for mail_lang in ("en", "ja"):
            # Filled in as the guide's example, so every field and variant the mail has shows.
            fields = {"template": key, "lang": mail_lang, **example_fields(mail_lang, key)}
            path = ("" if lang == "en" else "ja/") + "write-email/"
            open_generator(page, site_url, path, "#" + urlencode(fields), now=NOW)
            violations = axe(page)
            if violations:
                found[f"{key}.{mail_lang}"] = violations
    assert found == {}


CONTROL_NAMES = """form => [...form.querySelectorAll(
    "input, select, textarea, button, a[data-action]")]
  .filter((el) => el.type !== "hidden")
  .map((el) => {
    const labelled = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent || "").join(" ");
    const name = [...(el.labels || [])].map((l) => l.textContent).join(" ")
      || el.getAttribute("aria-label") || labelled
      || (["BUTTON", "A"].includes(el.tagName) ? el.textContent : "");
    return [el.name || el.dataset.action, name.trim()];
  })"""


WIDGET_PATHS = {
    "follow-up/": "follow-up",
    "ja/follow-up/": "follow-up",
    "write-email/": "email",
    "ja/write-email/": "email",
    "applications/": "applications",
    "ja/applications/": "applications",
}


@in_widget_zones
@pytest.mark.parametrize("path", WIDGET_PATHS)
def test_every_control_has_a_name_and_results_are_announced_politely(open_context, site_url, path):
    page = open_context().new_page()
    widget = WIDGET_PATHS[path]
    form = ready(page, site_url, path, widget)
    if widget == "applications":  # its agenda's buttons exist once there are applications
        import_file(form, json.dumps(DOCUMENT).encode())
    names = form.evaluate(CONTROL_NAMES)
    assert len(names) >= 10
    assert [control for control, name in names if not name] == []
    # Every result slot sits in a polite live region that is itself never hidden; the
    # one-line summary repeats the plan and a choice to make is part of the form, so
    # neither is announced (no result twice, no control as news).
    for slot in form.locator("[data-result]").all():
        region = slot.locator("xpath=ancestor::*[@aria-live][1]")
        if slot.get_attribute("data-result") in NOT_ANNOUNCED[widget]:
            assert region.count() == 0
            continue
        assert region.get_attribute("aria-live") == "polite"
        assert region.get_attribute("hidden") is None
    assert form.locator("[data-orei-status]").get_attribute("role") == "status"
    assert page.locator('[aria-live="assertive"], [role="alert"]').count() == 0


TAB_ORDER_IS_DOCUMENT_ORDER = """() => {
  const seen = window.__oreiFocus;
  const backwards = [];
  for (let i = 1; i < seen.length; i++) {
    const order = seen[i - 1].compareDocumentPosition(seen[i]);
    if (!(order & Node.DOCUMENT_POSITION_FOLLOWING)) {
      backwards.push(`${seen[i - 1].outerHTML.slice(0, 80)} -> ${seen[i].outerHTML.slice(0, 80)}`);
    }
  }
  return backwards;
}"""


@pytest.mark.parametrize("path", ["follow-up/", "ja/write-email/", "faq/"])
def test_focus_moves_through_the_page_in_reading_order(open_context, site_url, path):
    page = open_context().new_page()
    page.goto(site_url + path)
    page.locator("body[data-md-color-scheme]").wait_for(state="attached")
    assert page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count() == 0
    page.evaluate("window.__oreiFocus = []")
    for _ in range(400):
        page.keyboard.press("Tab")
        done = page.evaluate(
            "(() => { const el = document.activeElement;"
            " if (!el || el === document.body || window.__oreiFocus.includes(el)) return true;"
            " window.__oreiFocus.push(el); return false; })()"
        )
        if done:
            break
    assert page.evaluate("window.__oreiFocus.length") > 20
    assert page.evaluate(TAB_ORDER_IS_DOCUMENT_ORDER) == []


@in_widget_zones
def test_the_generator_works_with_the_keyboard_alone(open_context, site_url):
    page = open_context(accept_downloads=True).new_page()
    form = ready(page, site_url, "write-email/", "email")
    typed = {"company": "Aoba Systems K.K.", "your_name": "Hanako Yamada"}
    page.locator("body").focus()
    reached = []
    for _ in range(200):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "document.activeElement.name || document.activeElement.dataset.action || ''"
        )
        reached.append(active)
        if active == "lang":
            page.keyboard.press("ArrowDown")  # English -> 日本語, as a closed select does
        if active in typed:
            page.keyboard.type(typed[active])
        if active == "download-eml":
            break
    assert {"template", "lang", "company", "your_name", "remember", "copy", "mailto"} <= set(
        reached
    )
    form.locator('[data-result="body"]', has_text="Aoba Systems").wait_for()
    assert form.locator('[name="lang"]').input_value() == "ja"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".eml")


# A button's action first: the agenda's buttons all send their application as `target`.
ACTIVE_CONTROL = "document.activeElement.dataset.action || document.activeElement.name || ''"


def tab_to(page, control: str, limit: int = 200) -> list[str]:
    """Press Tab until `control` (a name or a data-action) has focus; what was reached."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(ACTIVE_CONTROL))
        if reached[-1] == control:
            return reached
    raise AssertionError(f"Tab never reached {control}: {reached}")


@pytest.mark.quick
@in_widget_zones
def test_the_applications_page_works_with_the_keyboard_alone(open_context, site_url):
    page = open_context(accept_downloads=True).new_page()
    form = ready(page, site_url, "applications/", "applications")
    page.locator("body").focus()
    reached = tab_to(page, "keep")
    page.keyboard.press("Space")
    settled(form)
    assert form.locator('[name="keep"]').is_checked()
    reached += tab_to(page, "company")
    page.keyboard.type("Aoba Systems")
    reached += tab_to(page, "ended_date")
    page.keyboard.type("04282026")  # Chromium's date field takes the digits in the locale's order
    reached += tab_to(page, "ended_time")  # past the date's own parts and its picker
    page.keyboard.type("0300P")
    reached += tab_to(page, "save")
    page.keyboard.press("Enter")
    settled(form)
    aoba = item(form, "Aoba Systems")
    assert "Send the thank-you email" in aoba.inner_text()
    # Focus is on the saved application: its buttons are the next stops.
    assert page.evaluate("document.activeElement.id") == aoba.get_attribute("id")
    reached += tab_to(page, "mark-sent", limit=5)
    page.keyboard.press("Enter")
    settled(form)
    assert "follow up from" in item(form, "Aoba Systems").inner_text()
    reached += tab_to(page, "export-json")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".json")
    assert {"keep", "company", "ended_date", "save", "mark-sent", "export-json"} <= set(reached)


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_every_page_reflows_at_320_pixels(open_context, site_url, site_dir):
    page = open_context(viewport={"width": 320, "height": 640}).new_page()
    wide = {}
    for path in site_pages(site_dir):
        page.goto(site_url + path)
        page.locator("body[data-md-color-scheme]").wait_for(state="attached")
        if overflow(page) > 0:
            wide[path or "/"] = overflow(page)
    assert wide == {}


@in_widget_zones
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_widgets_with_results_reflow_at_320_pixels(open_context, site_url, lang):
    page = open_context(viewport={"width": 320, "height": 640}).new_page()
    prefix = "" if lang == "en" else "ja/"
    form = ready(page, site_url, prefix + "follow-up/", "follow-up")
    form.locator('[name="ended_date"]').fill("2026-12-25")
    form.locator('[name="ended_time"]').fill("19:00")
    form.locator('[data-result="month-view"] table').nth(1).wait_for()
    assert overflow(page) <= 0
    form = ready(page, site_url, prefix + "write-email/", "email")
    form.locator('[name="company"]').fill("Aoba Systems Kabushiki Kaisha, Tokyo headquarters")
    form.locator('[name="topic"]').fill("the migration of the payment platform " * 4)
    form.locator('[data-result="body"]', has_text="Kabushiki").wait_for()
    assert overflow(page) <= 0
    form = ready(page, site_url, prefix + "applications/", "applications")
    add_application(
        form,
        company="Aoba Systems Kabushiki Kaisha, Tokyo headquarters, platform division",
        recruiter_name="Sato",
        ended_date="2026-12-25",
        ended_time="19:00",
    )
    import_file(form, json.dumps(DOCUMENT).encode())
    form.locator('[data-action="import-add"]').click()  # the choice shows too: add to it
    settled(form)
    form.locator('[data-result="month-view"] table').nth(1).wait_for()
    assert overflow(page) <= 0


def test_nothing_is_told_by_colour_alone(open_context, site_url):
    page = open_context().new_page()
    form = ready(page, site_url, "follow-up/", "follow-up")
    form.locator('[name="ended_date"]').fill("2026-04-28")
    form.locator('[name="ended_time"]').fill("15:00")
    holiday = form.locator("td.orei-day--holiday").first
    holiday.wait_for()
    # Days carry marks (text) and names for screen readers; the legend explains each mark.
    assert holiday.locator(".orei-marks").inner_text().strip()
    assert holiday.locator(".orei-sr").inner_text().strip()
    assert form.locator(".orei-legend li").count() >= 5
    # An error says so in words, with a symbol, and marks its field for assistive technology.
    form.locator('[name="tz"]').fill("Mars/Olympus")
    error = form.locator('[data-error-for="tz"]')
    error.wait_for()
    assert error.inner_text().strip()
    assert "⚠" in error.evaluate("e => getComputedStyle(e, '::before').content")
    assert form.locator('[name="tz"]').get_attribute("aria-invalid") == "true"
    # Unavailable buttons are disabled, not only greyed.
    assert form.locator('[data-action="download-ics"]').is_disabled()
    # The generator's checks say "passed" or "missing" in words, not only in colour.
    email = ready(page, site_url, "write-email/", "email")
    email.locator(".orei-check--fail").first.wait_for()
    ok = email.locator(".orei-check--ok .orei-check-status").first.inner_text()
    fail = email.locator(".orei-check--fail .orei-check-status").first.inner_text()
    assert ok.strip()
    assert fail.strip()
    assert ok != fail
    # Links in running text are underlined.
    page.goto(site_url + "about/")
    link = page.locator("article :is(p, li) > a[href]").first
    assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
