"""Plans built in code for tests that are about rules rather than documents."""

from __future__ import annotations

from decimal import Decimal

from domain.calendar import FiscalYear, Month
from domain.draft import ActivityDraft, PlanDraft, ProjectDraft, StepDraft, StrategyLevel

FY2552 = FiscalYear(2552)
UNIT = "งานประชาสัมพันธ์ กองวิชาการ ฯ"
AREA = "เทศบาลเมืองทุ่งสง"


def month(text: str) -> Month:
    return Month.from_iso(text)


def activity(
    code: str,
    budget: str,
    months: tuple[str, ...],
    *,
    steps: tuple[tuple[int, tuple[str, ...]], ...] = (),
    name: str = "",
) -> ActivityDraft:
    return ActivityDraft(
        code=code,
        name=name or f"กิจกรรม {code}",
        details="",
        area=AREA,
        unit=UNIT,
        budget=Decimal(budget).quantize(Decimal("0.01")),
        planned_months=tuple(month(m) for m in months),
        steps=tuple(
            StepDraft(number, f"ขั้นตอน {number}", tuple(month(m) for m in step_months))
            for number, step_months in steps
        ),
    )


def small_plan(*, strategy: str = "3.5") -> PlanDraft:
    """Two projects shaped like the Thung Song example, small enough to reason about."""
    return PlanDraft.of_one_section(
        organisation="เทศบาลเมืองทุ่งสง",
        fiscal_year=FY2552,
        strategy=(
            StrategyLevel("ยุทธศาสตร์ที่ 5", "เมืองก้าวหน้าสู่สากล"),
            StrategyLevel(strategy, "ประชาสัมพันธ์"),
        ),
        title="เพิ่มประสิทธิภาพในการให้ข้อมูลข่าวสารแก่ประชาชน",
        objective="",
        projects=(
            ProjectDraft(
                "1",
                "โครงการพัฒนาการสื่อสาร",
                Decimal("130000.00"),
                (
                    activity(
                        "1.1",
                        "30000",
                        ("2009-01", "2009-03"),
                        steps=((1, ("2009-01",)), (2, ("2009-01",)), (3, ("2009-03",))),
                    ),
                    activity("1.2", "100000", ("2009-03",)),
                ),
            ),
            ProjectDraft(
                "2",
                "โครงการประชาสัมพันธ์องค์กร",
                Decimal("150000.00"),
                (
                    activity("2.1", "100000", ("2009-02", "2009-04", "2009-07")),
                    activity("2.2", "50000", ("2009-02",)),
                ),
            ),
        ),
        source="builders.small_plan",
    )
