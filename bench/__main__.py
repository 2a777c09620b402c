"""``python -m bench [NAME] [options]``: run one benchmark, or all of them in turn.

Each benchmark gets a fresh backend of its own (a new SQLite file by default,
``--postgres URL`` for a new PostgreSQL database on that server), prints its
figures and verdicts as it goes, and writes ``var/bench/<name>.json``. The run
ends with every target's PASS or MISS, so a miss is the last thing on screen.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from bench import (
    api,
    as_of,
    importing,
    lag,
    memory,
    national,
    plan_import,
    rebuild,
    refresh,
    reports,
    scan,
    streams,
    workers,
)
from bench.common import RESULTS_DIR, Backend, Report, Say, fresh_backend, revision
from bench.options import add_options, options_from

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class Benchmark(Protocol):
    """What a benchmark module offers (``bench/importing.py`` and its kin): its options
    as a dataclass, from which its command line is derived, and ``run`` taking them."""

    NAME: str
    SUMMARY: str
    Options: type[DataclassInstance]

    def run(self, backend: Backend, options: Any, say: Say) -> Report: ...


BENCHMARKS: dict[str, Benchmark] = {
    module.NAME: module
    for module in (
        importing,
        plan_import,
        rebuild,
        lag,
        national,
        as_of,
        scan,
        reports,
        streams,
        refresh,
        api,
        memory,
        workers,
    )
}


def _add_common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options every benchmark takes, before or after its name."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=default(None),
        help="run on a new database created through this PostgreSQL URL (dropped afterwards)",
    )
    parser.add_argument(
        "--dir",
        default=default(None),
        help="where the temporary SQLite directory goes (default: the system's temp dir)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=default(RESULTS_DIR),
        help=f"where the JSON results go (default: {RESULTS_DIR})",
    )
    parser.add_argument(
        "--fail-on-miss",
        action="store_true",
        default=default(False),
        help="exit with status 1 when any target is missed",
    )


def parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    top = argparse.ArgumentParser(
        prog="python -m bench",
        description="Tidtam's speed measures. With no NAME, runs them all with default sizes.",
    )
    _add_common(top, suppress=False)
    names = top.add_subparsers(dest="name", metavar="NAME")
    subs: dict[str, argparse.ArgumentParser] = {}
    for name, module in BENCHMARKS.items():
        sub = names.add_parser(name, help=module.SUMMARY, description=module.SUMMARY)
        _add_common(sub, suppress=True)
        add_options(sub, module.Options)
        subs[name] = sub
    return top, subs


def main(argv: Sequence[str] | None = None) -> int:
    top, subs = parser()
    args = top.parse_args(argv)
    chosen = [args.name] if args.name else list(BENCHMARKS)
    reports: list[Report] = []
    print(f"Tidtam benchmarks at {revision()}, {os.cpu_count()} CPUs", flush=True)
    for name in chosen:
        own = args if args.name else subs[name].parse_args([])
        with fresh_backend(args.postgres, args.dir) as backend:
            print(f"\n=== {name} on {backend.describe()} ===", flush=True)
            module = BENCHMARKS[name]
            report = module.run(backend, options_from(own, module.Options), _say)
        report.verdicts(_say)
        _say(f"  → {report.write(args.out)}")
        reports.append(report)
    print("\n=== summary ===")
    for report in reports:
        for target in report.targets:
            print(f"{report.name:8} {target.line()}")
    missed = any(not r.passed for r in reports)
    return 1 if missed and args.fail_on_miss else 0


def _say(line: str) -> None:
    print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
