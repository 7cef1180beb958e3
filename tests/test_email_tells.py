"""Known tells of non-native or careless Japanese, over every rendered mail and every page.

A Japanese recruiter reading the generated mails and the guide should find none of
these: させていただきました in the fixed text, 夜分 for an evening mail, a written
date where 本日 or 昨日 belongs, the interviewer as the addressee, 採用担当者様
without ご, フォローアップ in Japanese, nested brackets, and spaces between Japanese
and Latin words (the convention here is none, as in JTF's style guide).
The form, which the build renders, is checked in `test_site_email_form.py`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import tomllib
from pathlib import Path

import pytest

from orei.compose import compose
from orei.dates import letter_date
from orei.email_fields import example_fields
from orei.email_templates import load_template, template_keys

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
JA_PAGES = sorted(DOCS.glob("*.ja.md"))
JA_CATALOGUE = ROOT / "src" / "orei" / "locales" / "ja.toml"
# A Japanese character (kana, kanji, the long-vowel mark) and a Latin word with a space
# between. (Digits in a signature's 「経済学部 4年」 separate its parts, as is usual.)
JAPANESE = r"[\u3040-\u30ff\u3400-\u9fff]"
SPACED = re.compile(rf"{JAPANESE} [A-Za-z.]|[A-Za-z] {JAPANESE}")
PLACEHOLDER_SPACED = re.compile(rf"{JAPANESE} \{{|\}} {JAPANESE}")
# What is quoted to be typed as it is (「{field} 値」, a command line) keeps its spaces.
TYPED = re.compile(r"「[^」]*」")


def mails():
    """Every template × language × career × all fields or none × the flags on or off."""
    for key, lang, career, filled, after_hours, phoned in itertools.product(
        template_keys(), ("en", "ja"), ("mid-career", "new-graduate", ""), (True, False),
        ("on", ""), ("on", ""),
    ):  # fmt: skip
        values = example_fields(lang, key) if filled else {}
        values = values | {"career": career, "after_hours": after_hours, "phoned": phoned}
        yield f"{key}-{lang}-{career or 'none'}-{'all' if filled else 'none'}", key, lang, values


MAILS = list(mails())


def rendered(lang=None):
    for name, key, mail_lang, values in MAILS:
        if lang in (None, mail_lang):
            draft = compose(key, mail_lang, values)
            yield name, draft, f"{draft.subject}\n{draft.body}"


def prose(page: Path) -> str:
    """A page's text without its front matter, code blocks and code spans."""
    text = page.read_text("utf-8").split("---", 2)[2]
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return re.sub(r"`[^`\n]*`", "", text)


def ui_strings() -> list[str]:
    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, str):
            yield node

    return list(walk(tomllib.loads(JA_CATALOGUE.read_text("utf-8"))))


def test_the_mails_cover_every_template_and_both_languages():
    assert {(key, lang) for _, key, lang, _ in MAILS} == {
        (key, lang) for key in template_keys() for lang in ("en", "ja")
    }
    assert len(MAILS) == len(template_keys()) * 2 * 3 * 2 * 2 * 2


def test_no_mail_overdoes_saseteitadaku():
    for name, _draft, text in rendered("ja"):
        assert "させていただきました" not in text, name
        assert text.count("させていただ") <= 1, name  # a decline or withdrawal's one request


def test_no_mail_says_yabun_and_english_has_no_late_hour_line():
    for name, _draft, text in rendered():
        assert "夜分" not in text, name
        assert "late hour" not in text.lower(), name


def test_yabun_appears_on_a_page_only_to_say_it_means_21_00_on():
    for page in sorted(DOCS.glob("*.md")):
        for line in prose(page).splitlines():
            if "夜分" in line:
                assert "21" in line, f"{page.name}: {line}"


@pytest.mark.parametrize(
    "key", [k for k in template_keys() if load_template(k, "ja").later.get("send_date")]
)
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize(("days", "word"), [(0, ("本日", "today")), (1, ("昨日", "yesterday"))])
def test_a_mail_sent_the_same_or_next_day_says_so_rather_than_a_date(key, lang, days, word):
    values = example_fields(lang, key)
    interview = dt.date.fromisoformat(values["interview_date"])
    values |= {"send_date": (interview + dt.timedelta(days=days)).isoformat()}
    body = compose(key, lang, values).body
    assert letter_date(interview, lang) not in body
    assert word[0 if lang == "ja" else 1] in body


def test_the_interviewers_are_mentioned_but_never_addressed():
    for name, draft, _text in rendered():
        key, lang = draft.template, draft.lang
        if not draft.is_mail:
            continue  # a LinkedIn note goes to whoever you connect with, after the process
        values = dict(next(v for n, _, _, v in MAILS if n == name))
        names = [n for n in values.get("interviewer_names", "").replace("、", ",").split(",") if n]
        first_paragraph = draft.body.split("\n\n")[0]
        for person in names:
            assert person.strip() not in first_paragraph, (name, key, lang)


def test_one_form_of_address():
    texts = [text for _, _, text in rendered("ja")] + [p.read_text("utf-8") for p in JA_PAGES]
    texts += ui_strings()
    assert [t for t in texts if "採用担当者様" in t] == []
    assert any("採用ご担当者様" in t for t in texts)


def test_no_follow_up_in_katakana_in_the_japanese_ui_or_pages():
    texts = ui_strings() + [prose(p) for p in JA_PAGES]
    texts += [text for _, _, text in rendered("ja")]
    assert [t for t in texts if "フォローアップ" in t] == []


def test_no_nested_brackets():
    texts = ui_strings() + [prose(p) for p in JA_PAGES] + [text for _, _, text in rendered("ja")]
    nested = re.compile(r"（[^（）]*（|「[^「」]*「")
    assert [t for t in texts if nested.search(t)] == []


def test_no_space_between_japanese_and_latin_words():
    # The guide's glossary gives readings as 「かな romaji」 on purpose; the rest follows JTF.
    pages = [p for p in JA_PAGES if p.name != "glossary.ja.md"]
    found = [
        f"{p.name}: {line.strip()}"
        for p in pages
        for line in prose(p).splitlines()
        if SPACED.search(line)
    ]
    found += [
        f"mail {name}: {line}"
        for name, _, text in rendered("ja")
        for line in text.splitlines()
        if SPACED.search(line)
    ]
    # The whole catalogue: the widgets' texts and every error message a page can show,
    # and no space between Japanese and a placeholder either (「{max}件」, not 「{max} 件」).
    catalogue = tomllib.loads(JA_CATALOGUE.read_text("utf-8"))
    found += [
        s
        for s in _strings(catalogue)
        if SPACED.search(s) or PLACEHOLDER_SPACED.search(TYPED.sub("", s))
    ]
    assert found == []


def _strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, str):
        yield node
