"""Form values for the e-mail generator: cleaned, checked and turned into wording.

Values arrive as raw strings from a form or the command line. Each is trimmed,
and any line break, tab or other control character becomes a single space, so
no value can break a line of the subject or add a header to an `.eml` file.
The wording made from values (the addressee, dates, lists of names, candidate
slots) is data in `orei/data/email_wording.toml`; sample values for the guide's
examples are in `orei/data/email_examples.toml`.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping
from email.errors import HeaderParseError
from email.headerregistry import Address
from functools import cache
from importlib import resources
from typing import Any

from orei.dates import letter_date
from orei.email_spec import CHOICES, FIELDS
from orei.errors import InputError
from orei.messages import LANGUAGES

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_YES = frozenset({"yes", "true", "on", "1"})
_NO = frozenset({"no", "false", "off", "0", ""})
# Between names in a list: commas (Latin, Japanese, full-width), semicolons, " and ".
_NAME_SEPARATOR = re.compile(r"\s*(?:[,、，;；]|\band\b)\s*")
# Honorifics a reader may type after a Japanese name; the mail adds 様 itself.
_JA_HONORIFIC = re.compile(r"\s*(?:様|さま|さん|殿|氏)$")


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


def parse_choice(field: str, text: str) -> str:
    """A choice field's value (`round`, `career`, `salutation`...), or "" when blank.

    Case is ignored, and a space or underscore counts as a hyphen (`in person`).

    Raises:
        InputError: Naming `field`, if the value is not one of its choices.
    """
    value = re.sub(r"[\s_]+", "-", text.strip().lower())
    if value and value not in CHOICES[field]:
        raise InputError(field, "unknown_choice", value=text, allowed=", ".join(CHOICES[field]))
    return value


def parse_flag(field: str, text: str) -> bool:
    """A yes/no field such as `after_hours`: yes, true, on, 1; no, false, off, 0 or blank.

    Raises:
        InputError: Naming `field`, for anything else.
    """
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise InputError(field, "unknown_choice", value=text, allowed="yes, no")


def parse_address(text: str) -> str | None:
    """`text` as one plain ASCII address (`name@example.com`), or None if it is not one.

    A display name (`"Eve" <eve@example.com>`), a list (`a@b.com, c@d.com`) or
    anything a mail program could not put in a From line is not one.
    """
    addr_spec = clean_text(text)
    if not addr_spec or not addr_spec.isascii() or any(c in addr_spec for c in " <>,;\"'"):
        return None
    try:
        address = Address(addr_spec=addr_spec)
    except (ValueError, HeaderParseError, IndexError):
        return None
    if not address.username or "." not in address.domain or address.addr_spec != addr_spec:
        return None
    return addr_spec


def when(interview: dt.date, sent: dt.date) -> str:
    """Where the interview falls from the day the mail is sent (`orei.email_spec.WHEN_VALUES`).

    A mail says 本日 / today, 昨日 / yesterday or 明日 / tomorrow where a written date
    would read as machine-made.
    """
    days = (interview - sent).days
    named = {0: "today", -1: "yesterday", 1: "tomorrow"}
    return named.get(days, "earlier" if days < 0 else "later")


def person_name(lang: str, name: str) -> str:
    """A name as typed, without an honorific the mail adds itself (Japanese: 様, さん)."""
    return _JA_HONORIFIC.sub("", name) if lang == "ja" else name


def recipient(
    lang: str,
    name: str,
    title: str = "",
    salutation: str = "",
    department: str = "",
    *,
    unstated_salutation: str = "",
) -> str:
    """How the mail addresses the person it goes to: the recruiter, usually.

    Args:
        lang: `en` or `ja`.
        name: The recipient's family name (or full name); blank means unknown.
        title: Their title, where the language's wording has a `titled` form
            (Japanese: 「採用担当 鈴木様」).
        salutation: `mr`, `ms`, `dr` or `san` where the language has them (English).
        department: The department line above; one ending in 御中 is itself the
            addressee when no person is named.
        unstated_salutation: What stands for a salutation the reader has not chosen
            (English), such as the placeholder `[Mr./Ms.]`.

    Returns:
        Such as `Ms. Suzuki`, `Suzuki-san`, `採用担当 鈴木様`, the generic addressee
        (`Hiring Team`, `採用ご担当者様`) when the name is blank, or nothing when the
        department line (`人事部御中`) already addresses the mail.
    """
    words = wording(lang)["recipient"]
    name = person_name(lang, name)
    if not name:
        return "" if department.endswith("御中") else words["unknown"]
    if "named" in words:
        return words["titled" if title else "named"].format(name=name, title=title)
    if not salutation:
        return words["unstated"].format(name=name, salutation=unstated_salutation)
    return words[salutation].format(name=name)


def name_list(lang: str, text: str) -> str:
    """Names typed as a list (`佐藤、田中`, `Mr. Sato, Ms. Tanaka`) written as the mail lists them.

    Japanese adds 様 to each name (`佐藤様、田中様`); English joins them with commas
    and "and".
    """
    names = [person_name(lang, n) for n in _NAME_SEPARATOR.split(text) if n.strip()]
    words = wording(lang)["names"]
    if not names:
        return ""
    named = [words["each"].format(name=n) for n in names]
    if len(named) == 1:
        return named[0]
    return words["separator"].join(named[:-1]) + words["last_separator"] + named[-1]


def slot_lines(lang: str, days: Iterable[dt.date], time: str) -> str:
    """Candidate slots, one a line: `・5月7日（木）　10:00〜17:00`, `- Thursday 7 May, any time`."""
    words = wording(lang)["slots"]
    time = time or words["any_time"]
    return "\n".join(words["line"].format(date=letter_date(day, lang), time=time) for day in days)


@cache
def _examples() -> dict[str, dict[str, Any]]:
    return _data("email_examples.toml")


def example_fields(lang: str, template: str = "") -> dict[str, str]:
    """Sample values for every field, used for the guide's rendered examples.

    Args:
        lang: `en` or `ja`.
        template: A template whose own sample values (a later send date for a
            follow-up, say) replace the shared ones.

    Raises:
        InputError: For an unknown language.
    """
    language = str(lang).strip().lower()
    if language not in LANGUAGES:
        raise InputError("lang", "unknown_choice", value=lang, allowed=", ".join(LANGUAGES))
    shared = _examples()[language]
    values = {name: value for name, value in shared.items() if isinstance(value, str)}
    return values | dict(shared.get(template, {}))
