"""The language switcher opens the same page in the other language, after instant navigation too."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def switch_to(page, language: str) -> None:
    page.locator(".md-header .md-select").hover()
    page.locator(f"a[data-orei-language='{language}']").click()


def path_of(page) -> str:
    return urlsplit(page.url).path


@pytest.mark.quick
def test_switching_from_english_keeps_the_page(page, site_url):
    page.goto(site_url + "reflect/")
    switch_to(page, "ja")
    page.wait_for_url(re.compile(r"/ja/reflect/$"))
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("article h1").inner_text().startswith("面接の振り返り")


def test_switching_from_japanese_keeps_the_page(page, site_url):
    page.goto(site_url + "ja/keep-searching/")
    switch_to(page, "en")
    page.wait_for_url(re.compile(r"\d/keep-searching/$"))
    assert path_of(page) == "/keep-searching/"
    assert page.locator("html").get_attribute("lang") == "en"


def test_after_instant_navigation_the_switch_follows_the_current_page(page, site_url):
    # Material intercepts links for instant navigation once it has read the sitemap.
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.__same_document = true")
    page.locator(".md-nav--primary a[href$='faq/']").first.click()
    page.wait_for_url(re.compile(r"/faq/$"))
    # Instant navigation swapped the content without loading a new document.
    assert page.evaluate("window.__same_document === true")
    switch_to(page, "ja")
    page.wait_for_url(re.compile(r"/ja/faq/$"))
    # The switch itself loads the whole page, so the interface is Japanese too.
    assert page.evaluate("window.__same_document === undefined")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "検索"
    page.locator(".md-nav--primary a[href$='glossary/']").first.click()
    page.wait_for_url(re.compile(r"/ja/glossary/$"))
    switch_to(page, "en")
    page.wait_for_url(re.compile(r"\d/glossary/$"))
    assert path_of(page) == "/glossary/"
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_section_the_reader_is_on_comes_along(page, site_url):
    page.goto(site_url + "after-the-interview/#checklist")
    switch_to(page, "ja")
    page.wait_for_url(re.compile(r"/ja/after-the-interview/#checklist$"))
    assert page.locator("h2#checklist").inner_text().startswith("チェックリスト")


def test_the_current_language_is_marked(page, site_url):
    page.goto(site_url + "ja/")
    current = page.locator("a[data-orei-language][aria-current='true']")
    assert current.get_attribute("data-orei-language") == "ja"
    assert current.get_attribute("lang") == "ja"


def test_a_link_into_the_other_language_loads_that_language(page, site_url):
    # A search result or a link can lead from an English page to a Japanese one;
    # instant navigation would keep lang="en", so such links load the page fully.
    page.goto(site_url + "reflect/")
    page.evaluate(
        """() => {
            const link = document.createElement("a");
            link.href = "../ja/follow-up/";
            link.id = "cross";
            link.textContent = "ja";
            document.querySelector(".md-content article").append(link);
        }"""
    )
    page.locator("#cross").click()
    page.wait_for_url(re.compile(r"/ja/follow-up/(#.*)?$"))  # the binder may add the form state
    assert page.locator("html").get_attribute("lang") == "ja"
