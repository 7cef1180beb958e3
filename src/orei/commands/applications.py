"""`orei applications agenda|check FILE.json`: the reader's applications file.

`agenda` prints each application's next step, most urgent first, as text or JSON, and
can write the `.ics` of every upcoming step and the CSV; `check` reads the file and
names its first problem. This module is the command line's edge, so it is where the
clock is read: today in Japan unless `--today` is given, and the calendar file's
DTSTAMP unless `--now` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from orei.applications.agenda import build_agenda
from orei.applications.agenda_text import agenda_lines
from orei.applications.exports import applications_csv, applications_ics
from orei.applications.file_format import MAX_FILE_BYTES, read_file
from orei.applications.model import Application
from orei.cli_parser import add_lang
from orei.commands.files import write_file
from orei.dates import date_in_japan, parse_date, parse_stamp
from orei.errors import InputError
from orei.messages import message


def read_path(path: str) -> tuple[Application, ...]:
    """The applications in the file at `path`.

    Raises:
        InputError: `applications.file_unreadable` on `file`, or what `read_file` raises.
    """
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # enough to tell that it is too large
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(
            "file", "applications.file_unreadable", value=path, reason=reason
        ) from None
    return read_file(data)


def run_agenda(args: argparse.Namespace) -> int:
    """Print the agenda; write the calendar and the spreadsheet if asked."""
    applications = read_path(args.file)
    now = parse_stamp(args.now, "now") if args.now else dt.datetime.now(dt.UTC)
    today = parse_date(args.today, "today") if args.today else date_in_japan(now)
    steps = build_agenda(applications, today)
    if args.ics:
        write_file(args.ics, applications_ics(applications, today, now, args.lang), "ics")
    if args.csv:
        write_file(args.csv, applications_csv(applications, today, args.lang), "csv")
    if args.json:
        print(json.dumps([step.to_json_dict() for step in steps], ensure_ascii=False))
        return 0
    for line in agenda_lines(steps, today, args.lang):
        print(line)
    for option, key in ((args.ics, "ics_saved"), (args.csv, "csv_saved")):
        if option:
            print(message(args.lang, f"applications.agenda.{key}", path=option))
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Read the file; say what it holds, or (through `InputError`) its first problem."""
    applications = read_path(args.file)
    interviews = sum(len(application.interviews) for application in applications)
    print(
        message(
            args.lang,
            "applications.agenda.check_ok",
            path=args.file,
            applications=len(applications),
            interviews=interviews,
        )
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `applications agenda` and `applications check` to the command line."""
    parser = subparsers.add_parser(
        "applications", help="the next step of every application in an Orei applications file"
    )
    commands = parser.add_subparsers(dest="applications_command", required=True)
    agenda = commands.add_parser("agenda", help="each application's next step, most urgent first")
    agenda.add_argument("file", help="an orei-applications JSON file")
    agenda.add_argument("--today", default="", help="the day in Japan, YYYY-MM-DD (default: today)")
    add_lang(agenda)
    agenda.add_argument("--json", action="store_true", help="print a JSON list")
    agenda.add_argument("--ics", metavar="FILE", help="also write every upcoming step to FILE")
    agenda.add_argument("--csv", metavar="FILE", help="also write a spreadsheet to FILE")
    agenda.add_argument(
        "--now", default="", help="time to stamp the calendar file with (ISO; default: now)"
    )
    agenda.set_defaults(run=run_agenda)
    check = commands.add_parser("check", help="validate the file and name its first problem")
    check.add_argument("file", help="an orei-applications JSON file")
    add_lang(check)
    check.set_defaults(run=run_check)
