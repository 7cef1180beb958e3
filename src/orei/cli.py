"""The `orei` command line: a scripting interface and the black-box contract for tests.

Each subcommand lives in `orei.commands.NAME` and exposes `register(subparsers)`.
Bad input exits with status 2 and one line on stderr, from the `InputError`, in the
language of the command's `--lang`.
A reader that closes the pipe early (`| head -1`) ends the command quietly, status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from orei.errors import InputError

COMMANDS = ("holidays", "plan", "email", "applications")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage too; the contract is one line on stderr.
        self.exit(2, f"orei: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand registered."""
    parser = _Parser(prog="orei", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMANDS:
        import_module(f"orei.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows up here rather than at exit
    except InputError as error:
        print(f"orei: {error.message(getattr(args, 'lang', 'en'))}", file=sys.stderr)
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
