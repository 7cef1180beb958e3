import copy
import datetime as dt
import json
import tomllib
from importlib import resources

import pytest

from orei.applications import reading
from orei.applications.file_format import (
    MAX_FILE_BYTES,
    nests_deeper_than,
    read_document,
    read_file,
    write_file,
)
from orei.applications.model import Application, Interview
from orei.applications.reading import MAX_APPLICATIONS, MAX_INTERVIEWS
from orei.dates import JAPAN
from orei.errors import InputError
from orei.follow_up import Timeline

INTERVIEW = {"ended": "2026-04-28T15:00+09:00", "timeline": "2w"}
APPLICATION = {
    "id": "aoba",
    "company": "株式会社アオバシステムズ",
    "role": "Backend engineer",
    "stage": "first-interview",
    "interviews": [INTERVIEW],
}
FULL_INTERVIEW = {
    "ended": "2026-04-28T07:00+01:00",
    "tz": "Europe/London",
    "timeline": "5bd",
    "buffer": 2,
    "closures": ["new-year", "obon"],
    "closed_dates": ["2026-05-01", "2026-04-30"],
    "thank_you_sent": "2026-04-28",
    "follow_up_sent": None,
    "round": "first",
    "format": "online",
    "reflection": {"hardest-question": "Why Japan?\nI would answer with the project."},
}
FULL_APPLICATION = {
    "id": "kite-2026",
    "company": "Kite Inc.",
    "role": "Designer",
    "stage": "offer",
    "recruiter_name": "Sato",
    "recruiter_title": "Head of Talent",
    "recruiter_email": "sato@kite.example.co.jp",
    "department": "People",
    "notes": "Met at the fair.\nAsked about the visa.",
    "offer_deadline": "2026-06-01",
    "interviews": [FULL_INTERVIEW],
}


def document(*applications, **top):
    return {"format": "orei-applications", "version": 1, "applications": list(applications)} | top


def text(*applications, **top):
    return json.dumps(document(*applications, **top), ensure_ascii=False)


def with_changes(base, **changes):
    changed = copy.deepcopy(base)
    for key, value in changes.items():
        if value is KeyError:
            del changed[key]
        else:
            changed[key] = value
    return changed


def interview(**changes):
    return with_changes(INTERVIEW, **changes)


def application(**changes):
    return with_changes(APPLICATION, **changes)


def in_application(**changes):
    return text(application(**changes))


def in_interview(**changes):
    return text(application(interviews=[interview(**changes)]))


A0, I0, E = "applications[0]", "applications[0].interviews[0]", "applications."


def error_of(data):
    with pytest.raises(InputError) as caught:
        read_file(data)
    return caught.value


# Reading


def test_a_minimal_application_gets_the_defaults():
    (found,) = read_file(text(application(interviews=[{"ended": "2026-04-28T15:00+09:00"}])))
    assert found == Application(
        id="aoba",
        company="株式会社アオバシステムズ",
        role="Backend engineer",
        stage="first-interview",
        interviews=(Interview(ended=dt.datetime(2026, 4, 28, 15, 0, tzinfo=JAPAN)),),
    )
    only = found.interviews[0]
    assert (only.tz, only.timeline.kind, only.buffer) == ("Asia/Tokyo", "none", 3)
    assert only.closures == frozenset({"new-year"})
    assert (only.thank_you_sent, only.follow_up_sent, only.round, only.format) == (None,) * 4


def test_every_field_is_read():
    (found,) = read_file(text(FULL_APPLICATION))
    assert found.offer_deadline == dt.date(2026, 6, 1)
    assert found.notes == "Met at the fair.\nAsked about the visa."
    (only,) = found.interviews
    assert only.ended == dt.datetime(2026, 4, 28, 15, 0, tzinfo=JAPAN)
    assert only.ended.utcoffset() == dt.timedelta(hours=1)  # kept in the reader's zone
    assert only.timeline == Timeline("business_days", n=5)
    assert only.closed_dates == {dt.date(2026, 4, 30), dt.date(2026, 5, 1)}
    assert only.thank_you_sent == dt.date(2026, 4, 28)
    assert only.reflection == {"hardest-question": "Why Japan?\nI would answer with the project."}


