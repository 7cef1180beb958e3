import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orei.compose import (
    candidate_slots,
    compose,
    placeholder_text,
    render_example,
    render_text,
    with_send_date,
)
from orei.dates import letter_date, parse_date
from orei.email_fields import (
    clean_text,
    example_fields,
    name_list,
    parse_choice,
    parse_flag,
    recipient,
    when,
)
from orei.email_spec import FIELDS
from orei.email_templates import load_template, template_keys
from orei.errors import InputError

LANGS = ("en", "ja")
CAREERS = ("mid-career", "new-graduate", "")
EVERY = [(key, lang) for key in template_keys() for lang in LANGS]


def full(key, lang, **changes):
    return example_fields(lang, key) | changes


@pytest.mark.parametrize("career", CAREERS)
@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_every_template_renders_with_all_fields_and_passes_its_checks(key, lang, career):
    fields = full(key, lang, career=career)
    draft = compose(key, lang, fields)
    assert draft.missing == ()
    assert "[" not in draft.subject + draft.body  # no placeholder left
    assert draft.ok, [c.message_en for c in draft.checks if not c.ok]
    assert fields["your_name"] in draft.body
    if draft.is_mail:
        for name in ("your_email", "your_phone"):
            assert fields[name] in draft.body
        assert draft.subject
    school_shown = fields["school"] in draft.body
    assert school_shown is (career == "new-graduate" and "school" in load_template(key, lang).uses)


@pytest.mark.parametrize("career", CAREERS)
@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_every_template_renders_with_no_fields(key, lang, career):
    draft = compose(key, lang, {"career": career})
    tpl = load_template(key, lang)
    needs_school = career == "new-graduate" and "school" in tpl.uses
    assert draft.missing == tuple(
        n for n in tpl.uses if n in tpl.fields or (needs_school and n == "school")
    )
    for name in draft.missing:
        assert placeholder_text(lang, name) in draft.subject + draft.body
    unfilled = next(c for c in draft.checks if c.code == "unfilled_fields")
    assert not unfilled.ok
    assert "email_address" not in {c.code for c in draft.checks}  # nothing typed, nothing wrong
    assert all(c.ok for c in draft.checks if c.code not in {"unfilled_fields", "sentence_count"})


@pytest.mark.parametrize(
    ("lang", "field", "shown"),
    [
        ("en", "company", "[Company name]"),
        ("ja", "company", "[会社名]"),
        ("en", "interview_date", "[Interview date]"),
        ("ja", "your_phone", "[あなたの電話番号]"),
        ("en", "salutation", "[Mr./Ms.]"),
    ],
)
def test_placeholder_text(lang, field, shown):
    assert placeholder_text(lang, field) == shown


def address(draft):
    return draft.body.split("\n\n")[0].split("\n")


@pytest.mark.parametrize(
    ("changes", "lines"),
    [
        ({}, ["株式会社青葉システムズ", "人事部", "採用担当 鈴木様"]),
        ({"recipient_title": ""}, ["株式会社青葉システムズ", "人事部", "鈴木様"]),
        (
            {"recipient_name": "鈴木 一郎 様"},
            ["株式会社青葉システムズ", "人事部", "採用担当 鈴木 一郎様"],
        ),
        (
            {"recipient_name": "", "recipient_title": "課長"},
            ["株式会社青葉システムズ", "人事部", "採用ご担当者様"],
        ),
        ({"recipient_name": "", "department": ""}, ["株式会社青葉システムズ", "採用ご担当者様"]),
        # 御中 only for a department with no one named: it is then the addressee.
        (
            {"recipient_name": "", "department": "人事部御中"},
            ["株式会社青葉システムズ", "人事部御中"],
        ),
    ],
)
def test_japanese_address_block_names_the_recruiter(changes, lines):
    draft = compose("thank-you", "ja", full("thank-you", "ja", **changes))
    assert address(draft) == lines
    assert draft.ok


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"department": "人事部御中"}, "御中"),
        ({"recipient_name": "鈴木部長", "recipient_title": ""}, "役職は氏名の前"),
        ({"recipient_title": "課長様"}, "役職は氏名の前"),
    ],
)
def test_honorifics_are_checked(changes, problem):
    draft = compose("follow-up", "ja", full("follow-up", "ja", **changes))
    check = next(c for c in draft.checks if c.code == "honorifics")
    assert not check.ok
    assert problem in check.message_ja
    assert check.message_en != check.message_ja


