"""Start the Python runtime early on pages that hold a widget, and only on those.

After the build, every page with a widget form gets, right after its Content Security
Policy (or at the end of its `<head>` when it has none):

- `early.js`, an async module script that starts the worker while the page is parsed
  (the binder adopts it); it does not block parsing or the first paint. Placed before
  the style sheets and the theme's inline scripts, it is fetched and run at once instead
  of waiting for the style sheets (measured: it ran about 150 ms later at the end);
- optionally, low-priority preload hints for runtime files. The build passes none:
  measured with `make bench`, preloading the WebAssembly module and the bundle made
  warm visits slower (page and worker each read the large files) and cold visits no
  faster than the early worker alone.

Pages without a widget get nothing: they never load the runtime while read.
"""

from __future__ import annotations

import re
from pathlib import Path

MARK = "data-orei-hint"
WIDGET = "data-orei-widget="
POLICY = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE)


def hints(base: str, preload: list[str]) -> str:
    """The tags for a page whose way back to the site root is `base` (`""`, `"../"`…)."""
    tags = [f'<script type="module" async src="{base}assets/orei/early.js" {MARK}></script>']
    tags += [
        f'<link rel="preload" href="{base}{path}" as="fetch" crossorigin '
        f'fetchpriority="low" {MARK}>'
        for path in preload
    ]
    return "\n".join(tags) + "\n"


def add_hints(html: str, base: str, preload: list[str]) -> str:
    """`html` with the hints after its policy, else before `</head>`, if it holds a widget form.

    Added once. A meta policy covers only what follows it, so the hints never precede it.
    """
    if WIDGET not in html or MARK in html or "</head>" not in html:
        return html
    head_end = html.index("</head>")
    policy = POLICY.search(html, 0, head_end)
    if policy is None:
        return html.replace("</head>", hints(base, preload) + "</head>", 1)
    return html[: policy.end()] + "\n" + hints(base, preload).rstrip("\n") + html[policy.end() :]


def add_hints_to_site(site_dir: Path, preload: list[str]) -> list[Path]:
    """Add the hints to every built page with a widget; `preload` is relative to the root."""
    changed = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text("utf-8")
        base = "../" * (len(page.relative_to(site_dir).parts) - 1)
        updated = add_hints(html, base, preload)
        if updated != html:
            page.write_text(updated, "utf-8")
            changed.append(page)
    return changed