def test_written_files_read_back_the_same_and_write_the_same_text():
    applications = read_file(text(FULL_APPLICATION, APPLICATION))
    written = write_file(applications)
    assert read_file(written) == applications
    assert write_file(read_file(written)) == written
    data = json.loads(written)
    assert data["format"] == "orei-applications"
    assert data["version"] == 1
    assert data["applications"][0]["interviews"][0] == {
        **FULL_INTERVIEW,
        "closed_dates": ["2026-04-30", "2026-05-01"],
    }
    assert written.endswith("}\n")
    assert "株式会社アオバシステムズ" in written  # UTF-8 as written, no \u escapes


@pytest.mark.parametrize(
    ("ended", "tz", "written"),
    [
        ("2026-04-28T06:00Z", "UTC", "2026-04-28T06:00+00:00"),
        ("２０２６-０４-２８T０７:００+０１００", "Europe/London", "2026-04-28T07:00+01:00"),
        ("2026-04-28T15:00:00+09:00", "Asia/Tokyo", "2026-04-28T15:00+09:00"),
    ],
)
def test_an_end_time_is_written_in_one_form(ended, tz, written):
    given = interview(ended=ended, tz=tz)
    found = json.loads(write_file(read_file(text(application(interviews=[given])))))
    assert found["applications"][0]["interviews"][0]["ended"] == written


@pytest.mark.parametrize(
    "data",
    [
        text(APPLICATION).encode("utf-8"),
        b"\xef\xbb\xbf" + text(APPLICATION).encode("utf-8"),
        "\ufeff" + text(APPLICATION),
        text(application(interviews=[interview(ended="２０２６-０４-２８T１５:００+０９:００")])),
    ],
    ids=["bytes", "bytes with BOM", "text with BOM", "full-width digits"],
)
def test_accepted_forms_of_the_same_file(data):
    assert read_file(data) == read_file(text(APPLICATION))


def test_an_empty_list_is_a_valid_file():
    assert read_file(text()) == ()


def test_read_document_takes_the_widgets_plain_json():
    assert read_document(document(APPLICATION)) == read_file(text(APPLICATION))


# Hostile strings are text: kept exactly, never interpreted.

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    '"; DROP TABLE applications; --',
    '=HYPERLINK("http://example.invalid")',
    "株式会社\u202eアオバ",  # a right-to-left override
    "🙇 お礼",
    "{company} {{}} %s \\",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_are_kept_exactly(value):
    given = application(company=value, role=value, notes=value, recruiter_name=value)
    (found,) = read_file(text(given))
    assert (found.company, found.role, found.notes, found.recruiter_name) == (value,) * 4
    assert read_file(write_file([found])) == (found,)


# Refused files: the field names the first problem, the code says what is wrong.

