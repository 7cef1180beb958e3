"""Printing: the checklist fits one A4 page, task lists print as boxes, widgets stay off paper."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# Chromium writes each page of a PDF as an uncompressed `/Type /Page` object.
PDF_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


def tick(page, index: int) -> None:
    """Click the drawn box of a task list item, where a reader clicks it."""
    item = page.locator(".task-list-item").nth(index)
    # The click goes where the box is on screen, so the box must be on screen.
    item.scroll_into_view_if_needed()
    x, y = item.evaluate(
        "el => { const box = el.querySelector('.task-list-indicator');"
        " const r = box.getBoundingClientRect();"
        " const em = parseFloat(getComputedStyle(box).fontSize);"
        " return [r.left - 0.9 * em, r.top + 0.8 * em] }"
    )
    page.mouse.click(x, y)


def printed_pages(page) -> int:
    return len(PDF_PAGE.findall(page.pdf(format="A4")))


@pytest.mark.parametrize("language", ["", "ja/"])
def test_the_checklist_prints_on_one_a4_page(page, site_url, language):
    page.goto(site_url + language + "after-the-interview/")
    assert printed_pages(page) == 1
    page.emulate_media(media="print")
    # What is printed is the checklist itself: every box of it, and not the overview above.
    assert page.locator("h2#checklist").is_visible()
    assert page.locator(".task-list-item").last.is_visible()
    assert not page.locator("h2#timeline").is_visible()


def test_page_counting_sees_more_than_one_page(page, site_url):
    # The count above means something only if a long page counts as several.
    page.goto(site_url + "faq/")
    assert printed_pages(page) > 1


@pytest.mark.parametrize("language", ["", "ja/"])
def test_the_worksheet_prints_whole_with_drawn_boxes(page, site_url, language):
    page.goto(site_url + language + "reflect/")
    page.emulate_media(media="print")
    worksheet = page.locator("h2#worksheet")
    assert worksheet.is_visible()
    indicator = page.locator(".task-list-indicator").first
    box = indicator.evaluate(
        "el => { const s = getComputedStyle(el, '::before');"
        " return [s.borderTopStyle, s.borderTopWidth, s.maskImage || s.webkitMaskImage] }"
    )
    # A border prints without "background graphics"; Material's masked icon would not.
    assert box[0] == "solid"
    assert box[1] != "0px"
    assert box[2] == "none"
    assert printed_pages(page) <= 3


def test_a_ticked_box_prints_ticked(page, site_url):
    page.goto(site_url + "reflect/")
    tick(page, 2)
    assert page.locator(".task-list-control input").nth(2).is_checked()
    page.emulate_media(media="print")
    marks = page.locator(".task-list-indicator").evaluate_all(
        "els => els.map(el => getComputedStyle(el, '::before').content)"
    )
    assert marks[2] == '"✓"'
    assert set(marks[:2] + marks[3:]) == {'""'}


@pytest.mark.quick
def test_widgets_and_site_chrome_stay_off_paper(page, site_url):
    page.goto(site_url + "calendar/")
    page.locator("form.orei-widget").first.wait_for()
    page.emulate_media(media="print")
    for selector in ("form.orei-widget", ".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()


def test_dark_palette_prints_black_on_white(page, site_url):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "reflect/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    colors = page.locator("article").evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colors == ["rgba(0, 0, 0, 0.87)", "rgb(255, 255, 255)"]
