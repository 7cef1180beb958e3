"""Time the applications agenda in this interpreter; print the medians as JSON.

    python agenda_timing.py DOCUMENT.json YYYY-MM-DD ROUNDS

Imports only `orei` and the standard library, so `benchmarks.agenda` runs the same
file on the host and inside Pyodide. What is timed, each the median of ROUNDS:

- `first`: reading the file's text and the agenda, nothing remembered (a page that
  has just opened the reader's applications);
- `recompute`: the same after one application's interview changed (a new plan for
  it, the others remembered): what the page does after each edit;
- `recompute_unchanged`: the same after a change that moves no date (marking a mail
  as sent);
- `agenda_only`: the agenda alone from the read applications, plans remembered;
- `agenda_no_memo`: the agenda alone with no plan remembered (200 plans made).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from orei.applications.agenda import build_agenda
from orei.applications.file_format import read_file
from orei.applications.plans import forget_plans
from orei.applications.reading import forget_applications

TIMELINES = ("1w", "2w", "3w", "10d", "5bd", "7bd")
MEASURES = ("first", "recompute", "recompute_unchanged", "agenda_only", "agenda_no_memo")


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _read_and_agenda(text: str, today: dt.date) -> int:
    return len(build_agenda(read_file(text), today))


def measure(document: dict, today: dt.date, rounds: int) -> dict[str, object]:
    """The medians in milliseconds, and what the agenda held."""
    text = json.dumps(document, ensure_ascii=False)
    times: dict[str, list[float]] = {key: [] for key in MEASURES}
    for _ in range(rounds):
        forget_plans()
        forget_applications()
        start = time.perf_counter()
        _read_and_agenda(text, today)
        times["first"].append(_ms(start))
    _read_and_agenda(text, today)
    with_interviews = [a for a in document["applications"] if a["interviews"]]
    for number in range(rounds):
        changed = copy.deepcopy(document)
        target = with_interviews[number % len(with_interviews)]["id"]
        for application in changed["applications"]:
            if application["id"] == target:
                application["interviews"][-1]["timeline"] = TIMELINES[number % len(TIMELINES)]
                application["interviews"][-1]["buffer"] = 1 + number % 10
        changed_text = json.dumps(changed, ensure_ascii=False)
        start = time.perf_counter()
        _read_and_agenda(changed_text, today)
        times["recompute"].append(_ms(start))
    for number in range(rounds):
        changed = copy.deepcopy(document)
        target = with_interviews[number % len(with_interviews)]["id"]
        for application in changed["applications"]:
            if application["id"] == target:
                application["interviews"][-1]["follow_up_sent"] = today.isoformat()
        changed_text = json.dumps(changed, ensure_ascii=False)
        start = time.perf_counter()
        _read_and_agenda(changed_text, today)
        times["recompute_unchanged"].append(_ms(start))
    applications = read_file(text)
    for _ in range(rounds):
        start = time.perf_counter()
        steps = build_agenda(applications, today)
        times["agenda_only"].append(_ms(start))
    for _ in range(rounds):
        forget_plans()
        start = time.perf_counter()
        build_agenda(applications, today)
        times["agenda_no_memo"].append(_ms(start))
    return {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "applications": len(applications),
        "interviews": sum(len(a.interviews) for a in applications),
        "bytes": len(text.encode("utf-8")),
        "actions": dict(Counter(step.action for step in steps)),
        "medians_ms": {key: statistics.median(values) for key, values in times.items()},
        "rounds": rounds,
    }


def main(argv: list[str]) -> int:
    """Read the arguments, measure, print one JSON object."""
    path, today, rounds = argv
    document = json.loads(Path(path).read_text("utf-8"))
    print(json.dumps(measure(document, dt.date.fromisoformat(today), int(rounds))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
