"""Fill an e-mail template with the reader's values: the preview and its checks.

`compose` is what the widget calls on every keystroke and what `orei email`
prints. A required field left blank stays visible as a placeholder such as
`[Company name]` or `[会社名]` and is listed in `Draft.missing`; it is never
silently dropped. Optional fields fall back to wording from the data files:

- `recipient_name` blank: the generic addressee ("Dear Hiring Team,",
  「採用ご担当者様」). The mail goes to the person who arranged the interview,
  usually the recruiter; the interviewers are only mentioned (`interviewer_names`).
- `salutation` (English: `mr`, `ms`, `dr`, `san`) is needed once a name is given;
  Japanese always writes 様.
- `department`, `recipient_title` blank: their line (or words) are left out; a
  department ending in 御中 addresses the mail itself when no one is named.
- `round`, `format`, `reason` blank: the template's `blank` wording.
- `career` blank reads as mid-career; `new-graduate` needs `school`.
- `send_date` blank: dates are written out; given, the mail says 本日 / today,
  昨日 / yesterday or 明日 / tomorrow where a written date would read machine-made.
  `orei` never reads the clock: the widget passes today in Japan, the CLI the
  interview date.
- Flags (`after_hours`, `phoned`) only choose variant wording.

Only the fields the template uses are read and checked; other keys are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from orei.business_calendar import BusinessCalendar
from orei.dates import DateRangeError, check_supported, letter_date, parse_date
from orei.email_fields import (
    clean_fields,
    clean_text,
    example_fields,
    name_list,
    parse_choice,
    parse_flag,
    person_name,
    recipient,
    slot_lines,
    when,
)
from orei.email_spec import field, holds
from orei.email_templates import PLACEHOLDER, EmailTemplate, load_template, placeholders
from orei.errors import InputError
from orei.mail_checks import (
    Check,
    check_company_abbreviation,
    check_email_address,
    check_honorifics,
    check_linkedin_length,
    check_onsha,
    check_sentence_count,
    check_unfilled_fields,
)
from orei.messages import field_label, message

#: How many candidate slots a schedule reply offers.
SLOT_COUNT = 3


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
        is_mail: Whether it is a mail (a LinkedIn note is only copied: no mailto, no .eml).
    """

    template: str
    lang: str
    subject: str
    body: str
    missing: tuple[str, ...]
    checks: tuple[Check, ...]
    is_mail: bool = True

    @property
    def ok(self) -> bool:
        """Whether every check passes."""
        return all(check.ok for check in self.checks)


def placeholder_text(lang: str, field_name: str) -> str:
    """What a blank required field shows as: `[Company name]`, `[会社名]`, `[Mr./Ms.]`."""
    try:
        return f"[{message(lang, f'placeholders.{field_name}')}]"
    except KeyError:
        return f"[{field_label(lang, field_name)}]"


def candidate_slots(first: dt.date, count: int = SLOT_COUNT) -> list[dt.date]:
    """The first `count` business days on or after `first`: never a holiday or closure.

    Raises:
        InputError: Naming `slots_from`, if a slot would fall outside the supported dates.
    """
    calendar = BusinessCalendar()
    days, day = [], check_supported(first, "slots_from")
    try:
        while len(days) < count:
            day = calendar.on_or_after(day)
            days.append(day)
            day += dt.timedelta(days=1)
    except DateRangeError:  # a slot past the last supported date
        raise DateRangeError("slots_from") from None
    return days


def _parsed(tpl: EmailTemplate, values: Mapping[str, str]) -> dict[str, str | dt.date]:
    """The template's fields as values: choices normalised, flags `on` or blank, dates parsed."""
    parsed: dict[str, str | dt.date] = {}
    for name in tpl.uses:
        text, kind = values.get(name, ""), field(name).kind
        if kind == "choice":
            parsed[name] = parse_choice(name, text)
        elif kind == "flag":
            parsed[name] = "on" if parse_flag(name, text) else ""
        elif kind == "date" and text:
            parsed[name] = parse_date(text, name)
        else:
            parsed[name] = text
    for later, earlier in tpl.later.items():
        late, early = parsed.get(later), parsed.get(earlier)
        if isinstance(late, dt.date) and isinstance(early, dt.date) and late < early:
            raise InputError(
                later,
                "date_before",
                value=late.isoformat(),
                other_field=earlier,
                earliest=early.isoformat(),
            )
    return parsed


