"""The `orei` command line: a scripting interface and the black-box contract for tests.

Each subcommand lives in `orei.commands.NAME` and exposes `register(subparsers)`.
Bad input exits with status 2 and one line on stderr, from the `InputError`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from orei.errors import InputError

COMMANDS = ("holidays",)


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
        return args.run(args)
    except InputError as error:
        print(f"orei: {error.message('en')}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
