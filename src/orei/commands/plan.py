"""`orei plan`: the thank-you window and follow-up dates after one interview.

The flags map onto the widget's fields: `--ended` is `ended_date` and `ended_time`,
`--tz` is `tz`, `--candidate-tz` is `candidate_tz`, `--timeline` is `timeline` (in its
compact form), `--buffer` is `buffer`, `--closures` is `closures`, `--closed` is
`closed_dates` and `--ics` is `ics`. This module is the command line's edge, so it is
where the clock is read for the calendar file's DTSTAMP (unless `--now` is given).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

from orei import defaults
from orei.calendar_export import plan_to_ics
from orei.cli_parser import add_lang
from orei.commands.files import write_file
from orei.dates import parse_stamp
from orei.follow_up import BUFFER_RANGE
from orei.interview_time import split_ended
from orei.messages import message
from orei.plan import make_plan
from orei.plan_text import plan_lines


def run(args: argparse.Namespace) -> int:
    """Work out the plan; print it as text or JSON, and write the calendar file if asked."""
    ended_date, ended_time = split_ended(args.ended)
    plan = make_plan(
        ended_date,
        ended_time,
        args.tz,
        candidate_tz=args.candidate_tz,
        timeline=args.timeline,
        buffer=args.buffer,
        closures=args.closures,
        closed_dates=args.closed,
    )
    if args.ics:
        now = parse_stamp(args.now, "now") if args.now else dt.datetime.now(dt.UTC)
        write_file(args.ics, plan_to_ics(plan, now, lang=args.lang), "ics")
    if args.json:
        print(json.dumps(plan.to_json_dict(), ensure_ascii=False))
        return 0
    for line in plan_lines(plan, args.lang):
        print(line)
    if args.ics:
        print()
        print(message(args.lang, "plan.ics_saved", path=args.ics))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `plan` to the command line."""
    parser = subparsers.add_parser(
        "plan", help="when to send the thank-you email and when to follow up"
    )
    parser.add_argument(
        "--ended",
        required=True,
        help="when the interview ended: 2026-04-28T15:00 in --tz, or with an offset",
    )
    parser.add_argument(
        "--tz",
        default="",
        help="IANA zone of --ended; without it, a time is Japan time and an offset is exact",
    )
    parser.add_argument("--candidate-tz", default="", help="also show times in this IANA zone")
    parser.add_argument(
        "--timeline",
        default=defaults.TIMELINE,
        help="none, 7d (days), 2w (weeks), 5bd (business days), or a date",
    )
    low, high = BUFFER_RANGE
    parser.add_argument(
        "--buffer",
        default=defaults.BUFFER,
        help=f"business days to wait, {low} to {high} ({defaults.BUFFER})",
    )
    parser.add_argument(
        "--closures", default=None, help="new-year,obon or none (default: new-year)"
    )
    parser.add_argument("--closed", default="", help="extra closed dates, comma-separated")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--ics", metavar="FILE", help="also write an iCalendar file")
    parser.add_argument(
        "--now", default="", help="time to stamp the calendar file with (ISO; default: now)"
    )
    add_lang(parser)
    parser.set_defaults(run=run)
