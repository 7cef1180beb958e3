"""The forms the build renders and the Python that reads them name the same fields.

The forms are Jinja templates (`widgets/forms/`) rendered into the guide's pages;
`orei.defaults` lists each widget's fields, `make_plan` takes the calculator's, and
the widgets fall back to the same defaults the forms show.
"""

from __future__ import annotations

import inspect
from html.parser import HTMLParser
from pathlib import Path

import pytest
from orei_widgets.follow_up import offset_choice
from orei_widgets.protocol import WIDGETS

from orei import defaults
from orei.interview_time import repetition
from orei.plan import make_plan

CONTROLS = {"input", "select", "textarea"}


class Forms(HTMLParser):
    """Each widget form's control names, defaults and error slots, by widget name."""

    def __init__(self) -> None:
        super().__init__()
        self.widget = ""
        self.names: dict[str, set[str]] = {}
        self.errors: dict[str, set[str]] = {}
        self.values: dict[str, dict[str, str]] = {}
        self.checked: dict[str, set[tuple[str, str]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and found.get("data-orei-widget"):
            self.widget = found["data-orei-widget"] or ""
            self.names.setdefault(self.widget, set())
            self.errors.setdefault(self.widget, set())
            self.values.setdefault(self.widget, {})
            self.checked.setdefault(self.widget, set())
        if not self.widget:
            return
        if tag in CONTROLS and found.get("name"):
            name = found["name"] or ""
            self.names[self.widget].add(name)
            if "checked" in found:
                self.checked[self.widget].add((name, found.get("value") or ""))
            elif found.get("value") and found.get("type") not in ("radio", "checkbox"):
                self.values[self.widget][name] = found["value"] or ""
        if found.get("data-error-for"):
            self.errors[self.widget].add(found["data-error-for"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.widget = ""


def read_forms(site_dir: Path, page: str) -> Forms:
    forms = Forms()
    forms.feed((site_dir / page / "index.html").read_text("utf-8"))
    return forms


@pytest.mark.parametrize(
    ("page", "widget"),
    [
        ("follow-up", "follow-up"),
        ("ja/follow-up", "follow-up"),
        ("write-email", "email"),
        ("ja/write-email", "email"),
        ("calendar", "business-day"),
        ("ja/calendar", "business-day"),
        ("applications", "applications"),
        ("ja/applications", "applications"),
    ],
)
def test_each_built_form_names_exactly_the_fields_python_reads(site_dir, page, widget):
    forms = read_forms(site_dir, page)
    expected = set(defaults.FORM_FIELDS[widget])
    if widget in ("follow-up", "applications"):
        expected -= {"ended_offset"}  # Python adds it beside the end time when needed
    assert forms.names[widget] == expected
    # The applications page's file to import has an error slot but no name: the binder
    # sends the file with the "import" action, not as a field of the form.
    unnamed = {"import"} if widget == "applications" else set()
    assert forms.errors[widget] - set(defaults.FORM_FIELDS[widget]) == unnamed


@pytest.mark.parametrize(
    ("page", "widget"),
    [
        ("follow-up", "follow-up"),
        ("ja/follow-up", "follow-up"),
        ("applications", "applications"),
        ("ja/applications", "applications"),
    ],
)
def test_the_calculator_form_shows_the_defaults_the_python_falls_back_to(site_dir, page, widget):
    forms = read_forms(site_dir, page)
    assert forms.values[widget] == {"tz": "Asia/Tokyo", "buffer": "3"}
    assert forms.checked[widget] == {("timeline", "none"), ("closures", "new-year")}
    assert (defaults.ZONE, defaults.BUFFER, defaults.TIMELINE) == ("Asia/Tokyo", 3, "none")


def test_the_end_time_choice_python_adds_is_the_field_it_reads():
    repeated = repetition("2026-11-01", "01:30", "America/New_York")
    assert repeated is not None
    forms = Forms()
    # The choice is Html, which would escape a plain str added to it: join them as text.
    forms.feed(f'<form data-orei-widget="follow-up">{offset_choice(repeated, "en")}</form>')
    assert forms.names["follow-up"] == {"ended_offset"}


def test_the_planner_takes_the_calculator_s_fields_in_order():
    assert tuple(inspect.signature(make_plan).parameters) == defaults.FOLLOW_UP_FIELDS


def test_every_widget_has_a_field_list():
    assert set(defaults.FORM_FIELDS) == set(WIDGETS)
