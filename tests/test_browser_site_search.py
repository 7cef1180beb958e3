"""Material's search, through its own UI in Chromium, finds pages in English and in Japanese."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from browser import wait_for_result

pytestmark = pytest.mark.browser


def search(page, query: str, expected_path: str) -> list[str]:
    """Search for `query`; return the result pages' paths once `expected_path` is among them."""
    config = json.loads(page.locator("#__config").text_content())
    ready = config["translations"]["search.result.placeholder"]
    box = page.locator("input.md-search__input")
    box.click()
    # Until its worker has built the index, Material's search says it is initializing.
    page.locator(".md-search-result__meta", has_text=ready).wait_for()
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    # Results are links to pages (and to sections, with a fragment) carrying ?h=query.
    page.locator(f".md-search-result__item > a[href*='/{expected_path}?']").first.wait_for()
    hrefs = page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(link => link.href)"
    )
    return [urlsplit(href).path for href in hrefs]


def test_japanese_search_for_orei_finds_the_thank_you_page_first(page, site_url):
    page.goto(site_url + "ja/")
    paths = search(page, "お礼", "ja/thank-you-email/")
    assert paths[0] == "/ja/thank-you-email/"


@pytest.mark.quick
def test_japanese_search_finds_words_inside_sentences(page, site_url):
    page.goto(site_url + "ja/")
    paths = search(page, "問い合わせ", "ja/follow-up/")
    assert paths[0] == "/ja/follow-up/"
    assert all(path.startswith("/ja/") for path in paths)


def test_english_search_for_follow_up_finds_the_follow_up_page_first(page, site_url):
    page.goto(site_url)
    paths = search(page, "follow up", "follow-up/")
    assert paths[0] == "/follow-up/"


def test_a_search_result_opens_its_page(page, site_url):
    page.goto(site_url + "ja/")
    search(page, "振り返り", "ja/reflect/")
    page.locator(".md-search-result__item > a[href*='/ja/reflect/?']").first.click()
    page.wait_for_url(re.compile(r"/ja/reflect/"))
    assert urlsplit(page.url).path == "/ja/reflect/"
    # Instant navigation changes the address before it swaps the content, so wait for
    # the page's own heading (search results are articles too; the page is .md-content).
    heading = page.locator(".md-content article h1")
    heading.filter(has_text="面接の振り返り").wait_for()
    assert heading.inner_text().startswith("面接の振り返り")


def test_on_a_widget_page_the_search_starts_once_the_widget_has_answered(page, site_url):
    # Building the search index would compete with Python's boot for the CPU.
    started = []
    page.on("worker", lambda worker: started.append(urlsplit(worker.url).path))
    page.goto(site_url + "calendar/")
    wait_for_result(page, "business-day", "business-day")
    page.wait_for_function("() => globalThis.oreiSearchLater.reason !== null")
    assert page.evaluate("globalThis.oreiSearchLater.reason") == "answered"
    paths = search(page, "follow up", "follow-up/")
    assert paths[0] == "/follow-up/"
    searching = [n for n, path in enumerate(started) if "/workers/search." in path]
    booting = [n for n, path in enumerate(started) if path.endswith("/assets/orei/worker.js")]
    assert len(searching) == len(booting) == 1
    assert booting[0] < searching[0]
