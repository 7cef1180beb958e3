"""The address a build is made for: chosen on purpose, never a default.

Material's instant navigation, which keeps the widgets' Python alive from page to
page, only takes links to the address in the sitemap, and canonical, Open Graph and
sitemap URLs are written for it too. A build with a guessed address would be slower
everywhere else and would point search engines and shared links at the wrong host,
so publishing builds must name it (`OREI_SITE_URL`); `mkdocs serve` sets its own.
"""

from __future__ import annotations

COMMANDS_NEEDING_AN_ADDRESS = ("build", "gh-deploy")


def problem(site_url: str | None, command: str) -> str | None:
    """Why this build cannot go ahead, or None."""
    if site_url or command not in COMMANDS_NEEDING_AN_ADDRESS:
        return None
    return (
        "Set the address the site will be published at, for example "
        'OREI_SITE_URL=https://example.org/orei/ make build (README, "Publishing"). '
        "Pages, sitemaps and instant navigation are made for that address. "
        "To look at the site on this machine, use make serve."
    )