BAD_FILES = [
    # wrong format or version
    (json.dumps({"format": "orei-plan", "version": 1, "applications": []}), "file", E + "format"),
    (json.dumps({"version": 1, "applications": []}), "file", E + "missing_key"),
    (json.dumps({"format": "orei-applications", "applications": []}), "file", E + "missing_key"),
    (text(version=2), "file", E + "version_newer"),
    (text(version=0), "file", E + "version"),
    (text(version="1"), "file", E + "version"),
    (text(version=1.0), "file", E + "version"),
    (text(version=True), "file", E + "version"),
    (text(extra=1), "file", E + "unknown_key"),
    ("[]", "file", E + "expected_object"),
    ('"orei-applications"', "file", E + "expected_object"),
    # not JSON, or ambiguous JSON
    ("", "file", E + "file_json"),
    ("hello", "file", E + "file_json"),
    (text(APPLICATION)[:-40], "file", E + "file_json"),
    (text().replace('"format"', '"format": "x", "format"'), "file", E + "file_duplicate_key"),
    (in_interview(buffer=3).replace('"buffer": 3', '"buffer": NaN'), "file", E + "file_constant"),
    (in_interview(buffer=3).replace(": 3", ": 1" + "0" * 5000), "file", E + "file_number"),
    # wrong types
    (text(applications={}), "applications", E + "expected_list"),
    (text([]), A0, E + "expected_object"),
    (in_application(company=5), A0 + ".company", E + "expected_text"),
    (in_application(company=None), A0 + ".company", E + "expected_text"),
    (in_application(interviews="2026-04-28"), A0 + ".interviews", E + "expected_list"),
    (in_interview(buffer="3"), I0 + ".buffer", E + "expected_integer"),
    (in_interview(buffer=True), I0 + ".buffer", E + "expected_integer"),
    (in_interview(buffer=3.0), I0 + ".buffer", E + "expected_integer"),
    (in_interview(thank_you_sent=20260428), I0 + ".thank_you_sent", E + "expected_date_or_null"),
    (in_interview(closed_dates=[None]), I0 + ".closed_dates[0]", E + "expected_date"),
    (in_interview(closures="obon"), I0 + ".closures", E + "expected_list"),
    (in_interview(reflection=["fine"]), I0 + ".reflection", E + "expected_object"),
    (in_interview(ended=1777356000), I0 + ".ended", E + "expected_text"),
    (in_application(notes=[[["a list where text belongs"]]]), A0 + ".notes", E + "expected_text"),
    # missing keys
    *(
        (in_application(**{key: KeyError}), f"{A0}.{key}", E + "missing_key")
        for key in ("id", "company", "role", "stage", "interviews")
    ),
    (in_interview(ended=KeyError), I0 + ".ended", E + "missing_key"),
    (in_application(compnay="Aoba"), A0, E + "unknown_key"),
    (in_interview(thank_you_send="2026-04-28"), I0, E + "unknown_key"),
    # values out of their range
    (in_application(id=""), A0 + ".id", E + "text_empty"),
    (in_application(id="aoba systems"), A0 + ".id", E + "id_format"),
    (text(APPLICATION, application(company="Other")), "applications[1].id", E + "id_duplicate"),
    (in_application(company="   "), A0 + ".company", E + "text_empty"),
    (in_application(company="x" * 201), A0 + ".company", E + "text_length"),
    (in_application(notes="x" * 10_001), A0 + ".notes", E + "text_length"),
    (in_application(stage="hired"), A0 + ".stage", "unknown_choice"),
    (in_application(stage=None), A0 + ".stage", "unknown_choice"),
    (in_application(recruiter_email="sato"), A0 + ".recruiter_email", E + "email"),
    (in_application(offer_deadline="tomorrow"), A0 + ".offer_deadline", "date_format"),
    (in_application(offer_deadline="2026-02-30"), A0 + ".offer_deadline", "date_impossible"),
    (in_application(offer_deadline="9" * 100_000), A0 + ".offer_deadline", "date_format"),
    (in_interview(closed_dates=["<" * 100_000]), I0 + ".closed_dates[0]", "date_format"),
    (in_interview(ended="2026-04-28T15:00"), I0 + ".ended", E + "ended_offset"),
    (in_interview(ended="2026-04-28"), I0 + ".ended", E + "ended_offset"),
    (in_interview(ended="2026-02-30T15:00+09:00"), I0 + ".ended", "date_impossible"),
    (in_interview(ended="2026-04-28T25:00+09:00"), I0 + ".ended", "time_format"),
    (in_interview(ended="1999-04-28T15:00+09:00"), I0 + ".ended", "date_range"),
    (in_interview(ended="2099-12-31T15:00+09:00", timeline="none"), I0 + ".ended", "plan_beyond_range"),  # noqa: E501
    (in_interview(tz="Mars/Olympus"), I0 + ".tz", "unknown_zone"),
    (in_interview(timeline="3 months"), I0 + ".timeline", "timeline_format"),
    (in_interview(timeline="13w"), I0 + ".timeline", "timeline_weeks_range"),
    (in_interview(timeline="2026-04-01"), I0 + ".timeline", "timeline_date_range"),
    (in_interview(buffer=11), I0 + ".buffer", "buffer_range"),
    (in_interview(closures=["new-year", "summer"]), I0 + ".closures[1]", E + "unknown_closure"),
    (in_interview(closures=["none"]), I0 + ".closures[0]", E + "unknown_closure"),
    (in_interview(closed_dates=["2026-13-01"]), I0 + ".closed_dates[0]", "date_impossible"),
    (in_interview(round="third"), I0 + ".round", "unknown_choice"),
    (in_interview(format="phone"), I0 + ".format", "unknown_choice"),
    (in_interview(reflection={"Hardest Question": "…"}), I0 + ".reflection", E + "reflection_key"),
    (in_interview(reflection={"hardest": 3}), I0 + ".reflection.hardest", E + "expected_text"),
    # hostile strings that are not text
    (in_application(company="Aoba\x00"), A0 + ".company", E + "text_control"),
    (in_application(company="Aoba\nBcc: x@example.com"), A0 + ".company", E + "text_control"),
    (in_application(recruiter_name="\x1b[31mred"), A0 + ".recruiter_name", E + "text_control"),
    (in_application(notes="bell\x07"), A0 + ".notes", E + "text_control"),
    (in_application(company="\ud800"), A0 + ".company", E + "text_surrogate"),
    # too many
    (text(*[application(id=f"a{n}") for n in range(MAX_APPLICATIONS + 1)]), "applications", E + "too_many"),  # noqa: E501
    (in_application(interviews=[INTERVIEW] * (MAX_INTERVIEWS + 1)), A0 + ".interviews", E + "too_many"),  # noqa: E501
    (in_interview(closed_dates=["2026-05-01"] * 101), I0 + ".closed_dates", E + "too_many"),
    (in_interview(reflection=dict.fromkeys(map(str, range(41)), "")), I0 + ".reflection", E + "too_many"),  # noqa: E501
    # deep nesting
    ("[" * 100_000 + "]" * 100_000, "file", E + "file_nesting"),
    ("[" * 100_000, "file", E + "file_nesting"),
    ("{\"a\":" * 100_000 + "1" + "}" * 100_000, "file", E + "file_nesting"),
    (in_application(notes=[]).replace("[]", "[" * 9_000 + "]" * 9_000), "file", E + "file_nesting"),
    ("[" * 50_000 + "}" + "]" * 50_000, "file", E + "file_nesting"),
    # huge or not text
    (b" " * (MAX_FILE_BYTES + 1), "file", E + "file_size"),
    (" " * (MAX_FILE_BYTES + 1), "file", E + "file_size"),
    (in_application(notes="あ" * 1_700_000), "file", E + "file_size"),
    (b"\xff\xfe{\x00}\x00", "file", E + "file_encoding"),
    (text(APPLICATION).encode("utf-16"), "file", E + "file_encoding"),
    (text(APPLICATION).encode("utf-8")[:-3] + "株".encode()[:2], "file", E + "file_cut"),
    ("株".encode()[:2] + text(APPLICATION).encode("utf-8"), "file", E + "file_encoding"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "field", "code"), BAD_FILES)
