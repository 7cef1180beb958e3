"""Checks shown beside the e-mail preview, each a small function returning a `Check`.

Every check reports both when it passes and when it fails, with a message in
English and Japanese from the catalogues' `[checks]` tables, so the widget can
show a list of ticks and warnings. Check codes:

- `sentence_count`: the message proper holds a set number of sentences (3 to 5
  for a thank-you). Only the template's `message` part is counted, not the
  address, the opening greeting and name, the late-hour line, the closing
  formula or the signature. Japanese sentences end at 。 (or ！ ？); English
  ones at . ! ? before a space, except after titles, initials and
  abbreviations such as "Mr." or "e.g." (see `count_sentences`).
- `linkedin_length`: a LinkedIn note fits LinkedIn's limit, counted as
  LinkedIn's web form counts it: JavaScript string length, that is UTF-16 code
  units (an emoji outside the BMP counts two), with a line break counting one.
- `onsha`: 御社 is the spoken form; a Japanese mail writes 貴社.
- `company_abbreviation`: (株), （株）, ㈱ and the like for 有限会社 should be
  written out as the company's full name.
- `honorifics`: the Japanese address block uses one honorific per line: 様 after a
  person (not after a title, 鈴木部長様), 御中 only for a department with no person
  named, never both.
- `email_address`: the reader's own address is one plain address that can go in the
  `.eml` file's From line (not `"Eve" <eve@example.com>`, not a list).
- `unfilled_fields`: some fields still show as placeholders.
- `mailto_length`: a `mailto:` link longer than about 2,000 characters, which
  some mail programs cut off or refuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from orei.email_fields import parse_address
from orei.messages import field_label, message

#: Mail programs and browsers start to cut `mailto:` links off at about this length.
MAILTO_LIMIT = 2000

_JA_SENTENCE_END = re.compile("[。！？!?]")
_EN_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_LAST_WORD = re.compile(r"(?<![A-Za-z.])([A-Za-z][A-Za-z.]*)\.$")
# After these a full stop never ends the sentence: a name or an example follows.
_NEVER_FINAL = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "e.g", "i.e", "cf", "vs", "no"})
# Company suffixes end a sentence unless a lower-case word or another suffix follows.
_COMPANY_SUFFIXES = frozenset({"co", "corp", "inc", "ltd", "llc", "plc", "k.k", "g.k"})
_ABBREVIATED_COMPANY = re.compile(r"[(（]\s*([株有])\s*[)）]|[㈱㈲]")
_FULL_COMPANY_TYPE = {"株": "株式会社", "有": "有限会社", "㈱": "株式会社", "㈲": "有限会社"}
# Titles that go before a name (採用担当 鈴木様), never between the name and 様.
_TITLE_AFTER_NAME = re.compile(r"(?:部長|課長|次長|係長|主任|室長|社長|専務|常務|取締役|担当)$")


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one check on a rendered mail.

    Attributes:
        code: What was checked (see the module's list).
        ok: True when the mail passes.
        message_en: What the reader sees, in English.
        message_ja: The same in Japanese.
    """

    code: str
    ok: bool
    message_en: str
    message_ja: str

    def message(self, lang: str = "en") -> str:
        """The message in `lang` (`ja`, or English for anything else)."""
        return self.message_ja if lang == "ja" else self.message_en


def _check(code: str, ok: bool, **params: Any) -> Check:
    key = f"checks.{code}.{'ok' if ok else 'fail'}"
    return Check(code, ok, message("en", key, **params), message("ja", key, **params))


def _ends_sentence(text: str, end: re.Match[str]) -> bool:
    if end.group().rstrip("\"'”’)]") != ".":
        return True  # ! ? or an ellipsis
    rest = text[end.end() :].lstrip()
    word = _LAST_WORD.search(text, max(0, end.start() - 40), end.start() + 1)
    if not rest or word is None:
        return True
    name = word.group(1).lower()
    if name in _NEVER_FINAL or len(name) == 1:
        return False
    if name in _COMPANY_SUFFIXES:
        following = rest.split(maxsplit=1)[0]
        suffix = _LAST_WORD.match(following)
        return not following[0].islower() and not (
            suffix and suffix.group(1).lower() in _COMPANY_SUFFIXES
        )
    return True


