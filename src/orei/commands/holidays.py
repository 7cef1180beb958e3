"""`orei holidays YEAR`: the national holidays of one year."""

from __future__ import annotations

import argparse
import json

from orei.business_calendar import holidays_in_year
from orei.dates import weekday
from orei.errors import InputError


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError("year", "year_format", value=text) from None


def run(args: argparse.Namespace) -> int:
    """Print the year's holidays, as text or JSON."""
    found = holidays_in_year(_year(args.year))
    if args.json:
        print(
            json.dumps(
                [
                    {"date": h.date.isoformat(), "name_en": h.name_en, "name_ja": h.name_ja}
                    for h in found
                ],
                ensure_ascii=False,
            )
        )
    else:
        for h in found:
            print(f"{h.date.isoformat()} {weekday(h.date, 'en')}  {h.name_en} ({h.name_ja})")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `holidays` to the command line."""
    parser = subparsers.add_parser("holidays", help="list a year's national holidays")
    parser.add_argument("year", help="a year from 2000 to 2099")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)
