"""The numbers and geometry behind the plan-versus-actual charts, drawn as inline SVG.

No chart library and no script: the server computes every point and the
template writes ``<path>`` and ``<rect>`` elements, so the charts show without
JavaScript, print, and follow the page's instant. The S-curve assesses the plan
at each fiscal month's end from the same fact sheets as the tables (as known at
the page's instant): expected progress and expected spending (each activity's
allocation times its expected progress) against what was recorded by then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from domain.calendar import FiscalYear, Month
from domain.money import ZERO
from projections.assess import PlanVersusActual, Rollup, ScheduleStatus, plan_versus_actual
from projections.facts import ActivityFacts, ProjectFacts

WIDTH = 400
"""viewBox width: small enough that the text stays legible when a phone scales it down."""
CURVE_HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 38, 10, 14, 28


@dataclass(frozen=True, slots=True)
class MonthPoint:
    """The plan at one month's end: what was due, and (up to the page's day) what was done."""

    month: Month
    end: date
    expected_progress: int
    planned_spending: Decimal
    progress: int | None
    spent: Decimal | None
    actual_on: date | None
    """The day the actual figures are for: the month end, or the page's day in its month."""


@dataclass(frozen=True, slots=True)
class Curve:
    planned: str
    actual: str
    planned_points: tuple[tuple[float, float], ...]
    actual_points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class CurveChart:
    width: int
    height: int
    months: tuple[tuple[float, Month], ...]
    """Label position and month, for the x axis."""
    gridlines: tuple[tuple[float, int], ...]
    """y position and percent, for the y axis."""
    progress: Curve
    spending: Curve
    today_x: float | None
    points: tuple[MonthPoint, ...]
    allocated: Decimal
    left: int = LEFT
    right: int = WIDTH - RIGHT
    bottom: int = CURVE_HEIGHT - BOTTOM


def month_points(
    activities: Sequence[ActivityFacts],
    projects: Sequence[ProjectFacts],
    fiscal_year: FiscalYear,
    day: date,
) -> tuple[MonthPoint, ...]:
    """Expected and actual progress and spending at each of the 12 month ends."""
    points = []
    for month in fiscal_year.months:
        end = month.last_day
        planned = plan_versus_actual(activities, projects, end)
        actual_on = min(end, day) if month.first_day <= day else None
        actual: PlanVersusActual | None = None
        if actual_on is not None:
            actual = planned if actual_on == end else plan_versus_actual(activities, projects, day)
        points.append(
            MonthPoint(
                month=month,
                end=end,
                expected_progress=planned.total.expected_progress,
                planned_spending=planned_spending(planned),
                progress=actual.total.progress if actual else None,
                spent=actual.total.spent if actual else None,
                actual_on=actual_on,
            )
        )
    return tuple(points)


def planned_spending(report: PlanVersusActual) -> Decimal:
    """What would be spent if money went out as fast as the work is due."""
    return sum(
        (
            r.allocated * r.expected_progress / 100
            for r in report.rows
            if r.status is not ScheduleStatus.CANCELLED
        ),
        ZERO,
    ).quantize(Decimal("0.01"))


def s_curve(
    points: tuple[MonthPoint, ...], fiscal_year: FiscalYear, day: date, allocated: Decimal
) -> CurveChart:
    """The two S-curves (progress, spending as a share of ``allocated``) on one time axis."""
    start, end = fiscal_year.start, fiscal_year.end
    span = (end - start).days + 1
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = CURVE_HEIGHT - TOP - BOTTOM

    def x(moment: date) -> float:
        return round(LEFT + plot_w * ((moment - start).days + 1) / span, 1)

    def y(percent: float) -> float:
        return round(TOP + plot_h * (1 - max(0.0, min(100.0, percent)) / 100), 1)

    def share(amount: Decimal) -> float:
        return float(amount * 100 / allocated) if allocated > ZERO else 0.0

    origin = (float(LEFT), y(0))
    progress_planned = (origin, *((x(p.end), y(p.expected_progress)) for p in points))
    progress_actual = (origin, *_actual(points, x, y, lambda p: float(p.progress or 0)))
    spend_planned = (origin, *((x(p.end), y(share(p.planned_spending))) for p in points))
    spend_actual = (origin, *_actual(points, x, y, lambda p: share(p.spent or ZERO)))
    labels = tuple(
        (round((x(m.first_day) + x(m.last_day)) / 2 - plot_w / span / 2, 1), m)
        for m in fiscal_year.months
    )
    return CurveChart(
        width=WIDTH,
        height=CURVE_HEIGHT,
        months=labels,
        gridlines=tuple((y(v), v) for v in (0, 25, 50, 75, 100)),
        progress=Curve(
            _path(progress_planned), _path(progress_actual), progress_planned, progress_actual
        ),
        spending=Curve(_path(spend_planned), _path(spend_actual), spend_planned, spend_actual),
        today_x=x(day) if start <= day <= end else None,
        points=points,
        allocated=allocated,
    )


def _actual(
    points: Iterable[MonthPoint],
    x: Callable[[date], float],
    y: Callable[[float], float],
    value: Callable[[MonthPoint], float],
) -> tuple[tuple[float, float], ...]:
    """The actual curve: one point per month begun by the page's day."""
    return tuple((x(p.actual_on), y(value(p))) for p in points if p.actual_on is not None)


def _path(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if i == 0 else 'L'}{px},{py}" for i, (px, py) in enumerate(points))


# ------------------------------------------------------------------ bars per project

BAR_ROW = 52
LABEL_CHARS = 40


@dataclass(frozen=True, slots=True)
class Bar:
    y: int
    label: str
    title: str
    progress_w: float
    expected_x: float
    disbursed_w: float
    progress: int
    expected: int
    disbursed: Decimal
    late: bool


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    track: int
    bars: tuple[Bar, ...]


def project_bars(projects: Sequence[Rollup]) -> BarChart:
    """One block per project: progress done (bar), due (tick), share of money spent (thin bar)."""
    track = WIDTH - 8 - 72
    bars = []
    for i, p in enumerate(projects):
        label = f"{p.key} {p.label}"
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        disbursed = min(Decimal(100), p.disbursed_percent)
        bars.append(
            Bar(
                y=i * BAR_ROW,
                label=short,
                title=label,
                progress_w=_scale(p.progress, track),
                expected_x=4 + _scale(p.expected_progress, track),
                disbursed_w=_scale(float(disbursed), track),
                progress=p.progress,
                expected=p.expected_progress,
                disbursed=p.disbursed_percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
                late=p.late > 0,
            )
        )
    return BarChart(
        width=WIDTH, height=max(BAR_ROW, BAR_ROW * len(bars)), track=track, bars=tuple(bars)
    )


def _scale(percent: float, track: int) -> float:
    return round(track * max(0.0, min(100.0, float(percent))) / 100, 1)
