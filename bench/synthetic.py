"""Synthetic plans and histories, shaped like a municipality's real ones.

The names are the kind an action plan of a Thai municipality carries (roads,
drainage, health, schools, waste), the budgets vary, some activities have
numbered steps, and planned months spread over fiscal year 2552 (1 October 2008
– 30 September 2009). Sizes vary; the shape does not, so a figure measured at
one size can be compared with another.

Long histories are built by driving ``Activity`` aggregates directly through
their own command methods and saving them in batches: each event passes the
same rules as through the tracker, without a replay per event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from application.tracker import Tracker
from bench.common import Throughput, stopwatch
from domain import ids
from domain.activity import Activity
from domain.calendar import FiscalYear
from domain.clock import BANGKOK, FixedClock
from domain.draft import ActivityDraft, PlanDraft, ProjectDraft, StepDraft, StrategyLevel
from domain.recorded import Byline

FY = FiscalYear(2552)
ACTOR = "bench"
ORGANISATION = "เทศบาลเมืองทุ่งสง"

_THEMES = (
    "ก่อสร้างถนนคอนกรีตเสริมเหล็ก",
    "ปรับปรุงระบบระบายน้ำ",
    "ติดตั้งไฟฟ้าส่องสว่างสาธารณะ",
    "ส่งเสริมสุขภาพผู้สูงอายุ",
    "ป้องกันและควบคุมโรคไข้เลือดออก",
    "พัฒนาศักยภาพอาสาสมัครสาธารณสุข",
    "ส่งเสริมการเรียนรู้ของเด็กปฐมวัย",
    "อนุรักษ์และสืบสานประเพณีท้องถิ่น",
    "บริหารจัดการขยะมูลฝอยชุมชน",
    "ฝึกอบรมอาชีพให้แก่ประชาชน",
    "ประชาสัมพันธ์ข้อมูลข่าวสารของเทศบาล",
    "ป้องกันและบรรเทาสาธารณภัย",
)
_PLACES = (
    "ชุมชนท่าแพ",
    "ชุมชนบ้านใหม่",
    "ชุมชนหนองบัว",
    "ชุมชนวัดกลาง",
    "ชุมชนสะพานยาว",
    "ชุมชนตลาดสด",
    "ชุมชนหลังสถานีรถไฟ",
)
_TASKS = (
    "สำรวจและออกแบบ",
    "จัดซื้อวัสดุอุปกรณ์",
    "ดำเนินการตามแผน",
    "จัดประชุมชี้แจงประชาชน",
    "ติดตามและประเมินผล",
)
_UNITS = (
    "กองช่าง",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองการศึกษา",
    "สำนักปลัดเทศบาล",
    "กองวิชาการและแผนงาน",
    "กองสวัสดิการสังคม",
)
_STEPS = ("ขออนุมัติโครงการ", "จัดซื้อจัดจ้าง", "ดำเนินการและรายงานผล")


def synthetic_plan(
    activities: int,
    per_project: int = 5,
    *,
    steps_every: int = 3,
    organisation: str = ORGANISATION,
) -> PlanDraft:
    """A plan of ``activities`` activities, ``per_project`` to a project (the last may
    have fewer); every ``steps_every``-th activity has three numbered steps."""
    months = FY.months
    projects: list[ProjectDraft] = []
    for p in range((activities + per_project - 1) // per_project):
        theme, place = _THEMES[p % len(_THEMES)], _PLACES[p % len(_PLACES)]
        drafts: list[ActivityDraft] = []
        for a in range(min(per_project, activities - p * per_project)):
            first = (p + 2 * a) % 10
            span = months[first : first + 1 + (p + a) % 3]
            with_steps = steps_every > 0 and (p * per_project + a) % steps_every == steps_every - 1
            steps = (
                tuple(
                    StepDraft(n, text, (span[min(n - 1, len(span) - 1)],))
                    for n, text in enumerate(_STEPS, start=1)
                )
                if with_steps
                else ()
            )
            drafts.append(
                ActivityDraft(
                    code=f"{p + 1}.{a + 1}",
                    name=f"{_TASKS[a % len(_TASKS)]} {theme} {place}",
                    details=f"{theme} {place} ระยะที่ {a + 1}",
                    area=place,
                    unit=_UNITS[(p + a) % len(_UNITS)],
                    budget=Decimal(20_000 + 5_000 * ((7 * p + 3 * a) % 40)).quantize(
                        Decimal("0.01")
                    ),
                    planned_months=span,
                    steps=steps,
                )
            )
        projects.append(
            ProjectDraft(
                code=str(p + 1),
                name=f"โครงการ{theme} {place}",
                budget=sum((d.budget for d in drafts), Decimal("0.00")),
                activities=tuple(drafts),
            )
        )
    return PlanDraft.of_one_section(
        organisation=organisation,
        fiscal_year=FY,
        strategy=(
            StrategyLevel("ยุทธศาสตร์ที่ 5", "การพัฒนาเมืองให้น่าอยู่"),
            StrategyLevel("5.1", "พัฒนาโครงสร้างพื้นฐานและคุณภาพชีวิต"),
        ),
        title="แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. 2552 (ชุดทดสอบความเร็ว)",
        objective="วัดความเร็วของระบบติดตามผล",
        projects=tuple(projects),
        source="bench.synthetic",
    )


def activity_ids(plan_id: UUID, draft: PlanDraft) -> list[UUID]:
    """The ids the import gives the draft's activities, in plan order."""
    return [
        ids.activity_id(plan_id, a.code, ids.section_key(section.path))
        for section in draft.sections
        for a in section.activities
    ]


