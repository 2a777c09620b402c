"""``plan-import``: reading a whole year's plan document, and reading it into a new store.

A municipality's document may hold thousands of projects in many sections, and the
import must stay linear in them: so the same work is timed for the seed example (the
three projects of ``examples/thungsong-2552-strategy5.txt``), a plan of ``--small``
projects and one of ``--large`` (both in ``--sections`` sections, written as TSV text
by ``tests/plan_documents.py``, the generator the round-trip tests use), and each
size's time per project is compared: the large plan's with the small one's (the
target: near-linear) and with the seed's.

*parse* is bytes to draft (grid, titles, header, sections, totals); *parse+import*
adds appending the draft's events to a new SQLite file in a temporary directory, made
before the clock starts, one per run (so every run imports into an empty store,
whatever ``--postgres`` says). Each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from time import perf_counter
from typing import Annotated

from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target
from bench.options import asked
from bench.synthetic import ACTOR, late_clock
from domain.plan_table import read_plan
from storage.store import Store
from tests.plan_documents import ORGANISATION, document_rows, sized_plan, tsv_text

NAME = "plan-import"
SUMMARY = "parse a whole-year plan document, and parse and import it into a new SQLite file"
SEED = Path(__file__).resolve().parent.parent / "examples" / "thungsong-2552-strategy5.txt"
TARGET_GROWTH = 1.5
"""The large plan may take at most 1.5 times the small one's time per project."""


@dataclass(frozen=True, slots=True)
class Options:
    """The plans' sizes and the runs (``python -m bench plan-import --help``)."""

    small: Annotated[int, "projects in the smaller generated plan"] = 1000
    large: Annotated[int, "projects in the larger generated plan"] = 10000
    sections: Annotated[int, "sections the generated plans are divided into"] = 10
    repeat: Annotated[int, "runs of each measure (the median is reported)"] = 3


@dataclass(frozen=True, slots=True)
class Document:
    label: str
    data: bytes
    filename: str
    organisation: str | None


def _documents(options: Options) -> list[Document]:
    documents = [Document("seed", SEED.read_bytes(), SEED.name, None)]
    for label, size in (("small", options.small), ("large", options.large)):
        rows = document_rows(sized_plan(size, options.sections), page_every=40)
        text = tsv_text(rows).encode("utf-8")
        documents.append(Document(label, text, f"{label}.tsv", ORGANISATION))
    return documents


def _median(runs: int, once: Callable[[], float]) -> float:
    return statistics.median(once() for _ in range(runs))


def _parse(document: Document) -> float:
    start = perf_counter()
    read_plan(document.data, document.filename, organisation=document.organisation)
    return perf_counter() - start


def _parse_and_import(document: Document) -> float:
    with (
        tempfile.TemporaryDirectory(prefix="tidtam-plan-import-") as tmp,
        Tracker(Store.sqlite(Path(tmp) / "tidtam.db"), clock=late_clock()) as tracker,
    ):
        start = perf_counter()
        draft = read_plan(document.data, document.filename, organisation=document.organisation)
        report = tracker.import_plan(draft, actor=ACTOR)
        seconds = perf_counter() - start
        if report.events == 0:  # pragma: no cover - a new store always takes the plan
            raise RuntimeError(f"{document.label}: nothing imported")
        return seconds


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Time parse and parse+import at each size; compare the time per project."""
    report = Report(NAME, "sqlite (a new file each run)", asked(options))
    del backend  # each run imports into a store of its own, made here
    for document in _documents(options):
        projects = len(
            read_plan(document.data, document.filename, organisation=document.organisation).projects
        )
        parse = _median(options.repeat, partial(_parse, document))
        both = _median(options.repeat, partial(_parse_and_import, document))
        report.figures[document.label] = {
            "projects": projects,
            "parse_s": round(parse, 4),
            "parse_and_import_s": round(both, 4),
            "parse_ms_per_project": round(parse * 1000 / projects, 4),
            "parse_and_import_ms_per_project": round(both * 1000 / projects, 4),
        }
        say(
            f"  {document.label:5} {projects:>6,} projects: parse {parse:.3f} s, "
            f"parse+import {both:.3f} s ({both * 1000 / projects:.3f} ms a project)"
        )
    _compare(report, say)
    return report


def _compare(report: Report, say: Say) -> None:
    """Per-project ratios: large ÷ seed and large ÷ small, for both measures."""
    figures = report.figures
    ratios: dict[str, float] = {}
    for measure in ("parse", "parse_and_import"):
        key = f"{measure}_ms_per_project"
        large = figures["large"][key]
        ratios[f"{measure}_large_vs_seed"] = round(large / figures["seed"][key], 3)
        ratios[f"{measure}_large_vs_small"] = round(large / figures["small"][key], 3)
    figures["per_project_ratios"] = ratios
    for name, value in ratios.items():
        say(f"  per project, {name.replace('_', ' ')}: {value:.2f}")
    for measure, label in (("parse", "parse"), ("parse_and_import", "parse+import")):
        report.targets.append(
            Target(
                f"{label} time a project, large ÷ small",
                ratios[f"{measure}_large_vs_small"],
                TARGET_GROWTH,
                at_least=False,
            )
        )
