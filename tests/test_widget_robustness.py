"""The widgets' one entry point, `orei_widgets.dispatch`, on arbitrary requests.

The form's state reaches Python from the reader's typing, from a shared link's
fragment, or from a tampered page; whatever it holds, the answer is a view
(results, or errors beside their fields), never a failure and never an
exception, and no typed text comes back as markup.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from orei_widgets import dispatch
from orei_widgets.applications import ACTIONS as APPLICATIONS_ACTIONS
from orei_widgets.applications import RESULTS_BESIDE_ERRORS as APPLICATIONS_SLOTS
from orei_widgets.follow_up import INPUT_SLOTS as FOLLOW_UP_INPUT_SLOTS
from orei_widgets.protocol import WIDGETS
from orei_widgets.warm_up import warm_up_requests
from view_markup import assert_inert

from orei.applications.file_format import read_file
from orei.defaults import FORM_FIELDS as FIELDS
from orei.email_templates import template_keys

# Slots that stay beside errors: the calculator's choice to make; on the applications
# page, a mistake in the editor leaves the agenda and everything else in view.
INPUT_SLOTS = {"follow-up": FOLLOW_UP_INPUT_SLOTS, "applications": APPLICATIONS_SLOTS}
# Error slots of controls that are not fields: the file the applications page imports.
UNNAMED = {"applications": ("import",)}
# The applications page's document: the warm-up's two applications, a thank-you due and
# an offer; and what a browser's storage or a tampered page may hold instead.
DOCUMENT = next(r for r in warm_up_requests() if r["widget"] == "applications")["state"]["document"]
# A form as the reader leaves it, before a test changes some of it.
VALID = {
    "business-day": {"date": "2026-05-06"},
    "follow-up": {
        "ended_date": "2026-04-28",
        "ended_time": "15:00",
        "tz": "Asia/Tokyo",
        "candidate_tz": "",
        "timeline": "days",
        "timeline_n": "10",
        "timeline_date": "",
        "buffer": "3",
        "closures": ["new-year"],
        "closed_dates": "2026-05-11",
    },
    "email": {
        "template": "thank-you",
        "lang": "ja",
        "company": "株式会社アオバ",
        "recipient_name": "鈴木",
        "salutation": "ms",
        "interviewer_names": "佐藤、田中",
        "interview_date": "2026-04-28",
        "round": "first",
        "format": "online",
        "after_hours": "on",
        "slots_from": "2026-05-01",
        "career": "new-graduate",
        "your_name": "山田 花子",
        "your_email": "hanako@example.com",
    },
    "applications": {
        "document": DOCUMENT,
        "company": "株式会社ミナト",
        "stage": "first-interview",
        "ended_date": "2026-04-28",
        "ended_time": "15:00",
        "tz": "Asia/Tokyo",
        "timeline": "weeks",
        "timeline_n": "2",
        "buffer": "3",
        "closures": ["new-year"],
        "keep": "on",
    },
}
ACTIONS = [
    *["update", "download-ics", "write-email", "copy", "download-eml", "forget"],
    *["save-application", *APPLICATIONS_ACTIONS],
]
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    "a\r\nBcc: someone@example.com",
    "\u202eevil\u202c\u200f",
    "🙇‍♀️",
]
# Values a form can hold, and values it cannot (numbers, nulls, nested data from a tampered page).
plausible = st.one_of(
    st.sampled_from(
        [
            "", "2026-04-28", "2099-12-31", "1999-12-31", "15:00", "24:00", "Asia/Tokyo",
            "Europe/London", "none", "days", "weeks", "business_days", "date", "3", "0", "90",
            "-1", "1e9", "new-year", "obon", "thank-you", "follow-up", "linkedin-note", "en",
            "ja", "on", "san", "mr", "first", "online", "2026-05-01, 2026-05-02",
            # A time that happened twice in New York, and the offsets that settle it.
            "2026-11-01", "01:30", "America/New_York", "-04:00", "-05:00",
            *template_keys(), "new-graduate", "mid-career", "other-company", "family",
        ]
    ),
    st.sampled_from(PAYLOADS),
    st.text(max_size=40),
)  # fmt: skip
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | plausible,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
documents = st.one_of(
    st.just(DOCUMENT),
    st.integers(0, len(DOCUMENT)).map(lambda cut: DOCUMENT[:cut]),  # cut short
    st.integers(1, 5000).map(lambda depth: "[" * depth + "]" * depth),  # nested deep
    st.sampled_from(["", "{}", "null", '{"format": "orei-applications", "version": 99}']),
    st.text(max_size=40),
)
uploads = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "name": st.text(max_size=20),
            "size": st.integers(-1, 10**9),
            "base64": st.one_of(
                st.none(),
                st.binary(max_size=200).map(lambda b: base64.b64encode(b).decode()),
                documents.map(lambda text: base64.b64encode(text.encode()).decode()),
                st.text(max_size=10),  # not base64 at all
            ),
        }
    ),
    json_value,
)


@st.composite
def requests(draw):
    widget = draw(st.sampled_from(sorted(WIDGETS)))
    names = FIELDS[widget]
    value = st.one_of(json_value, plausible, st.lists(st.one_of(plausible, json_value), max_size=3))
    # A valid form with a few fields replaced, so that the rest of the form gets read too.
    state = dict(VALID[widget])
    state.update(draw(st.dictionaries(st.sampled_from(names), value, max_size=3)))
    state.update(draw(st.dictionaries(st.text(max_size=8), value, max_size=2)))
    for name in draw(st.sets(st.sampled_from(names), max_size=2)):
        state.pop(name, None)
    extra = {}
    if widget == "applications":
        # Its own values where they matter: a stored document, buttons' targets, a file.
        state["document"] = draw(documents)
        state["target"] = draw(
            st.sampled_from(["warm0001", "warm0002 offer-decline", "warm0001 thank-you", "0"])
            | st.text(max_size=12)
        )
        state["editing"] = draw(st.sampled_from(["", "warm0001", "warm0002"]) | st.text(max_size=8))
        state["pending_import"] = draw(st.sampled_from(["", f"x.json\n{DOCUMENT}"]) | documents)
        state["undo"] = draw(st.sampled_from(["", "0\n"]) | documents)
        state["worksheet"] = draw(st.sampled_from(["", "facts-1 fit-2", "nope-9"]))
        state["worksheet_target"] = draw(st.sampled_from(["warm0001/0", "warm0002/3", ""]))
        extra["upload"] = draw(uploads)
    moment = draw(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 1)))
    context = {
        "now": int(moment.replace(tzinfo=dt.UTC).timestamp() * 1000),
        "lang": draw(st.sampled_from(["en", "ja", "ja-JP", "en-GB", "fr", ""])),
        # The browser's own zone: usually a real one, but a browser may report anything.
        "tz": draw(st.sampled_from(["Asia/Tokyo", "Europe/London", "UTC"]) | st.text(max_size=20)),
        "links": {"email": "../write-email/"},
    }
    return {
        "widget": widget,
        "action": draw(st.sampled_from(ACTIONS) | st.text(max_size=10)),
        "state": state,
        "context": context,
        **extra,
    }


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_any_request_gets_a_view_never_a_failure(request):
    view = json.loads(dispatch(json.dumps(request)))
    assert "failure" not in view, view.get("failure")
    assert set(view) == {
        *("results", "errors", "attrs", "enabled", "download", "navigate", "values", "focus")
    }
    assert all(
        isinstance(v, str) or (isinstance(v, list) and all(isinstance(i, str) for i in v))
        for v in view["values"].values()
    )
    assert view["focus"] is None or isinstance(view["focus"], str)
    document = view["values"].get("document")
    if document and request["action"] != "undo":
        # What the page writes (and the binder then stores) is always a file Orei reads;
        # only an undo gives back what was there before, as it was.
        read_file(document)
    if request["action"] == "import" and "import" in view["errors"]:
        assert "document" not in view["values"]  # a refused file changes nothing
    assert all(isinstance(v, str) for v in view["results"].values())
    assert all(isinstance(v, str) and v for v in view["errors"].values())
    # Errors stand beside the fields of the form, and replace the results; only slots that
    # are part of the form (a choice still to make) stay beside them.
    assert set(view["errors"]) <= {*FIELDS[request["widget"]], *UNNAMED.get(request["widget"], ())}
    if view["errors"]:
        assert set(view["results"]) <= set(INPUT_SLOTS.get(request["widget"], ()))
    for html in view["results"].values():
        assert_inert(html)


def test_a_file_is_imported_even_beside_a_wrong_field_of_the_form():
    # Found by the property above: a file is refused for what it holds, not for the form.
    state = {"document": "", "company": "株式会社ミナト", "stage": "2026-04-28", "keep": "on"}
    upload = {"name": "", "size": 0, "base64": base64.b64encode(DOCUMENT.encode()).decode()}
    request = {"widget": "applications", "action": "import", "state": state, "upload": upload}
    request["context"] = {"now": 946_684_800_000, "lang": "en", "tz": "Asia/Tokyo", "links": {}}
    view = json.loads(dispatch(json.dumps(request)))
    assert set(view["errors"]) == {"stage"}
    assert read_file(view["values"]["document"]) == read_file(DOCUMENT)
    assert view["values"]["import_problem"] == ""


def test_every_widget_takes_part():
    assert set(FIELDS) == set(WIDGETS)