@dataclass(frozen=True, slots=True)
class ImportedPlan:
    """A synthetic plan once imported: its draft, what the import wrote, how long the
    import itself took (drafting not included), and its activities' ids in plan order."""

    draft: PlanDraft
    plan_id: UUID
    events: int
    seconds: float
    activity_ids: list[UUID]

    @property
    def throughput(self) -> Throughput:
        return Throughput(self.events, self.seconds)


def import_synthetic(tracker: Tracker, activities: int, per_project: int = 5) -> ImportedPlan:
    """Draft a synthetic plan of ``activities`` activities and import it in one save,
    as every benchmark's store begins."""
    draft = synthetic_plan(activities, per_project)
    with stopwatch() as lap:
        report = tracker.import_plan(draft, actor=ACTOR)
    plan_id = report.plan_id
    return ImportedPlan(draft, plan_id, report.events, lap.seconds, activity_ids(plan_id, draft))


def late_clock() -> FixedClock:
    """The last day of the fiscal year: every business date of the year is allowed."""
    return FixedClock.at_bangkok(FY.end)


def early_clock() -> FixedClock:
    """The first morning of the fiscal year, for histories recorded as the year goes."""
    return FixedClock.at_bangkok(FY.start, hour=8)


def business_day(k: int, rounds: int) -> date:
    """The ``k``-th of ``rounds`` business dates, rising through the fiscal year."""
    span = (FY.end - FY.start).days - 30
    return FY.start + timedelta(days=k * span // max(rounds, 1))


def plan_with_history(
    tracker: Tracker, clock: FixedClock, activities: int, events_per_activity: int
) -> tuple[UUID, int]:
    """Import a synthetic plan at the start of the year, then grow every activity's
    stream to ``events_per_activity`` events. Returns the plan id and the log's size."""
    imported = import_synthetic(tracker, activities)
    rounds = max(0, events_per_activity - 2)  # the import wrote two per activity
    written = grow_histories(tracker, imported.activity_ids, rounds, clock)
    return imported.plan_id, imported.events + written


def grow_histories(
    tracker: Tracker,
    ids_: Sequence[UUID],
    rounds: int,
    clock: FixedClock,
    *,
    batch: int = 1000,
) -> int:
    """Append ``rounds`` events to each activity, round by round, and return how many.

    Round ``k`` records every activity on the ``k``-th business date, at an
    instant on that day (so recording instants rise through the year and a
    mid-way instant is meaningful): a start, then progress with rising
    percents, a spending entry every fourth round, and the steps done in turn.
    """
    activities = [tracker.get_activity(i) for i in ids_]
    written = 0
    for k in range(rounds):
        day = business_day(k, rounds)
        evening = datetime.combine(day, time(17, 0), tzinfo=BANGKOK)
        for chunk in _chunks(activities, batch):
            for activity in chunk:
                clock.set(max(clock.now() + timedelta(milliseconds=1), evening))
                _drive(activity, k, Byline(ACTOR, day, clock.now()))
            written += len(tracker.save(*chunk))
    return written


def _drive(activity: Activity, k: int, by: Byline) -> None:
    """One realistic command on ``activity``: exactly one event."""
    open_steps = [n for n, s in sorted(activity.steps.items()) if s.completed_on is None]
    if k == 0:
        activity.start(by=by)
    elif open_steps and k % 10 == 0:
        activity.complete_step(open_steps[0], by=by)
    elif k % 4 == 0:
        amount = (activity.allocation / 200).quantize(Decimal("0.01"))
        activity.record_expenditure(amount, reference=f"ฎีกาที่ {k}", by=by)
    else:
        activity.record_progress(min(100, 2 * k), by=by)


def _chunks(items: Sequence[Activity], size: int) -> Iterator[Sequence[Activity]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
