"""E-mail templates: data files a content editor changes without touching code.

Each template and language is one TOML file,
`orei/data/templates/<template>.<lang>.toml`, holding its title, subject, body
parts, the fields it uses and the checks it runs (see the comments at the top
of `thank-you.en.toml`). This module reads and validates them; `orei.compose`
fills them in.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from orei.errors import InputError
from orei.messages import LANGUAGES

#: Every field the e-mail generator understands, in the order a form shows them.
FIELDS = (
    "interviewer_name",
    "salutation",
    "interviewer_title",
    "company",
    "department",
    "job_title",
    "topic",
    "interview_date",
    "round",
    "format",
    "your_name",
    "your_email",
    "your_phone",
    "late_hour",
)

#: Allowed values of the fields that are a choice.
CHOICES: Mapping[str, tuple[str, ...]] = {
    "round": ("first", "second", "final"),
    "format": ("in-person", "online"),
    "salutation": ("mr", "ms", "dr", "san"),
}

#: Choice fields whose wording each template gives under `[choices.NAME]`.
WORDED_CHOICES = ("round", "format")

#: Placeholders that are not a field of the same name, and the fields they are made from.
DERIVED_PLACEHOLDERS: Mapping[str, tuple[str, ...]] = {
    "recipient": ("interviewer_name", "interviewer_title", "salutation"),
}

#: Checks a template may list, by code.
CHECK_CODES = (
    "sentence_count",
    "linkedin_length",
    "onsha",
    "company_abbreviation",
    "unfilled_fields",
)

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_STRAY_BRACE = re.compile(r"[{}]")


class TemplateError(Exception):
    """A template file is malformed: a bug in the data, not bad input from the reader."""


@dataclass(frozen=True, slots=True)
class EmailTemplate:
    """One template in one language, as read from its TOML file.

    Attributes:
        key: The template's name (`thank-you`, `follow-up`, `linkedin-note`).
        lang: `en` or `ja`.
        title: The template's name for the reader, in its language.
        order: Where it comes in a list of templates.
        subject: The subject line with `{placeholders}`; empty for a LinkedIn note.
        body: The body's parts (`address`, `opening`, `message`, ...), in order.
        fields: Fields that must be filled; blank ones show as `[Label]` placeholders.
        optional: Fields that may stay blank.
        checks: Codes of the checks to run on the rendered mail.
        choices: For each choice field, its value's wording (and `blank`'s).
        sentences: The (fewest, most) sentences `message` should hold.
        max_length: LinkedIn's length limit, and the limit with Premium.
    """

    key: str
    lang: str
    title: str
    order: int
    subject: str
    body: tuple[tuple[str, str], ...]
    fields: tuple[str, ...]
    optional: tuple[str, ...]
    checks: tuple[str, ...]
    choices: Mapping[str, Mapping[str, str]]
    sentences: tuple[int, int] | None = None
    max_length: tuple[int, int] | None = None

    @property
    def uses(self) -> tuple[str, ...]:
        """Every field the template reads, required first."""
        return self.fields + self.optional

    def part(self, name: str) -> str:
        """The raw text of one body part, or an empty string."""
        return dict(self.body).get(name, "")


def placeholders(text: str) -> list[str]:
    """The placeholder names in `text`, in order of appearance."""
    return PLACEHOLDER.findall(text)


def _texts(spec: Mapping[str, Any]) -> list[str]:
    return [spec["subject"], *spec["body"].values()]


def _check(condition: bool, where: str, problem: str) -> None:
    if not condition:
        raise TemplateError(f"{where}: {problem}")


def _validate(where: str, spec: Mapping[str, Any]) -> None:
    for key in ("title", "order", "subject", "fields", "optional", "checks", "body"):
        _check(key in spec, where, f"missing key {key!r}")
    declared = [*spec["fields"], *spec["optional"]]
    _check(len(declared) == len(set(declared)), where, "a field is listed twice")
    for name in declared:
        _check(name in FIELDS, where, f"unknown field {name!r}")
    for code in spec["checks"]:
        _check(code in CHECK_CODES, where, f"unknown check {code!r}")
    for text in _texts(spec):
        _check(isinstance(text, str), where, "subject and body parts must be strings")
        _check(not _STRAY_BRACE.search(PLACEHOLDER.sub("", text)), where, "a stray brace")
        for name in placeholders(text):
            primary = DERIVED_PLACEHOLDERS.get(name, (name,))[0]
            _check(primary in declared, where, f"{{{name}}} needs {primary!r} in fields")
    _check("\n" not in spec["subject"], where, "the subject must be one line")
    used = {
        field
        for text in _texts(spec)
        for name in placeholders(text)
        for field in DERIVED_PLACEHOLDERS.get(name, (name,))
    }
    for name in declared:
        _check(name in used, where, f"field {name!r} is listed but never used")
    for name in WORDED_CHOICES:
        if name in declared:
            wording = spec.get("choices", {}).get(name, {})
            for value in (*CHOICES[name], "blank"):
                _check(value in wording, where, f"choices.{name} needs {value!r}")
    if "sentence_count" in spec["checks"]:
        _check("message" in spec["body"], where, "sentence_count needs a message part")
        _check(len(spec.get("sentences", ())) == 2, where, "sentences = [fewest, most]")
    if "linkedin_length" in spec["checks"]:
        for key in ("max_length", "max_length_premium"):
            _check(isinstance(spec.get(key), int), where, f"linkedin_length needs {key}")


def parse_template(key: str, lang: str, text: str) -> EmailTemplate:
    """Read and validate one template file's text.

    Raises:
        TemplateError: If the file is malformed or inconsistent.
    """
    where = f"templates/{key}.{lang}.toml"
    try:
        spec = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{where}: {error}") from None
    _validate(where, spec)
    has_limit = "max_length" in spec
    return EmailTemplate(
        key=key,
        lang=lang,
        title=spec["title"],
        order=spec["order"],
        subject=spec["subject"],
        body=tuple(spec["body"].items()),
        fields=tuple(spec["fields"]),
        optional=tuple(spec["optional"]),
        checks=tuple(spec["checks"]),
        choices=spec.get("choices", {}),
        sentences=tuple(spec["sentences"]) if "sentences" in spec else None,
        max_length=(spec["max_length"], spec["max_length_premium"]) if has_limit else None,
    )


@cache
def _all_templates() -> dict[tuple[str, str], EmailTemplate]:
    folder = resources.files("orei").joinpath("data", "templates")
    found = {}
    for entry in folder.iterdir():
        key, _, rest = entry.name.partition(".")
        lang, _, suffix = rest.partition(".")
        if suffix != "toml":
            continue
        found[key, lang] = parse_template(key, lang, entry.read_text("utf-8"))
    for key, _ in found:
        for lang in LANGUAGES:
            _check((key, lang) in found, f"templates/{key}", f"no {lang} file")
    return found


@cache
def template_keys() -> tuple[str, ...]:
    """The template names, in the order the English files give them."""
    found = _all_templates()
    return tuple(sorted({key for key, _ in found}, key=lambda key: found[key, "en"].order))


def load_template(template: str, lang: str) -> EmailTemplate:
    """The template `template` in `lang`.

    Args:
        template: A name from `template_keys()`; surrounding blanks and case are ignored.
        lang: `en` or `ja`; likewise.

    Raises:
        InputError: For an unknown template (field `template`) or language (field `lang`).
    """
    key = str(template).strip().lower()
    language = str(lang).strip().lower()
    if language not in LANGUAGES:
        raise InputError("lang", "unknown_choice", value=lang, allowed=", ".join(LANGUAGES))
    found = _all_templates().get((key, language))
    if found is None:
        allowed = ", ".join(template_keys())
        raise InputError("template", "unknown_choice", value=template, allowed=allowed)
    return found


def templates(lang: str) -> tuple[EmailTemplate, ...]:
    """Every template in `lang`, in order.

    Raises:
        InputError: For an unknown language.
    """
    return tuple(load_template(key, lang) for key in template_keys())
