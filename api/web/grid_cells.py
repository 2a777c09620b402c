"""The month cells of the plan grid, drawn in Python rather than by a template macro.

A plan of a thousand activities and their steps draws some 24,000 month cells, and a
Jinja macro call costs about ten microseconds: a third of the page's drawing went to
calling it. A cell's markup depends only on its state, whether it is the current
month and the reader's language, so each of those few combinations is made once.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup, escape

from api.web import i18n
from projections.plan_grid import Cell

_MARKS = {"planned": "↔", "both": "↔", "worked": "●"}
"""What a sighted reader sees in a cell; a screen reader hears the words instead."""


@lru_cache(maxsize=32)
def _cell(state: str, current: bool, lang: str) -> str:
    shade = " is-current" if current else ""
    mark = _MARKS.get(state)
    drawn = f'<span aria-hidden="true">{mark}</span>' if mark else ""
    if state != "none":
        drawn += f'<span class="sr-only">{escape(i18n.text("cell." + state, lang))}</span>'
    return f'<td class="cell cell-{state}{shade}">{drawn}</td>'


def month_cells(cells: Iterable[Cell], lang: str) -> Markup:
    """A row's month cells as table cells."""
    return Markup("".join(_cell(c.state, c.current, lang) for c in cells))