@pytest.mark.parametrize(
    ("salutation", "name", "shown"),
    [
        ("mr", "Suzuki", "Dear Mr. Suzuki,"),
        ("ms", "Suzuki", "Dear Ms. Suzuki,"),
        ("dr", "Suzuki", "Dear Dr. Suzuki,"),
        ("san", "Suzuki", "Dear Suzuki-san,"),
        ("", "", "Dear Hiring Team,"),
        ("ms", "", "Dear Hiring Team,"),
    ],
)
def test_english_salutation(salutation, name, shown):
    fields = full("thank-you", "en", salutation=salutation, recipient_name=name)
    draft = compose("thank-you", "en", fields)
    assert draft.body.startswith(shown + "\n\n")
    assert draft.missing == ()


def test_a_name_without_a_salutation_asks_for_one_rather_than_guess():
    draft = compose("follow-up", "en", full("follow-up", "en", salutation=""))
    assert draft.body.startswith("Dear [Mr./Ms.] Suzuki,\n\n")
    assert draft.missing == ("salutation",)


def test_linkedin_note_needs_the_name():
    draft = compose("linkedin-note", "ja", full("linkedin-note", "ja", recipient_name=""))
    assert draft.missing == ("recipient_name",)
    assert draft.body.startswith("[宛先の氏名]様\n")
    english = compose("linkedin-note", "en", full("linkedin-note", "en", recipient_name=""))
    assert english.body.startswith("Hello [Recipient's name],\n")


@pytest.mark.parametrize(
    ("lang", "sent", "says", "not_said"),
    [
        (
            "ja",
            "2026-04-28",
            "本日はオンラインにて、バックエンドエンジニアの二次面接の機会をいただき",
            "4月28日",
        ),
        ("ja", "2026-04-29", "昨日はオンラインにて、", "4月28日"),
        ("ja", "2026-05-01", "先日はオンラインにて、", "4月28日"),
        ("ja", "", "4月28日（火）はオンラインにて、", "本日"),
        ("en", "2026-04-28", "for the Backend Engineer position today.", "28 April"),
        ("en", "2026-04-29", "for the Backend Engineer position yesterday.", "28 April"),
        ("en", "2026-05-01", "for the Backend Engineer position on Tuesday 28 April.", "today"),
    ],
)
def test_the_thank_you_says_today_or_yesterday_not_a_date(lang, sent, says, not_said):
    draft = compose("thank-you", lang, full("thank-you", lang, send_date=sent))
    assert says in draft.body
    assert not_said not in draft.body


@pytest.mark.parametrize(
    ("interview", "sent", "found"),
    [
        ("2026-04-28", "2026-04-28", "today"),
        ("2026-04-28", "2026-04-29", "yesterday"),
        ("2026-04-29", "2026-04-28", "tomorrow"),
        ("2026-04-28", "2026-04-30", "earlier"),
        ("2026-05-01", "2026-04-28", "later"),
        ("2026-12-31", "2027-01-01", "yesterday"),
    ],
)
def test_when(interview, sent, found):
    assert when(dt.date.fromisoformat(interview), dt.date.fromisoformat(sent)) == found


@pytest.mark.parametrize(
    ("key", "field", "value", "earlier"),
    [
        ("thank-you", "send_date", "2026-04-27", "interview_date"),
        ("follow-up", "timeline_date", "2026-04-01", "interview_date"),
        ("deadline-extension", "requested_date", "2026-05-14", "reply_deadline"),
    ],
)
def test_a_date_before_the_one_it_follows_names_its_field(key, field, value, earlier):
    with pytest.raises(InputError) as caught:
        compose(key, "ja", full(key, "ja", **{field: value}))
    assert caught.value.field == field
    assert value in caught.value.message("en")
    assert caught.value.message("ja").startswith(load_field_label("ja", field))
    assert load_field_label("en", earlier) in caught.value.message("en")


def load_field_label(lang, field):
    from orei.messages import field_label

    return field_label(lang, field)


@pytest.mark.parametrize(
    ("today", "interview", "sent"),
    [
        ("2026-04-28", "2026-04-28", "2026-04-28"),
        ("2026-04-29", "2026-04-28", "2026-04-29"),
        # Written ahead of the interview: the thank-you is for the interview's day.
        ("2026-04-27", "2026-04-28", "2026-04-28"),
        (None, "2026-04-28", "2026-04-28"),  # the CLI, without a clock
        (None, "", ""),
        ("2026-04-28", "28/04", "2026-04-28"),  # compose names the bad date itself
    ],
)
def test_a_blank_send_date_is_today_but_never_before_the_interview(today, interview, sent):
    day = dt.date.fromisoformat(today) if today else None
    filled = with_send_date("thank-you", "ja", {"interview_date": interview}, day)
    assert filled["send_date"] == sent


