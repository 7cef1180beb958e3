"""Email template examples for the guide, rendered by the same code as the widget."""

from __future__ import annotations


def template_example(name: str, lang: str) -> str:
    """The template `name` filled with sample values, as Markdown (subject and body)."""
    # Wired to orei's templates once they land; until then the marker stays a comment.
    return f"<!-- orei:template {name} ({lang}) -->"
