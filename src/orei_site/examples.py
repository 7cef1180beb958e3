"""Email template examples for the guide, rendered by the same code as the widget.

Each example is the template filled with the sample values in
`orei/data/email_examples.toml`, so the guide and the generator never disagree.
Both languages are shown as content tabs, the page's own language first: readers
of the English guide often need the Japanese mail most.
"""

from __future__ import annotations

import textwrap

from orei.compose import render_example
from orei.email_templates import template_keys
from orei.messages import message

TAB_TITLES = {"en": "English", "ja": "日本語"}


class ExampleError(ValueError):
    """A marker names a template that does not exist."""


def _block(template: str, lang: str) -> str:
    draft = render_example(template, lang)
    text = draft.body
    if draft.subject:
        text = message(lang, "email.subject", subject=draft.subject) + "\n\n" + text
    fence = "````" if "```" in text else "```"
    return f"{fence}text\n{text}\n{fence}"


def template_example(name: str, lang: str) -> str:
    """The template `name` filled with sample values, as Markdown content tabs.

    Raises:
        ExampleError: If no template is called `name`.
    """
    if name not in template_keys():
        raise ExampleError(f"orei:template {name!r}: choose from {', '.join(template_keys())}")
    order = [lang, *(other for other in TAB_TITLES if other != lang)]
    tabs = [
        f'=== "{TAB_TITLES[tab_lang]}"\n\n' + textwrap.indent(_block(name, tab_lang), "    ")
        for tab_lang in order
    ]
    return "\n\n".join(tabs)
