"""Sizes a reader can hold in mind, checked by ``make lint``: outside ``bench/`` (one
script a measure), no module over 500 lines and no function over 60.

A module that grows past 500 lines holds more than one idea; a function past 60 does
more than one thing. Split by idea, not by size alone: the numbers only say where to
look. Run ``python -m tests.sizes`` to see every offender.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

MODULE_LINES = 500
FUNCTION_LINES = 60


def tracked_python() -> list[Path]:
    """Every Python file git tracks (or would: untracked but not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [Path(p) for p in listed if Path(p).exists()]


def long_functions(path: Path) -> Iterator[tuple[int, str, int]]:
    """(line, name, length) of each function in ``path`` longer than the limit."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > FUNCTION_LINES:
                yield node.lineno, node.name, length


def offences(paths: list[Path]) -> list[str]:
    found = []
    for path in sorted(paths):
        top = path.parts[0]
        if top == "bench":
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MODULE_LINES:
            found.append(f"{path}: {lines} lines (at most {MODULE_LINES} a module)")
        for line, name, length in long_functions(path):
            found.append(f"{path}:{line}: {name} is {length} lines (at most {FUNCTION_LINES})")
    return found


def main() -> int:
    found = offences(tracked_python())
    for offence in found:
        print(offence)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
