"""Start the Python runtime early on pages that hold a widget, and only on those.

After the build, every page with a widget form gets, right after its Content Security
Policy (or at the end of its `<head>` when it has none):

- `early.js`, an async module script that starts the worker while the page is parsed
  (the binder adopts it); it does not block parsing or the first paint. Placed before
  the style sheets and the theme's inline scripts, it is fetched and run at once instead
  of waiting for the style sheets;
- `search-later.js`, inline (no request before the first paint), which holds back
  the theme's search worker until the widgets have answered, because building the
  search index competes with Python's boot for the CPU. The page's policy is rewritten
  to allow it by its hash;
- optionally, low-priority preload hints for runtime files. The build passes none:
  preloading the WebAssembly module and the bundle made warm visits slower (page and
  worker each read the large files) and cold visits no faster than the early worker
  alone.

`benchmarks/README.md` has the figures behind each of these choices.

Pages without a widget get nothing: they never load the runtime while read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from orei_site import csp

MARK = "data-orei-hint"
WIDGET = "data-orei-widget="


def hints(base: str, preload: list[str], inline: Sequence[str] = ()) -> str:
    """The tags for a page whose way back to the site root is `base` (`""`, `"../"`…).

    `inline` holds the text of classic scripts to run there, in order.
    """
    tags = [f'<script type="module" async src="{base}assets/orei/early.js" {MARK}></script>']
    tags += [f"<script {MARK}>{text}</script>" for text in inline]
    tags += [
        f'<link rel="preload" href="{base}{path}" as="fetch" crossorigin '
        f'fetchpriority="low" {MARK}>'
        for path in preload
    ]
    return "\n".join(tags) + "\n"


def add_hints(html: str, base: str, preload: list[str], inline: Sequence[str] = ()) -> str:
    """`html` with the hints after its policy, else before `</head>`, if it holds a widget form.

    Added once. A meta policy covers only what follows it, so the hints never precede it;
    it is rewritten to allow the `inline` scripts by their hashes.
    """
    if WIDGET not in html or MARK in html or "</head>" not in html:
        return html
    tags = hints(base, preload, inline)
    head_end = html.index("</head>")
    policy = csp.POLICY_META.search(html, 0, head_end)
    if policy is None:
        return html.replace("</head>", tags + "</head>", 1)
    added = html[: policy.end()] + "\n" + tags.rstrip("\n") + html[policy.end() :]
    return csp.refresh_policy_meta(added)


def add_hints_to_site(site_dir: Path, preload: list[str], inline: Sequence[str] = ()) -> list[Path]:
    """Add the hints to every built page with a widget; `preload` is relative to the root."""
    changed = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text("utf-8")
        base = "../" * (len(page.relative_to(site_dir).parts) - 1)
        updated = add_hints(html, base, preload, inline)
        if updated != html:
            page.write_text(updated, "utf-8")
            changed.append(page)
    return changed
