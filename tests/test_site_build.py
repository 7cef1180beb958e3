"""The built site as files: links, anchors, titles, descriptions, lang, sharing tags, sitemaps.

These read the HTML that `mkdocs build --strict` wrote (the session's `site_dir`), so
they check what a reader and a crawler get, in both languages.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from pages import PAGES, nav_pages

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LOCALES = {"en": "en_GB", "ja": "ja_JP"}


@dataclass
class Html:
    """What the tests need from one HTML file."""

    lang: str | None = None
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)  # rel -> hrefs
    hrefs: list[str] = field(default_factory=list)  # <a href>
    resources: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) loaded by the page
    ids: set[str] = field(default_factory=set)
    checkboxes: list[dict[str, str | None]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html = Html()
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.html.ids.add(a["id"])
        if tag == "html":
            self.html.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.html.meta[key] = a.get("content") or ""
        elif tag == "link":
            for rel in (a.get("rel") or "").split():
                self.html.links.setdefault(rel, []).append(a.get("href") or "")
            if a.get("rel") in {"stylesheet", "icon", "preload", "modulepreload", "prefetch"}:
                self.html.resources.append((tag, a.get("href") or ""))
        elif tag == "a" and a.get("href") is not None:
            self.html.hrefs.append(a["href"] or "")
        elif tag == "input" and a.get("type") == "checkbox":
            self.html.checkboxes.append(a)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and a.get("src"):
            self.html.resources.append((tag, a["src"] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.html.title += data


_parsed: dict[Path, Html] = {}


def parse(path: Path) -> Html:
    if path not in _parsed:
        parser = _Parser()
        parser.feed(path.read_text("utf-8"))
        _parsed[path] = parser.html
    return _parsed[path]


def page_file(site_dir: Path, page: str) -> Path:
    return site_dir / page / "index.html"


def html_files(site_dir: Path) -> list[Path]:
    """Every HTML page of the site (the runtime's folders hold none of the guide's)."""
    return sorted(
        p for p in site_dir.rglob("*.html") if "assets" not in p.relative_to(site_dir).parts
    )


def page_url(site_dir: Path, path: Path, address: str) -> str:
    """The address a file is served at, under the address the site was built for."""
    relative = PurePosixPath(path.relative_to(site_dir).as_posix())
    if relative.name == "index.html":
        parent = str(relative.parent)
        return address + ("" if parent == "." else f"{parent}/")
    return address + str(relative)


def target_file(site_dir: Path, url: str, address: str) -> Path | None:
    """The file a same-site URL is served from, or None for another host."""
    parts = urlsplit(url)
    base = urlsplit(address)
    if parts.scheme not in {"http", "https"} or parts.netloc != base.netloc:
        return None
    path = PurePosixPath(unquote(parts.path))
    relative = str(path.relative_to(base.path)) if str(path) != "/" else "."
    target = site_dir / relative
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def language_of(site_dir: Path, path: Path) -> str:
    return "ja" if path.relative_to(site_dir).parts[0] == "ja" else "en"


def test_every_guide_page_is_built_in_both_languages(site_dir):
    missing = [p for p in PAGES if not page_file(site_dir, p).exists()]
    assert missing == []
    # The Japanese pages are translations, not the English fallback.
    for page in nav_pages():
        japanese = parse(page_file(site_dir, f"ja/{page}"))
        assert JAPANESE.search(japanese.title), (page, japanese.title)


def test_every_link_and_anchor_on_the_site_resolves(site_dir, site_address):
    broken = []
    for path in html_files(site_dir):
        html = parse(path)
        base = page_url(site_dir, path, site_address)
        linked = [href for hrefs in html.links.values() for href in hrefs]
        for href in html.hrefs + linked + [url for _, url in html.resources]:
            url = urljoin(base, href)
            target = target_file(site_dir, url, site_address)
            if target is None:
                continue
            where = f"{path.relative_to(site_dir)} -> {href}"
            if not target.exists():
                broken.append(f"{where}: no file {target.relative_to(site_dir)}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{where}: no id {fragment!r}")
    assert broken == []


def test_the_link_check_sees_the_guide_links_in_both_languages(site_dir):
    # The check above must really follow page-to-page links with fragments.
    for page in ("", "ja/"):
        hrefs = parse(page_file(site_dir, page)).hrefs
        assert "follow-up/#calculator" in hrefs
        assert "reflect/#worksheet" in hrefs


@pytest.mark.parametrize("language", ["en", "ja"])
def test_each_page_has_its_own_title_and_description(site_dir, language):
    pages = [p for p in PAGES if (p.startswith("ja/") == (language == "ja"))]
    titles = {}
    descriptions = {}
    for page in pages:
        html = parse(page_file(site_dir, page))
        assert html.title.endswith(" - Orei"), (page, html.title)
        assert len(html.title.removesuffix(" - Orei")) >= 8, (page, html.title)
        description = html.meta.get("description", "")
        assert len(description) >= 40, (page, description)
        titles[page] = html.title
        descriptions[page] = description
    assert len(set(titles.values())) == len(pages), titles
    assert len(set(descriptions.values())) == len(pages), descriptions


def test_every_page_declares_its_language(site_dir):
    for path in html_files(site_dir):
        # The 404 page is for both languages and marks each half; its frame is English.
        assert parse(path).lang == language_of(site_dir, path), path


def test_open_graph_tags_describe_each_page(site_dir, site_address):
    for page in PAGES:
        html = parse(page_file(site_dir, page))
        language = "ja" if page.startswith("ja/") else "en"
        assert html.meta["og:title"] == html.title.removesuffix(" - Orei"), page
        assert html.meta["og:description"] == html.meta["description"], page
        assert html.links["canonical"] == [site_address + page]
        assert html.meta["og:url"] == site_address + page
        assert html.meta["og:type"] == "website"
        assert html.meta["og:site_name"] == "Orei"
        assert html.meta["og:locale"] == LOCALES[language]
        assert html.meta["og:locale:alternate"] == LOCALES["ja" if language == "en" else "en"]
        image = target_file(site_dir, html.meta["og:image"], site_address)
        assert image is not None
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert html.meta["twitter:card"] == "summary_large_image"


def test_logo_and_favicon_are_the_sites_own(site_dir):
    html = parse(page_file(site_dir, "ja/reflect/"))
    (icon,) = html.links["icon"]
    assert icon == "../../assets/favicon.svg"
    assert (site_dir / "assets" / "favicon.svg").read_text("utf-8").startswith("<svg")
    assert ("img", "../../assets/logo.svg") in html.resources


def test_the_404_page_speaks_both_languages_and_is_not_indexed(site_dir):
    page = site_dir / "404.html"
    html = parse(page)
    text = page.read_text("utf-8")
    assert html.meta["robots"] == "noindex"
    assert "Page not found" in html.title
    assert "ページが見つかりません" in html.title
    assert '<section lang="en">' in text
    assert '<section lang="ja">' in text
    # Absolute links, so the page works at whatever address the host serves it.
    assert {"/./", "/ja/"} <= set(html.hrefs)


def read_sitemap(path: Path) -> dict[str, dict[str, str]]:
    """Each <loc> of a sitemap with its hreflang alternates."""
    urls = {}
    for url in ET.parse(path).getroot().findall("sm:url", SITEMAP_NS):
        loc = url.findtext("sm:loc", namespaces=SITEMAP_NS)
        links = url.findall("xhtml:link", SITEMAP_NS)
        urls[loc] = {link.get("hreflang"): link.get("href") for link in links}
    return urls


def test_sitemap_lists_every_page_with_its_other_language(site_dir, site_address):
    urls = read_sitemap(site_dir / "sitemap.xml")
    assert set(urls) == {site_address + p for p in PAGES}
    for page in nav_pages():
        alternates = {"en": site_address + page, "ja": site_address + "ja/" + page}
        assert urls[site_address + page] == alternates
        assert urls[site_address + "ja/" + page] == alternates
    for loc in urls:
        assert target_file(site_dir, loc, site_address).exists(), loc


def test_each_language_folder_has_a_sitemap_of_its_own_pages(site_dir, site_address):
    # Material's switcher reads the sitemap under each language's root.
    urls = read_sitemap(site_dir / "ja" / "sitemap.xml")
    assert set(urls) == {site_address + "ja/" + p for p in nav_pages()}


def test_no_page_loads_anything_from_another_host(site_dir, site_address):
    foreign = []
    for path in html_files(site_dir):
        base = page_url(site_dir, path, site_address)
        for tag, url in parse(path).resources:
            if target_file(site_dir, urljoin(base, url), site_address) is None:
                foreign.append(f"{path.relative_to(site_dir)}: <{tag}> {url}")
    assert foreign == []
    css = list(site_dir.rglob("*.css"))
    assert css
    for sheet in css:
        text = sheet.read_text("utf-8", errors="replace")
        assert "fonts.googleapis" not in text, sheet
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text), sheet


def test_search_index_holds_both_languages_with_a_separator_for_japanese(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["en", "ja"]
    locations = {doc["location"] for doc in index["docs"]}
    assert {"thank-you-email/", "ja/thank-you-email/", "follow-up/", "ja/follow-up/"} <= locations
    separator = re.compile(index["config"]["separator"])
    # Japanese punctuation separates words, and so do kanji or kana meeting katakana and
    # an honorific prefix on a kanji, so that the text holds お礼 as the query does.
    assert separator.split("面接のお礼メール。問い合わせ、振り返り") == [
        "面接の",
        "お礼",
        "メール",
        "問い合わせ",
        "振り返り",
    ]
    assert separator.split("お礼") == ["お礼"]
    assert separator.split("follow-up email") == ["follow", "up", "email"]


@pytest.mark.parametrize("page", ["after-the-interview/", "reflect/"])
@pytest.mark.parametrize("language", ["", "ja/"])
def test_checklists_are_tickable(site_dir, page, language):
    boxes = parse(page_file(site_dir, language + page)).checkboxes
    assert len(boxes) >= 10
    assert all("disabled" not in box for box in boxes)
