"""Support for tests of the built site: the guide's pages, from mkdocs.yml and from the build."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

ROOT = Path(__file__).resolve().parent.parent


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving its !!python tags unresolved."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_Loader.add_constructor("!ENV", construct_env_tag)


@cache
def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)


def nav_pages() -> list[str]:
    """The guide's pages as site paths (`reflect/`), in nav order, from mkdocs.yml."""
    paths = []
    for entry in mkdocs_config()["nav"]:
        (source,) = entry.values()
        stem = source.removesuffix(".md")
        paths.append("" if stem == "index" else f"{stem}/")
    return paths


PAGES = [*nav_pages(), *(f"ja/{p}" for p in nav_pages())]


def site_pages(site_dir: Path) -> list[str]:
    """Every page the build wrote, as site paths, and the 404 page."""
    pages = sorted(
        str(p.parent.relative_to(site_dir)) + "/"
        for p in site_dir.rglob("index.html")
        if "assets" not in p.parts and p.parent != site_dir / "search"
    )
    pages = ["" if p == "./" else p for p in pages]
    assert len(pages) == 28  # 14 pages in English and Japanese
    return [*pages, "404.html"]
