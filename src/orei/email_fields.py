"""Form values for the e-mail generator: cleaned, checked and turned into wording.

Values arrive as raw strings from a form or the command line. Each is trimmed,
and any line break, tab or other control character becomes a single space, so
no value can break a line of the subject or add a header to an `.eml` file.
The wording made from values (the addressee, the date) is data in
`orei/data/email_wording.toml`; sample values for the guide's examples are in
`orei/data/email_examples.toml`.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from orei.email_templates import CHOICES, FIELDS
from orei.errors import InputError
from orei.messages import LANGUAGES

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_YES = frozenset({"yes", "true", "on", "1"})
_NO = frozenset({"no", "false", "off", "0", ""})


def _data(name: str) -> dict[str, Any]:
    text = resources.files("orei").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


@cache
def wording(lang: str) -> dict[str, Any]:
    """The shared wording for `lang` from `email_wording.toml`."""
    return _data("email_wording.toml")[lang]


def clean_text(value: object) -> str:
    """One form value as a single trimmed line.

    `None` is blank; other non-strings are written out with `str`. Line breaks,
    tabs and other control characters become spaces, runs of blanks become one
    space, and lone surrogates (which no encoding accepts) become U+FFFD.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))
    return " ".join(text.split())


def clean_fields(fields: Mapping[str, object] | None) -> dict[str, str]:
    """The known fields of `fields`, cleaned with `clean_text`; unknown keys are ignored."""
    if not fields:
        return {}
    return {name: clean_text(fields[name]) for name in FIELDS if name in fields}


def parse_interview_date(text: str) -> dt.date:
    """The interview date from `YYYY-MM-DD` (full-width digits are accepted too).

    Raises:
        InputError: Naming `interview_date`, if the text is not such a date.
    """
    match = _ISO_DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    try:
        if match is None:
            raise ValueError(text)
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise InputError("interview_date", "date_format", value=text) from None


def parse_choice(field: str, text: str) -> str:
    """A choice field's value (`round`, `format`, `salutation`), or "" when blank.

    Case is ignored, and a space or underscore counts as a hyphen (`in person`).

    Raises:
        InputError: Naming `field`, if the value is not one of its choices.
    """
    value = re.sub(r"[\s_]+", "-", text.strip().lower())
    if value and value not in CHOICES[field]:
        raise InputError(field, "unknown_choice", value=text, allowed=", ".join(CHOICES[field]))
    return value


def parse_flag(field: str, text: str) -> bool:
    """A yes/no field such as `late_hour`: yes, true, on, 1; no, false, off, 0 or blank.

    Raises:
        InputError: Naming `field`, for anything else.
    """
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise InputError(field, "unknown_choice", value=text, allowed="yes, no")


def format_date(day: dt.date, lang: str) -> str:
    """The date as a letter writes it: `28 April`, `4月28日（火）`."""
    words = wording(lang)
    month = words["months"][day.month - 1] if "months" in words else day.month
    weekday = words["weekdays"][day.weekday()] if "weekdays" in words else ""
    return words["date"].format(day=day.day, month=month, weekday=weekday)


def recipient(lang: str, name: str, title: str = "", salutation: str = "") -> str:
    """How the mail addresses the interviewer.

    Args:
        lang: `en` or `ja`.
        name: The interviewer's surname (or a placeholder); blank means unknown.
        title: The interviewer's title, used where the language's wording has a
            `titled` form (Japanese: 「課長 佐藤様」).
        salutation: `mr`, `ms`, `dr` or `san` where the language has them
            (English); blank means the language's default.

    Returns:
        Such as `Sato-san`, `Ms. Sato`, `佐藤様`, or the generic addressee
        (`Hiring Team`, `採用担当者様`) when the name is blank.
    """
    words = wording(lang)["recipient"]
    if not name:
        return words["unknown"]
    if title and "titled" in words:
        return words["titled"].format(name=name, title=title)
    form = salutation if salutation in words else words["default"]
    return words[form].format(name=name)


def late_hour_line(lang: str) -> str:
    """The one-line apology for writing late in the day."""
    return wording(lang)["late_hour"]


@cache
def _examples() -> dict[str, dict[str, str]]:
    return _data("email_examples.toml")


def example_fields(lang: str) -> dict[str, str]:
    """Sample values for every field, used for the guide's rendered examples.

    Raises:
        InputError: For an unknown language.
    """
    language = str(lang).strip().lower()
    if language not in LANGUAGES:
        raise InputError("lang", "unknown_choice", value=lang, allowed=", ".join(LANGUAGES))
    return dict(_examples()[language])
