import pytest

from orei.compose import compose
from orei.email_fields import example_fields
from orei.mail_checks import (
    MAILTO_LIMIT,
    check_company_abbreviation,
    check_email_address,
    check_honorifics,
    check_linkedin_length,
    check_mailto_length,
    check_onsha,
    check_sentence_count,
    check_unfilled_fields,
    count_sentences,
    utf16_length,
)


def checks_of(draft):
    return {check.code: check for check in draft.checks}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One. Two! Three?", 3),
        ("No full stop at the end", 1),
        ("", 0),
        ("Thank you, Mr. Sato. It was good to meet Dr. J. Smith.", 2),
        ("I liked Aoba Co. Ltd. very much. Thanks.", 2),
        ("I am keen to join Aoba Systems Co., Ltd. I look forward to it.", 2),
        ("I want to join Acme Inc. Thank you.", 2),
        ("We discussed e.g. testing and i.e. tooling. Thanks.", 2),
        ("Version 3.5 is out. Really!", 2),
        ("Wait... what? Yes.", 3),
        ('He said "hello." Then left.', 2),
        ("Ends with an abbreviation, Co.", 1),
    ],
)
def test_count_english_sentences(text, count):
    assert count_sentences(text, "en") == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("ありがとうございました。よろしくお願いいたします。", 2),
        ("一文目。\n二文目。\n三文目", 3),
        ("本当ですか？はい！そうです。", 3),
        ("。。", 0),
        ("", 0),
    ],
)
def test_count_japanese_sentences_by_the_full_stop(text, count):
    assert count_sentences(text, "ja") == count


@pytest.mark.parametrize(("count", "ok"), [(2, False), (3, True), (5, True), (6, False)])
def test_sentence_count_bounds(count, ok):
    check = check_sentence_count("文。" * count, "ja", 3, 5)
    assert check.ok is ok
    assert str(count) in check.message_en
    assert f"{count}文" in check.message_ja


def test_a_topic_full_of_sentences_trips_the_thank_you_check():
    topic = "the roadmap. The team. The office. The product"
    draft = compose("thank-you", "en", example_fields("en", "thank-you") | {"topic": topic})
    check = checks_of(draft)["sentence_count"]
    assert not check.ok
    assert "7 sentences" in check.message_en


@pytest.mark.parametrize(
    ("text", "units"),
    [("abc", 3), ("面接", 2), ("👍", 2), ("a\nb", 3), ("é", 1), ("e\u0301", 2)],
)
def test_utf16_length_counts_like_javascript(text, units):
    assert utf16_length(text) == units


def test_linkedin_length_limit_and_premium():
    assert check_linkedin_length("x" * 200, 200).ok
    over = check_linkedin_length("x" * 199 + "😀", 200)
    assert not over.ok
    assert "201" in over.message_en
    assert "1文字超え" in over.message_ja
    long_topic = "the " + "very " * 20 + "long project"
    fields = example_fields("en", "linkedin-note") | {"topic": long_topic}
    free = checks_of(compose("linkedin-note", "en", fields))["linkedin_length"]
    premium = checks_of(compose("linkedin-note", "en", fields, premium=True))["linkedin_length"]
    assert not free.ok
    assert premium.ok
    assert "of 300" in premium.message_en


def test_onsha_fires_on_a_spoken_form_in_a_field():
    fields = example_fields("ja", "thank-you")
    assert checks_of(compose("thank-you", "ja", fields))["onsha"].ok
    flagged = checks_of(compose("thank-you", "ja", fields | {"topic": "御社の新規事業"}))["onsha"]
    assert not flagged.ok
    assert "貴社" in flagged.message_ja
    assert not check_onsha("御社").ok
    assert check_onsha("貴社").ok


@pytest.mark.parametrize(
    ("company", "found", "full"),
    [
        ("(株)青葉", "(株)", "株式会社"),
        ("青葉（株）", "（株）", "株式会社"),
        ("㈱青葉", "㈱", "株式会社"),
        ("( 株 )青葉", "( 株 )", "株式会社"),
        ("青葉㈲", "㈲", "有限会社"),
        ("（有）青葉", "（有）", "有限会社"),
    ],
)
def test_company_abbreviations_are_flagged(company, found, full):
    draft = compose("follow-up", "ja", example_fields("ja", "follow-up") | {"company": company})
    check = checks_of(draft)["company_abbreviation"]
    assert not check.ok
    assert f"「{found}」" in check.message_ja
    assert f"「{full}」" in check.message_ja


@pytest.mark.parametrize("company", ["株式会社青葉", "青葉株式会社", "Aoba K.K.", "株主の会"])
def test_full_company_names_pass(company):
    assert check_company_abbreviation(company).ok


def test_unfilled_fields_are_named_in_each_language():
    check = check_unfilled_fields(["company", "your_phone"])
    assert not check.ok
    assert check.message_en == "Still to fill in: Company name, Your phone."
    assert check.message_ja == "未入力の項目があります：会社名、あなたの電話番号。"
    assert check_unfilled_fields([]).ok


def test_mailto_length_warns_past_the_limit():
    assert check_mailto_length("m" * MAILTO_LIMIT).ok
    too_long = check_mailto_length("m" * (MAILTO_LIMIT + 1))
    assert not too_long.ok
    assert ".eml" in too_long.message_en
    assert too_long.message("ja") == too_long.message_ja
    assert too_long.message("fr") == too_long.message_en


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("hanako@example.com", True),
        ("hanako.yamada+jobs@mail.example.co.jp", True),
        ("not-an-email", False),
        ('"Eve" <eve@example.com>', False),
        ("Eve <eve@example.com>", False),
        ("a@b.com, c@d.com", False),
        ("a@b.com;c@d.com", False),
        ("hanako@localhost", False),
        ("@example.com", False),
        ("山田@example.com", False),
        ("a@b\r\nBcc: c@d.com", False),
    ],
)
def test_your_e_mail_must_be_one_plain_address(address, ok):
    check = check_email_address(address)
    assert check.ok is ok
    if not ok:
        assert address in check.message_en
        assert "From" in check.message_en
        assert "差出人" in check.message_ja


@pytest.mark.parametrize("key", ["thank-you", "offer-decline", "schedule-reply"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_bad_address_is_a_failed_check_in_every_mail(key, lang):
    fields = example_fields(lang, key) | {"your_email": "a@b.com, c@d.com"}
    check = checks_of(compose(key, lang, fields))["email_address"]
    assert not check.ok


@pytest.mark.parametrize(
    ("department", "title", "name", "ok"),
    [
        ("人事部", "採用担当", "鈴木", True),
        ("人事部御中", "", "", True),
        ("人事部御中", "", "鈴木", False),
        ("人事部", "", "鈴木部長", False),
        ("人事部", "部長様", "鈴木", False),
        ("", "", "佐藤", True),
    ],
)
def test_honorifics(department, title, name, ok):
    assert check_honorifics(department, title, name).ok is ok
