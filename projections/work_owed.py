"""What work a person owes on a business day: one home for the staff's page of their own
work (``/my-work``) and the reminders that send them there.

An activity is owed while it is open (neither completed, cancelled nor withdrawn, its
project not cancelled) and, on the day, for any of three reasons:

* ``due``: something it owes (its start, a step, its finish: ``view_due``, under the
  schedule in force) falls due within the day's month and is not done by the day;
* ``late``: plan versus actual judges it overdue, late to start or behind
  (:func:`projections.assess.assess`, so the page and the plan-versus-actual report can
  never disagree), or one of its owed things is past its due day and not done (a step
  overdue, which the alerts also flag: :mod:`domain.schedule` says when);
* ``stale``: its planned months have begun and nothing was recorded on it for
  ``stale_days`` days (counted from the last recorded work, or from the first day of its
  planned months if none was ever recorded): the page's and the reminders' nudge.

Recorded work is what the fact sheet counts as worked (progress, a step done,
spending) and the start: a correction or a flag is not someone reporting.

The reader reads the open activities' fact sheets and their owed rows in one snapshot,
two queries whatever the number of activities, and judges each with the functions
plan versus actual uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.calendar import Month
from domain.schedule import days_late, starts_on
from domain.thai import name_key
from projections.assess import LATE_STATUSES, ActivityAssessment, assess, code_key
from projections.facts import ACTIVITY_JSON, ActivityFacts
from projections.tenancy import Reach, plans_within
from storage.view_database import ViewDatabase

STALE_DAYS = 14
"""Days without recorded work after which an open activity is owed an update (``stale``),
unless an operator sets ``TIDTAM_STALE_DAYS``: the page and the reminders read this one
default."""

REASONS = ("due", "late", "stale")
"""Why work is owed, in the order a person reads them."""

_PROJECT = " JOIN view_projects p ON p.project_id = a.project_id"
_OPEN = (
    " WHERE (a.closed_on IS NULL OR a.closed_on > ?)"
    " AND (p.cancelled_on IS NULL OR p.cancelled_on > ?)"
)
"""The activities open on a day, of projects not cancelled by it (two parameters: the day)."""


@dataclass(frozen=True)
class OwedWork:
    """An activity a person owes work on, and why."""

    activity_id: UUID
    plan_id: UUID
    code: str
    """The activity's code as the plan shows it (``2.1``)."""
    name: str
    unit: str
    """The responsible unit as written in the plan."""
    reasons: tuple[str, ...]
    """Any of ``due``, ``late``, ``stale`` (in that order)."""
    due_on: date | None
    """The day its next, or its overdue, work falls due (None: nothing left owed)."""
    days_late: int
    last_recorded_on: date | None
    version: int
    """The activity's version: a one-tap form carries it as the expected version."""
    progress: int = 0
    """Percent done on the day, as plan versus actual says."""
    status: str = ""
    """Plan versus actual's status on the day (``overdue``, ``behind``, …)."""
    fiscal_year: int = 0
    """The plan's fiscal year (BE): a form's business date defaults within it."""
    organisation_code: str = ""
    """The organisation whose plan it is (``""``: the store's own): only its people are
    reminded of it."""


def last_recorded(facts: ActivityFacts, day: date) -> date | None:
    """The business date of the latest work recorded by ``day`` (the start included)."""
    worked = [d for d in facts.work_days if d <= day]
    started = facts.started_by(day)
    return max([*worked, *([started] if started else [])], default=None)


def is_stale(facts: ActivityFacts, months: Sequence[Month], day: date, stale_days: int) -> bool:
    """Whether nothing was recorded for ``stale_days`` days by ``day``, its months begun."""
    if not months or day < starts_on(months):
        return False
    since = last_recorded(facts, day) or starts_on(months)
    return (day - since).days >= stale_days


def judge(
    facts: ActivityFacts, owed_on: Sequence[date], day: date, *, stale_days: int,
    organisation_code: str = "",
) -> OwedWork | None:  # fmt: skip
    """What ``facts`` owes on ``day`` given the days its undone things fall due
    (``owed_on``, from ``view_due``); None if it owes nothing now."""
    judged: ActivityAssessment | None = assess(facts, day)
    if judged is None or judged.lifecycle not in ("planned", "started"):
        return None
    month = Month.of(day)
    overdue = [d for d in owed_on if d < day]
    late = max([judged.days_late, *(days_late(d, day) for d in overdue)])
    found = {
        "due": any(month.first_day <= d <= month.last_day for d in owed_on),
        "late": judged.status in LATE_STATUSES or bool(overdue),
        "stale": is_stale(facts, judged.planned_months, day, stale_days),
    }
    reasons = tuple(reason for reason in REASONS if found[reason])
    if not reasons:
        return None
    return OwedWork(
        activity_id=facts.id,
        plan_id=facts.plan_id,
        code=facts.code,
        name=facts.name,
        unit=facts.unit,
        reasons=reasons,
        due_on=min(owed_on, default=None),
        days_late=late,
        last_recorded_on=last_recorded(facts, day),
        version=facts.version,
        progress=judged.progress,
        status=judged.status.value,
        fiscal_year=facts.fiscal_year,
        organisation_code=organisation_code,
    )


class WorkOwedReader:
    """Reads the work owed on a day, over the plan view."""

    def __init__(self, db: ViewDatabase) -> None:
        self.db = db

    def owed(
        self, day: date, *, units: Collection[str] | None, stale_days: int = STALE_DAYS,
        reach: Reach = None,
    ) -> list[OwedWork]:  # fmt: skip
        """The work owed on ``day`` by ``units`` (names compared by ``name_key``; None:
        every unit, as a manager sees it) in the plans of the organisations ``reach``
        names (None: every one; a unit's name repeats across organisations), by unit,
        the latest first, then in code order."""
        iso = day.isoformat()
        within, scope = plans_within(reach, "a.plan_id")
        where, params = f"{_OPEN} AND {within}", [iso, iso, *scope]
        if units is not None:
            keys = sorted({name_key(u) for u in units})
            if not keys:
                return []
            where += f" AND a.unit_key IN ({','.join('?' * len(keys))})"
            params += keys
        with self.db.reading() as cur:
            sheets = (
                f"SELECT a.doc, o.organisation_code FROM view_activities a{_PROJECT}"
                f" JOIN view_plans o ON o.plan_id = a.plan_id{where}"
            )
            docs = cur.execute(sheets, params).fetchall()
            rows = cur.execute(
                "SELECT d.activity_id, d.due_on FROM view_due d"
                f" JOIN view_activities a ON a.activity_id = d.activity_id{_PROJECT}{where}"
                " AND (d.done_on IS NULL OR d.done_on > ?)",
                [*params, iso],
            ).fetchall()
        owed_on: dict[str, list[date]] = defaultdict(list)
        for activity_id, due_on in rows:
            owed_on[str(activity_id)].append(date.fromisoformat(due_on))
        found = []
        for doc, code in docs:
            facts = ACTIVITY_JSON.validate_json(doc)
            owes = owed_on.get(str(facts.id), [])
            work = judge(facts, owes, day, stale_days=stale_days, organisation_code=str(code))
            if work is not None:
                found.append(work)
        return sorted(
            found, key=lambda w: (name_key(w.unit), -w.days_late, -w.fiscal_year, code_key(w.code))
        )
