"""`orei email TEMPLATE`: fill an e-mail template and print it, as text, JSON or `.eml`.

The mail's language (`--lang`) is also the language of what the command says about
it: the subject label, the checks and what is still to fill in. `orei` never reads
the clock, and neither does this command: a mail about an interview that has taken
place is written as if sent on the interview's day (本日 / today) unless
`--set send_date=YYYY-MM-DD` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys

from orei.cli_parser import add_lang
from orei.commands.files import write_file
from orei.compose import Draft, compose, with_send_date
from orei.email_spec import FIELDS
from orei.email_templates import load_template, template_keys
from orei.errors import InputError
from orei.mail_export import eml_bytes
from orei.messages import message


def parse_settings(settings: list[str]) -> dict[str, str]:
    """`NAME=VALUE` pairs from `--set`; a later pair for the same name wins.

    Raises:
        InputError: Naming `set`, for a pair without `=` or an unknown field name.
    """
    values = {}
    for setting in settings:
        name, equals, value = setting.partition("=")
        name = name.strip()
        if not equals:
            raise InputError("set", "set_format", value=setting)
        if name not in FIELDS:
            raise InputError("set", "unknown_field", value=name, allowed=", ".join(FIELDS))
        values[name] = value
    return values


def _as_json(draft: Draft) -> str:
    return json.dumps(
        {
            "subject": draft.subject,
            "body": draft.body,
            "checks": [
                {"code": check.code, "ok": check.ok, "message": check.message(draft.lang)}
                for check in draft.checks
            ],
            "missing": list(draft.missing),
        },
        ensure_ascii=False,
    )


def run(args: argparse.Namespace) -> int:
    """Print the filled template; failed checks go to stderr, in the mail's language."""
    fields = with_send_date(args.template, args.lang, parse_settings(args.set))
    draft = compose(args.template, args.lang, fields, premium=args.premium)
    if args.json:
        print(_as_json(draft))
        return 0
    if args.eml:
        if not draft.is_mail:
            title = load_template(args.template, args.lang).title
            raise InputError("eml", "not_a_mail", value=title)
        data = eml_bytes(
            draft, from_name=fields.get("your_name", ""), from_email=fields.get("your_email", "")
        )
        write_file(args.eml, data, "eml")
        print(message(draft.lang, "email.eml_saved", path=args.eml))
    else:
        if draft.subject:
            print(message(draft.lang, "email.subject", subject=draft.subject))
            print()
        print(draft.body)
    for check in draft.checks:
        if not check.ok:
            line = message(draft.lang, "email.check_failed", message=check.message(draft.lang))
            print(f"orei: {line}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `email` to the command line."""
    parser = subparsers.add_parser("email", help="fill in an e-mail for after the interview")
    parser.add_argument("template", help=", ".join(template_keys()))
    add_lang(parser, "the mail's language")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"a field's value; repeat for each field ({', '.join(FIELDS)})",
    )
    parser.add_argument("--premium", action="store_true", help="LinkedIn Premium: 300 characters")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON")
    output.add_argument("--eml", metavar="FILE", help="write an .eml message to FILE")
    parser.set_defaults(run=run)
