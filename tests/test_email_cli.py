import json
from email import policy
from email.parser import BytesParser

import pytest

from orei.cli import main
from orei.compose import compose


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
    assert "Still to fill in:" in err
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
            "interviewer_name=Sato",
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
    assert message["Subject"] == "選考状況についてのお問い合わせ（山田 花子）"
    assert str(message["From"]) == "山田 花子 <hanako@example.com>"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["email", "thanks"], "Template: “thanks”"),
        (["email", "thank-you", "--lang", "fr"], "Language: “fr”"),
        (["email", "thank-you", "--set", "company"], "--set: write NAME=VALUE"),
        (["email", "thank-you", "--set", "employer=Aoba"], "“employer” is not a field"),
        (["email", "thank-you", "--set", "interview_date=28/04"], "Interview date: enter a date"),
        (["email", "thank-you", "--eml", "/nonexistent-dir/x.eml"], ".eml file: cannot write"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, says, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert says in err


def test_json_and_eml_exclude_each_other():
    with pytest.raises(SystemExit) as caught:
        main(["email", "thank-you", "--json", "--eml", "x.eml"])
    assert caught.value.code == 2
