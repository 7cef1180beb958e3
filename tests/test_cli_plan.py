import json
import subprocess
import sys

import icalendar
import pytest

from orei.cli import main

ORE = [sys.executable, "-m", "orei.cli"]
# Pyodide (which runs these tests again on the shipped wheel) cannot start processes.
needs_processes = pytest.mark.skipif(sys.platform == "emscripten", reason="no processes")


def run(capsys, *argv):
    status = main(["plan", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_worked_example_json(capsys):
    status, out, err = run(capsys, "--ended", "2026-04-28T15:00", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["thank_you"]["deadline"] == "2026-04-29T15:00+09:00"
    assert data["thank_you"]["send_from"] == "2026-04-28T15:00+09:00"
    assert data["thank_you"]["send_until"] == "2026-04-28T18:00+09:00"
    assert data["thank_you"]["after_hours_from"] is None
    assert data["thank_you"]["read_on"] == "2026-04-28"
    assert data["follow_up"] == {
        **data["follow_up"],
        "earliest": "2026-05-11",
        "latest": "2026-05-14",
    }
    assert data["skipped"][4] == {
        "date": "2026-05-05",
        "kind": "holiday",
        "name_en": "Children's Day",
        "name_ja": "こどもの日",
    }
    assert out.count("\n") == 1


def test_worked_example_text(capsys):
    status, out, _ = run(capsys, "--ended", "2026-04-28T15:00")
    assert status == 0
    assert "between 15:00 JST and 18:00 JST" in out
    assert "no earlier than Mon 2026-05-11 and no later than Thu 2026-05-14" in out
    assert "5 to 8 business days after the interview" in out
    assert "Tue 2026-05-05: Children's Day (こどもの日)" in out


def test_every_flag(capsys, tmp_path):
    ics = tmp_path / "plan.ics"
    status, out, err = run(
        capsys,
        "--ended", "2026-09-18T11:10+01:00",
        "--tz", "Europe/London",
        "--candidate-tz", "Europe/London",
        "--timeline", "5bd",
        "--buffer", "2",
        "--closures", "new-year,obon",
        "--closed", "2026-10-02",
        "--json",
        "--ics", str(ics),
        "--now", "2026-09-18T12:00+00:00",
    )  # fmt: skip
    assert (status, err) == (0, "")
    data = json.loads(out)
    # 11:10 BST is 19:10 in Tokyo: the next morning, in office hours.
    assert data["thank_you"]["after_hours_from"] is None
    assert data["thank_you"]["send_from"] == "2026-09-19T08:30+09:00"
    assert data["thank_you"]["candidate"]["send_until"] == "2026-09-19T03:00+01:00"
    # 5 business days after Fri 18 Sep end on Wed 30 Sep; 2 Oct is closed.
    assert data["follow_up"]["period_end"] == "2026-09-30"
    assert data["follow_up"]["earliest"] == "2026-10-05"
    assert data["follow_up"]["latest"] == "2026-10-07"
    assert {"date": "2026-10-02", "kind": "closure"}.items() <= data["skipped"][-3].items()
    assert data["closures"] == ["new-year", "obon"]
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert len(calendar.walk("VEVENT")) == 2
    assert b"\r\n" in ics.read_bytes()


@pytest.mark.parametrize(
    ("argv", "label"),
    [
        (["--ended", "2026-02-30T10:00"], "Interview date"),
        (["--ended", "2026-04-28"], "Interview end time"),
        (["--ended", "yesterday"], "Interview date"),
        (["--ended", "2026-04-28T10:00", "--tz", "Asia/Osaka"], "Time zone"),
        (["--ended", "2026-04-28T10:00", "--candidate-tz", "GMT+1"], "Your time zone"),
        (["--ended", "2026-04-28T10:00", "--timeline", "91d"], "Decision timeline"),
        (["--ended", "2026-04-28T10:00", "--timeline", "2026-04-27"], "Decision timeline"),
        (["--ended", "2026-04-28T10:00", "--timeline", "2027-04-29"], "Decision timeline"),
        (["--ended", "2026-04-28T10:00", "--buffer", "11"], "Waiting buffer"),
        (["--ended", "2026-04-28T10:00", "--closures", "golden-week"], "Closures"),
        (["--ended", "2026-04-28T10:00", "--closed", "2026-05-32"], "Extra closed dates"),
        (["--ended", "1999-12-31T10:00"], "Interview date"),
        (["--ended", "2100-01-01T10:00"], "Interview date"),
        (["--ended", "2026-10-25T01:30", "--tz", "Europe/London"], "Interview end time"),
        (["--ended", "2026-04-28T10:00", "--ics", "/nonexistent/dir/x.ics"], "Calendar file"),
        (["--ended", "2026-04-28T10:00", "--ics", "x.ics", "--now", "soon"], "Calendar timestamp"),
        (["--ended", "2026-04-28T10:00", "--json", "--buffer", "0"], "Waiting buffer"),
        # An offset that is not the zone's is refused rather than silently preferred.
        (["--ended", "2026-04-28T10:00+01:00", "--tz", "Asia/Tokyo"], "Interview end time"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, label):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"orei: {label}: ")


def test_errors_follow_the_language_of_the_output(capsys):
    status, out, err = run(capsys, "--ended", "2026-04-28T10:00", "--buffer", "0", "--lang", "ja")
    assert (status, out) == (2, "")
    assert err.startswith("orei: 待つ営業日数：")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "ended"),
    [
        # Without --tz: a time is Japan time, and an offset makes it exact.
        (["--ended", "2026-04-28T15:00"], "2026-04-28T15:00+09:00"),
        (["--ended", "2026-04-28T07:00+01:00"], "2026-04-28T15:00+09:00"),
        # With --tz, an offset the zone had then settles a repeated hour.
        (
            ["--ended", "2026-11-01T01:30-05:00", "--tz", "America/New_York"],
            "2026-11-01T15:30+09:00",
        ),
    ],
)
def test_ended_with_and_without_a_zone(capsys, argv, ended):
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    assert json.loads(out)["ended"] == ended


def test_argparse_errors_are_one_line_too(capsys):
    assert main(["plan"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "orei: --ended: this is required; see “orei plan --help”.\n"


@needs_processes
def test_black_box_exit_status_and_streams():
    bad = subprocess.run(
        [*ORE, "plan", "--ended", "2026-04-28T10:00", "--timeline", "0w"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "orei: Decision timeline: enter a number of weeks from 1 to 12 (got “0”)."
    ]
    good = subprocess.run(
        [*ORE, "plan", "--ended", "2026-04-28T15:00", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0
    assert json.loads(good.stdout)["follow_up"]["earliest"] == "2026-05-11"


@needs_processes
@pytest.mark.parametrize("argv", [["holidays", "2027"], ["plan", "--ended", "2026-04-28T15:00"]])
def test_a_closed_pipe_ends_quietly(argv):
    process = subprocess.Popen([*ORE, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first line is written
    stderr = process.stderr.read()
    process.stderr.close()
    status = process.wait(timeout=30)
    assert stderr == b""
    assert status == 1
