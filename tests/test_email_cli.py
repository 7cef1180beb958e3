import json
from email import policy
from email.parser import BytesParser

import pytest

from orei.cli import main
from orei.compose import compose
from orei.email_fields import example_fields
from orei.email_templates import load_template, template_keys


def test_text_output_is_the_subject_and_body(capsys):
    status = main(
        [
            "email",
            "thank-you",
            "--lang",
            "ja",
            "--set",
            "company=株式会社青葉",
            "--set",
            "your_name=山田",
        ]
    )
    out, err = capsys.readouterr()
    assert status == 0
    draft = compose("thank-you", "ja", {"company": "株式会社青葉", "your_name": "山田"})
    assert out == f"件名：{draft.subject}\n\n{draft.body}\n"
    # The checks speak the mail's language, as `orei plan --lang ja` does.
    assert "orei: チェック：未入力の項目があります：応募職種、" in err
    assert "Still to fill in" not in err
    assert "Company name" not in err


def test_json_output_follows_the_contract(capsys):
    status = main(
        [
            "email",
            "linkedin-note",
            "--lang",
            "en",
            "--json",
            "--set",
            "recipient_name=Sato",
            "--set",
            "salutation=san",
            "--set",
            "topic=a=b",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert status == 0
    assert set(result) == {"subject", "body", "checks", "missing"}
    assert result["subject"] == ""
    assert result["body"].startswith("Hello Sato-san,")
    assert "about a=b and" in result["body"]
    assert result["missing"] == ["interview_date", "your_name"]
    assert [c["code"] for c in result["checks"]] == [
        "linkedin_length",
        "sentence_count",
        "company_abbreviation",
        "unfilled_fields",
    ]
    assert all(set(c) == {"code", "ok", "message"} for c in result["checks"])


def test_premium_raises_the_linkedin_limit(capsys):
    args = ["email", "linkedin-note", "--json", "--set", "topic=" + "x" * 120]
    main(args)
    free = json.loads(capsys.readouterr().out)["checks"][0]
    main([*args, "--premium"])
    premium = json.loads(capsys.readouterr().out)["checks"][0]
    assert not free["ok"]
    assert premium["ok"]


def test_eml_file(tmp_path, capsys):
    path = tmp_path / "thanks.eml"
    status = main(
        [
            "email",
            "follow-up",
            "--lang",
            "ja",
            "--eml",
            str(path),
            "--set",
            "your_name=山田 花子",
            "--set",
            "your_email=hanako@example.com",
        ]
    )
    assert status == 0
    assert str(path) in capsys.readouterr().out
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert message["Subject"] == "選考状況のご確認（山田花子）"
    assert str(message["From"]) == "山田 花子 <hanako@example.com>"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["email", "thanks"], "Template: “thanks”"),
        (["email", "thank-you", "--lang", "fr"], "--lang: “fr”"),
        (["email", "thank-you", "--set", "company"], "--set: write NAME=VALUE"),
        (["email", "thank-you", "--set", "employer=Aoba"], "“employer” is not a field"),
        (["email", "thank-you", "--set", "interview_date=28/04"], "Interview date: enter a date"),
        (["email", "thank-you", "--eml", "/nonexistent-dir/x.eml"], ".eml file: cannot write"),
        (["email", "linkedin-note", "--eml", "x.eml"], "pasted into LinkedIn, not sent"),
        (["email", "linkedin-note", "--lang", "ja", "--eml", "x.eml"], "LinkedInに貼り付けて"),
        (["email", "thank-you", "--lang", "ja", "--set", "round=third"], "面接の段階：「third」"),
        (
            [
                *["email", "deadline-extension", "--set", "reply_deadline=2026-05-15"],
                *["--set", "requested_date=2026-05-01"],
            ],
            "Date you ask for: 2026-05-01 falls before the Reply deadline",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(args, says, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert says in err


def test_json_and_eml_exclude_each_other(capsys):
    assert main(["email", "thank-you", "--json", "--eml", "x.eml"]) == 2
    assert capsys.readouterr().err.startswith("orei: --eml: cannot be used together with --json")


def test_a_thank_you_from_the_command_line_is_sent_on_the_interview_s_day(capsys):
    # orei never reads the clock: without --set send_date, the mail says 本日.
    args = ["email", "thank-you", "--lang", "ja", "--set=interview_date=2026-04-28"]
    main(args)
    out = capsys.readouterr().out
    assert "本日は" in out
    assert "4月28日" not in out
    main([*args, "--set=send_date=2026-04-29"])
    assert "昨日は" in capsys.readouterr().out


def test_a_follow_up_from_the_command_line_names_the_interview_s_date(capsys):
    # A follow-up goes out days after the interview: without send_date it cannot say 本日.
    main(["email", "follow-up", "--lang", "ja", "--set=interview_date=2026-04-28"])
    out = capsys.readouterr().out
    assert "本日" not in out
    assert "2026年4月28日" in out or "4月28日" in out
    main(["email", "follow-up", "--lang", "en", "--set=interview_date=2026-04-28"])
    assert "today" not in capsys.readouterr().out.lower()


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("key", template_keys())
def test_every_template_works_from_the_command_line(key, lang, capsys, tmp_path):
    settings = [f"--set={name}={value}" for name, value in example_fields(lang, key).items()]
    assert main(["email", key, "--lang", lang, *settings]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert compose(key, lang, example_fields(lang, key)).body in out
    if load_template(key, lang).is_mail:
        path = tmp_path / "mail.eml"
        assert main(["email", key, "--lang", lang, "--eml", str(path), *settings]) == 0
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert message["Subject"] == compose(key, lang, example_fields(lang, key)).subject
        assert message["From"].addresses[0].addr_spec == example_fields(lang, key)["your_email"]


@pytest.mark.parametrize("address", ["not-an-email", '"Eve" <eve@example.com>', "a@b.com, c@d.com"])
def test_a_bad_address_is_reported_and_leaves_the_eml_without_a_sender(address, tmp_path, capsys):
    path = tmp_path / "mail.eml"
    args = ["email", "follow-up", "--eml", str(path), "--set", f"your_email={address}"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert f"Your e-mail: “{address}” is not one plain address" in err
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert message["From"] is None
