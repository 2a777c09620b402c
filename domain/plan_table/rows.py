"""Reading the table body row by row into projects, activities and steps.

A row is a project (a number under ลำดับที่), an activity (``1.1 …`` at the start
of the name cell) or a continuation of the item above it: a numbered step in the
details column, the rest of a wrapped cell, or month marks. Headings, totals and
page breaks are read by :class:`~domain.plan_table.sections.Sections`; project and
activity codes are unique within the section. Page breaks repeat the
header and may split an activity's steps, so repeated headers are skipped and a
continuation always belongs to the latest item. What can be checked while reading
(codes, step order, marks) is checked here, with the row and column at hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from domain.calendar import Month
from domain.plan_table.budgets import read_budget
from domain.plan_table.cells import (
    activity_code,
    amount_words,
    embedded_activity,
    project_number,
    step_number,
)
from domain.plan_table.errors import ACTIVITY, Locator
from domain.plan_table.grid import Grid
from domain.plan_table.header import header_roles, is_calendar_row, is_header_row
from domain.plan_table.layout import Layout
from domain.plan_table.marks import MarkReader
from domain.plan_table.sections import SectionRows, Sections
from domain.thai import clean_text
from domain.words import Words


@dataclass(slots=True)
class StepRows:
    """A numbered step read from a continuation row."""

    number: int
    text: str
    row: int
    months: set[Month] = field(default_factory=set)


@dataclass(slots=True)
class ItemRows:
    """A project row's own content, or one activity, as the rows gave it."""

    code: str
    name: str
    row: int
    text: str = ""
    area: str = ""
    unit: str = ""
    budget: Decimal | None = None
    months: set[Month] = field(default_factory=set)
    first_mark: tuple[int, int] | None = None
    steps: list[StepRows] = field(default_factory=list)


@dataclass(slots=True)
class ProjectRows:
    """A project row and the activities listed under it."""

    item: ItemRows
    activities: list[ItemRows] = field(default_factory=list)
    source: str = ""
    """The project's funding source, where the table has a column for it."""

    @property
    def latest(self) -> ItemRows:
        """The item continuation rows belong to."""
        return self.activities[-1] if self.activities else self.item


def _join(first: str, more: str) -> str:
    return f"{first} {more}".strip()


