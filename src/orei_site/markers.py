"""Turn the guide's Markdown markers into widgets, examples and tables.

A marker is an HTML comment alone on its line, so a page still reads well where
no build expands it:

- `<!-- orei:widget NAME -->`: the widget's form, from `widgets/forms/NAME.html`.
- `<!-- orei:business-day-today -->`: the "is today a business day?" widget.
- `<!-- orei:holidays next-12-months -->`: a table of the coming national holidays.
- `<!-- orei:template NAME -->`: the email template's example, in the page's language.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

import jinja2

from orei import dates, defaults
from orei.applications.file_format import MAX_FILE_BYTES
from orei.applications.model import FORMATS, ROUNDS, STAGES
from orei.business_calendar import closures, default_closures, holidays_in_year
from orei.email_templates import templates
from orei.follow_up import BUFFER_RANGE, N_RANGES, TIMELINE_KINDS
from orei.messages import message
from orei_site import email_form

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "widgets" / "forms"

MARKER = re.compile(r"<!--\s*orei:(?P<kind>[a-z-]+)(?:\s+(?P<arg>[a-z0-9-]+))?\s*-->")


class MarkerError(ValueError):
    """A marker names something that does not exist."""


@cache
def _forms() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FORMS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _links(lang: str, page_url: str) -> dict[str, str]:
    """Pages a widget may open, relative to the page it sits on."""
    prefix = "" if lang == "en" else f"{lang}/"
    # Directory URLs: the page `follow-up/` is the folder `follow-up`.
    here = page_url.rstrip("/") or "."
    return {
        page: posixpath.relpath(f"{prefix}{folder}", here) + "/"
        for page, folder in (("email", "write-email"), ("applications", "applications"))
    }


def widget_form(name: str, lang: str, page_url: str = "") -> str:
    """The widget's form as HTML, with labels in `lang`, ready before Python loads."""
    try:
        template = _forms().get_template(f"{name}.html")
    except jinja2.TemplateNotFound:
        raise MarkerError(f"no widget called {name!r} in {FORMS}") from None

    def t(key: str, **params: object) -> str:
        return message(lang, key, **params)

    return template.render(
        t=t,
        lang=lang,
        id=f"orei-{name}",
        zones=_zones(),
        links=_links(lang, page_url),
        email_templates=[(tpl.key, tpl.title, i == 0) for i, tpl in enumerate(templates(lang))],
        email_groups=email_form.groups(lang),
        defaults=form_defaults(),
        # The applications page's choices, from orei's own lists.
        stages=[(stage, t(f"applications.stages.{stage}")) for stage in STAGES],
        rounds=_choices(t, "round", ROUNDS),
        formats=_choices(t, "format", FORMATS),
        reflection_fields=list(defaults.REFLECTION_FIELDS.values()),
        max_file_bytes=MAX_FILE_BYTES,
    )


def _choices(t, name: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    """A choice with "not stated" first, labelled as the e-mail generator labels it."""
    return [("", t(f"ui.email.choices.{name}.blank"))] + [
        (value, t(f"ui.email.choices.{name}.{value}")) for value in values
    ]


def form_defaults() -> dict[str, object]:
    """The defaults and ranges the forms show, from the rules, so no form repeats a value."""
    return {
        "zone": defaults.ZONE,
        "timeline": defaults.TIMELINE,
        "timeline_kinds": TIMELINE_KINDS,
        "timeline_n_max": max(high for _, high in N_RANGES.values()),
        "buffer": defaults.BUFFER,
        "buffer_range": BUFFER_RANGE,
        "closures": [(key, key in default_closures()) for key in closures()],
        "first_date": dates.FIRST_SUPPORTED.isoformat(),
        "last_date": dates.LAST_SUPPORTED.isoformat(),
    }


@cache
def _zones() -> list[str]:
    return sorted(available_timezones() - {"localtime", "Factory"})


def holidays_table(today: dt.date, lang: str, months: int = 12) -> str:
    """A Markdown table of the national holidays from `today` for `months` months."""
    end = dt.date(
        today.year + (today.month - 1 + months) // 12, (today.month - 1 + months) % 12 + 1, 1
    )
    rows = [
        h
        for year in range(today.year, end.year + 1)
        for h in holidays_in_year(year)
        if today <= h.date < end
    ]
    head = message(lang, "ui.holidays.table_head")
    lines = [head, "|" + "---|" * head.count("|", 1)]
    for h in rows:
        day = dates.date(h.date, lang, with_weekday=False)
        lines.append(f"| {day} | {dates.weekday(h.date, lang)} | {h.name_en} | {h.name_ja} |")
    return "\n".join(lines)


def render_markdown(markdown: str, *, lang: str, today: dt.date) -> str:
    """Expand the markers that produce Markdown (tables and template examples)."""

    def replace(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        if kind == "holidays":
            if arg != "next-12-months":
                raise MarkerError(f"orei:holidays takes next-12-months, not {arg!r}")
            return holidays_table(today, lang)
        if kind == "template":
            from orei_site.examples import template_example

            return template_example(arg or "", lang)
        return match[0]

    return MARKER.sub(replace, markdown)


def render_html(html: str, *, lang: str, page_url: str = "") -> str:
    """Replace widget markers with the widgets' forms."""

    def replace(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        if kind == "widget":
            return widget_form(arg or "", lang, page_url)
        if kind == "business-day-today":
            return widget_form("business-day", lang, page_url)
        if kind in {"holidays", "template"}:
            return match[0]  # left by the Markdown stage on purpose
        raise MarkerError(f"unknown marker {match[0]!r}")

    return MARKER.sub(replace, html)
