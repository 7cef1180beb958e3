import csv
import io
import json
import subprocess
import sys

import icalendar
import pytest

from orei.cli import main

ORE = [sys.executable, "-m", "orei.cli"]
# Pyodide (which runs these tests again on the shipped wheel) cannot start processes.
needs_processes = pytest.mark.skipif(sys.platform == "emscripten", reason="no processes")

FILE = {
    "format": "orei-applications",
    "version": 1,
    "applications": [
        {
            "id": "aoba",
            "company": "株式会社アオバシステムズ",
            "role": "Backend engineer",
            "stage": "first-interview",
            "interviews": [
                {
                    "ended": "2026-04-28T15:00+09:00",
                    "timeline": "2w",
                    "thank_you_sent": "2026-04-28",
                }
            ],
        },
        {
            "id": "kite",
            "company": "Kite Inc.",
            "role": "Designer",
            "stage": "second-interview",
            "interviews": [{"ended": "2026-05-11T15:00+09:00", "timeline": "1w"}],
        },
        {
            "id": "umi",
            "company": "Umi",
            "role": "SRE",
            "stage": "final-interview",
            "interviews": [
                {
                    "ended": "2026-04-20T11:00+09:00",
                    "timeline": "5bd",
                    "thank_you_sent": "2026-04-20",
                }
            ],
        },
        {"id": "sora", "company": "Sora", "role": "PM", "stage": "rejected", "interviews": []},
    ],
}


@pytest.fixture
def path(tmp_path):
    written = tmp_path / "applications.json"
    written.write_text(json.dumps(FILE, ensure_ascii=False), encoding="utf-8")
    return written


def run(capsys, *argv):
    status = main(["applications", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_agenda_as_json(capsys, path):
    status, out, err = run(capsys, "agenda", path, "--today", "2026-05-12", "--json")
    assert (status, err) == (0, "")
    assert json.loads(out) == [
        {"id": "umi", "company": "Umi", "action": "follow-up", "from": "2026-05-01",
         "until": "2026-05-08", "overdue": True},
        {"id": "kite", "company": "Kite Inc.", "action": "send-thank-you",
         "from": "2026-05-11T15:00+09:00", "until": "2026-05-12T15:00+09:00", "overdue": False},
        {"id": "aoba", "company": "株式会社アオバシステムズ", "action": "wait",
         "from": "2026-04-28", "until": "2026-05-15", "overdue": False},
        {"id": "sora", "company": "Sora", "action": "closed", "from": None, "until": None,
         "overdue": False},
    ]  # fmt: skip
    assert out.count("\n") == 1


def test_agenda_as_text_in_both_languages(capsys, path):
    status, out, _ = run(capsys, "agenda", path, "--today", "2026-05-12")
    assert status == 0
    assert out.splitlines()[:3] == [
        "Your applications on Tue 2026-05-12:",
        "",
        "OVERDUE: Follow up with Umi (SRE) no earlier than Fri 2026-05-01 and no later than "
        "Fri 2026-05-08.",
    ]
    status, out, _ = run(capsys, "agenda", path, "--today", "2026-05-12", "--lang", "ja")
    assert out.splitlines()[-1] == "Sora（PM）：終了（不採用）"


def test_agenda_writes_the_calendar_and_the_spreadsheet(capsys, path, tmp_path):
    ics, table = tmp_path / "steps.ics", tmp_path / "applications.csv"
    status, out, err = run(
        capsys, "agenda", path, "--today", "2026-05-12", "--ics", ics, "--csv", table,
        "--now", "2026-05-12T08:00+09:00",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert out.splitlines()[-2:] == [
        f"Calendar saved to {ics}.",
        f"Spreadsheet saved to {table}.",
    ]
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert sorted(str(event["UID"]) for event in calendar.walk("VEVENT")) == [
        "application-aoba-interview-0-follow-up@orei.invalid",
        "application-kite-interview-0-follow-up@orei.invalid",
        "application-kite-interview-0-thank-you@orei.invalid",
    ]
    data = table.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row[0] for row in rows] == ["id", "aoba", "kite", "umi", "sora"]


def test_check_says_what_the_file_holds(capsys, path):
    status, out, err = run(capsys, "check", path)
    assert (status, err) == (0, "")
    assert out == f"{path}: 4 applications, 3 interviews, all valid.\n"
    _, out, _ = run(capsys, "check", path, "--lang", "ja")
    assert out == f"{path}：応募4件、面接3件。問題はありません。\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data: data["applications"][1]["interviews"][0].update(ended="2026-05-11"),
            "orei: applications[1].interviews[0].ended: write when the interview ended with its "
            "offset from UTC, such as 2026-04-28T15:00+09:00 (got “2026-05-11”).",
        ),
        (
            lambda data: data.update(version=9),
            "orei: file: the file is version 9, written by a newer Orei; this one reads "
            "versions up to 1.",
        ),
        (
            lambda data: data["applications"][3].pop("stage"),
            "orei: applications[3].stage: the key “stage” is required and missing.",
        ),
    ],
)
def test_check_names_the_first_problem(capsys, tmp_path, change, message):
    data = json.loads(json.dumps(FILE))
    change(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    for command in ("check", "agenda"):
        status, out, err = run(capsys, command, bad)
        assert (status, out) == (2, "")
        assert err == message + "\n"


def test_truncated_and_missing_files(capsys, tmp_path, path):
    cut = tmp_path / "cut.json"
    cut.write_bytes(path.read_bytes()[:99])
    status, _, err = run(capsys, "check", cut)
    assert status == 2
    assert err.startswith("orei: file: this is not valid JSON; it breaks off or goes wrong at ")
    cut.write_bytes(path.read_bytes()[:100])  # inside アオバ
    status, _, err = run(capsys, "check", cut)
    assert (status, err) == (
        2,
        "orei: file: the file ends in the middle of a character, so it was cut short; "
        "export it again.\n",
    )
    status, _, err = run(capsys, "check", tmp_path / "nowhere.json")
    assert status == 2
    assert err.startswith("orei: file: cannot read “")
    assert len(err.splitlines()) == 1


def test_bad_dates_on_the_command_line(capsys, path):
    status, _, err = run(capsys, "agenda", path, "--today", "12/05/2026")
    assert (status, err) == (2, "orei: today: enter a date as YYYY-MM-DD (got “12/05/2026”).\n")
    status, _, err = run(capsys, "agenda", path, "--ics", "x.ics", "--now", "yesterday")
    assert status == 2
    assert err.startswith("orei: Calendar timestamp: enter a time with its offset")


@pytest.mark.parametrize(("flag", "label"), [("--ics", "Calendar file"), ("--csv", "csv")])
def test_a_file_that_cannot_be_written_is_one_line_naming_it(capsys, path, tmp_path, flag, label):
    status, out, err = run(capsys, "agenda", path, flag, tmp_path / "missing-folder" / "out")
    assert (status, out) == (2, "")
    assert err.startswith(f"orei: {label}: cannot write “")
    assert err.endswith("” (No such file or directory).\n")
    assert len(err.splitlines()) == 1


@needs_processes
def test_black_box_exit_status_and_streams(path):
    good = subprocess.run(
        [*ORE, "applications", "agenda", str(path), "--today", "2026-05-12", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (good.returncode, good.stderr) == (0, "")
    assert [item["id"] for item in json.loads(good.stdout)] == ["umi", "kite", "aoba", "sora"]
    bad = subprocess.run(
        [*ORE, "applications", "check", str(path) + ".missing"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert len(bad.stderr.splitlines()) == 1
    usage = subprocess.run([*ORE, "applications"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    assert len(usage.stderr.splitlines()) == 1
