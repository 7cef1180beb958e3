"""The widgets where readers are: Chromium, Firefox and WebKit, in two zones and two locales.

Every case opens a new browser (or browser context) whose time zone and locale are
set, checks that the page reports them, and fails if the page wrote a console error
or asked another host for anything. Results are compared with what `orei` computes
here for the same inputs: the exact `datetime` of every `<time>` in the result slots,
the generated subject and body, and the downloaded files, parsed.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from email import policy
from email.parser import BytesParser

import icalendar
import pytest
from engines import ENGINES, Engines, foreign, wait_until

from orei.applications.agenda import build_agenda
from orei.applications.exports import applications_ics
from orei.applications.file_format import read_file
from orei.calendar_export import plan_to_ics
from orei.compose import compose
from orei.plan import make_plan

# `browser` too: `-m "not browser"` (and the in-Pyodide run of the core tests) leaves them out.
pytestmark = [pytest.mark.browser, pytest.mark.engines]

ZONES = ("UTC", "Asia/Tokyo")
# Each browser locale reads the guide in its language: en-US the English pages, ja-JP
# the Japanese ones (`ja/`), whose widgets answer in Japanese.
LOCALES = {"en-US": ("", "en"), "ja-JP": ("ja/", "ja")}
# `make test` runs these pairings in every engine, so each engine meets both zones and
# both locales; `pytest --matrix=full` (`make test-full`, CI) runs every pairing.
QUICK = {("UTC", "en-US"), ("Asia/Tokyo", "ja-JP")}
FOLLOW_UP = 'form[data-orei-widget="follow-up"]'
EMAIL = 'form[data-orei-widget="email"]'
APPLICATIONS = 'form[data-orei-widget="applications"]'
# Two interviews: Golden Week ahead, and an evening one before the New Year closure.
INTERVIEWS = (("2026-04-28", "15:00"), ("2026-12-25", "19:00"))
MAIL_FIELDS = {
    "en": {
        "company": "Aoba Systems K.K.",
        "recipient_name": "Suzuki",
        "interviewer_names": "Mr. Sato",
        "job_title": "Backend Engineer",
        "topic": "the payment platform migration",
        "interview_date": "2026-04-28",
        "send_date": "2026-04-28",  # the page's own default is today, which the host has not
        "your_name": "Hanako Yamada",
        "your_email": "hanako@example.com",
    },
    "ja": {
        "company": "株式会社アオバシステムズ",
        "department": "人事部",
        "recipient_name": "鈴木",
        "interviewer_names": "佐藤",
        "job_title": "バックエンドエンジニア",
        "topic": "決済基盤の移行プロジェクト",
        "interview_date": "2026-04-28",
        "send_date": "2026-04-28",  # the page's own default is today, which the host has not
        "your_name": "山田 花子",
        "your_email": "hanako@example.com",
        "your_phone": "090-1234-5678",
    },
}
# The service worker's own tries at the network while offline fail, as they should.
OFFLINE_NOISE = ("net::ERR_INTERNET_DISCONNECTED", "net::ERR_FAILED")


def matrix() -> list:
    """(engine, zone, locale) with a marker per engine, so `-m firefox` picks one."""
    return list(_matrix())


def _matrix():
    for engine in ENGINES:
        for zone in ZONES:
            for locale in LOCALES:
                marks = [getattr(pytest.mark, engine)]
                if (zone, locale) not in QUICK:
                    marks.append(pytest.mark.full_matrix)
                yield pytest.param(
                    engine,
                    zone,
                    locale,
                    marks=marks,
                    id=f"{engine}-{zone.replace('/', '_')}-{locale}",
                )


@pytest.fixture(scope="session")
def engines(site_url):
    started = Engines(site_url)
    yield started
    started.close()


@pytest.fixture
def open_page(engines, site_url, request):
    """Open a page of the site in a new browser of `engine`; check it at the end."""
    with ExitStack() as stack:
        opened = []

        def open_(engine: str, zone: str, locale: str, path: str):
            browser = request.getfixturevalue("chromium") if engine == "chromium" else None
            page = stack.enter_context(engines.page(engine, zone, locale, chromium=browser))
            opened.append(page)
            page.goto(site_url + path)
            assert page.resolved() == {
                "timeZone": zone,
                "locale": locale,
                "language": locale,
            }, "the browser's zone and locale are not the ones the test set"
            return page

        yield open_
        for page in opened:
            errors = [
                error
                for error in page.console_errors()
                if not any(allowed in error for allowed in page.allow_console)
            ]
            assert errors == [], f"{page.engine}: console errors"
            assert foreign(page.requests(), site_url) == [], f"{page.engine}: another host"


def times(page, form: str, slot: str) -> list[str]:
    """The `datetime` of every `<time>` in a result slot, in document order."""
    return page.attributes(f'{form} [data-result="{slot}"] time', "datetime")


def expected_times(plan: dict, zone: str) -> dict[str, list[str]]:
    """For each result slot, the moments it must show (Japan's, and the reader's own)."""
    thank_you = plan["thank_you"]
    candidate = thank_you.get("candidate", {})
    # The deadline is shown on the reader's clock too, when it reads differently.
    own = [] if zone == "Asia/Tokyo" else [candidate["deadline"]]
    return {
        "deadline": [thank_you["deadline"], *own],
        "send-window": [thank_you["send_from"], thank_you["send_until"]],
        "read-on": [thank_you["read_on"]],
        "follow-up-earliest": [plan["follow_up"]["earliest"]],
        "follow-up-latest": [plan["follow_up"]["latest"]],
    }


def events(ics: bytes) -> list[tuple[str, str, str]]:
    """Each event's summary, start and end, from an `.ics` file."""
    calendar = icalendar.Calendar.from_ical(ics)
    return sorted(
        (
            str(event.get("SUMMARY")),
            str(event.decoded("DTSTART")),
            str(event.decoded("DTEND")) if event.get("DTEND") else "",
        )
        for event in calendar.walk("VEVENT")
    )