def _conditions(parsed: Mapping[str, str | dt.date]) -> dict[str, str]:
    """What conditions test: each field's value as text, and `when`."""
    found = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in parsed.items()
    }
    interview, sent = parsed.get("interview_date"), parsed.get("send_date")
    if isinstance(interview, dt.date) and isinstance(sent, dt.date):
        found["when"] = when(interview, sent)
    return found


def _required(tpl: EmailTemplate, conditions: Mapping[str, str]) -> list[str]:
    needed = set(tpl.fields)
    # Where the text names the company only by its everyday name (English prose), that name
    # given is enough; a Japanese address block always needs the legal name.
    shows_legal_name = any("company" in placeholders(text) for text in tpl.texts())
    if conditions.get("company_short") and not shows_legal_name:
        needed.discard("company")
    for name in tpl.optional:
        rule = field(name).required_when
        if rule and holds(rule, conditions):
            needed.add(name)
    return [name for name in tpl.uses if name in needed]


def _fill_values(tpl: EmailTemplate, values: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The text for each placeholder, and the required fields left blank."""
    lang = tpl.lang
    parsed = _parsed(tpl, values)
    conditions = _conditions(parsed)
    required = _required(tpl, conditions)
    missing = [name for name in required if not parsed.get(name)]

    def shown(name: str) -> str:
        value = parsed.get(name, "")
        if name in missing:
            return placeholder_text(lang, name)
        if isinstance(value, dt.date):
            return letter_date(value, lang)
        if field(name).kind == "choice" and name in tpl.choices:
            return tpl.choices[name][value or "blank"]
        return "" if field(name).kind == "flag" else str(value)

    fills = {name: shown(name) for name in tpl.uses}
    fills["recipient"] = recipient(
        lang,
        str(parsed.get("recipient_name", "")),
        str(parsed.get("recipient_title", "")),
        str(parsed.get("salutation", "")),
        str(parsed.get("department", "")),
        unstated_salutation=placeholder_text(lang, "salutation"),
    )
    if "recipient_name" in missing:
        # The placeholder stands for the name; Japanese still adds 様 to it.
        name = fills["recipient_name"]
        fills["recipient"] = recipient(lang, name) if lang == "ja" else name
    fills["company_name"] = str(parsed.get("company_short", "")) or fills.get("company", "")
    fills["interviewers"] = name_list(lang, str(parsed.get("interviewer_names", "")))
    fills["your_name_inline"] = _BETWEEN_JAPANESE.sub("", fills.get("your_name", ""))
    first = parsed.get("slots_from")
    if isinstance(first, dt.date):
        fills["slots"] = slot_lines(lang, candidate_slots(first), fills.get("slots_time", ""))
    else:
        fills["slots"] = fills.get("slots_from", "")
    for name, pairs in tpl.variants.items():
        text = next((text for rule, text in pairs if holds(rule, conditions)), "")
        fills[name] = _substitute(text, fills)
    return fills, missing


# Spaces between two Japanese characters, as a name typed 「山田 花子」 has.
_BETWEEN_JAPANESE = re.compile(
    r"(?<=[\u3040-\u30ff\u3400-\u9fff])[ \u3000]+(?=[\u3040-\u30ff\u3400-\u9fff])"
)


def _substitute(text: str, fills: Mapping[str, str]) -> str:
    def fill(found: re.Match[str]) -> str:
        value = fills.get(found.group(1), "")
        # "joining Aoba Co., Ltd." must not end in "Ltd..": the value's full stop ends it.
        if value.endswith(".") and found.string.startswith(".", found.end()):
            return value[:-1]
        return value

    return PLACEHOLDER.sub(fill, text)


def render_text(text: str, fills: Mapping[str, str]) -> str:
    """Fill the placeholders of a subject or body part.

    A line whose placeholders all came out empty and that holds nothing else is
    left out (a blank department, no after-hours line); lines lose trailing
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
    tpl: EmailTemplate,
    draft_text: tuple[str, str, str],
    values: Mapping[str, str],
    missing: list[str],
    premium: bool,
) -> tuple[Check, ...]:
    subject, body, message_part = draft_text
    whole = f"{subject}\n{body}"
    name = person_name(tpl.lang, values.get("recipient_name", ""))
    runs: dict[str, Callable[[], Check]] = {
        "sentence_count": lambda: check_sentence_count(
            message_part, tpl.lang, *tpl.sentences or (0, 0)
        ),
        "linkedin_length": lambda: check_linkedin_length(
            body, (tpl.max_length or (0, 0))[1 if premium else 0]
        ),
        "onsha": lambda: check_onsha(whole),
        "company_abbreviation": lambda: check_company_abbreviation(whole),
        "honorifics": lambda: check_honorifics(
            values.get("department", ""), values.get("recipient_title", ""), name
        ),
        "email_address": lambda: check_email_address(values.get("your_email", "")),
        "unfilled_fields": lambda: check_unfilled_fields(missing),
    }
    # An address the reader has not typed yet is a missing field, not a wrong one.
    codes = [c for c in tpl.checks if c != "email_address" or values.get("your_email")]
    return tuple(runs[code]() for code in codes)


