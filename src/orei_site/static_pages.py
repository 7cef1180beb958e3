"""Pages rendered once for the whole site, whatever the number of languages.

mkdocs-static-i18n builds each language into the same site folder, and every
build renders the theme's static pages (such as `404.html`) to the site's root,
so the last language built would win. The 404 page is written in both
languages; it should carry the default language's `lang` and interface.
"""

from __future__ import annotations

# Static templates that exist once, at the site's root.
SITE_WIDE = frozenset({"404.html"})


def keep_default_language(
    output: str, template_name: str, language: str | None, default_language: str = "en"
) -> str:
    """The rendered static page, or "" (MkDocs then skips writing it) in another language's build.

    Args:
        output: The page as the theme rendered it.
        template_name: The theme template's name, such as `404.html`.
        language: The language of the build that rendered it.
        default_language: The site's default language, which keeps the page.

    Returns:
        `output`, or "" for a site-wide page rendered by a non-default language's build.
    """
    if template_name in SITE_WIDE and (language or default_language) != default_language:
        return ""
    return output
