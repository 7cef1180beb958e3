"""Each interview's plan, from `orei.plan`, remembered while its inputs stay the same.

The agenda asks for the plan of every open application on each recompute; a reader
changes one application at a time, so the others' plans are looked up, not redone.
Errors name the interview's JSON path: `…interviews[0].timeline` for a stated date out
of range, `…interviews[0].ended` for a plan that would run past the supported range.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from orei.applications.model import Interview
from orei.business_calendar import BusinessCalendar
from orei.errors import InputError
from orei.follow_up import Timeline
from orei.plan import Plan, build_plan

PLANS_KEPT = 2048
"""Plans remembered at most: every interview of a large file, a few times over."""


@lru_cache(maxsize=PLANS_KEPT)
def _plan(
    ended: dt.datetime,
    timeline: Timeline,
    buffer: int,
    closures: frozenset[str],
    closed_dates: frozenset[dt.date],
) -> Plan:
    calendar = BusinessCalendar(closures=closures, closed_dates=closed_dates)
    return build_plan(ended, timeline=timeline, buffer=buffer, calendar=calendar)


def interview_plan(interview: Interview, path: str) -> Plan:
    """The plan after `interview`, from `orei.plan.build_plan`.

    Args:
        interview: The interview.
        path: Its JSON path, such as `applications[3].interviews[0]`, for errors.

    Raises:
        InputError: On `{path}.timeline` or `{path}.ended`, as `build_plan` raises them.
    """
    try:
        return _plan(
            interview.ended,
            interview.timeline,
            interview.buffer,
            interview.closures,
            interview.closed_dates,
        )
    except InputError as error:
        part = "timeline" if error.field.startswith("timeline") else "ended"
        raise InputError(f"{path}.{part}", error.code, **error.params) from None


def forget_plans() -> None:
    """Forget every remembered plan (for measurements that start from nothing)."""
    _plan.cache_clear()
