"""The site's Content Security Policy: only its own origin, plus WebAssembly for Pyodide.

Every page carries the policy in a `<meta http-equiv="Content-Security-Policy">`
as the first element of its `<head>`, before any script or style sheet, so it
holds on any static host, headers or not. The theme keeps a few small inline
scripts (the palette, the content tabs); each is allowed by its SHA-256 hash,
never by `'unsafe-inline'`. Hosts that can send headers also get the policy as a
header (`headers_file`), which adds what a meta tag cannot carry
(`frame-ancestors`) and covers the Python worker, whose script is not a page.

Pyodide compiles WebAssembly, which needs `'wasm-unsafe-eval'` (not
`'unsafe-eval'`: no string is ever evaluated as code). Styles are `'self'`
only: the pages have no `style` attribute or `<style>` element, and scripts set
styles through the CSSOM (`element.style`), which a policy does not restrict.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

# The policy every page gets; hashes of the page's inline scripts join script-src.
DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("worker-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    # Material's style sheet draws some icons from data: SVGs (CSS masks count as images).
    ("img-src", ("'self'", "data:")),
    ("style-src", ("'self'",)),
    ("font-src", ("'self'",)),
    ("manifest-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    # The widgets' forms are never submitted: with JavaScript off, pressing Enter must not
    # send what was typed anywhere, not even to this site.
    ("form-action", ("'none'",)),
)
# Only a header can say who may frame the site; browsers ignore it in a meta tag.
HEADER_ONLY: tuple[tuple[str, tuple[str, ...]], ...] = (("frame-ancestors", ("'none'",)),)
# Headers a host should send with every file, beside the policy.
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# Script types a browser executes; any other type is a data block, which a policy ignores.
EXECUTABLE_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        "speculationrules",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
META_NAME = "Content-Security-Policy"
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
POLICY_META = re.compile(rf'<meta http-equiv="{META_NAME}" content="[^"]*">')


class _InlineScripts(HTMLParser):
    """Collect the text of every executable inline `<script>`, exactly as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        found = {name: (value or "") for name, value in attrs}
        kind = found.get("type", "").split(";")[0].strip().lower()
        if "src" not in found and kind in EXECUTABLE_TYPES:
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def script_hash(text: str) -> str:
    """The CSP source for an inline script's text: `'sha256-…'`.

    Browsers hash the text after normalising line breaks to LF, as the HTML
    parser does; so does this.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hash sources of the page's executable inline scripts, in order, without repeats."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return list(dict.fromkeys(script_hash(text) for text in parser.scripts))


def policy(hashes: Iterable[str] = (), *, header: bool = False) -> str:
    """The policy, with `hashes` allowed as scripts; `header` adds the header-only directives."""
    extra = tuple(dict.fromkeys(hashes))
    parts = []
    for name, sources in DIRECTIVES + (HEADER_ONLY if header else ()):
        listed = sources + extra if name == "script-src" else sources
        parts.append(" ".join((name, *listed)))
    return "; ".join(parts)


def add_policy_meta(html: str) -> str:
    """The page with its policy as the first element of `<head>` (after `<meta charset>`).

    A page without a `<head>` (a fragment) is returned unchanged; a page that
    already carries a policy meta tag is not given a second one.

    Raises:
        ValueError: If a script comes before `<head>`, where no meta policy can cover it.
    """
    head = _HEAD.search(html)
    if head is None or f'http-equiv="{META_NAME}"' in html:
        return html
    if re.search(r"<script\b", html[: head.start()], re.IGNORECASE):
        raise ValueError("a <script> comes before <head>: a meta policy cannot cover it")
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset is not None:
        at = charset.end()
    content = policy(inline_script_hashes(html)).replace('"', "&quot;")
    meta = f'\n<meta http-equiv="{META_NAME}" content="{content}">'
    return html[:at] + meta + html[at:]


def refresh_policy_meta(html: str) -> str:
    """The page with its policy meta tag listing the inline scripts it holds now.

    For steps after the page was written (the build's hints) that add an inline script.
    A page without a policy meta tag (`mkdocs serve`) is returned unchanged.
    """
    meta = POLICY_META.search(html)
    if meta is None:
        return html
    content = policy(inline_script_hashes(html)).replace('"', "&quot;")
    fresh = f'<meta http-equiv="{META_NAME}" content="{content}">'
    return html[: meta.start()] + fresh + html[meta.end() :]


def site_policy(site_dir: Path) -> str:
    """One header policy for the whole site: every page's inline-script hashes together."""
    hashes: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        hashes += inline_script_hashes(page.read_text("utf-8"))
    return policy(sorted(set(hashes)), header=True)


def site_headers(site_dir: Path) -> dict[str, str]:
    """The headers a host should send with every file of the built site."""
    return {META_NAME: site_policy(site_dir), **OTHER_HEADERS}


def headers_file(site_dir: Path) -> Path:
    """Write `_headers` (the format of Netlify and Cloudflare Pages) into the site's root."""
    lines = ["/*", *(f"  {name}: {value}" for name, value in site_headers(site_dir).items())]
    target = site_dir / "_headers"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    return target
