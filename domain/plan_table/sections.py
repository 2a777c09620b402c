"""The sections of a whole year's plan: headings inside the table body.

A municipality's แผนดำเนินงาน is one table for the year, its projects grouped under
headings (``ยุทธศาสตร์ที่ 1 …``, ``แนวทางที่ 1.1 …``, ``1.2 …``, ``แผนงานเคหะและชุมชน``),
each group numbering its projects from 1. A heading is a row whose only filled cell,
outside the name and details columns, is such a line. It places itself in the path of
the section above it: a strategy starts a new path; a guideline replaces the guideline
(and what hangs under it); a numbered level ``A.B`` hangs under the level numbered
``A``; a แผนงาน replaces the แผนงาน. A heading directly under a heading with no projects
between is nested in it (a strategy heading, then its guideline) or, if it is the same
heading again, the same section. After a page break (a repeated header, month row or
page number) the document repeats its headings: a heading the current section already
has continues it. The first section takes its levels from the lines above the header.

What cannot be placed with certainty is refused: a section with no projects, a section
heading seen twice (not as a page break's repeat), a numbered level with nothing of its
number above it, a repeated header or title line naming another fiscal year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from domain.calendar import be_year
from domain.draft import StrategyLevel, strategy_path
from domain.plan_table.errors import Locator, PlanTableError
from domain.plan_table.header import year_cells
from domain.plan_table.layout import Layout
from domain.plan_table.titles import Line, Titles, classify_line, number_of
from domain.plan_table.totals import TotalRow, read_total
from domain.thai import clean_text, name_key
from domain.words import Words

Project = TypeVar("Project")
"""What the rows reader makes of a project's rows (`domain.plan_table.rows.ProjectRows`)."""


@dataclass(slots=True)
class SectionRows(Generic[Project]):
    """One section as the rows gave it: its heading's levels and place, its projects."""

    strategy: tuple[StrategyLevel, ...]
    objective: str
    at: tuple[int, int | None]
    """Row and column of the heading (of the title line above the header for the first
    section; the header row if it has none)."""
    from_body: bool = False
    projects: list[Project] = field(default_factory=list)
    project_rows: dict[str, int] = field(default_factory=dict)
    activity_rows: dict[str, int] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return strategy_path(self.strategy)


def rank_of(level: StrategyLevel) -> str:
    """ "strategy", "guideline", "programme" (แผนงาน) or "numbered", from the code."""
    for prefix, rank in (("ยุทธศาสตร์ที่", "strategy"), ("แนวทางที่", "guideline")):
        if level.code.startswith(prefix):
            return rank
    return "programme" if level.code.startswith("แผนงาน") else "numbered"


def _same(a: StrategyLevel, b: StrategyLevel) -> bool:
    return a.code == b.code and name_key(a.name) == name_key(b.name)


def _codes(levels: tuple[StrategyLevel, ...]) -> tuple[str, ...]:
    return tuple(level.code for level in levels)


def placed(
    path: tuple[StrategyLevel, ...], level: StrategyLevel, *, settled: bool
) -> tuple[StrategyLevel, ...] | None:
    """The path a heading ``level`` makes under ``path``; None if it has no certain place.

    A guideline or แผนงาน with none of its kind to replace goes under the level above,
    unless that level already holds projects of its own (``settled``) and is no strategy:
    under it, or beside it? The document does not say."""
    rank = rank_of(level)
    ranks = [rank_of(above) for above in path]
    if rank == "strategy":
        return (level,)
    number = number_of(level.code)
    if rank == "numbered" or (rank == "guideline" and "." in number):
        parent = number.rpartition(".")[0]
        under = [
            i
            for i, above in enumerate(path)
            if ranks[i] != "programme" and number_of(above.code) == parent
        ]
        if under:
            return (*path[: under[-1] + 1], level)
        return None if path else (level,)  # nothing above it to contradict
    own = "guideline" if rank == "guideline" and "guideline" in ranks else "programme"
    if own in ranks:
        return (*path[: ranks.index(own)], level)
    if settled and ranks and ranks[-1] != "strategy":
        return None
    return (*path, level)


