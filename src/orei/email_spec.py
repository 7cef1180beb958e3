"""The e-mail generator's fields, read from `orei/data/email_fields.toml`: the one list.

Templates, the form, the command line and the tests all take the fields from here,
so a new field is added in one place. Conditions (`career=new-graduate`,
`recipient_name`, `!phoned`) say when a template's variant wording applies or an
optional field is needed; `holds` evaluates them on a mail's values.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: The kinds of field, and what each holds.
KINDS = ("text", "textarea", "date", "choice", "flag", "email", "tel")

#: Where an interview falls from the day the mail is sent, as the condition `when=...`
#: names it: `today`, `yesterday`, `tomorrow`, or further `earlier` or `later`.
WHEN_VALUES = ("today", "yesterday", "tomorrow", "earlier", "later")


class SpecError(Exception):
    """The field list is malformed: a bug in the data, not bad input from the reader."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the generator.

    Attributes:
        name: Its name in the form, the URL fragment and `--set`.
        kind: One of `KINDS`.
        group: The form's fieldset that holds it.
        choices: The values of a choice field (blank means not stated).
        form_blank: Whether the form offers "not stated" for a choice.
        required_when: A condition under which a template that uses it needs it.
        autocomplete: The form's autocomplete token, if any.
    """

    name: str
    kind: str
    group: str
    choices: tuple[str, ...] = ()
    form_blank: bool = True
    required_when: tuple[tuple[str, str | None, bool], ...] = ()
    autocomplete: str = ""


def parse_condition(text: str) -> tuple[tuple[str, str | None, bool], ...]:
    """Terms of a condition: `name` (given), `name=value`, `!name` (not given), all of them.

    Returns:
        `(name, value or None, negated)` for each space-separated term.
    """
    terms = []
    for term in text.split():
        negated = term.startswith("!")
        name, equals, value = term.removeprefix("!").partition("=")
        terms.append((name, value if equals else None, negated))
    return tuple(terms)


def holds(condition: tuple[tuple[str, str | None, bool], ...], values: Mapping[str, str]) -> bool:
    """Whether every term holds for `values` (a flag that is on reads as `on`)."""
    for name, value, negated in condition:
        found = values.get(name, "")
        result = bool(found) if value is None else found == value
        if result == negated:
            return False
    return True


@cache
def _fields() -> tuple[Field, ...]:
    text = resources.files("orei").joinpath("data", "email_fields.toml").read_text("utf-8")
    found = []
    for entry in tomllib.loads(text)["field"]:
        kind = entry["kind"]
        if kind not in KINDS:
            raise SpecError(f"email_fields.toml: {entry['name']} has an unknown kind {kind!r}")
        if (kind == "choice") != bool(entry.get("choices")):
            raise SpecError(f"email_fields.toml: {entry['name']}: choices go with kind choice")
        found.append(
            Field(
                name=entry["name"],
                kind=kind,
                group=entry["group"],
                choices=tuple(entry.get("choices", ())),
                form_blank=entry.get("form_blank", True),
                required_when=parse_condition(entry.get("required_when", "")),
                autocomplete=entry.get("autocomplete", ""),
            )
        )
    names = [field.name for field in found]
    if len(names) != len(set(names)):
        raise SpecError("email_fields.toml: a field is listed twice")
    for field in found:
        for name, _, _ in field.required_when:
            if name not in names:
                raise SpecError(f"email_fields.toml: {field.name} depends on unknown {name!r}")
    return tuple(found)


def fields() -> tuple[Field, ...]:
    """Every field, in the form's order."""
    return _fields()


def field(name: str) -> Field:
    """The field called `name`.

    Raises:
        KeyError: If there is none (a bug, not bad input).
    """
    for found in _fields():
        if found.name == name:
            return found
    raise KeyError(name)


def names_of(kind: str) -> tuple[str, ...]:
    """The names of the fields of one kind, in order."""
    return tuple(f.name for f in _fields() if f.kind == kind)


#: Every field's name, in the form's order.
FIELDS: tuple[str, ...] = tuple(f.name for f in _fields())

#: Allowed values of the choice fields.
CHOICES: Mapping[str, tuple[str, ...]] = {f.name: f.choices for f in _fields() if f.choices}

#: Fields the reader types freely (what the trust tests fill with hostile text).
TEXT_FIELDS: tuple[str, ...] = tuple(
    f.name for f in _fields() if f.kind in {"text", "textarea", "email", "tel"}
)

#: Groups of the form, in order.
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(f.group for f in _fields()))
