"""Mistakes in the command line itself: one line from orei's catalogue, in --lang, status 2."""

import pytest

from orei.cli import main
from orei.cli_parser import requested_lang

ENDED = ("--ended", "2026-04-28T15:00")
NO_FR = "--lang: “fr” is not one of the choices; choose en, ja."


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["plan", *ENDED, "--lang", "fr"], NO_FR),
        (["email", "thank-you", "--lang", "fr"], NO_FR),
        (["applications", "agenda", "x.json", "--lang", "fr"], NO_FR),
        (["applications", "check", "x.json", "--lang", "fr"], NO_FR),
        # Python before 3.14 reads `--timeline -1d` this way too; 3.14 passes -1d on as a value.
        (
            ["plan", *ENDED, "--timeline", "--json"],
            "--timeline: give it a value, such as --timeline VALUE;"
            " write a value that begins with a dash as --timeline=VALUE.",
        ),
        (
            ["plan", *ENDED, "--timeline=-1d"],
            "Decision timeline: enter none, a number of days (7d), weeks (2w) or business"
            " days (5bd), or a date as YYYY-MM-DD (got “-1d”).",
        ),
        (["plan"], "--ended: this is required; see “orei plan --help”."),
        (
            ["plan", "--ended"],
            "--ended: give it a value, such as --ended VALUE;"
            " write a value that begins with a dash as --ended=VALUE.",
        ),
        (["email"], "Template: this is required; see “orei email --help”."),
        ([], "Command: this is required; see “orei --help”."),
        (
            ["nope"],
            "Command: “nope” is not one of the choices;"
            " choose holidays, plan, email, applications.",
        ),
        (
            ["applications", "nope"],
            "Command: “nope” is not one of the choices; choose agenda, check.",
        ),
        (
            ["plan", *ENDED, "--bogus"],
            "--bogus: orei has no such option or argument; see “orei --help”.",
        ),
        (
            ["email", "thank-you", "--json", "--eml", "x.eml"],
            "--eml: cannot be used together with --json; choose one of them.",
        ),
        (["plan", *ENDED, "--json=yes"], "--json: this option takes no value (got “yes”)."),
        (
            ["plan", *ENDED, "--c", "x"],
            "--c: this could be --candidate-tz, --closures, --closed; write the option in full.",
        ),
        (["holidays"], "Year: this is required; see “orei holidays --help”."),
        # The same impossible date gets the same answer from both commands.
        (
            ["plan", "--ended", "2026-02-30T15:00"],
            "Interview date: “2026-02-30” is not a date on the calendar.",
        ),
        (
            ["email", "thank-you", "--set", "interview_date=2026-02-30"],
            "Interview date: “2026-02-30” is not a date on the calendar.",
        ),
    ],
)
def test_usage_errors_in_english(capsys, argv, line):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"orei: {line}\n")


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["plan", "--lang", "ja"],
            "--ended：指定が必要です。使い方は「orei plan --help」で確認できます。",
        ),
        (
            ["plan", "--lang=ja", *ENDED, "--timeline", "--json"],
            "--timeline：値を指定してください（例：「--timeline 値」）。"
            "「-」で始まる値は「--timeline=値」のように書きます。",
        ),
        (
            ["email", "thank-you", "--lang", "ja", "--json", "--eml", "x.eml"],
            "--eml：--jsonと同時には指定できません。どちらか一方だけを指定してください。",
        ),
        (
            ["plan", *ENDED, "--lang", "ja", "--bogus"],
            "--bogus：oreiにはこのオプション（または引数）はありません。"
            "使い方は「orei --help」で確認できます。",
        ),
        (
            ["plan", *ENDED, "--lang", "ja", "--json=yes"],
            "--json：このオプションには値を付けられません（入力：「yes」）。",
        ),
        (
            ["plan", "--ended", "2026-02-30T15:00", "--lang", "ja"],
            "面接日：「2026-02-30」という日付は暦にありません。",
        ),
        (
            ["email", "thank-you", "--lang", "ja", "--set", "interview_date=2026-02-30"],
            "面接日：「2026-02-30」という日付は暦にありません。",
        ),
        (
            ["plan", *ENDED, "--buffer", "0", "--lang", "ja"],
            "待つ営業日数：営業日数は1から10までの整数で入力してください（入力：「0」）。",
        ),
        (
            ["applications", "nope", "--lang", "ja"],
            "コマンド：「nope」は選べません。agenda, checkのいずれかを指定してください。",
        ),
    ],
)
def test_usage_errors_in_japanese(capsys, argv, line):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"orei: {line}\n")


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        (["plan", "--lang", "ja"], "ja"),
        (["plan", "--lang=ja"], "ja"),
        (["plan", "--lang", "ja", "--lang", "en"], "en"),
        (["plan", "--lang", "fr"], "en"),
        (["plan", "--lang"], "en"),
        (["plan"], "en"),
    ],
)
def test_the_language_of_usage_errors_is_read_before_parsing(argv, lang):
    assert requested_lang(argv) == lang
