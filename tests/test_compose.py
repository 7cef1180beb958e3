import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orei.compose import compose, placeholder_text, render_example, render_text
from orei.email_fields import (
    clean_text,
    example_fields,
    format_date,
    parse_choice,
    parse_flag,
    parse_interview_date,
    recipient,
)
from orei.email_templates import FIELDS, load_template, template_keys
from orei.errors import InputError

LANGS = ("en", "ja")
EVERY = [(key, lang) for key in ("thank-you", "follow-up", "linkedin-note") for lang in LANGS]


@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_every_template_renders_with_all_fields(key, lang):
    fields = example_fields(lang) | {"late_hour": "yes"}
    draft = compose(key, lang, fields)
    assert draft.missing == ()
    assert "[" not in draft.subject + draft.body  # no placeholder left
    assert draft.ok, [c.message_en for c in draft.checks if not c.ok]
    values = example_fields(lang)
    for name in ("topic", "your_name"):
        assert values[name] in draft.body
    if key != "linkedin-note":
        for name in ("company", "job_title", "your_email", "your_phone"):
            assert values[name] in draft.body
        assert values["your_name"] in draft.subject


@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_every_template_renders_with_no_fields(key, lang):
    draft = compose(key, lang, {})
    tpl = load_template(key, lang)
    assert draft.missing == tpl.fields
    for name in draft.missing:
        assert placeholder_text(lang, name) in draft.subject + draft.body
    unfilled = next(c for c in draft.checks if c.code == "unfilled_fields")
    assert not unfilled.ok
    assert all(c.ok for c in draft.checks if c.code != "unfilled_fields")


@pytest.mark.parametrize(
    ("lang", "field", "shown"),
    [
        ("en", "company", "[Company name]"),
        ("ja", "company", "[会社名]"),
        ("en", "interview_date", "[Interview date]"),
        ("ja", "your_phone", "[あなたの電話番号]"),
    ],
)
def test_placeholder_text(lang, field, shown):
    assert placeholder_text(lang, field) == shown


def test_japanese_address_block_with_department_and_title():
    fields = example_fields("ja")
    lines = compose("thank-you", "ja", fields).body.split("\n")
    assert lines[:4] == ["株式会社青葉システムズ", "開発本部", "課長 佐藤様", ""]


def test_japanese_address_without_department_title_or_name():
    fields = example_fields("ja") | {
        "department": "",
        "interviewer_title": " ",
        "interviewer_name": "",
    }
    draft = compose("thank-you", "ja", fields)
    assert draft.body.split("\n")[:3] == ["株式会社青葉システムズ", "採用担当者様", ""]
    assert draft.missing == ()


@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_the_guide_example_is_the_composed_example(key, lang):
    assert render_example(key, lang) == compose(key, lang, example_fields(lang))


def test_japanese_subject_names_the_matter_and_the_sender():
    draft = compose("thank-you", "ja", {"your_name": "山田 花子"})
    assert draft.subject == "面接のお礼（山田 花子）"
    assert compose("follow-up", "ja", {"your_name": "山田"}).subject.endswith("（山田）")


def test_english_salutation_choices():
    fields = example_fields("en")
    expected = {
        "mr": "Mr. Sato",
        "ms": "Ms. Sato",
        "dr": "Dr. Sato",
        "san": "Sato-san",
        "": "Sato-san",
    }
    for salutation, name in expected.items():
        draft = compose("thank-you", "en", fields | {"salutation": salutation})
        assert draft.body.startswith(f"Dear {name},\n\n")
    blank = compose("follow-up", "en", fields | {"interviewer_name": ""})
    assert blank.body.startswith("Dear Hiring Team,\n\n")


def test_linkedin_note_needs_the_name():
    draft = compose("linkedin-note", "ja", example_fields("ja") | {"interviewer_name": ""})
    assert draft.missing == ("interviewer_name",)
    assert draft.body.startswith("[面接官の姓]様\n")


@pytest.mark.parametrize(
    ("lang", "round_", "format_", "text"),
    [
        (
            "en",
            "first",
            "in-person",
            "the first-round interview on 28 April and for the time you spent with me at your",
        ),
        (
            "en",
            "final",
            "online",
            "the final interview on 28 April and for the time you spent with me online.",
        ),
        ("en", "", "", "the interview on 28 April and for the time you spent with me."),
        ("ja", "first", "in-person", "ご多忙の中、直接お会いするお時間をいただき"),
        ("ja", "", "", "4月28日（火）にバックエンドエンジニアの面接を受けさせていただきました"),
        ("ja", "final", "online", "最終面接を受けさせていただきました"),
        ("ja", "final", "ONLINE", "オンラインでお話しするお時間をいただき"),
        ("ja", "first", "In person", "一次面接を受けさせていただきました"),
    ],
)
def test_round_and_format_wording(lang, round_, format_, text):
    fields = example_fields(lang) | {"round": round_, "format": format_}
    assert text in compose("thank-you", lang, fields).body


@pytest.mark.parametrize(
    ("iso", "lang", "written"),
    [
        ("2026-04-28", "en", "28 April"),
        ("2026-04-28", "ja", "4月28日（火）"),
        ("2026-01-04", "ja", "1月4日（日）"),
        ("2027-12-31", "en", "31 December"),
        ("２０２６－０５－０１", "ja", "5月1日（金）"),
        ("2026-5-1", "en", "1 May"),
    ],
)
def test_interview_date_is_written_the_language_s_way(iso, lang, written):
    assert format_date(parse_interview_date(iso), lang) == written
    draft = compose("follow-up", lang, {"interview_date": f"  {iso} "})
    assert written in draft.body