def test_bad_files_name_the_first_problem(data, field, code):
    error = error_of(data)
    assert (error.field, error.code) == (field, code)
    for lang in ("en", "ja"):
        said = error.message(lang)
        assert said.startswith(field)
        assert "{" not in said.replace("{…}", "")
        assert len(said) < 400  # a quoted value is cut short, never the whole file


def test_the_first_problem_in_file_order_is_named():
    first = application(id="a", company="")
    second = application(id="b", stage="hired")
    assert error_of(text(first, second)).field == "applications[0].company"
    assert error_of(text(second, first)).field == "applications[0].stage"


def test_a_truncated_file_says_where_it_breaks():
    error = error_of('{\n  "format": "orei-applications",\n  "version": 1,\n  "applica')
    assert error.params == {"line": 4, "column": 3}
    assert "line 4, column 3" in error.message("en")
    assert "4行目の3文字目" in error.message("ja")


def test_a_huge_unknown_key_is_quoted_short():
    error = error_of(text(application(**{"k" * 100_000: 1})))
    assert error.code == "applications.unknown_key"
    assert len(error.params["value"]) == 40
    assert error.params["value"].endswith("…")


def test_the_messages_name_the_path_and_what_is_allowed():
    error = error_of(text(application(interviews=[interview(ended="2026-04-28T15:00")])))
    assert error.message("en") == (
        "applications[0].interviews[0].ended: write when the interview ended with its offset "
        "from UTC, such as 2026-04-28T15:00+09:00 (got “2026-04-28T15:00”)."
    )
    assert error.message("ja").startswith("applications[0].interviews[0].ended：面接の終了時刻は")


