"""An action-plan table, as a grid of cells, read into a :class:`PlanDraft`.

The steps are the ones a person takes reading the printed plan: the title lines
say where in the strategy the plan sits; the header says which column is which
and which month each month column is; the body lists projects, their activities
and the activities' steps, under headings that start the sections of a whole
year's plan, closed by totals that must agree with the rows. The organisation a
plan belongs to is rarely written in the table itself, so it is taken from the
caller or from the areas when they all name the same municipality.
"""

from __future__ import annotations

import re

from domain.draft import PlanDraft, ProjectDraft, SectionDraft
from domain.plan_table.assemble import build_projects
from domain.plan_table.errors import Locator
from domain.plan_table.grid import Grid, read_grid
from domain.plan_table.header import HEADINGS, ROLES, find_header
from domain.plan_table.layout import read_layout
from domain.plan_table.rows import BodyReader, ProjectRows
from domain.plan_table.sections import Sections
from domain.plan_table.titles import read_titles
from domain.plan_table.totals import check_totals
from domain.thai import clean_place, name_key
from domain.words import Words

_ORGANISATION = re.compile(r"(เทศบาล|องค์การบริหารส่วน)\S+")
"""An area that is the whole organisation: เทศบาลเมืองทุ่งสง, องค์การบริหารส่วนตำบล…"""


def read_plan(data: bytes, filename: str, *, organisation: str | None = None) -> PlanDraft:
    """Read a plan table file into a draft: an Excel workbook (.xlsx, or .xls from Excel
    97–2003), a LibreOffice Calc sheet (.ods), .csv, or tab-separated .txt/.tsv."""
    return parse_plan(read_grid(data, filename), organisation=organisation)


def parse_plan(grid: Grid, *, organisation: str | None = None) -> PlanDraft:
    """Read a grid into a draft, refusing with a located error what does not fit."""
    where = Locator(grid.filename)
    if grid.is_empty:
        raise where.error("table_empty")
    header_index = find_header(grid.rows)
    if header_index is None:
        raise where.error("table_header_missing", headings=[HEADINGS[r][0] for r in ROLES])
    header_row = header_index + 1
    titles = read_titles(_above(grid, header_row))
    layout = read_layout(grid, header_row, titles, where)
    where = Locator(grid.filename, layout.headings)
    sections: Sections[ProjectRows] = Sections(titles, layout, where)
    found = BodyReader(grid, layout, where, sections).read()
    if not any(section.projects for section in found):
        number = layout.columns["number"]
        raise where.error("table_no_projects", None, number, label=HEADINGS["number"][0])
    budget = layout.columns["budget"]
    drafts = tuple(
        SectionDraft(
            s.strategy,
            s.objective,
            build_projects(s.projects, where, budget, fills_read=grid.styled),
            s.at[0] if s.from_body else 0,
        )
        for s in found
    )
    check_totals(sections.totals, drafts, where)
    projects = tuple(p for section in drafts for p in section.projects)
    return PlanDraft.of_sections(
        organisation=_organisation(organisation, projects, where),
        fiscal_year=layout.fiscal_year,
        sections=drafts,
        title=titles.title,
        source=grid.filename,
    )


def _above(grid: Grid, header_row: int) -> list[tuple[int, tuple[str, ...]]]:
    return [(n, cells) for n, cells in grid.numbered() if n < header_row]


def _organisation(given: str | None, projects: tuple[ProjectDraft, ...], where: Locator) -> str:
    """The organisation given, else the one every area names, else a refusal."""
    if given is not None and given.strip():
        return clean_place(given)
    areas = {a.area: None for p in projects for a in p.activities if a.area}  # ordered set
    if len({name_key(area) for area in areas}) == 1:
        area = next(iter(areas))
        if _ORGANISATION.fullmatch(area):
            return area
    shown: list[str] | Words = list(areas) or Words("ไม่มีพื้นที่", "no area is given")
    raise where.error("organisation_required", areas=shown)
