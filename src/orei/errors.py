"""Typed input errors that name the field and say what is allowed.

Every error the package raises for bad input is an `InputError`. Its message is
written for the reader, in English or Japanese, from the catalogues in
`orei/locales`, so the CLI prints it as it is and the widgets show it beside the
field it names.
"""

from __future__ import annotations

from typing import Any

from orei.messages import field_label, message

QUOTE_LIMIT = 40
"""Longest quoted value, in characters; a longer one is cut and ends with an ellipsis."""


def shorten(value: Any, limit: int = QUOTE_LIMIT) -> Any:
    """`value` as a message may quote it: text longer than `limit` cut, with `…` at its end."""
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


class InputError(ValueError):
    """Bad input for one field, with a message that says what is allowed.

    Attributes:
        field: The name of the input field, as the CLI and the widgets call it.
        code: The message's key in the catalogues (`errors.CODE`).
        params: Values the message quotes.
    """

    def __init__(self, field: str, code: str, **params: Any) -> None:
        self.field = field
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in `lang` (`en` or `ja`), naming the field.

        A parameter named `NAME_field` holds another field's name; the message gets its
        label in `lang` as `NAME`. `value`, the text as the reader typed it, is quoted cut
        short (`shorten`); what the code supplies, such as the allowed choices, is whole.
        """
        params = {}
        for name, value in self.params.items():
            if name.endswith("_field"):
                params[name.removesuffix("_field")] = field_label(lang, value)
            else:
                params[name] = shorten(value) if name == "value" else value
        return message(lang, f"errors.{self.code}", field=field_label(lang, self.field), **params)
