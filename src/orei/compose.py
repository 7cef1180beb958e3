"""Fill an e-mail template with the reader's values: the preview and its checks.

`compose` is what the widget calls on every keystroke and what `orei email`
prints. A required field left blank stays visible as a placeholder such as
`[Company name]` or `[会社名]` and is listed in `Draft.missing`; it is never
silently dropped. Optional fields fall back to wording from the data files:

- `interviewer_name` blank: the generic addressee ("Dear Hiring Team,",
  「採用担当者様」). It is required in the LinkedIn note.
- `department`, `interviewer_title` blank: their line (or words) are left out.
- `salutation` (English only: `mr`, `ms`, `dr`, `san`; default `san`): how the
  surname is addressed, "Ms. Sato" or "Sato-san". Japanese always uses 様.
- `round` (`first`, `second`, `final`) and `format` (`in-person`, `online`)
  blank: the template's `blank` wording ("interview", 「面接」).
- `late_hour` (yes/no, default no): adds one line apologising for writing late
  in the day (the planner calls sending between 18:00 and 20:00 late).

Only the fields the template uses are read and checked; other keys are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from orei.email_fields import (
    clean_fields,
    example_fields,
    format_date,
    late_hour_line,
    parse_choice,
    parse_flag,
    parse_interview_date,
    recipient,
)
from orei.email_templates import PLACEHOLDER, WORDED_CHOICES, EmailTemplate, load_template
from orei.mail_checks import (
    Check,
    check_company_abbreviation,
    check_linkedin_length,
    check_onsha,
    check_sentence_count,
    check_unfilled_fields,
)
from orei.messages import field_label


@dataclass(frozen=True, slots=True)
class Draft:
    """A filled-in template: what the preview shows.

    Attributes:
        template: The template's name, such as `thank-you`.
        lang: `en` or `ja`.
        subject: The subject line (empty for a LinkedIn note); never holds a line break.
        body: The body, lines separated by LF, no trailing newline.
        missing: Required fields left blank, in the template's order; each shows as
            a placeholder in the text.
        checks: The template's checks on this text, passed or not, in the template's order.
    """

    template: str
    lang: str
    subject: str
    body: str
    missing: tuple[str, ...]
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        """Whether every check passes."""
        return all(check.ok for check in self.checks)


def placeholder_text(lang: str, field: str) -> str:
    """What a blank required field shows as: `[Company name]`, `[会社名]`."""
    return f"[{field_label(lang, field)}]"


def _fill_values(tpl: EmailTemplate, values: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The text for each placeholder, and the required fields left blank."""
    lang, missing = tpl.lang, []

    def raw(field: str) -> str:
        value = values.get(field, "") if field in tpl.uses else ""
        if not value and field in tpl.fields:
            missing.append(field)
            return placeholder_text(lang, field)
        return value

    fills = {field: raw(field) for field in ("company", "department", "job_title", "topic")}
    fills |= {field: raw(field) for field in ("your_name", "your_email", "your_phone")}
    fills["interviewer_title"] = raw("interviewer_title")
    fills["interviewer_name"] = raw("interviewer_name")
    fills["recipient"] = recipient(
        lang,
        fills["interviewer_name"],
        fills["interviewer_title"],
        parse_choice("salutation", values.get("salutation", ""))
        if "salutation" in tpl.uses
        else "",
    )
    date_text = raw("interview_date")
    if "interview_date" in missing or not date_text:
        fills["interview_date"] = date_text
    else:
        fills["interview_date"] = format_date(parse_interview_date(date_text), lang)
    for field in WORDED_CHOICES:
        choice = parse_choice(field, values.get(field, "")) if field in tpl.uses else ""
        fills[field] = tpl.choices.get(field, {}).get(choice or "blank", "")
        if not choice and field in tpl.fields:
            missing.append(field)
            fills[field] = placeholder_text(lang, field)
    late = "late_hour" in tpl.uses and parse_flag("late_hour", values.get("late_hour", ""))
    fills["late_hour"] = late_hour_line(lang) if late else ""
    return fills, [field for field in tpl.uses if field in missing]


def _substitute(text: str, fills: Mapping[str, str]) -> str:
    def fill(found: re.Match[str]) -> str:
        value = fills[found.group(1)]
        # "joining Aoba Co., Ltd." must not end in "Ltd..": the value's full stop ends it.
        if value.endswith(".") and found.string.startswith(".", found.end()):
            return value[:-1]
        return value

    return PLACEHOLDER.sub(fill, text)


def render_text(text: str, fills: Mapping[str, str]) -> str:
    """Fill the placeholders of a subject or body part.

    A line whose placeholders all came out empty and that holds nothing else is
    left out (a blank department, no late-hour line); lines lose trailing
    blanks, and the part loses leading and trailing blank lines.
    """
    lines = []
    for line in text.split("\n"):
        filled = _substitute(line, fills).rstrip()
        if not filled.strip() and PLACEHOLDER.search(line):
            continue
        lines.append(filled.strip() if PLACEHOLDER.search(line) else filled)
    return "\n".join(lines).strip("\n")


def _run_checks(
    tpl: EmailTemplate, subject: str, body: str, message: str, missing: list[str], premium: bool
) -> tuple[Check, ...]:
    whole = f"{subject}\n{body}"
    runs: dict[str, Callable[[], Check]] = {
        "sentence_count": lambda: check_sentence_count(message, tpl.lang, *tpl.sentences or (0, 0)),
        "linkedin_length": lambda: check_linkedin_length(
            body, (tpl.max_length or (0, 0))[1 if premium else 0]
        ),
        "onsha": lambda: check_onsha(whole),
        "company_abbreviation": lambda: check_company_abbreviation(whole),
        "unfilled_fields": lambda: check_unfilled_fields(missing),
    }
    return tuple(runs[code]() for code in tpl.checks)


def compose(
    template: str, lang: str, fields: Mapping[str, object] | None = None, *, premium: bool = False
) -> Draft:
    """Fill `template` in `lang` with the reader's values, and check the result.

    Args:
        template: `thank-you`, `follow-up` or `linkedin-note`.
        lang: `en` or `ja`.
        fields: Raw form values by field name (see `orei.email_templates.FIELDS`);
            values are trimmed, unknown keys ignored, blank means not given.
        premium: Whether the reader has LinkedIn Premium (300 characters, not 200).

    Returns:
        The subject, body, missing fields and checks.

    Raises:
        InputError: For an unknown template or language, a date that is not
            `YYYY-MM-DD`, or a choice field holding a value it does not offer.
    """
    tpl = load_template(template, lang)
    fills, missing = _fill_values(tpl, clean_fields(fields))
    subject = render_text(tpl.subject, fills).replace("\n", " ")
    parts = {name: render_text(text, fills) for name, text in tpl.body}
    body = "\n\n".join(part for part in parts.values() if part)
    checks = _run_checks(tpl, subject, body, parts.get("message", ""), missing, premium)
    return Draft(tpl.key, tpl.lang, subject, body, tuple(missing), checks)


def render_example(template: str, lang: str, *, premium: bool = False) -> Draft:
    """The template filled with the sample values the guide shows as its example."""
    return compose(template, lang, example_fields(lang), premium=premium)
