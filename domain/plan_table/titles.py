"""The lines above the table: where the plan sits in the development strategy.

A plan table is headed by its strategy (``ภายใต้ยุทธศาสตร์ที่ 5 …``), sub-strategy
(``5.1 …``), objective, guideline (``แนวทางการพัฒนาที่ 3. …``) and measure
(``3.5 …``) or แผนงาน (``แผนงานเคหะและชุมชน``), and sometimes by its fiscal year.
Documents drop some of these lines or word them differently, so each line is matched
on its own and the path is whatever levels were found, in the order they appear. The
same lines inside the table head its sections (:mod:`domain.plan_table.sections`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.draft import StrategyLevel
from domain.thai import clean_text, to_arabic_digits

_STRATEGY = re.compile(r"(?:ภายใต้\s*)?ยุทธศาสตร์(?:การพัฒนา)?\s*ที่\s*(\d+)\s*[.:]?\s*(.*)")
_GUIDELINE = re.compile(r"แนวทาง(?:การพัฒนา)?\s*ที่\s*(\d+(?:\.\d+)*)\s*[.:]?\s*(.*)")
_PROGRAMME = re.compile(r"แผนงาน\s*(\S.*)")
_OBJECTIVE = re.compile(r"[-•*]?\s*วัตถุประสงค์(?:ของยุทธศาสตร์|ของแนวทาง(?:การพัฒนา)?)?\s*[:：]?\s*(.*)")
_NUMBERED = re.compile(r"(\d+(?:\.\d+)+)\.?\s+(\S.*)")
_FISCAL_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*(\d{4})")
_PAGE = re.compile(r"-\s*\d+\s*-|หน้า(?:ที่)?\s*\d+(?:\s*/\s*\d+)?")


@dataclass(frozen=True, slots=True)
class Titles:
    """What the title lines say; ``fiscal_year_row`` locates a contradiction."""

    strategy: tuple[StrategyLevel, ...] = ()
    objective: str = ""
    fiscal_year: int | None = None
    fiscal_year_row: int | None = None
    strategy_at: tuple[int, int] | None = None
    """Row and column of the most specific level's line, where a section it heads is."""

    @property
    def title(self) -> str:
        """The most specific level's name, or empty when there is no level."""
        return self.strategy[-1].name if self.strategy else ""


@dataclass(frozen=True, slots=True)
class Line:
    """A title line: ``kind`` is "level", "objective", "year" or "page"; a level's
    ``rank`` is "strategy", "guideline", "programme" (แผนงาน) or "numbered" (``5.1``)."""

    kind: str
    code: str = ""
    text: str = ""
    year: int | None = None
    rank: str = ""

    @property
    def number(self) -> str:
        """The level's number (``5`` of ``ยุทธศาสตร์ที่ 5``, ``3.5``); empty for a แผนงาน."""
        return number_of(self.code)


def number_of(code: str) -> str:
    """The number a level's code ends with: ``แนวทางที่ 1.2`` → ``1.2``; ``""`` if none."""
    match = re.search(r"(\d+(?:\.\d+)*)$", code)
    return match[1] if match else ""


def _dotted(number: str) -> str:
    return ".".join(str(int(part)) for part in number.split("."))


def classify_line(text: str) -> Line | None:
    """What a line of text above or inside the table is, or None for no title line."""
    # Thai digits become ASCII one for one, so positions match between the two forms.
    digits = to_arabic_digits(text)
    if match := _STRATEGY.fullmatch(digits):
        code = f"ยุทธศาสตร์ที่ {int(match[1])}"
        return Line("level", code, text[match.start(2) :], rank="strategy")
    if match := _GUIDELINE.fullmatch(digits):
        code = f"แนวทางที่ {_dotted(match[1])}"
        return Line("level", code, text[match.start(2) :], rank="guideline")
    if match := _PROGRAMME.fullmatch(digits):
        name = text[match.start(1) :].strip()
        return Line("level", f"แผนงาน{name}", name, rank="programme")
    if match := _OBJECTIVE.fullmatch(digits):
        return Line("objective", text=text[match.start(1) :])
    if match := _NUMBERED.fullmatch(digits):
        return Line("level", match[1], text[match.start(2) :], rank="numbered")
    if (match := _FISCAL_YEAR.search(digits)) and 2400 <= int(match[1]) <= 2800:
        return Line("year", year=int(match[1]))
    if _PAGE.fullmatch(digits):
        return Line("page")
    return None


def is_title_line(text: str) -> bool:
    """Whether a lone cell inside the table is a title or page line repeated by a page break."""
    return classify_line(clean_text(text)) is not None


def read_titles(rows: Iterable[tuple[int, Sequence[str]]]) -> Titles:
    """Read numbered rows above the header. An unrecognised line directly below a
    level or the objective continues it (the PDF the text came from wrapped it)."""
    levels: list[StrategyLevel] = []
    objective = ""
    fiscal_year: int | None = None
    fiscal_year_row: int | None = None
    last: str | None = None  # kind of the line on the previous row, if it can continue
    at: tuple[int, int] | None = None
    for number, cells in rows:
        text = clean_text(" ".join(cell for cell in cells if cell.strip()))
        line = classify_line(text) if text else None
        if line is None:
            if text and last == "level":
                levels[-1] = StrategyLevel(levels[-1].code, f"{levels[-1].name} {text}".strip())
            elif text and last == "objective":
                objective = f"{objective} {text}".strip()
            else:
                last = None
            continue
        if line.kind == "level":
            levels.append(StrategyLevel(line.code, line.text.strip()))
            at = (number, next(c for c, cell in enumerate(cells) if cell.strip()))
        elif line.kind == "objective":
            objective = line.text.strip()
        elif line.kind == "year" and fiscal_year is None:
            fiscal_year, fiscal_year_row = line.year, number
        last = line.kind if line.kind in ("level", "objective") else None
    return Titles(tuple(levels), objective, fiscal_year, fiscal_year_row, at)
