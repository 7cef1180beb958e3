"""Helpers for the applications page's browser tests (the calculator's are in `browser.py`).

Every wait is for the settled form (`browser.settled`: no request in flight) or for
exact text, never a fixed time. Files go in through the page's own file input and come
out as real downloads, read back from disk.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from browser import settled

FORM = 'form[data-orei-widget="applications"]'
# 16:00 in Tokyo on the guide's worked example's day.
NOW = dt.datetime(2026, 4, 28, 7, 0, tzinfo=dt.UTC)
KEYS = """() => Object.keys(localStorage).filter((key) => key.startsWith("orei:store:"))"""
STORED = """() => Object.fromEntries(Object.entries(localStorage)
  .filter(([key]) => key.startsWith("orei:store:")))"""


def open_applications(page, site_url, path="applications/", *, now=NOW, fragment=""):
    """Open the applications page (its clock at `now`) and wait for its first settled view."""
    if now is not None:
        page.clock.set_fixed_time(now)
    page.goto(site_url + path + fragment)
    page.locator(f"{FORM}[data-orei-ready]").wait_for(timeout=120_000)
    return settled(page.locator(FORM))


def add_application(form, **fields):
    """Fill the editor (`company`, interview fields…) and save; wait for the settled form."""
    for name, value in fields.items():
        box = form.locator(f'[name="{name}"]')
        if box.get_attribute("type") == "radio":
            form.locator(f'[name="{name}"][value="{value}"]').check()
        elif box.evaluate("el => el.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)
    settled(form)
    form.locator('[data-action="save"]').click()
    settled(form)
    return form


def keep(form):
    """Tick "Keep my applications in this browser"."""
    form.locator('[name="keep"]').check()
    return settled(form)


def item(form, company: str):
    """The agenda's item of the application named `company`."""
    name = form.page.locator(".orei-step-company", has_text=company)
    return form.locator("li.orei-step", has=name)


def press(form, company: str, action: str):
    """Click one of an agenda item's buttons (`mark-sent`, `edit`…) and wait."""
    item(form, company).locator(f'[data-action="{action}"]').first.click()
    return settled(form)


def download(page, form, action: str) -> tuple[str, bytes]:
    """Click an export button; the file's suggested name and its bytes."""
    with page.expect_download() as info:
        form.locator(f'[data-action="{action}"]').click()
    saved = info.value
    return saved.suggested_filename, Path(saved.path()).read_bytes()


def import_file(form, data: bytes, name: str = "orei-applications.json"):
    """Choose `data` in the page's file input, as a reader would, and wait."""
    form.locator('input[type="file"][data-action="import"]').set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": data}]
    )
    # The binder marks the form busy as the change event starts the action, before it
    # reads the file: the settled form is the answer to this file.
    return settled(form)


def agenda_times(form) -> dict[str, list[str]]:
    """Each agenda item's `<time datetime>` values, by company."""
    found = form.locator("li.orei-step").evaluate_all(
        """items => items.map((li) => [
            li.querySelector('.orei-step-company').textContent,
            [...li.querySelectorAll('.orei-step-what time')].map((t) => t.getAttribute('datetime')),
        ])"""
    )
    return dict(found)


def document_of(page) -> dict:
    """The document the page holds, parsed."""
    return json.loads(page.locator(f'{FORM} [name="document"]').input_value())


def interview(ended, tz="Asia/Tokyo", **more):
    """An interview of the file: its end, its zone and any more of its keys."""
    return {"ended": ended, "tz": tz, **more}


def application(identifier, company, interviews=(), stage="first-interview", **more):
    """An application of the file with the keys it must have."""
    return {
        "id": identifier,
        "company": company,
        "role": "",
        "stage": stage,
        "interviews": list(interviews),
        **more,
    }


# A file for every test that needs applications of every kind (the trust tests too).
# One application for each kind of step on 28 April 2026 at 16:00 in Tokyo, and the step
# the agenda must show. The dates to expect come from the planner, in the test.
CASES = {
    "Aoba": ("send-thank-you", [interview("2026-04-28T15:00+09:00")]),
    "Kiri": (
        "wait",
        [
            interview(
                "2026-04-14T10:30-04:00",
                "America/New_York",
                timeline="2w",
                buffer=2,
                thank_you_sent="2026-04-14",
            )
        ],
    ),
    "Hinoki": ("follow-up", [interview("2026-04-10T14:00+09:00", thank_you_sent="2026-04-10")]),
    "Momiji": (
        "follow-up",
        [
            interview("2026-03-02T10:00+09:00", thank_you_sent="2026-03-02"),
            interview("2026-04-20T17:00+09:00", closures=["new-year", "obon"]),
        ],
    ),
}
DOCUMENT = {
    "format": "orei-applications",
    "version": 1,
    "applications": [
        application(f"case-{number}", company, interviews)
        for number, (company, (_, interviews)) in enumerate(CASES.items())
    ]
    + [
        application("offer", "Sakura", stage="offer", offer_deadline="2026-05-08"),
        application("over", "Tsubaki", stage="rejected"),
    ],
}