def compose(
    template: str, lang: str, fields: Mapping[str, object] | None = None, *, premium: bool = False
) -> Draft:
    """Fill `template` in `lang` with the reader's values, and check the result.

    Args:
        template: A name from `orei.email_templates.template_keys()`.
        lang: `en` or `ja`.
        fields: Raw form values by field name (see `orei.email_spec.FIELDS`);
            values are trimmed, unknown keys ignored, blank means not given.
        premium: Whether the reader has LinkedIn Premium (300 characters, not 200).

    Returns:
        The subject, body, missing fields and checks.

    Raises:
        InputError: For an unknown template or language, a date that is not
            `YYYY-MM-DD` (or falls before the date it follows), or a choice field
            holding a value it does not offer.
    """
    tpl = load_template(template, lang)
    values = clean_fields(fields)
    fills, missing = _fill_values(tpl, values)
    subject = render_text(tpl.subject, fills).replace("\n", " ")
    parts = {name: render_text(text, fills) for name, text in tpl.body}
    body = "\n\n".join(part for part in parts.values() if part)
    texts = (subject, body, parts.get("message", ""))
    checks = _run_checks(tpl, texts, values, missing, premium)
    return Draft(tpl.key, tpl.lang, subject, body, tuple(missing), checks, tpl.is_mail)


def with_send_date(
    template: str, lang: str, fields: Mapping[str, str], today: dt.date | None = None
) -> dict[str, str]:
    """`fields` with a blank `send_date` filled in, for a caller that knows the day.

    Args:
        template: The template's name.
        lang: `en` or `ja`.
        fields: The reader's values.
        today: The day the mail is written (the widget's clock, in Japan); `None` for
            a caller without a clock (the CLI).

    Returns:
        The values with `send_date` set to `today`, moved on to the date it may not
        precede (`later`: a mail written before the interview goes out after it); without
        a clock, to the day of the template's `sent_on` field (a thank-you goes out on the
        interview's day), else left blank (a follow-up or a withdrawal written without a
        clock names its dates).

    Raises:
        InputError: For an unknown template or language.
    """
    tpl = load_template(template, lang)
    if "send_date" not in tpl.uses or clean_text(fields.get("send_date", "")):
        return dict(fields)

    def date_of(name: str | None) -> dt.date | None:
        if name is None:
            return None
        try:
            return parse_date(clean_text(fields.get(name, "")), name)
        except InputError:
            return None  # compose names the field

    if today is None:
        day = date_of(tpl.sent_on)
    else:
        floor = date_of(tpl.later.get("send_date"))
        day = max(today, floor) if floor is not None else today
    return {**fields, "send_date": day.isoformat() if day else ""}


def render_example(template: str, lang: str, *, premium: bool = False) -> Draft:
    """The template filled with the sample values the guide shows as its example."""
    return compose(template, lang, example_fields(lang, template), premium=premium)