class BodyReader:
    """Reads the rows below a table's header; one instance per table."""

    def __init__(
        self, grid: Grid, layout: Layout, where: Locator, sections: Sections[ProjectRows]
    ) -> None:
        self.grid = grid
        self.layout = layout
        self.where = where
        self.sections = sections
        self.columns = layout.columns
        self.marks = MarkReader(grid, layout, where)
        self._enter(sections.current)

    def _enter(self, section: SectionRows[ProjectRows]) -> None:
        """Read on into ``section``: projects and codes are numbered within it."""
        self.projects = section.projects
        self.project_rows = section.project_rows
        self.activity_rows = section.activity_rows

    def read(self) -> list[SectionRows[ProjectRows]]:
        for number, cells in self.grid.numbered(self.layout.month_row + 1):
            if not self._skipped(number, cells):
                self._read_row(number, cells)
        return self.sections.finish()

    def _text(self, cells: Sequence[str], role: str) -> str:
        column = self.columns.get(role)
        return clean_text(cells[column]) if column is not None and column < len(cells) else ""

    def _skipped(self, row: int, cells: Sequence[str]) -> bool:
        """Empty rows, repeated headers and title or page lines from a page break."""
        filled = [(c, text) for c, text in enumerate(cells) if clean_text(text)]
        if not filled:  # a row of shaded months alone continues the item above
            return not (self.projects and self.marks.shaded(row))
        roles = set(self.columns.values())
        if is_calendar_row(cells) and not any(c in roles for c, _ in filled):
            self.sections.repeated_header(row, cells)
            return True  # a month or year row repeated by a page break
        if is_header_row(cells):
            again = {role: found[0] for role, found in header_roles(cells).items()}
            if again != dict(self.columns):
                raise self.where.error(
                    "table_header_changed", row, first_row=self.layout.header_row
                )
            self.sections.repeated_header(row, cells)
            return True
        column, text = filled[0]
        prose = {self.columns["name"], self.columns["details"]}
        if len(filled) == 1 and column not in prose and self.sections.line(row, column, text):
            self._enter(self.sections.current)  # a heading may have started a section
            return True
        return False

    def _marks(self, row: int, cells: Sequence[str]) -> dict[Month, int]:
        return self.marks.read(row, cells)

    def _read_row(self, row: int, cells: Sequence[str]) -> None:
        if self.sections.total(row, cells):
            return
        self.sections.page_break = False
        number, name = self._text(cells, "number"), self._text(cells, "name")
        marks = self._marks(row, cells)
        if number and (code := activity_code(number)) is not None and not code.rest:
            self._activity(row, cells, code.code, code.project, name, marks)
        elif number:
            self._project(row, cells, number, name, marks)
        elif (code := activity_code(name)) is not None:
            self._activity(row, cells, code.code, code.project, code.rest, marks)
        else:
            self._continuation(row, cells, marks)

    def _add_marks(self, item: ItemRows, row: int, marks: dict[Month, int]) -> None:
        item.months.update(marks)
        if marks and item.first_mark is None:
            item.first_mark = (row, min(marks.values()))

    def _project(
        self, row: int, cells: Sequence[str], number: str, name: str, marks: dict[Month, int]
    ) -> None:
        where, columns = self.where, self.columns
        code = project_number(number)
        if code is None:
            raise where.error("project_number_format", row, columns["number"], text=number)
        if code in self.project_rows:
            raise where.error(
                "project_code_duplicate",
                row,
                columns["number"],
                code=code,
                first_row=self.project_rows[code],
            )
        self.project_rows[code] = row
        if not name:
            raise where.error(
                "text_required",
                row,
                columns["name"],
                what=Words(f"ชื่อโครงการ {code}", f"the name of project {code}"),
            )
        area, unit = self._text(cells, "area"), self._text(cells, "unit")
        details, budget_text = self._text(cells, "details"), self._text(cells, "budget")
        embedded = embedded_activity(name, code)
        if embedded is not None:
            project = ItemRows(code, embedded.project_name, row, "", area, unit)
            activity = ItemRows(embedded.activity_code, embedded.activity_name, row, details)
            activity.area, activity.unit = area, unit
            project.budget, activity.budget = self._budget_pair(row, budget_text, activity.code)
            self._add_marks(activity, row, marks)
            self.activity_rows[activity.code] = row
            self.projects.append(ProjectRows(project, [activity], self._text(cells, "source")))
            return
        column = columns["budget"]
        budget = read_budget(budget_text, where, row, column) if budget_text else None
        item = ItemRows(code, name, row, details, area, unit, budget)
        self._add_marks(item, row, marks)
        self.projects.append(ProjectRows(item, source=self._text(cells, "source")))

    def _budget_pair(self, row: int, text: str, activity: str) -> tuple[Decimal, Decimal]:
        """``130,000 30,000`` on a row shared by a project and its first activity."""
        column = self.columns["budget"]
        words = amount_words(text)
        if len(words) > 2:
            read_budget(text, self.where, row, column)  # refuses: several amounts in one cell
        if len(words) != 2:
            raise self.where.error(
                "budget_pair_required",
                row,
                column,
                project=activity.split(".")[0],
                code=activity,
                text=text,
            )
        project, own = (read_budget(word, self.where, row, column) for word in words)
        return project, own

    def _activity(
        self,
        row: int,
        cells: Sequence[str],
        code: str,
        project: str,
        name: str,
        marks: dict[Month, int],
    ) -> None:
        where, name_column = self.where, self.columns["name"]
        if not self.projects:
            raise where.error("activity_without_project", row, name_column, code=code)
        current = self.projects[-1].item.code
        if project != current:
            raise where.error(
                "activity_code_outside_project", row, name_column, code=code, project=current
            )
        if code in self.activity_rows:
            raise where.error(
                "activity_code_duplicate",
                row,
                name_column,
                code=code,
                first_row=self.activity_rows[code],
            )
        self.activity_rows[code] = row
        if not name:
            what = Words(f"ชื่อกิจกรรม {code}", f"the name of activity {code}")
            raise where.error("text_required", row, name_column, what=what)
        budget_text = self._text(cells, "budget")
        if not budget_text:
            raise where.error(
                "budget_required", row, self.columns["budget"], what=ACTIVITY, code=code
            )
        item = ItemRows(
            code,
            name,
            row,
            self._text(cells, "details"),
            self._text(cells, "area"),
            self._text(cells, "unit"),
            read_budget(budget_text, where, row, self.columns["budget"]),
        )
        self._add_marks(item, row, marks)
        self.projects[-1].activities.append(item)

    def _continuation(self, row: int, cells: Sequence[str], marks: dict[Month, int]) -> None:
        where, columns = self.where, self.columns
        if not self.projects:
            first = next(c for c, text in enumerate(cells) if text.strip())
            raise where.error("row_without_project", row, first)
        budget_text = self._text(cells, "budget")
        if budget_text:
            raise where.error("budget_without_item", row, columns["budget"], text=budget_text)
        item = self.projects[-1].latest
        item.name = _join(item.name, self._text(cells, "name"))
        item.area = _join(item.area, self._text(cells, "area"))
        item.unit = _join(item.unit, self._text(cells, "unit"))
        details = self._text(cells, "details")
        step = step_number(details) if details else None
        if step is not None:
            self._check_step(item, step[0], row)
            item.steps.append(StepRows(step[0], step[1], row, set(marks)))
        elif item.steps:
            item.steps[-1].text = _join(item.steps[-1].text, details)
            item.steps[-1].months.update(marks)
        else:
            item.text = _join(item.text, details)
            self._add_marks(item, row, marks)

    def _check_step(self, item: ItemRows, number: int, row: int) -> None:
        """Steps count up by one; the first may be 2 when the item's own text is step 1."""
        if item.steps:
            allowed = expected = item.steps[-1].number + 1
            ok = number == allowed
        else:
            own = step_number(item.text) if item.text else None
            expected = 2 if own is not None and own[0] == 1 else 1
            ok = number in (1, expected)
        if not ok:
            raise self.where.error(
                "step_out_of_sequence",
                row,
                self.columns["details"],
                number=number,
                code=item.code,
                expected=expected,
            )