def test_a_withdrawal_without_a_clock_keeps_the_date_written():
    assert with_send_date("withdraw", "en", {"interview_date": "2026-05-14"})["send_date"] == ""
    given = with_send_date("withdraw", "en", {"send_date": "2026-05-11"}, dt.date(2026, 5, 1))
    assert given["send_date"] == "2026-05-11"
    assert "send_date" not in with_send_date("offer-accept", "en", {}, dt.date(2026, 5, 1))


@pytest.mark.parametrize(
    ("lang", "after_hours", "line"),
    [("ja", "on", "業務時間外に失礼いたします。"), ("ja", "", None), ("en", "on", None)],
)
@pytest.mark.parametrize("key", [k for k in template_keys() if load_template(k, "en").is_mail])
def test_the_after_hours_line_is_japanese_only_and_outside_the_counted_message(
    key, lang, after_hours, line
):
    fields = full(key, lang)
    plain = compose(key, lang, fields)
    late = compose(key, lang, fields | {"after_hours": after_hours})
    if line is None:
        assert late == plain
        return
    assert line not in plain.body
    assert late.body.count(line) == 1
    assert len(late.body.split("\n")) == len(plain.body.split("\n")) + 1
    counts = [
        next(c for c in d.checks if c.code == "sentence_count").message_en for d in (plain, late)
    ]
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("lang", "changes", "line"),
    [
        (
            "ja",
            {},
            "面接をご担当くださった佐藤様、田中様にも、よろしくお伝えいただけますと幸いです。",
        ),
        (
            "ja",
            {"round": "final"},
            "佐藤様、田中様をはじめ、面接にお時間を割いてくださった役員の皆様にも",
        ),
        (
            "ja",
            {"round": "final", "interviewer_names": ""},
            "面接にお時間を割いてくださった役員の皆様にも",
        ),
        ("ja", {"interviewer_names": ""}, None),
        ("en", {}, "Please pass on my thanks to Mr. Sato and Ms. Tanaka as well."),
        (
            "en",
            {"round": "final"},
            "to Mr. Sato and Ms. Tanaka and the other executives who met me.",
        ),
        ("en", {"round": "final", "interviewer_names": ""}, "the executives who met me."),
        ("en", {"interviewer_names": ""}, None),
    ],
)
def test_thanks_to_the_interviewers_go_through_the_recruiter(lang, changes, line):
    draft = compose("thank-you", lang, full("thank-you", lang, **changes))
    passed_on = [s for s in ("お伝えいただけますと", "pass on my thanks") if s in draft.body]
    if line is None:
        assert passed_on == []
    else:
        assert line in draft.body
    assert "佐藤" not in "\n".join(address(draft))
    assert draft.ok


@pytest.mark.parametrize(
    ("lang", "text", "shown"),
    [
        ("ja", "佐藤、田中", "佐藤様、田中様"),
        ("ja", "佐藤様, 田中さん", "佐藤様、田中様"),
        ("ja", "ジョン・スミス", "ジョン・スミス様"),
        ("en", "Mr. Sato", "Mr. Sato"),
        ("en", "Mr. Sato, Ms. Tanaka and Dr. Ito", "Mr. Sato, Ms. Tanaka and Dr. Ito"),
        ("en", "Anderson", "Anderson"),
        ("en", " , ", ""),
    ],
)
def test_name_list(lang, text, shown):
    assert name_list(lang, text) == shown


@pytest.mark.parametrize(
    ("lang", "changes", "says"),
    [
        ("ja", {"timeline_date": ""}, "その後の選考状況についてお伺いしたく、ご連絡いたしました。"),
        ("ja", {}, "面接の際、5月8日（金）頃までにご連絡をいただけると伺っておりましたが、"),
        (
            "en",
            {"timeline_date": ""},
            "I would be grateful to know whether there is any news about",
        ),
        ("en", {}, "You mentioned that I might hear by Friday 8 May, so"),
    ],
)
def test_the_follow_up_mentions_a_stated_timeline(lang, changes, says):
    draft = compose("follow-up", lang, full("follow-up", lang, **changes))
    assert says in draft.body
    assert draft.ok


