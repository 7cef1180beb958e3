"""A sitemap for each language folder of the site.

mkdocs-static-i18n writes one sitemap at the root that names every page with its
`hreflang` alternates. Material's language switcher, on a page under `/ja/`,
reads `/ja/sitemap.xml` to find the same page in the other language, so each
language folder gets a sitemap of its own pages, with the same alternates.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def write_language_sitemaps(site_dir: Path, default_language: str = "en") -> list[Path]:
    """Write `<site>/<lang>/sitemap.xml` for every non-default language of the root sitemap."""
    root_map = site_dir / "sitemap.xml"
    if not root_map.exists():
        return []
    for prefix, uri in NS.items():
        ET.register_namespace("" if prefix == "sm" else prefix, uri)
    tree = ET.parse(root_map)
    languages: dict[str, list[ET.Element]] = {}
    for url in tree.getroot().findall("sm:url", NS):
        for link in url.findall("xhtml:link", NS):
            lang = link.get("hreflang", "")
            if lang and lang != default_language:
                copy = ET.fromstring(ET.tostring(url))
                copy.find("sm:loc", NS).text = link.get("href")  # type: ignore[union-attr]
                languages.setdefault(lang, []).append(copy)
    written = []
    for lang, urls in languages.items():
        urlset = ET.Element(f"{{{NS['sm']}}}urlset")
        urlset.extend(urls)
        target = site_dir / lang / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(urlset).write(target, encoding="UTF-8", xml_declaration=True)
        written.append(target)
    return written