def catalogue(lang):
    path = resources.files("orei").joinpath("locales", f"{lang}.toml")
    return tomllib.loads(path.read_text("utf-8"))


def keys(tree, prefix=""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def test_every_applications_message_is_in_both_languages():
    english, japanese = catalogue("en"), catalogue("ja")
    for section in ("errors", "applications"):
        subset = english[section]["applications"] if section == "errors" else english[section]
        other = japanese[section]["applications"] if section == "errors" else japanese[section]
        assert set(keys(subset)) == set(keys(other))


# Nesting, measured without parsing


@pytest.mark.parametrize(
    ("text", "deeper"),
    [
        ("[]", False),
        ("[" * 20 + "]" * 20, False),
        ("[" * 21 + "]" * 21, True),
        ('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', False),  # brackets inside a string
        ('{"a": "\\"[[[[[[[[[[[[[[[[[[[[[[[["}', False),  # after an escaped quote
        ("[[[", False),  # cut short, shallow: the parser says so
        ("[" * 21, True),
        ("]" + "[" * 30 + "]" * 30, False),  # broken at once: the parser stops there
        ("[" * 30 + "}" + "]" * 30, True),
        ("[}" * 1000, False),
        ('"' + '\\"' * 1000, False),  # a string left open
    ],
)
def test_nesting_depth(text, deeper):
    assert nests_deeper_than(text, 20) is deeper


def test_nesting_check_is_linear_on_hostile_strings():
    # An unterminated string of escaped quotes used to be the quadratic case of such scans.
    text = '"' + '\\"' * 1_000_000
    assert nests_deeper_than(text, 20) is False


def test_an_application_read_again_is_shared_and_errors_keep_their_path():
    first = read_file(text(APPLICATION))[0]
    again = read_file(text(application(id="other"), APPLICATION))[1]
    assert again is first
    with pytest.raises(TypeError):
        again.interviews[0].reflection["x"] = "changed"  # shared, so it cannot change
    bad = application(company="")
    for position in (0, 1):
        items = [application(id="other")] * position + [bad]
        assert error_of(text(*items)).field == f"applications[{position}].company"


def test_an_application_checked_for_the_editor_is_checked_alike_and_never_remembered():
    reading.forget_applications()
    item = {"id": "x", "company": "Aoba", "role": "", "stage": "applied", "interviews": []}
    assert reading.check_application(item, "editor") == reading.read_application(item, "editor")
    reading.forget_applications()
    reading.check_application(item, "editor")
    assert len(reading._READ) == 0
    with pytest.raises(InputError) as refused:
        reading.check_application({**item, "stage": "lunch"}, "editor")
    assert refused.value.field == "editor.stage"