@pytest.mark.parametrize("lang", LANGS)
def test_follow_up_has_the_same_substance_in_both_languages(lang):
    body = compose("follow-up", lang, full("follow-up", lang)).body
    expected = {
        "en": ["I might hear by", "any news", "documents", "crossed", "Thank you for your time"],
        "ja": ["頃までにご連絡", "選考状況", "書類", "行き違い", "よろしくお願いいたします"],
    }
    assert [part for part in expected[lang] if part not in body] == []
    assert "心に残って" not in body
    assert "has stayed with me" not in body


@pytest.mark.parametrize(
    ("lang", "career", "intro", "signature"),
    [
        ("ja", "new-graduate", "青葉大学 経済学部の山田花子です。", "青葉大学 経済学部 4年"),
        ("ja", "mid-career", "\n山田花子です。", None),
        ("en", "new-graduate", None, "Aoba University, Faculty of Economics, 4th year"),
        ("en", "mid-career", None, None),
    ],
)
def test_career_changes_the_introduction_and_the_signature(lang, career, intro, signature):
    fields = full("thank-you", lang, career=career)
    draft = compose("thank-you", lang, fields)
    if intro:
        assert intro in draft.body
    lines = draft.body.split("\n")
    name_at = max(i for i, line in enumerate(lines) if line == fields["your_name"])
    assert (lines[name_at + 1] == signature) if signature else fields["school"] not in draft.body
    if lang == "ja":
        sentence = "学生時代に学んだこと" if career == "new-graduate" else "これまでに培った経験"
        assert sentence in draft.body


def test_a_new_graduate_needs_a_school():
    draft = compose(
        "offer-accept", "ja", full("offer-accept", "ja", career="new-graduate", school="")
    )
    assert draft.missing == ("school",)
    assert "[学校名・学部]の山田花子です。" in draft.body


@pytest.mark.parametrize(
    ("format_", "says"),
    [
        ("online", "本日はオンラインにて、"),
        ("in-person", "本日はバックエンドエンジニア"),
        ("", "本日はバックエンドエンジニア"),
    ],
)
def test_an_online_interview_says_online(format_, says):
    assert says in compose("thank-you", "ja", full("thank-you", "ja", format=format_)).body


def test_english_prose_uses_the_everyday_name():
    draft = compose("offer-accept", "en", full("offer-accept", "en"))
    assert "position at Aoba Systems." in draft.body
    assert "Co., Ltd." not in draft.body
    legal = compose("offer-accept", "en", full("offer-accept", "en", company_short=""))
    assert "position at Aoba Systems Co., Ltd." in legal.body


@pytest.mark.parametrize(
    ("lang", "reason", "says"),
    [
        (
            "ja",
            "other-company",
            "現在選考が進んでいる他社の結果も踏まえて判断したく、5月22日（金）まで",
        ),
        ("ja", "family", "家族とも相談したうえで判断したく、"),
        ("ja", "", "慎重に検討したうえでお返事したく、"),
        ("en", "other-company", "another company's selection process"),
        ("en", "", "the careful thought it deserves"),
    ],
)
def test_the_extension_gives_a_date_and_an_honest_reason(lang, reason, says):
    draft = compose("deadline-extension", lang, full("deadline-extension", lang, reason=reason))
    assert says in draft.body
    assert draft.ok


@pytest.mark.parametrize(
    ("lang", "phoned", "says", "absent"),
    [
        ("ja", "on", "先ほどお電話でお伝えいたしましたとおり、", "メールでのご連絡となりました"),
        ("ja", "", "メールでのご連絡となりましたことをご容赦ください。", "お電話"),
        ("en", "on", "Thank you for taking my call earlier", None),
        ("en", "", "Thank you very much for offering me", "call"),
    ],
)
def test_a_decline_says_whether_it_was_phoned_first(lang, phoned, says, absent):
    draft = compose("offer-decline", lang, full("offer-decline", lang, phoned=phoned))
    assert says in draft.body
    if absent:
        assert absent not in draft.body
    assert draft.ok


