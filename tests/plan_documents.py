"""Whole-year plan documents for tests and the bench: generated plans, and a writer that
lays a plan out as a municipality's table (TSV or CSV text).

A plan is a :class:`~domain.draft.PlanDraft`; `document_rows` writes it the way the
importer reads it (headings for each section, project rows numbered from 1 in each
section, activity rows ``p.k …``, numbered steps on continuation rows, month marks,
totals that agree, page breaks that repeat the header and headings), so reading the
text back must give the same plan, except for the rows things came from
(`without_rows`). `plans` draws such plans for hypothesis; `sized_plan` builds one of
a given size, the same every time, for the bench.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from hypothesis import strategies as st

from domain.calendar import FiscalYear, Month
from domain.draft import (
    ActivityDraft,
    PlanDraft,
    ProjectDraft,
    SectionDraft,
    StepDraft,
    StrategyLevel,
)
from domain.plan_table.writer import Rows, table_rows, title_line
from domain.project_funding import SOURCES

FY = FiscalYear(2552)
ORGANISATION = "เทศบาลเมืองทุ่งสง"
TITLE = title_line(FY)

THEMES = (
    "ก่อสร้างถนนคอนกรีตเสริมเหล็ก",
    "ปรับปรุงระบบระบายน้ำ",
    "ส่งเสริมสุขภาพผู้สูงอายุ",
    "ป้องกันโรคไข้เลือดออก",
    "ส่งเสริมการเรียนรู้เด็กปฐมวัย",
    "บริหารจัดการขยะมูลฝอย",
    "ฝึกอบรมอาชีพ",
)
PLACES = ("ชุมชนท่าแพ", "ชุมชนบ้านใหม่", "ชุมชนหนองบัว", "เทศบาลเมืองทุ่งสง")
UNITS = ("กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองการศึกษา", "สำนักปลัดเทศบาล")
TASKS = ("สำรวจและออกแบบ", "จัดซื้อวัสดุ", "ดำเนินการตามแผน", "ติดตามและประเมินผล")
STRATEGIES = ("การพัฒนาโครงสร้างพื้นฐาน", "การพัฒนาคุณภาพชีวิต", "การบริหารจัดการที่ดี")
GUIDELINES = ("ก่อสร้างและปรับปรุงถนน", "สาธารณสุข", "การศึกษา", "สิ่งแวดล้อม")
PROGRAMMES = ("เคหะและชุมชน", "สาธารณสุข", "การศึกษา", "สังคมสงเคราะห์")


def document_rows(plan: PlanDraft, *, page_every: int = 0, totals: bool = True) -> Rows:
    """The plan as a table (Tidtam's own writer, :mod:`domain.plan_table.writer`)."""
    return table_rows(plan, page_every=page_every, totals=totals)


def tsv_text(rows: Rows) -> str:
    return "\n".join("\t".join(cells) for cells in rows)


def csv_text(rows: Rows) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def without_rows(plan: PlanDraft) -> PlanDraft:
    """The plan with every ``source_row`` zero and no source: what a round trip keeps."""

    def activity(a: ActivityDraft) -> ActivityDraft:
        return replace(a, source_row=0, steps=tuple(replace(s, source_row=0) for s in a.steps))

    def project(p: ProjectDraft) -> ProjectDraft:
        return replace(p, source_row=0, activities=tuple(activity(a) for a in p.activities))

    sections = tuple(
        replace(s, source_row=0, projects=tuple(project(p) for p in s.projects))
        for s in plan.sections
    )
    return replace(plan, sections=sections, source="")


# ------------------------------------------------------------------ building


def _paths(kinds: Sequence[tuple[str, int]]) -> list[tuple[StrategyLevel, ...]]:
    """Section paths: for each strategy, its kind ("strategy", "guideline" or
    "programme") and how many sections it has."""
    paths: list[tuple[StrategyLevel, ...]] = []
    for s, (kind, count) in enumerate(kinds, start=1):
        strategy = StrategyLevel(f"ยุทธศาสตร์ที่ {s}", STRATEGIES[(s - 1) % len(STRATEGIES)])
        if kind == "strategy":
            paths.append((strategy,))
            continue
        for k in range(1, count + 1):
            if kind == "guideline":
                name = GUIDELINES[(k - 1) % len(GUIDELINES)]
                paths.append((strategy, StrategyLevel(f"แนวทางที่ {s}.{k}", name)))
            else:
                name = f"{PROGRAMMES[(k - 1) % len(PROGRAMMES)]}{k}"
                paths.append((strategy, StrategyLevel(f"แผนงาน{name}", name)))
    return paths


def _project(code: str, pick: random.Random | st.DataObject, activities: int) -> ProjectDraft:
    """A project of ``activities`` activities (0: tracked as its one activity)."""
    draw = _drawer(pick)
    name = f"โครงการ{draw(THEMES)} {draw(PLACES)}"
    area, unit = draw(PLACES), draw(UNITS)
    items = []
    for k in range(activities or 1):
        steps = tuple(
            StepDraft(n, draw(TASKS), _months(pick, 1)) for n in range(1, _int(pick, 0, 3) + 1)
        )
        own = _months(pick, 1)
        months = tuple(sorted(set(own).union(*(s.planned_months for s in steps))))
        budget = Decimal(_int(pick, 0, 5_000_000)) + Decimal(_int(pick, 0, 1)) * Decimal("0.50")
        items.append(
            ActivityDraft(
                code=f"{code}.{k + 1}" if activities else code,
                name=f"กิจกรรม{draw(TASKS)}" if activities else name,
                details=draw(("", "จัดทำรายงาน", "ประชุมชี้แจง")),
                area=area,
                unit=unit,
                budget=budget,
                planned_months=months,
                steps=steps,
            )
        )
    budget = sum((a.budget for a in items), Decimal("0.00")) + Decimal(_int(pick, 0, 2) * 1000)
    if not activities:
        budget = items[0].budget
    return ProjectDraft(code, name, budget, tuple(items))


def _drawer(pick: random.Random | st.DataObject) -> Callable[[Sequence[str]], str]:
    if isinstance(pick, random.Random):
        return pick.choice
    return lambda options: pick.draw(st.sampled_from(options))


def _int(pick: random.Random | st.DataObject, low: int, high: int) -> int:
    if isinstance(pick, random.Random):
        return pick.randint(low, high)
    return pick.draw(st.integers(low, high))


def _months(pick: random.Random | st.DataObject, least: int) -> tuple[Month, ...]:
    chosen: Iterable[int]
    if isinstance(pick, random.Random):
        chosen = pick.sample(range(12), pick.randint(least, 3))
    else:
        chosen = pick.draw(st.sets(st.integers(0, 11), min_size=least, max_size=4))
    return tuple(sorted(FY.months[i] for i in chosen))


def _plan(sections: list[SectionDraft]) -> PlanDraft:
    return PlanDraft.of_sections(
        organisation=ORGANISATION, fiscal_year=FY, sections=tuple(sections)
    )


@st.composite
def plans(draw: st.DrawFn, *, max_strategies: int = 3, max_projects: int = 4) -> PlanDraft:
    """Whole plans: strategies of one kind of section each, projects from 1 in each; in
    about half of them, a funding-source column naming some projects' sources."""
    kinds = draw(
        st.lists(
            st.tuples(st.sampled_from(("strategy", "guideline", "programme")), st.integers(1, 3)),
            min_size=1,
            max_size=max_strategies,
        )
    )
    data = draw(st.data())
    sourced = draw(st.booleans())
    sections = []
    for path in _paths(kinds):
        count = draw(st.integers(1, max_projects))
        projects = [_project(str(n), data, draw(st.integers(0, 3))) for n in range(1, count + 1)]
        if sourced:
            sources = st.sampled_from(("", *SOURCES))
            projects = [replace(p, funding_source=draw(sources)) for p in projects]
        objective = draw(st.sampled_from(("", "เพื่อพัฒนาคุณภาพชีวิตของประชาชน")))
        sections.append(SectionDraft(path, objective, tuple(projects)))
    return _plan(sections)


def sized_plan(projects: int, sections: int = 10, *, seed: int = 2552) -> PlanDraft:
    """A plan of ``projects`` projects in ``sections`` guideline sections (two to a
    strategy), the same for the same arguments."""
    pick = random.Random(seed)
    strategies = -(-sections // 2)
    paths = _paths([("guideline", 2)] * strategies)[:sections]
    built = []
    for index, path in enumerate(paths):
        share = projects // sections + (1 if index < projects % sections else 0)
        items = [_project(str(n), pick, pick.randint(0, 3)) for n in range(1, share + 1)]
        built.append(SectionDraft(path, "", tuple(items)))
    return _plan(built)
