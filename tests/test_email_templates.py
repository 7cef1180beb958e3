import pytest

from orei.email_fields import example_fields, wording
from orei.email_templates import (
    CHOICES,
    FIELDS,
    TemplateError,
    load_template,
    parse_template,
    placeholders,
    template_keys,
    templates,
)
from orei.errors import InputError
from orei.messages import field_label

LANGS = ("en", "ja")

GOOD = '''
title = "T"
order = 9
subject = "About {company}"
fields = ["company"]
optional = ["round"]
checks = ["unfilled_fields"]

[choices.round]
first = "1st"
second = "2nd"
final = "last"
blank = "an"

[body]
message = """
Hello {company}, {round}.
"""
'''


def test_the_contract_templates_exist_in_order():
    assert template_keys() == ("thank-you", "follow-up", "linkedin-note")


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_loads_in_both_languages(lang):
    found = templates(lang)
    assert [t.key for t in found] == list(template_keys())
    assert all(t.lang == lang and t.title for t in found)


@pytest.mark.parametrize("lang", LANGS)
def test_thank_you_counts_three_to_five_sentences(lang):
    tpl = load_template("thank-you", lang)
    assert "sentence_count" in tpl.checks
    assert tpl.sentences == (3, 5)


@pytest.mark.parametrize("lang", LANGS)
def test_linkedin_note_has_the_limits_and_no_subject(lang):
    tpl = load_template("linkedin-note", lang)
    assert tpl.max_length == (200, 300)
    assert tpl.subject == ""
    assert "linkedin_length" in tpl.checks


@pytest.mark.parametrize("key", ["thank-you", "follow-up", "linkedin-note"])
def test_japanese_templates_check_onsha_and_write_kisha(key):
    tpl = load_template(key, "ja")
    assert "onsha" in tpl.checks
    text = "".join(part for _, part in tpl.body)
    assert "御社" not in text


@pytest.mark.parametrize("key", ["thank-you", "follow-up"])
def test_japanese_mail_has_the_business_mail_parts(key):
    tpl = load_template(key, "ja")
    assert "{your_name}" in tpl.subject
    assert tpl.subject.endswith("（{your_name}）")
    assert tpl.part("address").split("\n")[:3] == ["{company}", "{department}", "{recipient}"]
    assert tpl.part("opening").startswith("お世話になっております。")
    assert "{your_name}" in tpl.part("opening")
    assert "{late_hour}" in tpl.part("opening")
    assert "貴社" in tpl.part("message")
    signature = tpl.part("signature")
    assert all(f"{{{f}}}" in signature for f in ("your_name", "your_phone", "your_email"))


@pytest.mark.parametrize("key", ["thank-you", "follow-up"])
def test_english_mail_has_a_salutation_and_a_signature(key):
    tpl = load_template(key, "en")
    assert tpl.part("address") == "Dear {recipient},\n"
    assert "salutation" in tpl.optional
    signature = tpl.part("signature")
    assert all(f"{{{f}}}" in signature for f in ("your_name", "your_phone", "your_email"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_field_has_a_label_in_both_catalogues(lang):
    for name in (*FIELDS, "template", "lang"):
        assert field_label(lang, name) != name


@pytest.mark.parametrize("lang", LANGS)
def test_wording_covers_every_salutation_and_date_part(lang):
    words = wording(lang)
    assert words["late_hour"]
    if lang == "en":
        assert all(s in words["recipient"] for s in CHOICES["salutation"])
        assert words["recipient"]["default"] in CHOICES["salutation"]
        assert len(words["months"]) == 12
    else:
        assert len(words["weekdays"]) == 7


@pytest.mark.parametrize("lang", LANGS)
def test_examples_give_every_field_but_late_hour(lang):
    assert set(example_fields(lang)) == set(FIELDS) - {"late_hour"} - (
        {"salutation"} if lang == "ja" else set()
    )


def test_unknown_template_and_language_name_their_field():
    with pytest.raises(InputError) as caught:
        load_template("thanks", "en")
    assert caught.value.field == "template"
    assert "thank-you" in caught.value.message("en")
    with pytest.raises(InputError) as caught:
        load_template("thank-you", "fr")
    assert caught.value.field == "lang"
    assert "言語" in caught.value.message("ja")


def test_names_are_matched_without_case_or_blanks():
    assert load_template(" Thank-You ", "JA ").key == "thank-you"


def test_a_well_formed_template_parses():
    tpl = parse_template("t", "en", GOOD)
    assert tpl.fields == ("company",)
    assert tpl.uses == ("company", "round")
    assert placeholders(tpl.part("message")) == ["company", "round"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("{company}, {round}", "{company}, {round}, {topic}"), "needs 'topic'"),
        (('optional = ["round"]', 'optional = ["round", "topic"]'), "never used"),
        (('optional = ["round"]', 'optional = ["rounds"]'), "unknown field"),
        (('checks = ["unfilled_fields"]', 'checks = ["spelling"]'), "unknown check"),
        (('blank = "an"', ""), "choices.round needs 'blank'"),
        (("Hello {company}", "Hello {company"), "stray brace"),
        (("Hello {company}", "Hello {company:>9}"), "stray brace"),
        (('checks = ["unfilled_fields"]', 'checks = ["sentence_count"]'), "sentences"),
        (('checks = ["unfilled_fields"]', 'checks = ["linkedin_length"]'), "max_length"),
        (('fields = ["company"]', 'fields = ["company", "round"]'), "listed twice"),
        (('title = "T"', ""), "missing key 'title'"),
        (('title = "T"', 'title = "T'), "templates/t.en.toml"),
    ],
)
def test_malformed_templates_are_refused(change, problem):
    old, new = change
    assert old in GOOD
    with pytest.raises(TemplateError, match=problem):
        parse_template("t", "en", GOOD.replace(old, new))