@pytest.mark.parametrize(
    ("lang", "changes", "says"),
    [
        ("ja", {}, "これに伴い、5月14日（木）に予定しておりました最終面接も辞退いたします。"),
        (
            "ja",
            {"send_date": "2026-05-13"},
            "これに伴い、明日予定しておりました最終面接も辞退いたします。",
        ),
        (
            "ja",
            {"send_date": "2026-05-14"},
            "これに伴い、本日予定しておりました最終面接も辞退いたします。",
        ),
        ("ja", {"send_date": ""}, "5月14日（木）に予定しておりました"),
        ("ja", {"send_date": "2026-05-20"}, None),  # the interview is over: nothing to cancel
        ("ja", {"interview_date": ""}, None),
        ("en", {"send_date": "2026-05-13"}, "the final interview arranged for tomorrow."),
        ("en", {}, "arranged for Thursday 14 May."),
    ],
)
def test_a_withdrawal_cancels_an_interview_still_to_come(lang, changes, says):
    draft = compose("withdraw", lang, full("withdraw", lang, **changes))
    cancels = [s for s in ("予定しておりました", "arranged for") if s in draft.body]
    if says is None:
        assert cancels == []
    else:
        assert says in draft.body
    assert draft.ok


# Candidate slots: the first three business days on or after a date, as tables of dates.
@pytest.mark.parametrize(
    ("first", "slots"),
    [
        # Golden Week 2026: 3 May (Sun) moves Constitution Day's holiday to 6 May.
        ("2026-04-28", ["2026-04-28", "2026-04-30", "2026-05-01"]),
        ("2026-04-29", ["2026-04-30", "2026-05-01", "2026-05-07"]),
        ("2026-05-01", ["2026-05-01", "2026-05-07", "2026-05-08"]),
        ("2026-05-02", ["2026-05-07", "2026-05-08", "2026-05-11"]),
        # Golden Week 2027: 3-5 May fall on Monday to Wednesday.
        ("2027-04-28", ["2027-04-28", "2027-04-30", "2027-05-06"]),
        # The New Year closure (29 Dec - 3 Jan) and the weekend after it.
        ("2026-12-25", ["2026-12-25", "2026-12-28", "2027-01-04"]),
        ("2026-12-29", ["2027-01-04", "2027-01-05", "2027-01-06"]),
        # 2027-01-11 is Coming of Age Day.
        ("2027-01-08", ["2027-01-08", "2027-01-12", "2027-01-13"]),
        # Silver Week 2026: 21-23 September (Respect for the Aged, citizens', Equinox).
        ("2026-09-18", ["2026-09-18", "2026-09-24", "2026-09-25"]),
    ],
)
def test_candidate_slots_are_business_days(first, slots):
    days = candidate_slots(dt.date.fromisoformat(first))
    assert [day.isoformat() for day in days] == slots


def test_slots_past_the_supported_range_name_their_field():
    with pytest.raises(InputError) as caught:
        candidate_slots(dt.date(2099, 12, 31))
    assert caught.value.field == "slots_from"


@pytest.mark.parametrize(
    ("lang", "time", "lines"),
    [
        ("ja", "", ["・5月1日（金）　終日", "・5月7日（木）　終日", "・5月8日（金）　終日"]),
        ("ja", "14:00〜16:00", ["・5月1日（金）　14:00〜16:00"]),
        ("en", "", ["- Friday 1 May, any time", "- Thursday 7 May, any time"]),
    ],
)
def test_the_schedule_reply_lists_the_slots(lang, time, lines):
    draft = compose("schedule-reply", lang, full("schedule-reply", lang, slots_time=time))
    assert [line for line in lines if line not in draft.body.split("\n")] == []
    assert draft.subject.startswith("Re: ")
    assert draft.ok


def test_the_schedule_reply_without_a_first_date_shows_a_placeholder():
    draft = compose("schedule-reply", "ja", full("schedule-reply", "ja", slots_from=""))
    assert draft.missing == ("slots_from",)
    assert "[候補日の開始日]" in draft.body


@pytest.mark.parametrize(("key", "lang"), EVERY)
def test_the_guide_example_is_the_composed_example(key, lang):
    assert render_example(key, lang) == compose(key, lang, example_fields(lang, key))


def test_japanese_subject_names_the_matter_and_the_sender():
    assert (
        compose("thank-you", "ja", {"your_name": "山田 花子"}).subject == "面接のお礼（山田花子）"
    )
    assert compose("follow-up", "ja", {"your_name": "山田"}).subject == "選考状況のご確認（山田）"