@pytest.mark.quick
@pytest.mark.parametrize(("engine", "zone", "locale"), matrix())
def test_follow_up_matches_orei(open_page, engine, zone, locale):
    prefix, lang = LOCALES[locale]
    page = open_page(engine, zone, locale, f"{prefix}follow-up/")
    page.wait_for(f"{FOLLOW_UP}[data-orei-ready]")
    for ended_date, ended_time in INTERVIEWS:
        page.fill(FOLLOW_UP, ended_date=ended_date, ended_time=ended_time)
        plan = make_plan(ended_date, ended_time, candidate_tz=zone)
        shown = plan.to_json_dict()
        for slot, moments in expected_times(shown, zone).items():
            found = times(page, FOLLOW_UP, slot)
            assert set(moments) <= set(found), (slot, found)
            if zone == "Asia/Tokyo":  # no second clock when the reader is in Japan
                assert "+00:00" not in " ".join(found), (slot, found)
        assert times(page, FOLLOW_UP, "skipped") == [day["date"] for day in shown["skipped"]]
    # The last plan as a calendar file: a real download, the same events as orei's.
    download = page.download(f'{FOLLOW_UP} [data-action="download-ics"]')
    assert download.filename == f"orei-plan-{INTERVIEWS[-1][0]}.ics"
    made_here = plan_to_ics(plan, dt.datetime.now(dt.UTC), lang).encode()
    assert events(download.data) == events(made_here)
    assert events(download.data), "the calendar file has no events"


@pytest.mark.quick
@pytest.mark.parametrize(("engine", "zone", "locale"), matrix())
def test_email_matches_orei(open_page, engine, zone, locale):
    prefix, lang = LOCALES[locale]
    fields = MAIL_FIELDS[lang]
    page = open_page(engine, zone, locale, f"{prefix}write-email/")
    page.wait_for(f"{EMAIL}[data-orei-ready]")
    page.fill(EMAIL, template="thank-you", lang=lang, **fields)
    expected = compose("thank-you", lang, fields)
    assert page.text(f'{EMAIL} [data-result="subject"]').strip() == expected.subject
    assert page.text(f'{EMAIL} [data-result="body"]').strip() == expected.body
    # .eml: a real download that parses back to the same subject, body and sender.
    download = page.download(f'{EMAIL} [data-action="download-eml"]')
    assert download.filename == f"orei-thank-you-{lang}.eml"
    message = BytesParser(policy=policy.default).parsebytes(download.data)
    assert message["subject"] == expected.subject
    assert message.get_content().replace("\r\n", "\n").rstrip("\n") == expected.body
    assert fields["your_email"] in message["from"]
    # Copy: the page says so, and the clipboard holds the subject and the body.
    status = f"{EMAIL} [data-copy-status]"
    done = page.attribute(status, "data-text-done")
    page.click(f'{EMAIL} [data-action="copy"]')
    wait_until(lambda: page.text(status).strip() == done, f"{done!r} in {status}", 30)
    copied = page.clipboard_text()
    assert expected.subject in copied
    assert expected.body in copied


