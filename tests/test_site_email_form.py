"""The generator's form and its examples, from orei's one list of fields and templates."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from orei.compose import render_example
from orei.email_spec import FIELDS
from orei.email_templates import template_keys, used_by
from orei_site import email_form
from orei_site.markers import widget_form

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!--\s*orei:template\s+([a-z-]+)\s*-->")


class Controls(HTMLParser):
    """Each named control of a form, with the `data-used-by` of the element around it."""

    def __init__(self) -> None:
        super().__init__()
        self.used_by: list[str | None] = [None]
        self.found: dict[str, str | None] = {}
        self.depth: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"div", "fieldset"}:
            self.depth.append(tag)
            self.used_by.append(attributes.get("data-used-by", self.used_by[-1]))
        if tag in {"input", "select", "textarea"} and attributes.get("name"):
            self.found[attributes["name"]] = self.used_by[-1]

    def handle_endtag(self, tag):
        if tag in {"div", "fieldset"} and self.depth:
            self.depth.pop()
            self.used_by.pop()


def controls(lang: str) -> dict[str, str | None]:
    parser = Controls()
    parser.feed(widget_form("email", lang))
    return parser.found


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_form_has_a_control_for_every_field_marked_with_its_templates(lang):
    found = controls(lang)
    assert set(FIELDS) <= set(found)
    for name in FIELDS:
        assert set(found[name].split()) == {f"{key}.{lg}" for key, lg in used_by(name)}, name
    assert {"template", "lang", "premium", "remember"} <= set(found)
    assert found["premium"] == "linkedin-note.en linkedin-note.ja"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_form_offers_every_template_in_order(lang):
    form = widget_form("email", lang)
    select = form.split('name="template"')[1].split("</select>")[0]
    offered = re.findall(r'<option value="([a-z-]+)"', select)
    assert offered == list(template_keys())


def test_the_first_fieldset_says_what_it_holds():
    assert "<legend>Email type and language</legend>" in widget_form("email", "en")
    assert "<legend>メールの種類と言語</legend>" in widget_form("email", "ja")
    assert "<legend>Preview</legend>" not in widget_form("email", "en")


def test_the_options_group_holds_the_tick_boxes():
    form = widget_form("email", "en")
    options = form.split("<legend>Options</legend>")[1].split("</fieldset>")[0]
    assert {"after_hours", "phoned", "premium"} <= set(re.findall(r'name="([a-z_]+)"', options))


def test_the_style_sheet_has_one_rule_per_template_and_language():
    css = email_form.visibility_css()
    for key in template_keys():
        for lang in ("en", "ja"):
            assert f'option[value="{key}"]:checked):has([name="lang"] option[value="{lang}"]' in css
            assert f'[data-used-by]:not([data-used-by~="{key}.{lang}"])' in css
    assert css.count("display: none;") == 2 * len(template_keys())


def test_the_built_site_ships_the_style_sheet_and_links_it(site_dir):
    shipped = site_dir / "assets" / "orei" / email_form.CSS_NAME
    assert shipped.read_text("utf-8") == email_form.visibility_css()
    for page in ("write-email/index.html", "ja/write-email/index.html"):
        assert f"assets/orei/{email_form.CSS_NAME}" in (site_dir / page).read_text("utf-8")


def test_every_template_has_its_example_in_the_guide_in_both_languages():
    for suffix in (".md", ".ja.md"):
        pages = [
            p
            for p in (ROOT / "docs").glob(f"*{suffix}")
            if (".ja." in p.name) == (suffix == ".ja.md")
        ]
        shown = {key for page in pages for key in MARKER.findall(page.read_text("utf-8"))}
        assert shown == set(template_keys()), suffix


@pytest.mark.parametrize("key", template_keys())
def test_the_built_example_is_the_template_rendered(site_dir, key):
    for prefix, lang in (("", "en"), ("ja/", "ja")):
        page = next(
            p
            for p in (ROOT / "docs").glob("*.md")
            if p.name.endswith(".ja.md") == (lang == "ja") and key in MARKER.findall(p.read_text())
        )
        slug = page.name.removesuffix(".ja.md").removesuffix(".md")
        built = (site_dir / f"{prefix}{slug}" / "index.html").read_text("utf-8")
        text = html.unescape(re.sub(r"<[^>]+>", "", built))
        for example_lang in ("en", "ja"):
            longest = max(render_example(key, example_lang).body.split("\n"), key=len)
            assert longest in text, (key, lang, example_lang)


def test_the_form_has_none_of_the_known_tells():
    japanese, english = widget_form("email", "ja"), widget_form("email", "en")
    # The form asks for the recipient; the interviewers are a separate, optional list.
    assert "面接官の姓" not in japanese
    assert "Interviewer's surname" not in english
    for tell in ("採用担当者様", "フォローアップ", "夜分", "（（"):
        assert tell not in japanese
    assert "late hour" not in english
