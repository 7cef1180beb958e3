"""The email generator's form, from `orei`'s one list of fields and its templates.

`groups` gives the form (`widgets/forms/email.html`) its fieldsets and fields in
order, each marked with the templates that use it (`data-used-by="thank-you.ja
follow-up.ja ..."`). `visibility_css` writes the style sheet that shows only the
fields of the template and language chosen: CSS alone, so the form is right
before Python loads and with JavaScript off, and no inline style is needed under
the site's policy. A browser without `:has()` shows every field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from orei.email_spec import GROUPS, fields
from orei.email_templates import template_keys, templates, used_by
from orei.messages import LANGUAGES, message

#: Where the generated style sheet goes, under the site's `assets/orei/`.
CSS_NAME = "email-form.css"
#: Form controls that are not fields of a mail: LinkedIn Premium changes only a limit.
PREMIUM = "premium"


@dataclass(frozen=True, slots=True)
class FormField:
    """One control of the form, ready for the template."""

    name: str
    kind: str
    used_by: str
    hint: str | None
    options: tuple[tuple[str, str, bool], ...] = ()
    autocomplete: str = ""


@dataclass(frozen=True, slots=True)
class FormGroup:
    """One fieldset of the form."""

    name: str
    used_by: str
    fields: tuple[FormField, ...]


def _tokens(pairs: tuple[tuple[str, str], ...]) -> str:
    return " ".join(f"{key}.{lang}" for key, lang in pairs)


def _hint(lang: str, name: str) -> str | None:
    try:
        message(lang, f"ui.email.hints.{name}")
    except KeyError:
        return None
    return f"ui.email.hints.{name}"


def _options(
    lang: str, name: str, values: tuple[str, ...], blank: bool
) -> tuple[tuple[str, str, bool], ...]:
    """`(value, label, selected)` for each option; the first is selected."""
    if not values:
        return ()
    shown = ("", *values) if blank else values
    return tuple(
        (value, message(lang, f"ui.email.choices.{name}.{value or 'blank'}"), i == 0)
        for i, value in enumerate(shown)
    )


def _premium_users() -> tuple[tuple[str, str], ...]:
    return tuple(
        (tpl.key, tpl.lang)
        for lang in LANGUAGES
        for tpl in templates(lang)
        if tpl.max_length is not None
    )


@cache
def groups(lang: str) -> tuple[FormGroup, ...]:
    """The form's fieldsets after the first (template and language), labels in `lang`."""
    found = []
    for group in GROUPS:
        members = []
        for spec in fields():
            if spec.group != group:
                continue
            members.append(
                FormField(
                    name=spec.name,
                    kind=spec.kind,
                    used_by=_tokens(used_by(spec.name)),
                    hint=_hint(lang, spec.name),
                    options=_options(lang, spec.name, spec.choices, spec.form_blank),
                    autocomplete=spec.autocomplete,
                )
            )
        if group == "options":
            members.append(FormField(PREMIUM, "flag", _tokens(_premium_users()), None))
        users = sorted({token for member in members for token in member.used_by.split()})
        found.append(FormGroup(group, " ".join(users), tuple(members)))
    return tuple(found)


def visibility_css() -> str:
    """Rules that hide the fields the chosen template and language do not use."""
    rules = [
        "/* Written by the build from orei's templates (orei_site.email_form): each template",
        "   and language shows only the fields it uses. */",
    ]
    for key in template_keys():
        for lang in LANGUAGES:
            rules.append(
                f'.orei-email:has([name="template"] option[value="{key}"]:checked)'
                f':has([name="lang"] option[value="{lang}"]:checked)\n'
                f'  [data-used-by]:not([data-used-by~="{key}.{lang}"]) {{\n  display: none;\n}}'
            )
    return "\n".join(rules) + "\n"
