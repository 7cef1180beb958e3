"""The address a build is made for: named on purpose, written everywhere, and kept by the theme.

A publishing build names its address (`OREI_SITE_URL`); without one `mkdocs build`
refuses, so no build for the web can carry a development address. This builds the site
for a project page under a path, `https://example.org/orei/`, checks that every file
speaks of that address only, then serves it there (Chromium resolves example.org to the
test server) and walks the guide by its navigation: Material's instant navigation takes
every link, so one Python worker serves the whole visit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import CHROMIUM_FLAGS, build_site, chromium_path
from site_server import ServerControls, free_port, serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = "https://example.org/orei/"
TEXT_FILES = ("*.html", "*.xml", "*.json", "*.js", "*.txt", "_headers", "*.webmanifest")


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("published"), extra_env={"OREI_SITE_URL": PUBLISHED})


@pytest.mark.quick
def test_a_build_without_an_address_is_refused(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OREI_SITE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode != 0
    assert "OREI_SITE_URL=https://example.org/orei/ make build" in result.stderr
    assert not (tmp_path / "s").exists()


def test_a_publishing_build_speaks_of_its_own_address_only(published_site):
    carrying = []
    for pattern in TEXT_FILES:
        for path in published_site.rglob(pattern):
            text = path.read_text("utf-8", errors="replace")
            if "127.0.0.1" in text or "localhost" in text:
                carrying.append(str(path.relative_to(published_site)))
    assert carrying == []
    page = (published_site / "follow-up" / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}follow-up/">' in page
    assert f'<meta property="og:url" content="{PUBLISHED}follow-up/">' in page
    sitemap = (published_site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{PUBLISHED}follow-up/</loc>" in sitemap
    assert f"<loc>{PUBLISHED}ja/follow-up/</loc>" in sitemap


@pytest.mark.quick
def test_one_worker_serves_a_whole_visit_at_the_published_address(
    published_site, tmp_path, playwright
):
    # The site sits under /orei/ on the server, as on a project page.
    (tmp_path / "orei").symlink_to(published_site, target_is_directory=True)
    port = free_port()
    host = urlsplit(PUBLISHED).hostname
    flags = [*CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {host}:80 127.0.0.1:{port}"]
    with serve(tmp_path, ServerControls(), port=port):
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=flags)
        try:
            page = browser.new_page()
            workers, errors = [], []
            page.on("worker", lambda worker: workers.append(worker.url))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            # Plain http: the published address's own scheme is replaced by the page's.
            base = f"http://{host}/orei/"
            page.goto(base + "follow-up/")
            page.locator('form[data-orei-widget="follow-up"][data-orei-ready]').wait_for()
            page.evaluate("window.oreiSamePage = true")
            for target in [
                "write-email/", "faq/", "calendar/", "follow-up/", "reflect/", "write-email/",
                "thank-you-email/", "follow-up/",
            ]:  # fmt: skip
                page.locator(f'nav.md-nav--primary a[href$="/{target}"]').first.click()
                page.wait_for_url(f"{base}{target}**")
                page.locator("article h1").first.wait_for()
            page.locator('form[data-orei-widget="follow-up"][data-orei-ready]').wait_for()
            assert page.evaluate("window.oreiSamePage") is True  # never a new document
        finally:
            browser.close()
    assert [url for url in workers if "/assets/orei/worker.js" in url] == [
        f"{base}assets/orei/worker.js"
    ]
    assert errors == []
