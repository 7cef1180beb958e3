"""Support for the applications tests: the calculator's plan for an interview of a file."""

from __future__ import annotations

from orei.interview_time import split_ended
from orei.plan import Plan, make_plan


def calculator_plan(interview: dict) -> Plan:
    """The plan the calculator makes from the interview's own strings in an applications file.

    Made by `make_plan` from the file's values, not by `orei.applications`, so that the
    agenda can be checked against the calculator. A value the file leaves out is the form's
    default: no timeline, a buffer of 3, the New Year closure.
    """
    day, clock = split_ended(interview["ended"])
    return make_plan(
        day,
        clock,
        interview["tz"],
        timeline=interview.get("timeline", "none"),
        buffer=str(interview.get("buffer", 3)),
        closures=",".join(interview.get("closures", ["new-year"])) or "none",
        closed_dates=",".join(interview.get("closed_dates", [])),
    )
