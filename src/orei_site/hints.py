"""Start the Python runtime early on pages that hold a widget, and only on those.

After the build, every page with a widget form gets, at the end of its `<head>`:

- `early.js`, an async module script that starts the worker while the page is parsed
  (the binder adopts it); it does not block parsing or the first paint;
- optionally, low-priority preload hints for runtime files. The build passes none:
  measured with `make bench`, preloading the WebAssembly module and the bundle made
  warm visits slower (page and worker each read the large files) and cold visits no
  faster than the early worker alone.

Pages without a widget get nothing: they never load the runtime while read.
"""

from __future__ import annotations

from pathlib import Path

MARK = "data-orei-hint"
WIDGET = "data-orei-widget="


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
    """`html` with the hints before `</head>` if it holds a widget form (once)."""
    if WIDGET not in html or MARK in html or "</head>" not in html:
        return html
    return html.replace("</head>", hints(base, preload) + "</head>", 1)


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
