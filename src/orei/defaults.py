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

from orei.applications.reflection import SECTIONS
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
PLAN_RULE_FIELDS = ("timeline", "timeline_n", "timeline_date", "buffer", "closures", "closed_dates")
"""The plan's rules (when they said they would answer, the buffer, the company's closures):
the same fields in the calculator and in an interview (`widgets/forms/_plan_rules.html`)."""
FOLLOW_UP_FIELDS = (
    "ended_date",
    "ended_time",
    "tz",
    "candidate_tz",
    "ended_offset",  # shown by Python only when the end time happened twice
    *PLAN_RULE_FIELDS,
)
"""The follow-up calculator's form, in the order `make_plan` takes them."""
EMAIL_FORM_FIELDS = ("template", "lang", *EMAIL_FIELDS, "premium", "remember")
"""The e-mail generator's form: the mail's fields, the LinkedIn Premium box and the
box that keeps the reader's details on their device (read by the binder alone)."""

APPLICATION_FIELDS = (
    "company",
    "role",
    "stage",
    "offer_deadline",
    "recruiter_name",
    "recruiter_title",
    "recruiter_email",
    "department",
    "notes",
)
"""An application's own fields in the applications page's editor, in the file's order."""
REFLECTION_FIELDS = {section: "reflection_" + section.replace("-", "_") for section in SECTIONS}
"""Each reflection worksheet section's notes field, by section."""
INTERVIEW_FIELDS = (
    "ended_date",
    "ended_time",
    "tz",
    "ended_offset",  # shown by Python only when the end time happened twice
    *PLAN_RULE_FIELDS,
    "round",
    "format",
    "thank_you_sent",
    "follow_up_sent",
    *REFLECTION_FIELDS.values(),
)
"""An interview in the applications page's editor: the calculator's fields by the same
names, so its "Save to my applications" link fills them in (all but the reader's own
zone, which the page takes from the browser), then the interview's own."""
APPLICATIONS_HIDDEN_FIELDS = (
    "document",  # the applications, as the text of an orei-applications file
    "editing",
    "interview",
    "undo",
    "notice",
    "pending_import",
    "import_problem",  # why the last file chosen was not imported, until it is
    "source",
    "worksheet",
)
"""The applications page's hidden fields: its document and the editor's bookkeeping."""
APPLICATIONS_FIELDS = (*APPLICATIONS_HIDDEN_FIELDS, "keep", *APPLICATION_FIELDS, *INTERVIEW_FIELDS)
"""The applications page's form; `keep` is the box that keeps the document in the browser."""

FORM_FIELDS = {
    "business-day": BUSINESS_DAY_FIELDS,
    "follow-up": FOLLOW_UP_FIELDS,
    "email": EMAIL_FORM_FIELDS,
    "applications": APPLICATIONS_FIELDS,
}
"""Each widget's fields, by the widget's name (`data-orei-widget`)."""
