"""A small province for the overseer's roll-up: plans small enough to work out by hand.

Four organisations. Three in นครศรีธรรมราช: ทุ่งสง (``tsg``) with a plan of two
strategies, ปากพนัง (``ppn``) with a plan of one, ขนอม (``khn``) with no plan; and
กะทู้ (``ktu``) in ภูเก็ต with a plan of one activity. Two overseers: ``nakhon`` of the
three in นครศรีธรรมราช, ``national`` of every organisation; ``manee`` manages ทุ่งสง only.

What happens, each command recorded at the instant given (the clock is set to it), its
business date the day in brackets where it differs:

* 1 Oct 2008 09:00: the four plans imported.
* 15 Dec 2008: ทุ่งสง 1.1 of strategy 1 spends 55,000; 20 Dec 2008: it is completed.
* 5 Jan 2009: ปากพนัง 2.1 is cancelled.
* 10 Feb 2009: ปากพนัง 1.1 reports 45 % and spends 80,000.
* 5 Apr 2009 (business date 15 Mar 2009, a late entry): ทุ่งสง 1.2 of strategy 1
  reports 50 % and spends 10,000.
* 10 Apr 2009: ทุ่งสง files its six-month monitoring report.
* The clock then stands at 15 Apr 2009 12:00 (``NOW``); ``EARLIER`` is 20 Mar 2009
  12:00, before the late entry and the filing were recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from api.runtime import Runtime
from api.web.reports.filing import file_monitoring
from domain.calendar import FiscalYear
from domain.clock import BANGKOK, FixedClock
from domain.draft import ActivityDraft, PlanDraft, ProjectDraft, SectionDraft, StrategyLevel
from domain.periods import Period
from storage.store import Store
from tests.browser.world import shared_password_hash
from tests.builders import activity

NOW = datetime(2009, 4, 15, 12, 0, tzinfo=BANGKOK)
EARLIER = datetime(2009, 3, 20, 12, 0, tzinfo=BANGKOK)
ON = date(2009, 4, 15)
NAKHON, PHUKET = "นครศรีธรรมราช", "ภูเก็ต"
ORGANISATIONS = {
    "tsg": ("เทศบาลเมืองทุ่งสง", NAKHON),
    "ppn": ("เทศบาลเมืองปากพนัง", NAKHON),
    "khn": ("เทศบาลตำบลขนอม", NAKHON),
    "ktu": ("เทศบาลเมืองกะทู้", PHUKET),
}
PEOPLE = {
    "nakhon": (("overseer",), ("tsg", "ppn", "khn")),
    "national": (("overseer",), ()),
    "manee": (("manager",), ("tsg",)),
}
S1 = (StrategyLevel("ยุทธศาสตร์ที่ 1", "พัฒนาโครงสร้างพื้นฐาน"), StrategyLevel("1.1", "ถนน"))
S2 = (StrategyLevel("ยุทธศาสตร์ที่ 2", "พัฒนาคุณภาพชีวิต"), StrategyLevel("2.1", "สุขภาพ"))
FY = FiscalYear(2552)


def _section(strategy: tuple[StrategyLevel, ...], *projects: ProjectDraft) -> SectionDraft:
    return SectionDraft(strategy, "", projects)


def _project(code: str, budget: str, *activities: ActivityDraft) -> ProjectDraft:
    return ProjectDraft(code, f"โครงการ {code}", Decimal(budget), activities)


def drafts() -> dict[str, PlanDraft]:
    """The plans, as their documents would give them."""

    def plan(code: str, *sections: SectionDraft) -> PlanDraft:
        return PlanDraft.of_sections(
            organisation=ORGANISATIONS[code][0], fiscal_year=FY, sections=sections,
            title="แผนดำเนินงาน", source=f"overview-{code}",
        )  # fmt: skip

    return {
        "tsg": plan(
            "tsg",
            _section(S1, _project("1", "100000",
                                  activity("1.1", "60000", ("2008-11", "2008-12")),
                                  activity("1.2", "40000", ("2009-03",)))),
            _section(S2, _project("1", "50000", activity("1.1", "50000", ("2009-01",)))),
        ),
        "ppn": plan(
            "ppn",
            _section(S1,
                     _project("1", "200000", activity("1.1", "200000", tuple(
                         m.iso for m in FY.months))),
                     _project("2", "100000", activity("2.1", "100000", ("2008-12",)))),
        ),
        "ktu": plan("ktu", _section(S1, _project("1", "10000",
                                                  activity("1.1", "10000", ("2009-09",))))),
    }  # fmt: skip


@dataclass
class OverviewWorld:
    runtime: Runtime
    clock: FixedClock
    plans: dict[str, UUID]

    def close(self) -> None:
        self.runtime.close()


def build(directory: Path, store: Store | None = None) -> OverviewWorld:
    """The province above, on ``store`` (a SQLite file in ``directory`` unless given),
    the clock at ``NOW``."""
    clock = FixedClock(datetime(2008, 10, 1, 9, 0, tzinfo=BANGKOK))
    store = store or Store.sqlite(directory / "tidtam.db")
    runtime = Runtime.open(store, clock=clock, poll_interval=0.1)
    people = runtime.directory
    for code, (name, province) in ORGANISATIONS.items():
        people.register_organisation(code, name=name, province=province, actor="admin")
    password_hash = shared_password_hash()
    for username, (roles, organisations) in PEOPLE.items():
        people.register(
            username, roles=roles, organisations=organisations, display_name=username,
            password_hash=password_hash, actor="admin",
        )  # fmt: skip
    tracker = runtime.tracker
    plans = {
        code: tracker.import_plan(
            draft, actor="admin", organisation=people.organisation(code)
        ).plan_id
        for code, draft in drafts().items()
    }
    _happen(runtime, clock, plans)
    clock.set(NOW)
    runtime.projections.catch_up()
    return OverviewWorld(runtime, clock, plans)


def _happen(runtime: Runtime, clock: FixedClock, plans: dict[str, UUID]) -> None:
    """What the module's docstring lists, in the order it lists it."""
    tracker = runtime.tracker

    def at(day: date) -> None:
        clock.set(datetime(day.year, day.month, day.day, 10, 0, tzinfo=BANGKOK))

    def find(org: str, code: str, section: tuple[StrategyLevel, ...] = S1) -> UUID:
        path = " › ".join(level.code for level in section)
        return tracker.find_activity(plans[org], code, path).id

    at(date(2008, 12, 15))
    tracker.record_expenditure(find("tsg", "1.1"), Decimal("55000"), reference="ฎ 1", actor="manee")
    at(date(2008, 12, 20))
    tracker.complete(find("tsg", "1.1"), actor="manee")
    at(date(2009, 1, 5))
    tracker.cancel(find("ppn", "2.1"), reason="ไม่ได้รับงบ", actor="admin")
    at(date(2009, 2, 10))
    tracker.record_progress(find("ppn", "1.1"), 45, actor="admin")
    tracker.record_expenditure(find("ppn", "1.1"), Decimal("80000"), reference="ฎ 2", actor="admin")
    at(date(2009, 4, 5))
    late = date(2009, 3, 15)
    tracker.record_progress(find("tsg", "1.2"), 50, actor="manee", occurred_on=late)
    tracker.record_expenditure(
        find("tsg", "1.2"), Decimal("10000"), reference="ฎ 3", actor="manee", occurred_on=late
    )
    at(date(2009, 4, 10))
    file_monitoring(runtime, plans["tsg"], Period.HALF, None, "manee")