def count_sentences(text: str, lang: str) -> int:
    """How many sentences `text` holds.

    Japanese: the pieces between 。, ！ and ？ that hold any text, so a last
    sentence without its 。 still counts. English: full stops, exclamation and
    question marks followed by a space or the end, skipping those after a title
    or initial ("Mr.", "J."), after "e.g." and the like, and after a company
    suffix followed by another or by a lower-case word ("Co. Ltd. was"); text
    after the last end counts as one more sentence.
    """
    if lang == "ja":
        return sum(1 for piece in _JA_SENTENCE_END.split(text) if piece.strip())
    count, start = 0, 0
    for end in _EN_SENTENCE_END.finditer(text):
        if _ends_sentence(text, end):
            if text[start : end.end()].strip(" .!?\"'”’)]\n"):
                count += 1
            start = end.end()
    if text[start:].strip():
        count += 1
    return count


def utf16_length(text: str) -> int:
    """The length JavaScript gives `text`: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def check_sentence_count(text: str, lang: str, fewest: int, most: int) -> Check:
    """Whether the message proper (`text`) holds `fewest` to `most` sentences."""
    count = count_sentences(text, lang)
    return _check("sentence_count", fewest <= count <= most, count=count, min=fewest, max=most)


def check_linkedin_length(text: str, limit: int) -> Check:
    """Whether a LinkedIn note fits `limit` characters as LinkedIn counts them."""
    count = utf16_length(text)
    return _check("linkedin_length", count <= limit, count=count, limit=limit, over=count - limit)


def check_onsha(text: str) -> Check:
    """Whether a Japanese mail avoids 御社 (spoken) in favour of 貴社 (written)."""
    return _check("onsha", "御社" not in text)


def check_company_abbreviation(text: str) -> Check:
    """Whether the company type is written out rather than abbreviated as （株）."""
    found = _ABBREVIATED_COMPANY.search(text)
    if found is None:
        return _check("company_abbreviation", True)
    full = _FULL_COMPANY_TYPE[found.group(1) or found.group()]
    return _check("company_abbreviation", False, found=found.group(), full=full)


def check_honorifics(department: str, title: str, name: str) -> Check:
    """Whether the Japanese address block uses 様 and 御中 as a letter does.

    Args:
        department: The department line as typed.
        title: The recipient's title as typed.
        name: The recipient's name, without the 様 the mail adds.
    """
    if department.endswith("御中") and name:
        problem = "both"
    elif _TITLE_AFTER_NAME.search(name) or title.endswith(("様", "殿")):
        problem = "title"
    else:
        return _check("honorifics", True)
    key = f"checks.honorifics.{problem}"
    return Check("honorifics", False, message("en", key), message("ja", key))


def check_email_address(address: str) -> Check:
    """Whether the reader's own address is one plain address a From line can hold."""
    return _check("email_address", parse_address(address) is not None, value=address)


def check_unfilled_fields(missing: Iterable[str]) -> Check:
    """Whether every field the mail needs is filled, naming those that are not."""
    names = list(missing)
    if not names:
        return _check("unfilled_fields", True)
    key = "checks.unfilled_fields.fail"
    return Check(
        "unfilled_fields",
        False,
        message("en", key, fields=", ".join(field_label("en", n) for n in names)),
        message("ja", key, fields="、".join(field_label("ja", n) for n in names)),
    )


def check_mailto_length(url: str) -> Check:
    """Whether a `mailto:` link is short enough for mail programs to accept."""
    return _check("mailto_length", len(url) <= MAILTO_LIMIT, length=len(url), limit=MAILTO_LIMIT)
