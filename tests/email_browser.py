"""Helpers for the email generator's browser tests (the calculator's are in `browser.py`).

The form shows only the fields of the template and language chosen (the build's
`email-form.css`), so a test fills a field only once a template that uses it is
chosen; `covering_forms` gives the few (template, language) pairs that between
them show every text field. Every wait is for the settled form (`browser.settled`)
or for exact text, never a fixed time.
"""

from __future__ import annotations

import datetime as dt

from browser import settled

from orei.email_spec import TEXT_FIELDS
from orei.email_templates import load_template, template_keys, used_by

FORM = 'form[data-orei-widget="email"]'


def open_generator(
    page, site_url, path="write-email/", fragment="", now: dt.datetime | None = None
):
    """Open the generator (its clock at `now`, if given) and wait until it has answered."""
    if now is not None:
        page.clock.set_fixed_time(now)
    if page.url.split("#")[0] == site_url + path:
        # Only the fragment would change: a new document, so that the form reads it afresh.
        page.goto("about:blank")
    page.goto(site_url + path + fragment)
    page.locator(f"{FORM}[data-orei-ready]").wait_for()
    return settled(page.locator(FORM))


def choose(form, *, template: str | None = None, lang: str | None = None):
    """Select the template and the mail's language, then wait for the settled preview."""
    if template is not None:
        form.locator('[name="template"]').select_option(template)
    if lang is not None:
        form.locator('[name="lang"]').select_option(lang)
    return settled(form)


def fill_shown(form, key: str, lang: str, value: str, names=TEXT_FIELDS) -> list[str]:
    """Type `value` (or `value-NAME`) into each of `names` that the template shows; say which."""
    filled = []
    for name in names:
        if (key, lang) in used_by(name):
            form.locator(f'[name="{name}"]').fill(value.replace("{name}", name))
            filled.append(name)
    settled(form)
    return filled


def preview(form) -> tuple[str, str]:
    """The subject and body as the page shows them."""
    subject = form.locator('[data-result="subject"]')
    body = form.locator('[data-result="body"]')
    return subject.inner_text().strip(), body.inner_text().strip()


def covering_forms() -> list[tuple[str, str]]:
    """Few (template, language) pairs, mails first, that between them show every text field."""
    pairs = [(key, lang) for key in template_keys() for lang in ("ja", "en")]
    pairs.sort(key=lambda pair: not load_template(*pair).is_mail)
    left, chosen = set(TEXT_FIELDS), []
    while left:
        best = max(pairs, key=lambda pair: len({n for n in left if pair in used_by(n)}))
        chosen.append(best)
        left -= {n for n in left if best in used_by(n)}
    return chosen
