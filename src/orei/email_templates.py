"""E-mail templates: data files a content editor changes without touching code.

Each template and language is one TOML file,
`orei/data/templates/<template>.<lang>.toml`, holding its title, subject, body
parts, the fields it uses, its variant wording and the checks it runs (see the
comments at the top of `thank-you.en.toml`). This module reads and validates
them; `orei.compose` fills them in. The fields themselves are listed once, in
`orei.email_spec`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from orei.email_spec import CHOICES, FIELDS, field, parse_condition
from orei.errors import InputError
from orei.messages import LANGUAGES

__all__ = [
    "CHANNELS",
    "CHECK_CODES",
    "CHOICES",
    "DERIVED_PLACEHOLDERS",
    "FIELDS",
    "EmailTemplate",
    "TemplateError",
    "load_template",
    "parse_template",
    "placeholders",
    "template_keys",
    "templates",
    "used_by",
]

#: Placeholders that are not a field of the same name, and the fields they are made from
#: (the first must be one the template uses).
DERIVED_PLACEHOLDERS: Mapping[str, tuple[str, ...]] = {
    "recipient": ("recipient_name", "recipient_title", "salutation", "department"),
    "company_name": ("company", "company_short"),
    "interviewers": ("interviewer_names",),
    "slots": ("slots_from", "slots_time"),
    # The name as running text writes it: 「山田花子です」, while the signature keeps the
    # space between family and given name as typed (「山田 花子」).
    "your_name_inline": ("your_name",),
}

#: Names a condition may test besides the fields: `when` compares the interview's date
#: with the day the mail is sent (`orei.email_spec.WHEN_VALUES`).
CONDITION_VALUES: Mapping[str, tuple[str, ...]] = {"when": ("interview_date", "send_date")}

#: Checks a template may list, by code.
CHECK_CODES = (
    "sentence_count",
    "linkedin_length",
    "onsha",
    "company_abbreviation",
    "honorifics",
    "email_address",
    "unfilled_fields",
)

#: How the text reaches the recipient: a mail (mailto link, .eml file, copy) or a
#: LinkedIn note (copy only: it has no subject and no address).
CHANNELS = ("email", "linkedin")

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_STRAY_BRACE = re.compile(r"[{}]")
Condition = tuple[tuple[str, str | None, bool], ...]


class TemplateError(Exception):
    """A template file is malformed: a bug in the data, not bad input from the reader."""


@dataclass(frozen=True, slots=True)
class EmailTemplate:
    """One template in one language, as read from its TOML file.

    Attributes:
        key: The template's name (`thank-you`, `offer-decline`, ...).
        lang: `en` or `ja`.
        title: The template's name for the reader, in its language.
        order: Where it comes in a list of templates.
        channel: `email`, or `linkedin` for a note that is only copied.
        subject: The subject line with `{placeholders}`; empty for a LinkedIn note.
        body: The body's parts (`address`, `opening`, `message`, ...), in order.
        fields: Fields that must be filled; blank ones show as `[Label]` placeholders.
        optional: Fields that may stay blank.
        checks: Codes of the checks to run on the rendered mail.
        choices: For each choice field used as a placeholder, its values' wording.
        variants: For each variant placeholder, `(condition, text)` pairs in order;
            the first whose condition holds gives the text (an empty condition always
            holds: the `default`).
        later: Date fields that may not fall before another (`send_date` after
            `interview_date`), as `{field: earlier field}`.
        sent_on: The date field whose day a caller without a clock takes as the day the
            mail is sent (a thank-you goes out on the interview's day), or None.
        sentences: The (fewest, most) sentences `message` should hold.
        max_length: LinkedIn's length limit, and the limit with Premium.
    """

    key: str
    lang: str
    title: str
    order: int
    channel: str
    subject: str
    body: tuple[tuple[str, str], ...]
    fields: tuple[str, ...]
    optional: tuple[str, ...]
    checks: tuple[str, ...]
    choices: Mapping[str, Mapping[str, str]]
    variants: Mapping[str, tuple[tuple[Condition, str], ...]]
    later: Mapping[str, str]
    sent_on: str | None = None
    sentences: tuple[int, int] | None = None
    max_length: tuple[int, int] | None = None

    @property
    def uses(self) -> tuple[str, ...]:
        """Every field the template reads, required first."""
        return self.fields + self.optional

    @property
    def is_mail(self) -> bool:
        """Whether the text is a mail (a LinkedIn note is only copied)."""
        return self.channel == "email"

    def texts(self) -> tuple[str, ...]:
        """Every text the template may show: subject, body parts and variant wording."""
        variant_texts = (text for pairs in self.variants.values() for _, text in pairs)
        return (self.subject, *(text for _, text in self.body), *variant_texts)


def placeholders(text: str) -> list[str]:
    """The placeholder names in `text`, in order of appearance."""
    return PLACEHOLDER.findall(text)


def _check(condition: bool, where: str, problem: str) -> None:
    if not condition:
        raise TemplateError(f"{where}: {problem}")


def _variants(where: str, spec: Mapping[str, Any]) -> dict[str, tuple[tuple[Condition, str], ...]]:
    found = {}
    for name, table in spec.get("variants", {}).items():
        _check(name not in FIELDS and name not in DERIVED_PLACEHOLDERS, where, f"{name!r} is taken")
        _check(isinstance(table, dict) and table, where, f"variants.{name} must be a table")
        pairs = []
        for key, text in table.items():
            _check(isinstance(text, str), where, f"variants.{name}: wording must be text")
            pairs.append(((() if key == "default" else parse_condition(key)), text))
        found[name] = tuple(pairs)
    return found


def _validate(where: str, spec: Mapping[str, Any]) -> dict[str, tuple[tuple[Condition, str], ...]]:
    for key in ("title", "order", "subject", "fields", "optional", "checks", "body"):
        _check(key in spec, where, f"missing key {key!r}")
    declared = [*spec["fields"], *spec["optional"]]
    _check(len(declared) == len(set(declared)), where, "a field is listed twice")
    for name in declared:
        _check(name in FIELDS, where, f"unknown field {name!r}")
    for code in spec["checks"]:
        _check(code in CHECK_CODES, where, f"unknown check {code!r}")
    _check(spec.get("channel", "email") in CHANNELS, where, "channel is email or linkedin")
    if "your_email" in declared:
        _check("email_address" in spec["checks"], where, "your_email needs email_address")
    variants = _variants(where, spec)
    texts = [spec["subject"], *spec["body"].values()]
    variant_texts = [text for pairs in variants.values() for _, text in pairs]
    used: set[str] = set()
    for text in [*texts, *variant_texts]:
        _check(isinstance(text, str), where, "subject and body parts must be strings")
        _check(not _STRAY_BRACE.search(PLACEHOLDER.sub("", text)), where, "a stray brace")
        for name in placeholders(text):
            if name in variants:
                _check(text in texts, where, f"{{{name}}}: a variant cannot hold another")
                continue
            made_of = DERIVED_PLACEHOLDERS.get(name, (name,))
            _check(made_of[0] in declared, where, f"{{{name}}} needs {made_of[0]!r} in fields")
            used.update(made_of)
    for pairs in variants.values():
        for condition, _ in pairs:
            for name, value, _ in condition:
                made_of = CONDITION_VALUES.get(name, (name,))
                for part in made_of:
                    _check(part in declared, where, f"a condition on {name!r} needs {part!r}")
                used.update(made_of)
                if value is not None and name in CHOICES:
                    _check(value in CHOICES[name], where, f"{name}={value} is not a choice")
    _check("\n" not in spec["subject"], where, "the subject must be one line")
    for name in declared:
        _check(name in used, where, f"field {name!r} is listed but never used")
    placeheld = {name for text in [*texts, *variant_texts] for name in placeholders(text)}
    for name in CHOICES:
        if name in declared and name in placeheld:
            wording = spec.get("choices", {}).get(name, {})
            for value in (*CHOICES[name], "blank"):
                _check(value in wording, where, f"choices.{name} needs {value!r}")
    for later, earlier in spec.get("later", {}).items():
        for name in (later, earlier):
            _check(name in declared and field(name).kind == "date", where, f"later: {name!r}")
    if "sent_on" in spec:
        name = spec["sent_on"]
        _check(name in declared and field(name).kind == "date", where, f"sent_on: {name!r}")
    if "sentence_count" in spec["checks"]:
        _check("message" in spec["body"], where, "sentence_count needs a message part")
        _check(len(spec.get("sentences", ())) == 2, where, "sentences = [fewest, most]")
    if "linkedin_length" in spec["checks"]:
        for key in ("max_length", "max_length_premium"):
            _check(isinstance(spec.get(key), int), where, f"linkedin_length needs {key}")
    return variants


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
    variants = _validate(where, spec)
    has_limit = "max_length" in spec
    return EmailTemplate(
        key=key,
        lang=lang,
        title=spec["title"],
        order=spec["order"],
        channel=spec.get("channel", "email"),
        subject=spec["subject"],
        body=tuple(spec["body"].items()),
        fields=tuple(spec["fields"]),
        optional=tuple(spec["optional"]),
        checks=tuple(spec["checks"]),
        choices=spec.get("choices", {}),
        variants=variants,
        later=spec.get("later", {}),
        sent_on=spec.get("sent_on"),
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
            _check(
                found[key, lang].channel == found[key, "en"].channel,
                f"templates/{key}",
                "both languages go by the same channel",
            )
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


def used_by(name: str) -> tuple[tuple[str, str], ...]:
    """The `(template, lang)` pairs whose template reads the field `name`."""
    found = sorted(_all_templates().items())
    return tuple((key, lang) for (key, lang), tpl in found if name in tpl.uses)
