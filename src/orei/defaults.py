"""Every default and every form's list of fields, for the widgets, the CLI and the tests.

The widgets' forms (`widgets/forms/*.html`) are rendered with these defaults
(`orei_site.markers`), the widgets and the command line fall back to them when a
field is blank, and `tests/test_site_form_fields.py` checks that the built forms name
exactly these fields. The planner's fields are `orei.plan.make_plan`'s parameters;
the e-mail generator's own fields are `orei.email_spec.FIELDS`. The company
closures in force by default are data: `default = true` in `orei/data/closures.toml`
(`orei.business_calendar.default_closures`). Ranges belong to their rules:
`orei.dates` (dates), `orei.follow_up` (timeline counts, buffer).
"""

from __future__ import annotations

from orei.dates import JAPAN_ZONE
from orei.email_spec import FIELDS as EMAIL_FIELDS
from orei.messages import LANGUAGES

LANG = LANGUAGES[0]
"""The language of text and mail unless the reader chooses another."""
ZONE = JAPAN_ZONE
"""The zone an interview's end time is read in unless the reader names another."""
TIMELINE = "none"
"""The decision timeline when the company gave none."""
BUFFER = 3
"""Business days to wait after a stated timeline: three is polite."""
EMAIL_TEMPLATE = "thank-you"
"""The mail the generator opens with."""

BUSINESS_DAY_FIELDS = ("date",)
"""The "is it a business day?" form: one date, empty for today in Japan."""
FOLLOW_UP_FIELDS = (
    "ended_date",
    "ended_time",
    "tz",
    "candidate_tz",
    "ended_offset",  # shown by Python only when the end time happened twice
    "timeline",
    "timeline_n",
    "timeline_date",
    "buffer",
    "closures",
    "closed_dates",
)
"""The follow-up calculator's form, in the order `make_plan` takes them."""
EMAIL_FORM_FIELDS = ("template", "lang", *EMAIL_FIELDS, "premium", "remember")
"""The e-mail generator's form: the mail's fields, the LinkedIn Premium box and the
box that keeps the reader's details on their device (read by the binder alone)."""

FORM_FIELDS = {
    "business-day": BUSINESS_DAY_FIELDS,
    "follow-up": FOLLOW_UP_FIELDS,
    "email": EMAIL_FORM_FIELDS,
}
"""Each widget's fields, by the widget's name (`data-orei-widget`)."""
