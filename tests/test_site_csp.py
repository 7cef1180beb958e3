"""The Content Security Policy in the built site: every page carries it, before anything it governs.

The browser tests run every page under this policy (and the `_headers` copy of
it); these read the files, so they say exactly which page lacks what.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import host_headers

from orei_site import csp

# What a page may load or run besides its own origin (and its inline-script hashes).
ALLOWED_SOURCES = {"'self'", "'none'", "'wasm-unsafe-eval'", "data:"}


class Page(HTMLParser):
    """The parts of a page the policy is about."""

    def __init__(self) -> None:
        super().__init__()
        self.head_elements: list[tuple[str, dict[str, str]]] = []
        self.in_head = False
        self.policies: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self.script_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = {name: value or "" for name, value in attrs}
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head_elements.append((tag, found))
        if tag == "meta" and found.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(found["content"])
        for name, value in found.items():
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style" or tag == "style":
                self.styles.append(f"<{tag} style={value!r}>")
            if name in {"href", "src", "action", "formaction"} and value.strip().lower().startswith(
                "javascript:"
            ):
                self.script_urls.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.styles.append("<style>")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    return page


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def html_pages(site_dir: Path) -> list[Path]:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 25  # 12 pages in two languages, and the 404 page
    return pages


def test_the_spec_example_hashes_as_the_spec_says():
    # The example of the CSP Level 3 specification, section "Hash usage for script elements".
    assert csp.script_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_line_breaks_are_hashed_as_the_browser_reads_them():
    assert csp.script_hash("a();\r\nb();\rc();") == csp.script_hash("a();\nb();\nc();")


def test_only_executable_inline_scripts_are_hashed():
    html = (
        "<head><script>run()</script>"
        '<script type="application/json">{"data": 1}</script>'
        '<script src="x.js"></script>'
        '<script type="module">go()</script>'
        '<script type="text/javascript; charset=utf-8">run()</script></head>'
    )
    assert csp.inline_script_hashes(html) == [csp.script_hash("run()"), csp.script_hash("go()")]


def test_the_meta_tag_comes_right_after_the_charset_and_before_any_script():
    html = '<!doctype html><html><head>\n<meta charset="utf-8">\n<script>x=1</script></head></html>'
    out = csp.add_policy_meta(html)
    assert out.index('http-equiv="Content-Security-Policy"') > out.index("charset")
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<script>")
    assert csp.script_hash("x=1") in out
    assert csp.add_policy_meta(out) == out  # never twice


def test_a_page_without_a_charset_gets_the_policy_first_in_its_head():
    out = csp.add_policy_meta("<html><head><title>t</title></head></html>")
    assert re.match(r'<html><head>\n<meta http-equiv="Content-Security-Policy"', out)


def test_a_script_before_the_head_cannot_be_covered():
    with pytest.raises(ValueError, match="before <head>"):
        csp.add_policy_meta("<script>x()</script><html><head></head></html>")


def test_the_policy_allows_only_this_origin_wasm_and_hashes():
    parsed = directives(csp.policy(["'sha256-abc='"], header=True))
    assert parsed["default-src"] == ["'self'"]
    assert parsed["object-src"] == ["'none'"]
    assert parsed["frame-ancestors"] == ["'none'"]
    assert parsed["form-action"] == ["'none'"]
    for name, sources in parsed.items():
        for source in sources:
            assert source in ALLOWED_SOURCES or source.startswith("'sha256-"), (name, source)
    assert "data:" in parsed["img-src"]
    assert all("data:" not in sources for name, sources in parsed.items() if name != "img-src")
    # A meta tag cannot carry frame-ancestors; browsers warn when one tries.
    assert "frame-ancestors" not in csp.policy()


def test_every_page_carries_the_policy_first_with_its_own_script_hashes(site_dir):
    for path in html_pages(site_dir):
        page = parse(path)
        where = path.relative_to(site_dir)
        assert len(page.policies) == 1, where
        tags = [tag for tag, _attrs in page.head_elements]
        first = next(
            i for i, (tag, attrs) in enumerate(page.head_elements) if "http-equiv" in attrs
        )
        assert tags[:first] in ([], ["meta"]), where  # at most the charset before it
        parsed = directives(page.policies[0])
        hashes = [s for s in parsed["script-src"] if s.startswith("'sha256-")]
        assert hashes == csp.inline_script_hashes(path.read_text("utf-8")), where
        assert hashes, where  # Material's palette script, at least
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & {
            s for sources in parsed.values() for s in sources
        }, where


def test_no_page_needs_inline_styles_handlers_or_script_urls(site_dir):
    # With these absent, style-src 'self' holds and no hash could be missing for a handler.
    for path in html_pages(site_dir):
        page = parse(path)
        where = path.relative_to(site_dir)
        assert page.handlers == [], where
        assert page.styles == [], where
        assert page.script_urls == [], where


def test_hosts_get_one_header_policy_for_the_whole_site(site_dir):
    headers = host_headers(site_dir)
    parsed = directives(headers["Content-Security-Policy"])
    every_hash = {
        h
        for path in html_pages(site_dir)
        for h in csp.inline_script_hashes(path.read_text("utf-8"))
    }
    assert set(parsed["script-src"]) == {"'self'", "'wasm-unsafe-eval'", *every_hash}
    assert parsed["frame-ancestors"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
