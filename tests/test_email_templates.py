import pytest

from orei.email_fields import example_fields, wording
from orei.email_spec import CHOICES, FIELDS, WHEN_VALUES, field, fields, holds, parse_condition
from orei.email_templates import (
    CONDITION_VALUES,
    EmailTemplate,
    TemplateError,
    load_template,
    parse_template,
    placeholders,
    template_keys,
    templates,
    used_by,
)
from orei.errors import InputError
from orei.messages import field_label, message

LANGS = ("en", "ja")
EVERY = [(key, lang) for key in template_keys() for lang in LANGS]


def part(tpl: EmailTemplate, name: str) -> str:
    """The raw text of one body part, or an empty string."""
    return dict(tpl.body).get(name, "")


GOOD = '''
title = "T"
order = 9
subject = "About {company}"
fields = ["company"]
optional = ["round", "career"]
checks = ["unfilled_fields"]

[choices.round]
first = "1st"
second = "2nd"
final = "last"
blank = "an"

[variants.closing]
"career=new-graduate" = "Student, {company}."
default = "Bye."

[body]
message = """
Hello {company}, {round}. {closing}
"""
'''


def test_the_templates_issue_17_hands_over_to_exist():
    # The application tracker (issue 17) links to these by name: a rename breaks its links.
    assert {
        "thank-you",
        "follow-up",
        "linkedin-note",
        "offer-accept",
        "offer-decline",
        "deadline-extension",
        "withdraw",
        "rejection-reply",
        "schedule-reply",
    } <= set(template_keys())


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_loads_in_both_languages(lang):
    found = templates(lang)
    assert [t.key for t in found] == list(template_keys())
    assert all(t.lang == lang and t.title for t in found)
    assert len({t.title for t in found}) == len(found)


@pytest.mark.parametrize("key", template_keys())
def test_both_languages_take_the_same_fields_but_the_language_s_own(key):
    # English has no address block, no after-hours line and no 様; Japanese has no salutation
    # and uses 貴社, not the everyday name. Everything else must match.
    own = {
        "en": {"salutation", "company_short"},
        "ja": {"department", "recipient_title", "after_hours"},
    }
    en, ja = load_template(key, "en"), load_template(key, "ja")
    assert set(en.fields) == set(ja.fields)
    assert set(en.uses) - own["en"] == set(ja.uses) - own["ja"]


@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_every_mail_runs_the_issue_s_checks(key, lang):
    tpl = load_template(key, lang)
    expected = {"sentence_count", "company_abbreviation", "unfilled_fields"}
    if tpl.is_mail:
        expected.add("email_address")
    if lang == "ja":
        expected |= {"onsha"} | ({"honorifics"} if tpl.is_mail else set())
    assert expected <= set(tpl.checks)
    assert tpl.sentences is not None


@pytest.mark.parametrize("lang", LANGS)
def test_thank_you_counts_three_to_five_sentences(lang):
    assert load_template("thank-you", lang).sentences == (3, 5)


@pytest.mark.parametrize("lang", LANGS)
def test_the_follow_up_is_shorter_than_the_thank_you(lang):
    follow_up, thank_you = load_template("follow-up", lang), load_template("thank-you", lang)
    assert follow_up.sentences[1] < thank_you.sentences[1]
    assert follow_up.sentences[1] <= 4


