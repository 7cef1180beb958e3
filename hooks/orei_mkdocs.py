"""The MkDocs side of Orei: a thin hook over `orei_site`, which does the work.

Markers in the Markdown become widgets, template examples and tables; after each
build the browser runtime is written into the site. Another site generator can
call `orei_site` the same way.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The build pipeline and the widgets are read from the checkout, not installed.
for folder in (ROOT / "src", ROOT / "widgets"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from orei_site import (  # noqa: E402 - needs the path above
    assets,
    csp,
    markers,
    site_address,
    sitemaps,
    static_pages,
)

# `mkdocs serve` injects an inline live-reload script no policy can name in advance.
_SERVING = False
_COMMAND = ""


def on_startup(command, dirty):
    """Note the command: `mkdocs serve` serves the pages without their policy."""
    global _SERVING, _COMMAND
    _SERVING = command == "serve"
    _COMMAND = command


def on_config(config):
    """Refuse to build for publishing without the address the site will be served at."""
    problem = site_address.problem(config.site_url, _COMMAND)
    if problem:
        raise PluginError(problem)
    return config


def _with_policy(html: str) -> str:
    return html if _SERVING or not html else csp.add_policy_meta(html)


def _lang(page) -> str:
    # mkdocs-static-i18n marks each file with its language; default to English.
    return getattr(page.file, "locale", None) or "en"


def on_page_markdown(markdown, page, config, files):
    """Expand the Markdown markers (template examples, holiday tables)."""
    return markers.render_markdown(markdown, lang=_lang(page), today=dt.date.today())


def on_page_content(html, page, config, files):
    """Replace widget markers with the widgets' forms."""
    return markers.render_html(html, lang=_lang(page), page_url=page.url)


def on_post_template(output_content, template_name, config):
    """Write the site-wide 404 page from the default language's build only."""
    language = config.theme["language"]
    output = static_pages.keep_default_language(output_content, template_name, language)
    return _with_policy(output) if template_name.endswith(".html") else output


def on_post_page(output, page, config):
    """Put the Content Security Policy, with the page's inline-script hashes, into its head."""
    return _with_policy(output)


# After every plugin, mkdocs-static-i18n's (-100) included: it builds the other language
# and then rewrites the search index, which the compressed copies must match.
@event_priority(-200)
def on_post_build(config):
    """Write the Python runtime, wheels, lock and glue into the site, and compressed copies."""
    site_dir = Path(config.site_dir)
    assets.build_assets(site_dir)
    sitemaps.write_language_sitemaps(site_dir)
    csp.headers_file(site_dir)


def on_serve(server, config, builder):
    """Rebuild when the Python sources or the widgets change."""
    server.watch(str(ROOT / "src"))
    server.watch(str(ROOT / "widgets"))
    return server
