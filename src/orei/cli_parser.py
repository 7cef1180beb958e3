"""The command line's parser: argparse's own errors said in orei's words, in the chosen language.

argparse reports a usage mistake (a missing option, an unknown one, an option without
its value, a choice not offered) by calling `error` with an English sentence. The
parser here turns each kind into a `UsageError` with a key in the `errors.cli`
catalogue instead, naming the option as it is written on the command line, so the
command prints it as it prints any `InputError`: one line, in the language of
`--lang`, status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from orei.errors import InputError
from orei.messages import LANGUAGES


class UsageError(InputError):
    """The command line itself is wrong: `field` is the option or argument as written."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        super().__init__(field, code, **params)


# argparse's sentences (Python 3.11 to 3.13), each with the catalogue key it becomes.
# The option a sentence is about comes from the `ArgumentError` itself, not the text.
_KINDS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "cli.unrecognized"),
    (re.compile(r"expected (?:one|at least one|\d+) arguments?"), "cli.needs_value"),
    (re.compile(r"invalid choice: (?P<value>.+?) \(choose from .*\)"), "unknown_choice"),
    (re.compile(r"not allowed with argument (?P<other>\S+)"), "cli.not_together"),
    (
        re.compile(r"ambiguous option: (?P<option>\S+?)(?:=\S*)? could match (?P<names>.+)"),
        "cli.ambiguous",
    ),
    (re.compile(r"ignored explicit argument (?P<value>.+)"), "cli.no_value"),
)


def _unquoted(text: str) -> str:
    return text.strip().strip("'\"")


class Parser(argparse.ArgumentParser):
    """An `ArgumentParser` whose errors are `UsageError`s rather than English on stderr."""

    def error(self, message: str) -> NoReturn:
        """Raise the `UsageError` for argparse's `message` (never prints, never exits)."""
        raised = sys.exc_info()[1]
        name = ""
        if isinstance(raised, argparse.ArgumentError):
            name, message = raised.argument_name or "", raised.message
        for pattern, kind in _KINDS:
            match = pattern.fullmatch(message)
            if match is not None:
                raise self._usage_error(kind, name, match.groupdict())
        raise UsageError(name or self.prog, "cli.usage", prog=self.prog, detail=message)

    def _usage_error(self, kind: str, name: str, found: dict[str, str]) -> UsageError:
        names = [_unquoted(part) for part in re.split(r",? ", found.get("names", "")) if part]
        if kind == "unknown_choice":
            action = self._action_named(name)
            choices = list(action.choices or ()) if action is not None else []
            value = _unquoted(found["value"])
            return UsageError(name, kind, value=value, allowed=", ".join(map(str, choices)))
        if kind in ("cli.required", "cli.unrecognized"):
            return UsageError(names[0], kind, prog=self.prog)
        if kind == "cli.ambiguous":
            return UsageError(found["option"], kind, allowed=", ".join(names))
        params = {key: _unquoted(value) for key, value in found.items() if key != "names"}
        return UsageError(name, kind, prog=self.prog, **params)

    def _action_named(self, name: str) -> argparse.Action | None:
        """The action argparse calls `name` (`--lang`, or a positional's dest or metavar)."""
        for action in self._actions:
            if name in action.option_strings or name in (action.dest, action.metavar):
                return action
        return None


def add_lang(parser: argparse.ArgumentParser, help_text: str = "language of the text") -> None:
    """The `--lang` option, the same in every subcommand."""
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=LANGUAGES[0], help=f"{help_text} (default en)"
    )


def requested_lang(argv: Sequence[str]) -> str:
    """The language `--lang` asks for, read before parsing so usage errors can use it too."""
    lang = LANGUAGES[0]
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            lang = argv[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return lang if lang in LANGUAGES else LANGUAGES[0]
