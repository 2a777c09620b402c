"""What one cell of a plan table says: a project number, an activity code, a step
number, a month mark, a pair of amounts.

These are the conventions of hand-typed plans: Thai or ASCII digits, ``1.`` and
``3. `` alike for steps, ``↔`` drawn as ``<->`` or an ``x`` for a planned month.
Each reader returns None for "not this kind of cell" and leaves refusing to the
parser, which knows the row and column.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from domain.thai import clean_text, name_key, to_arabic_digits

MARKS = frozenset({"↔", "x", "✓", "✔", "√", "●", "*", "<->", "←→", "/"})
"""Cell texts (compared without spaces, case-folded) that mark a planned month."""
_LONG_ARROW = re.compile(r"<-+>|←-*→|↔+|<?-{3,}>?")

# Project and activity numbers have any length: a whole year's plan may list 10,000 projects.
_PROJECT_NUMBER = re.compile(r"\(?(\d+)[.)]?")
_ACTIVITY_CODE = re.compile(r"(\d+)\.(\d+)\.?(?:\s+|(?=\D)|$)(.*)", re.DOTALL)
_EMBEDDED = re.compile(r"(.*?\S)\s+(\d+)\.(1)\.?\s+(\S.*)", re.DOTALL)
_STEP = re.compile(r"(\d{1,2})\s*[.)](?!\d)\s*(.*)", re.DOTALL)
_AMOUNT_WORDS = frozenset({"บาท", "฿", "thb", "baht"})
_TOTALS = frozenset({"รวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "รวมงบประมาณ", "total"})


class Code(NamedTuple):
    """An activity code ``project.activity`` and the text after it."""

    project: str
    code: str
    rest: str


class Embedded(NamedTuple):
    """A project cell that also holds its first activity: ``โครงการ… 1.1 กิจกรรม…``."""

    project_name: str
    activity_code: str
    activity_name: str


def is_mark(text: str) -> bool:
    key = re.sub(r"\s+", "", clean_text(text)).casefold()
    return key in MARKS or _LONG_ARROW.fullmatch(key) is not None


def project_number(text: str) -> str | None:
    """``1``, ``๑``, ``1.`` or ``(1)`` → ``"1"``; None if the cell is not a number."""
    match = _PROJECT_NUMBER.fullmatch(to_arabic_digits(clean_text(text)))
    return str(int(match[1])) if match else None


def activity_code(text: str) -> Code | None:
    """``1.1 กิจกรรม…`` → Code("1", "1.1", "กิจกรรม…")."""
    cleaned = clean_text(text)
    match = _ACTIVITY_CODE.fullmatch(to_arabic_digits(cleaned))
    if match is None:
        return None
    project = str(int(match[1]))
    return Code(project, f"{project}.{int(match[2])}", cleaned[match.start(3) :].strip())


def embedded_activity(name: str, project: str) -> Embedded | None:
    """Split a project cell that runs on into its first activity, ``<project>.1``.

    Only the code of the project's first activity counts, so a name such as
    ``ถนนยาว 2.5 กม.`` is not cut in two.
    """
    cleaned = clean_text(name)
    match = _EMBEDDED.fullmatch(to_arabic_digits(cleaned))
    if match is None or str(int(match[2])) != project:
        return None
    return Embedded(
        cleaned[: match.end(1)].strip(), f"{project}.1", cleaned[match.start(4) :].strip()
    )


def step_number(text: str) -> tuple[int, str] | None:
    """``1.ประสานงาน…`` or ``3. จัดทำ…`` → (number, text); ``1.5 ล้าน`` is no step."""
    cleaned = clean_text(text)
    match = _STEP.fullmatch(to_arabic_digits(cleaned))
    if match is None or int(match[1]) == 0:
        return None
    return int(match[1]), cleaned[match.start(2) :].strip()


def amount_words(text: str) -> list[str]:
    """The amounts in a budget cell holding several (``130,000 30,000``), unit words dropped."""
    words = clean_text(text).split(" ")
    return [w for w in words if w and w.casefold() not in _AMOUNT_WORDS]


def is_total(*texts: str) -> bool:
    """A "รวม" (total) row, which repeats sums and is not a project."""
    return any(name_key(text) in _TOTALS for text in texts if text)