@pytest.mark.parametrize("lang", LANGS)
def test_linkedin_note_has_the_limits_no_subject_and_is_only_copied(lang):
    tpl = load_template("linkedin-note", lang)
    assert tpl.max_length == (200, 300)
    assert tpl.subject == ""
    assert "linkedin_length" in tpl.checks
    assert tpl.channel == "linkedin"
    assert not tpl.is_mail
    assert tpl.sentences == (1, 2)  # 「一、二文」, as the LinkedIn page says


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_linkedin_note_is_not_a_mail(lang):
    assert [t.key for t in templates(lang) if not t.is_mail] == ["linkedin-note"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", ["schedule-reply", "rejection-reply"])
def test_replies_keep_re_and_the_company_s_subject(key, lang):
    tpl = load_template(key, lang)
    assert tpl.subject == "Re: {original_subject}"
    assert "original_subject" in tpl.fields


@pytest.mark.parametrize("key", [k for k in template_keys() if load_template(k, "ja").is_mail])
def test_japanese_mail_has_the_business_mail_parts(key):
    tpl = load_template(key, "ja")
    assert part(tpl, "address").split("\n")[:3] == ["{company}", "{department}", "{recipient}"]
    assert part(tpl, "opening").startswith("お世話になっております。")
    assert "{after_hours_line}" in part(tpl, "opening")
    assert tpl.variants["after_hours_line"] == (
        (parse_condition("after_hours"), "業務時間外に失礼いたします。"),
    )
    assert "{self_intro}" in part(tpl, "opening")
    signature = part(tpl, "signature")
    assert all(f"{{{f}}}" in signature for f in ("your_name", "your_phone", "your_email"))
    assert "{school_line}" in signature
    if not tpl.subject.startswith("Re:"):
        assert tpl.subject.endswith("（{your_name_inline}）")


@pytest.mark.parametrize("key", [k for k in template_keys() if load_template(k, "en").is_mail])
def test_english_mail_has_a_salutation_a_signature_and_no_after_hours_line(key):
    tpl = load_template(key, "en")
    assert part(tpl, "address") == "Dear {recipient},\n"
    assert "salutation" in tpl.optional
    assert "after_hours" not in tpl.uses
    signature = part(tpl, "signature")
    assert all(f"{{{f}}}" in signature for f in ("your_name", "your_phone", "your_email"))


@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_the_interviewers_are_never_the_addressee(key, lang):
    tpl = load_template(key, lang)
    assert "interviewer_names" not in part(tpl, "address")
    assert "{interviewers}" not in part(tpl, "address")


@pytest.mark.parametrize("lang", LANGS)
def test_every_field_has_a_label_and_every_choice_a_form_label(lang):
    for name in (*FIELDS, "template", "lang"):
        assert field_label(lang, name) != name
    for name, values in CHOICES.items():
        shown = (*values, "blank") if field(name).form_blank else values
        for value in shown:
            assert message(lang, f"ui.email.choices.{name}.{value}")


@pytest.mark.parametrize("lang", LANGS)
def test_every_group_and_flag_has_its_words(lang):
    for spec in fields():
        assert message(lang, f"ui.email.groups.{spec.group}")
        if spec.kind == "flag":
            assert message(lang, f"ui.email.{spec.name}_label")


def test_every_field_is_used_by_some_template():
    assert [name for name in FIELDS if not used_by(name)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_wording_covers_every_salutation_and_leaves_dates_to_orei_dates(lang):
    words = wording(lang)
    if lang == "en":
        assert all(s in words["recipient"] for s in CHOICES["salutation"])
    assert {"date", "months", "weekdays", "late_hour"} & set(words) == set()


@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_examples_give_every_field_the_template_uses(key, lang):
    values = example_fields(lang, key)
    flags = {spec.name for spec in fields() if spec.kind == "flag"}
    assert set(load_template(key, lang).uses) - flags <= {n for n, v in values.items() if v}


def test_unknown_template_and_language_name_their_field():
    with pytest.raises(InputError) as caught:
        load_template("thanks", "en")
    assert caught.value.field == "template"
    assert "withdraw" in caught.value.message("en")
    with pytest.raises(InputError) as caught:
        load_template("thank-you", "fr")
    assert caught.value.field == "lang"
    assert "言語" in caught.value.message("ja")


def test_names_are_matched_without_case_or_blanks():
    assert load_template(" Thank-You ", "JA ").key == "thank-you"


def test_a_well_formed_template_parses():
    tpl = parse_template("t", "en", GOOD)
    assert tpl.fields == ("company",)
    assert tpl.uses == ("company", "round", "career")
    assert placeholders(part(tpl, "message")) == ["company", "round", "closing"]
    assert [rule for rule, _ in tpl.variants["closing"]] == [
        (("career", "new-graduate", False),),
        (),
    ]


@pytest.mark.parametrize(
    ("condition", "values", "holds_"),
    [
        ("career=new-graduate", {"career": "new-graduate"}, True),
        ("career=new-graduate", {"career": ""}, False),
        ("phoned", {"phoned": "on"}, True),
        ("!phoned", {"phoned": "on"}, False),
        ("!phoned", {}, True),
        ("round=final interviewer_names", {"round": "final", "interviewer_names": "佐藤"}, True),
        ("round=final interviewer_names", {"round": "final"}, False),
        ("", {}, True),
    ],
)
def test_conditions(condition, values, holds_):
    assert holds(parse_condition(condition), values) is holds_


def test_when_is_the_one_value_made_from_dates():
    assert CONDITION_VALUES == {"when": ("interview_date", "send_date")}
    assert WHEN_VALUES == ("today", "yesterday", "tomorrow", "earlier", "later")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("{company}, {round}", "{company}, {round}, {topic}"), "needs 'topic'"),
        (
            ('optional = ["round", "career"]', 'optional = ["round", "career", "topic"]'),
            "never used",
        ),
        (('optional = ["round", "career"]', 'optional = ["rounds", "career"]'), "unknown field"),
        (('checks = ["unfilled_fields"]', 'checks = ["spelling"]'), "unknown check"),
        (('blank = "an"', ""), "choices.round needs 'blank'"),
        (("Hello {company}", "Hello {company"), "stray brace"),
        (("Hello {company}", "Hello {company:>9}"), "stray brace"),
        (('checks = ["unfilled_fields"]', 'checks = ["sentence_count"]'), "sentences"),
        (('checks = ["unfilled_fields"]', 'checks = ["linkedin_length"]'), "max_length"),
        (('fields = ["company"]', 'fields = ["company", "round"]'), "listed twice"),
        (('title = "T"', ""), "missing key 'title'"),
        (('title = "T"', 'title = "T'), "templates/t.en.toml"),
        (('"career=new-graduate"', '"career=retired"'), "career=retired is not a choice"),
        (('"career=new-graduate"', '"phoned"'), "a condition on 'phoned' needs 'phoned'"),
        (('"career=new-graduate"', '"when=today"'), "needs 'interview_date'"),
        (('default = "Bye."', 'default = "Bye {closing}."'), "a variant cannot hold another"),
        (("[variants.closing]", "[variants.company]"), "'company' is taken"),
        (('fields = ["company"]', 'fields = ["company", "your_email"]'), "your_email needs"),
        (('title = "T"', 'title = "T"\nchannel = "fax"'), "channel"),
        (('title = "T"', 'title = "T"\nlater = { company = "round" }'), "later"),
    ],
)
def test_malformed_templates_are_refused(change, problem):
    old, new = change
    assert old in GOOD
    with pytest.raises(TemplateError, match=problem):
        parse_template("t", "en", GOOD.replace(old, new))
