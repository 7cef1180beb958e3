"""The `orei` command line: a scripting interface and the black-box contract for tests.

Each subcommand lives in `orei.commands.NAME` and exposes `register(subparsers)`.
Bad input, and a mistake in the command line itself (`orei.cli_parser.UsageError`),
exits with status 2 and one line on stderr from orei's catalogue, in the language of
the command's `--lang`.
A reader that closes the pipe early (`| head -1`) ends the command quietly, status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from orei.cli_parser import Parser, requested_lang
from orei.errors import InputError

COMMANDS = ("holidays", "plan", "email", "applications")


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand registered."""
    parser = Parser(prog="orei", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMANDS:
        import_module(f"orei.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = None
    try:
        args = build_parser().parse_args(argv)
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows up here rather than at exit
    except InputError as error:
        lang = getattr(args, "lang", None) or requested_lang(argv)
        print(f"orei: {error.message(lang)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped reading (`orei holidays 2027 | head -1`): stop quietly, and
        # point stdout at devnull so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