class Sections(Generic[Project]):
    """The sections read so far, and the headings, totals and page breaks between them."""

    def __init__(self, titles: Titles, layout: Layout, where: Locator) -> None:
        self.layout = layout
        self.where = where
        at = titles.strategy_at or (layout.header_row, None)
        self.all: list[SectionRows[Project]] = [SectionRows(titles.strategy, titles.objective, at)]
        self.totals: list[TotalRow] = []
        self.page_break = False
        """Set by a page break, cleared by the next project, activity or continuation row."""

    @property
    def current(self) -> SectionRows[Project]:
        return self.all[-1]

    def line(self, row: int, column: int, text: str) -> bool:
        """Take a lone cell's line if it is a title line (heading, objective, year, page)."""
        line = classify_line(clean_text(text))
        if line is None:
            return False
        if line.kind == "page":
            self.page_break = True
        elif line.kind == "year":
            self._check_year(row, column, line.year)
        elif line.kind == "objective":
            if not self.current.projects:
                self.current.objective = line.text.strip()
        else:
            self._heading(row, column, line)
        return True

    def repeated_header(self, row: int, cells: Sequence[str]) -> None:
        """A header or month row again: a page break; its year cells must fit the year."""
        self.page_break = True
        taken = set(self.layout.columns.values())
        for column, year in sorted(year_cells(cells).items()):
            if column in taken:
                continue
            month = self.layout.months.get(column)
            fiscal = self.layout.fiscal_year.be
            fits = {be_year(month.year)} if month is not None else {fiscal - 1, fiscal}
            if year not in fits:
                self._check_year(row, column, year, fits=fits)

    def total(self, row: int, cells: Sequence[str]) -> bool:
        """Take a total row (``รวม``, ``รวม 3 โครงการ 1,234,000 บาท``, ``รวมทั้งสิ้น …``)."""
        found = read_total(row, cells, self.layout.columns, self.where, len(self.all) - 1)
        if found is None:
            return False
        if found.states_something:
            self.totals.append(found)
        return True

    def finish(self) -> list[SectionRows[Project]]:
        """The sections, once the last row is read; a last heading must have projects."""
        last = self.current
        if not last.projects and any(s.projects for s in self.all):
            raise self._empty(last)
        return self.all

    def _check_year(
        self, row: int, column: int, year: int | None, *, fits: set[int] | None = None
    ) -> None:
        fiscal = self.layout.fiscal_year.be
        if year is not None and year not in (fits or {fiscal}):
            raise self.where.error(
                "fiscal_year_repeated_differently",
                row,
                column,
                year=str(year),
                fiscal_year=str(fiscal),
                first_row=self.layout.header_row,
            )

    def _heading(self, row: int, column: int, line: Line) -> None:
        level = StrategyLevel(line.code, line.text.strip())
        current = self.current
        if (self.page_break or not current.projects) and any(
            _same(level, above) for above in current.strategy
        ):
            return  # repeated by a page break, or the heading given again
        path = placed(current.strategy, level, settled=bool(current.projects))
        if path is None:
            raise self.where.error(
                "section_heading_unplaced",
                row,
                column,
                code=level.code,
                path=current.path or _NO_PATH,
                why=_why(level),
            )
        nested = path[: len(current.strategy)] == current.strategy
        if not current.projects and not nested:
            raise self._empty(current)
        for earlier in self.all:
            if earlier.projects and _codes(earlier.strategy) == _codes(path):
                raise self.where.error(
                    "section_duplicate",
                    row,
                    column,
                    path=strategy_path(path),
                    first_row=earlier.at[0],
                )
        if current.projects:
            self.all.append(SectionRows(path, "", (row, column), from_body=True))
        else:
            current.strategy, current.at, current.from_body = path, (row, column), True

    def _empty(self, section: SectionRows[Project]) -> PlanTableError:
        row, column = section.at
        return self.where.error("section_empty", row, column, path=section.path or _NO_PATH)


_NO_PATH = Words("(ไม่มีหัวข้อ)", "(no heading)")


def _why(level: StrategyLevel) -> Words:
    parent = number_of(level.code).rpartition(".")[0]
    if rank_of(level) in ("numbered", "guideline") and parent:
        return Words(
            f"ไม่มีหัวข้อเลข {parent} อยู่เหนือหัวข้อนี้", f"no heading numbered {parent} is above it"
        )
    return Words(
        "หัวข้อก่อนหน้ามีโครงการของตัวเองแล้ว หัวข้อนี้อาจอยู่ใต้หรือเสมอกับหัวข้อนั้นก็ได้",
        "the heading above already has projects of its own, and this one may be under it "
        "or beside it",
    )
