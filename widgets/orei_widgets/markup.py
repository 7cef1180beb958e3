"""Small HTML builders for widget views, escaping by construction.

Text is `str`; markup is `Html`, which only this module makes. Wherever the two
meet (as an element's content, a message's parameter, either side of `+`, a part
of `join`) the text is escaped, so a name typed into a form can never become markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from zoneinfo import ZoneInfo

from orei import dates, messages
from orei.dates import JAPAN


class Html(str):
    """Markup built here; any `str` that is not `Html` is text, escaped when it meets markup.

    Only `orei_widgets.markup` calls `Html(...)`: each call is a claim that the string is
    safe markup, and keeping them here keeps the claims few and checked by
    tests/test_widget_injection.py. Other `str` methods (`join`, `replace`, `format`)
    return plain `str`, which is then escaped again: a visible bug, never an injection.
    """

    __slots__ = ()

    def __add__(self, other: str) -> Html:
        return Html(str.__add__(self, to_html(other)))

    def __radd__(self, other: str) -> Html:
        return Html(str.__add__(to_html(other), self))

    def __deepcopy__(self, memo: dict[int, object]) -> Html:
        # Immutable, as str is: `dataclasses.asdict` copies every result, and the generic
        # copy of a str subclass is slow.
        return self


def to_html(value: str) -> Html:
    """`value` as markup: itself when it is `Html`, else its text escaped."""
    return value if isinstance(value, Html) else Html(escape(value, quote=False))


def join(parts: Iterable[str], separator: str = "") -> Html:
    """The parts one after another, each escaped unless it is `Html`."""
    return Html(to_html(separator).join([to_html(part) for part in parts]))


def element(tag: str, content: str = "", /, **attributes: str) -> Html:
    """`<tag attrs>content</tag>`; `content` is escaped unless it is `Html`.

    Raises:
        TypeError: For an attribute that is not text, such as the `raw=True` flag of old.
    """
    # Inline rather than through helpers: the month view builds hundreds of elements
    # per keystroke.
    attrs = ""
    for name, value in attributes.items():
        if not isinstance(value, str):
            raise TypeError(f"attribute {name}= must be text, not {type(value).__name__}")
        attrs += f' {name.rstrip("_").replace("_", "-")}="{escape(value, quote=True)}"'
    body = content if isinstance(content, Html) else escape(content, quote=False)
    return Html(f"<{tag}{attrs}>{body}</{tag}>")


def void(tag: str, /, **attributes: str) -> Html:
    """`<tag attrs>`, an element with no content such as `input`."""
    return Html(element(tag, **attributes).removesuffix(f"</{tag}>"))


def time(value: dt.date | dt.datetime, text: str) -> Html:
    """A `<time>` element whose `datetime` is the exact ISO value (with offset for times)."""
    stamp = (
        value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
    )
    return element("time", text, datetime=stamp)


def day_time(day: dt.date, lang: str) -> Html:
    """A date as the reader's language writes it, in a `<time>`."""
    return time(day, dates.date(day, lang))


def moment_time(moment: dt.datetime, lang: str) -> Html:
    """A date and clock time with its zone, in a `<time>`."""
    return time(moment, dates.zoned_date_time(moment, lang))


def clock_time(moment: dt.datetime, lang: str) -> Html:
    """A clock time with its zone, in a `<time>`."""
    return time(moment, dates.zoned_time(moment, lang))


def elsewhere(zone: ZoneInfo | None, *moments: dt.datetime) -> bool:
    """Whether `zone` shows a different clock from Japan's at any of `moments`."""
    return zone is not None and any(
        moment.astimezone(zone).utcoffset() != moment.astimezone(JAPAN).utcoffset()
        for moment in moments
    )


def in_zones(moment: dt.datetime, zone: ZoneInfo | None, lang: str) -> Html:
    """The time in Japan, and in the reader's zone when that shows a different clock."""
    shown = moment_time(moment.astimezone(JAPAN), lang)
    if zone is not None and elsewhere(zone, moment):
        local = moment_time(moment.astimezone(zone), lang)
        # Japanese runs on without a space: the message begins with its own 、.
        gap = "" if lang == "ja" else " "
        shown += gap + html_message(lang, "ui.follow_up.your_time", time=local, zone=zone.key)
    return shown


def relative_time(moment: dt.datetime, now: dt.datetime, lang: str) -> str:
    """How far `moment` is from `now`, as the plan says it: `that is in 5 h 20 min`."""
    delta = moment - now
    key = "ui.follow_up.in" if delta >= dt.timedelta(0) else "ui.follow_up.ago"
    return messages.message(lang, key, span=dates.duration(delta, lang))


def html_message(lang: str, key: str, **params: str | int) -> Html:
    """`orei.messages.message` as markup: the catalogue's text and each text parameter escaped.

    Catalogue text is text, not markup; `Html` parameters (a `<time>`, a `<strong>`) go in
    as they are, numbers as numbers.
    """
    template = to_html(messages.message(lang, key))
    if not params:
        return template
    filled = {
        name: value if isinstance(value, int) else to_html(value) for name, value in params.items()
    }
    return Html(template.format(**filled))
