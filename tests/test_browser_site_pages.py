"""Every page in Chromium loads from this host only, without errors; Material's parts work."""

from __future__ import annotations

import pytest
from pages import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", [*PAGES, "404.html"])
def test_page_loads_only_from_this_host_without_errors(page, seen, site_url, path):
    # The `page` fixture fails the test on any request to another host or console error.
    page.goto(site_url + path, wait_until="networkidle")
    assert page.locator("article h1").first.is_visible()
    assert page.title()
    assert seen.requests, "the watch saw no requests"
    assert seen.foreign_requests() == []


@pytest.mark.quick
def test_task_list_boxes_tick_on_screen_and_are_named(page, site_url):
    page.goto(site_url + "ja/reflect/")
    first = page.locator(".task-list-control input").first
    assert first.get_attribute("aria-label").startswith("面接官の氏名")
    assert not first.is_checked()
    first.check(force=True)  # the input sits under its drawn box
    assert first.is_checked()
    # Ticks live in the page only: a reload starts empty.
    page.reload()
    assert not page.locator(".task-list-control input").first.is_checked()


@pytest.mark.quick
def test_palette_toggle_switches_between_light_and_dark(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Switch to dark mode']").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator("label[title='Switch to light mode']").click()
    assert body.get_attribute("data-md-color-scheme") == "default"


def test_code_blocks_have_a_copy_button(page, site_url):
    page.goto(site_url + "thank-you-email/")
    copy = page.locator("pre button[data-md-type='copy']")
    copy.first.wait_for()
    assert page.locator("pre").count() == copy.count() >= 2
    assert copy.first.get_attribute("data-clipboard-target") == "#__code_0 > code"


def test_content_tabs_switch(page, site_url):
    page.goto(site_url + "thank-you-email/")
    tabs = page.locator(".tabbed-set").first
    japanese = tabs.locator(".tabbed-block").nth(1)
    assert not japanese.is_visible()
    tabs.locator(".tabbed-labels label").nth(1).click()
    assert japanese.is_visible()
    assert "一次面接" in japanese.inner_text()


def test_logo_and_favicon_load(page, site_url):
    page.goto(site_url + "ja/", wait_until="networkidle")
    logo = page.locator(".md-header__button.md-logo img")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("link[rel=icon]").get_attribute("href").endswith("assets/favicon.svg")


def test_the_404_page_links_home_in_both_languages(page, site_url):
    page.goto(site_url + "404.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("section[lang=ja] a").click()
    page.wait_for_url(site_url + "ja/")
    assert page.locator("html").get_attribute("lang") == "ja"
