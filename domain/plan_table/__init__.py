"""Importing action-plan tables: a file's bytes in, a :class:`~domain.draft.PlanDraft` out.

Pure: no files are opened and nothing is stored, so the CLI, the web upload and
the tests all hand over bytes and get back a draft or a :class:`PlanTableError`
that says which file, row and column to fix. ``read_grid`` turns .xlsx, .xls, .ods,
.csv and tab-separated text into cells (with merged ranges and shaded cells where the
format has them); ``parse_plan`` reads the cells as a plan.
"""

from domain.plan_table.errors import PlanTableError
from domain.plan_table.grid import Grid, read_grid
from domain.plan_table.parser import parse_plan, read_plan

__all__ = ["Grid", "PlanTableError", "parse_plan", "read_grid", "read_plan"]