@pytest.mark.parametrize(("engine", "zone", "locale"), matrix())
def test_applications_match_orei_and_are_kept(open_page, site_url, engine, zone, locale):
    prefix, lang = LOCALES[locale]
    path = f"{prefix}applications/"
    page = open_page(engine, zone, locale, path)
    page.wait_for(f"{APPLICATIONS}[data-orei-ready]")
    company = MAIL_FIELDS[lang]["company"]
    ended_date, ended_time = INTERVIEWS[1]  # ahead of the clock: every step is to come
    page.fill(APPLICATIONS, company=company, ended_date=ended_date, ended_time=ended_time)
    page.click(f'{APPLICATIONS} [data-action="save"]')
    page.settled(APPLICATIONS)
    page.click(f'{APPLICATIONS} [name="keep"]')
    page.settled(APPLICATIONS)
    # The file the page exports is the one orei reads; its agenda and .ics are orei's.
    applications = read_file(page.download(f'{APPLICATIONS} [data-action="export-json"]').data)
    assert [application.company for application in applications] == [company]
    now = dt.datetime.now(dt.UTC)
    (step,) = build_agenda(applications, now)
    moments = {step.to_json_dict()[key] for key in ("from", "until")} - {None}
    assert moments <= set(times(page, APPLICATIONS, "agenda"))
    ics = page.download(f'{APPLICATIONS} [data-action="export-ics"]').data
    assert events(ics) == events(applications_ics(applications, now, now, lang).encode())
    assert events(ics), "the calendar file has no events"
    # Kept in this engine's storage: a new visit shows it.
    page.goto(site_url + path)
    page.wait_for(f"{APPLICATIONS}[data-orei-ready]")
    page.settled(APPLICATIONS)
    assert company in page.text(f'{APPLICATIONS} [data-result="agenda"]')


SERVICE_WORKER_ACTIVE = (
    "navigator.serviceWorker.getRegistration()"
    ".then((r) => Boolean(r && r.active && r.active.state === 'activated'))"
)


@pytest.mark.parametrize(
    ("engine", "zone", "locale"),
    [p for p in matrix() if p.values[1] == "UTC"],
)
def test_offline_after_a_first_visit(open_page, site_url, engine, zone, locale):
    prefix, lang = LOCALES[locale]
    page = open_page(engine, zone, locale, f"{prefix}follow-up/")
    page.wait_for(f"{FOLLOW_UP}[data-orei-ready]")
    wait_until(lambda: page.evaluate(SERVICE_WORKER_ACTIVE), "an active service worker", 60)

    page.set_offline(True)
    page.allow_console = OFFLINE_NOISE
    ended_date, ended_time = INTERVIEWS[0]
    page.goto(site_url + f"{prefix}follow-up/")
    page.wait_for(f"{FOLLOW_UP}[data-orei-ready]")
    page.fill(FOLLOW_UP, ended_date=ended_date, ended_time=ended_time)
    plan = make_plan(ended_date, ended_time, candidate_tz=zone).to_json_dict()
    assert times(page, FOLLOW_UP, "follow-up-earliest") == [plan["follow_up"]["earliest"]]

    fields = MAIL_FIELDS[lang]
    page.goto(site_url + f"{prefix}write-email/")
    page.wait_for(f"{EMAIL}[data-orei-ready]")
    page.fill(EMAIL, template="thank-you", lang=lang, **fields)
    subject = page.text(f'{EMAIL} [data-result="subject"]').strip()
    assert subject == compose("thank-you", lang, fields).subject

    # A page never opened before comes from the service worker's cache too.
    page.goto(site_url + f"{prefix}glossary/")
    assert page.text("h1").strip()
    page.set_offline(False)