@pytest.mark.parametrize(
    ("iso", "lang", "written"),
    [
        ("2026-04-28", "en", "Tuesday 28 April"),
        ("2026-04-28", "ja", "4月28日（火）"),
        ("2026-01-04", "ja", "1月4日（日）"),
        ("2027-12-31", "en", "Friday 31 December"),
        ("２０２６－０５－０１", "ja", "5月1日（金）"),
        ("2026-5-1", "en", "Friday 1 May"),
    ],
)
def test_dates_are_written_the_language_s_way(iso, lang, written):
    assert letter_date(parse_date(iso, "interview_date"), lang) == written
    draft = compose("follow-up", lang, {"interview_date": f"  {iso} "})
    assert written in draft.body


@pytest.mark.parametrize(
    "text", ["28/04/2026", "2026-02-30", "2026-13-01", "tomorrow", "2026-04-28T10:00", "20260428"]
)
def test_a_bad_date_names_the_field(text):
    with pytest.raises(InputError) as caught:
        compose("thank-you", "en", {"interview_date": text})
    assert caught.value.field == "interview_date"
    assert "面接日" in caught.value.message("ja")
    with pytest.raises(InputError) as caught:
        compose("deadline-extension", "ja", {"reply_deadline": text})
    assert caught.value.field == "reply_deadline"


@pytest.mark.parametrize(
    ("key", "field", "value"),
    [
        ("thank-you", "round", "third"),
        ("thank-you", "format", "phone"),
        ("thank-you", "salutation", "sir"),
        ("thank-you", "career", "retired"),
        ("offer-decline", "reason", "money"),
        ("offer-decline", "phoned", "maybe"),
    ],
)
def test_a_bad_choice_names_the_field(key, field, value):
    with pytest.raises(InputError) as caught:
        compose(key, "en", {field: value})
    assert caught.value.field == field
    assert value in caught.value.message("en")


def test_fields_the_template_does_not_use_are_not_read():
    # The LinkedIn note has no format, so a bad one is ignored rather than refused.
    assert compose("linkedin-note", "en", {"format": "carrier pigeon"}).missing


def test_unknown_keys_are_ignored_and_values_trimmed():
    fields = full(
        "offer-accept", "en", evil="x", template="follow-up", company_short="  Aoba   K.K. \n"
    )
    draft = compose("offer-accept", "en", fields)
    assert draft.template == "offer-accept"
    assert "position at Aoba K.K. I am" in draft.body  # the value's own full stop ends the sentence


def test_non_string_values_are_accepted():
    draft = compose("offer-accept", "en", {"company": 42, "job_title": None, "your_name": 7})
    assert "position at 42." in draft.body
    assert "job_title" in draft.missing


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
    ("lang", "name", "title", "salutation", "department", "shown"),
    [
        ("en", "Suzuki", "", "ms", "", "Ms. Suzuki"),
        ("en", "Suzuki", "Manager", "san", "", "Suzuki-san"),
        ("en", "", "", "dr", "", "Hiring Team"),
        ("ja", "鈴木", "", "", "", "鈴木様"),
        ("ja", "鈴木さん", "部長", "", "", "部長 鈴木様"),
        ("ja", "", "部長", "", "", "採用ご担当者様"),
        ("ja", "", "", "", "人事部御中", ""),
    ],
)
def test_recipient(lang, name, title, salutation, department, shown):
    assert recipient(lang, name, title, salutation, department) == shown


def test_choices_and_flags_parse_leniently():
    assert parse_choice("format", " In_Person ") == "in-person"
    assert parse_choice("career", "New Graduate") == "new-graduate"
    assert parse_choice("round", "") == ""
    assert [parse_flag("after_hours", v) for v in ("YES", "1", "on", "", "off", "False")] == [
        True
    ] * 3 + [False] * 3


def test_render_text_drops_only_lines_emptied_by_placeholders():
    fills = {"a": "", "b": "x"}
    assert render_text("{a}\n{b}\n\nplain\n  {a} \nend {a}", fills) == "x\n\nplain\nend"


field_values = st.dictionaries(
    st.sampled_from([*FIELDS, "template", "lang", "extra"]),
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            ["first", "online", "yes", "2026-04-28", "2026-05-01", "mr", "new-graduate", "family"]
        ),
    ),
)


@settings(max_examples=300)
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
    tpl = load_template(key, lang)
    assert set(draft.missing) <= set(tpl.uses)
    for name in draft.missing:
        assert placeholder_text(lang, name) in draft.subject + draft.body


@settings(max_examples=200)
@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_iso_date_is_accepted_and_written_with_its_weekday(day):
    written = letter_date(parse_date(day.isoformat(), "interview_date"), "ja")
    assert written == f"{day.month}月{day.day}日（{'月火水木金土日'[day.weekday()]}）"