@pytest.mark.parametrize(
    "text", ["28/04/2026", "2026-02-30", "2026-13-01", "tomorrow", "2026-04-28T10:00", "20260428"]
)
def test_a_bad_interview_date_names_the_field(text):
    with pytest.raises(InputError) as caught:
        compose("thank-you", "en", {"interview_date": text})
    assert caught.value.field == "interview_date"
    assert "面接日" in caught.value.message("ja")


@pytest.mark.parametrize(
    ("field", "value"),
    [("round", "third"), ("format", "phone"), ("salutation", "sir"), ("late_hour", "maybe")],
)
def test_a_bad_choice_names_the_field(field, value):
    with pytest.raises(InputError) as caught:
        compose("thank-you", "en", {field: value})
    assert caught.value.field == field
    assert value in caught.value.message("en")


def test_fields_the_template_does_not_use_are_not_read():
    # The LinkedIn note has no format, so a bad one is ignored rather than refused.
    assert compose("linkedin-note", "en", {"format": "carrier pigeon"}).missing


@pytest.mark.parametrize(
    ("lang", "line"), [("en", "Please excuse the late hour"), ("ja", "夜分に失礼いたします。")]
)
def test_late_hour_adds_one_line_outside_the_counted_message(lang, line):
    fields = example_fields(lang)
    early = compose("thank-you", lang, fields)
    late = compose("thank-you", lang, fields | {"late_hour": "on"})
    assert line not in early.body
    assert line in late.body
    assert len(late.body.split("\n")) == len(early.body.split("\n")) + (2 if lang == "en" else 1)
    counts = [
        next(c for c in d.checks if c.code == "sentence_count").message_en for d in (early, late)
    ]
    assert counts[0] == counts[1]


def test_unknown_keys_are_ignored_and_values_trimmed():
    fields = example_fields("en") | {
        "evil": "x",
        "template": "follow-up",
        "company": "  Aoba   K.K. \n",
    }
    draft = compose("thank-you", "en", fields)
    assert draft.template == "thank-you"
    assert "join Aoba K.K. I am" in draft.body  # the value's own full stop ends the sentence


def test_non_string_values_are_accepted():
    draft = compose("thank-you", "en", {"company": 42, "topic": None, "late_hour": True})
    assert "join 42." in draft.body
    assert "topic" in draft.missing
    assert "late hour" in draft.body


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("  a  b ", "a b"),
        ("a\r\nBcc: x@example.com", "a Bcc: x@example.com"),
        ("a\u2028b\u0085c\x00d\te", "a b c d e"),
        ("\ud800x", "\ufffdx"),
        ("山田\u3000花子", "山田 花子"),
    ],
)
def test_clean_text(text, clean):
    assert clean_text(text) == clean


@pytest.mark.parametrize(
    ("lang", "name", "title", "salutation", "shown"),
    [
        ("en", "Sato", "", "", "Sato-san"),
        ("en", "Sato", "Manager", "ms", "Ms. Sato"),
        ("en", "", "", "dr", "Hiring Team"),
        ("ja", "佐藤", "", "", "佐藤様"),
        ("ja", "佐藤", "部長", "", "部長 佐藤様"),
        ("ja", "", "部長", "", "採用担当者様"),
    ],
)
def test_recipient(lang, name, title, salutation, shown):
    assert recipient(lang, name, title, salutation) == shown


def test_choices_and_flags_parse_leniently():
    assert parse_choice("format", " In_Person ") == "in-person"
    assert parse_choice("round", "") == ""
    assert [parse_flag("late_hour", v) for v in ("YES", "1", "on", "", "off", "False")] == [
        True
    ] * 3 + [False] * 3


def test_render_text_drops_only_lines_emptied_by_placeholders():
    fills = {"a": "", "b": "x"}
    assert render_text("{a}\n{b}\n\nplain\n  {a} \nend {a}", fills) == "x\n\nplain\nend"


def test_compose_is_fast_enough_for_every_keystroke():
    fields = example_fields("ja")
    compose("thank-you", "ja", fields)  # load and cache the files
    start = time.perf_counter()
    for _ in range(50):
        compose("thank-you", "ja", fields)
    assert (time.perf_counter() - start) / 50 < 0.016


field_values = st.dictionaries(
    st.sampled_from([*FIELDS, "template", "lang", "extra"]),
    st.one_of(
        st.text(max_size=40), st.sampled_from(["first", "online", "yes", "2026-04-28", "mr"])
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from(template_keys()),
    lang=st.sampled_from(LANGS),
    fields=field_values,
    premium=st.booleans(),
)
def test_only_input_errors_escape_and_nothing_breaks_a_line(key, lang, fields, premium):
    try:
        draft = compose(key, lang, fields, premium=premium)
    except InputError as error:
        refused = error
    else:
        refused = None
    if refused is not None:
        assert refused.field in FIELDS
        assert refused.message("ja") != refused.message("en")
        return
    assert "\n" not in draft.subject
    assert "\r" not in draft.subject + draft.body
    assert set(draft.missing) <= set(load_template(key, lang).fields)
    for name in draft.missing:
        assert placeholder_text(lang, name) in draft.subject + draft.body


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_iso_date_is_accepted_and_written_with_its_weekday(day):
    written = format_date(parse_interview_date(day.isoformat()), "ja")
    assert written == f"{day.month}月{day.day}日（{'月火水木金土日'[day.weekday()]}）"
