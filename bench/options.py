"""A benchmark's sizes and switches, said once: the dataclass its ``run`` takes.

Each benchmark declares its options as a dataclass whose fields carry their default
and, in ``Annotated``, what ``--help`` says of them. The command line is derived
from it (`add_options`: ``--events-per-activity`` for ``events_per_activity``) and
read back into it (`options_from`), so a default lives in one place instead of
three (the parser, ``run``'s signature and the glue between them), and a test that
runs a benchmark at a tiny size names the same fields the command line does.
"""

from __future__ import annotations

import argparse
from dataclasses import MISSING, asdict, fields
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    TypeVar,
    get_args,
    get_origin,
    get_type_hints,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SomeOptions = TypeVar("SomeOptions", bound="DataclassInstance")

PlanSize = Annotated[int, "activities in the plan"]
"""The ``--activities`` of a benchmark that imports a synthetic plan of that size."""
HistoryLength = Annotated[int, "events in each activity's stream"]
"""The ``--events-per-activity`` of a benchmark that grows each activity's history."""
EarlierEvents = Annotated[int, "events recorded on each activity beforehand"]
"""The ``--history`` of a benchmark that puts load on activities with a short past."""
WrkConnections = Annotated[int, "wrk's open connections"]
WrkThreads = Annotated[int, "wrk's threads"]
LoadSeconds = Annotated[float, "seconds per measure"]
WarmUpSeconds = Annotated[float, "seconds of warm-up first"]
"""The ``--connections``, ``--threads``, ``--duration`` and ``--warmup`` of a benchmark
that loads the API with wrk."""

Profiling = Literal["auto", "always", "never"]
"""When a benchmark profiles an extra slice of its work: when a target is missed,
always, or never."""


def wants_profile(mode: Profiling, *, missed: bool) -> bool:
    """Whether to profile: always, or on ``auto`` when a target was missed."""
    return mode == "always" or (mode == "auto" and missed)


def add_options(parser: argparse.ArgumentParser, options: type[DataclassInstance]) -> None:
    """One ``--flag`` a field: a bool is a switch, a ``Literal`` takes one of its values,
    any other field a value of its default's type."""
    hints = get_type_hints(options, include_extras=True)
    for spec in fields(options):
        if spec.default is MISSING:
            raise TypeError(f"{options.__name__}.{spec.name} needs a default")
        flag = "--" + spec.name.replace("_", "-")
        said: dict[str, Any] = {"default": spec.default, "help": _help(hints[spec.name])}
        kind = get_args(hints[spec.name])[0]
        if isinstance(spec.default, bool):
            parser.add_argument(flag, action="store_true", **said)
        elif get_origin(kind) is Literal:
            parser.add_argument(flag, choices=get_args(kind), **said)
        else:
            parser.add_argument(flag, type=type(spec.default), **said)


def _help(hint: Any) -> str:
    """The text ``Annotated[type, "text"]`` gives a field."""
    said = [m for m in getattr(hint, "__metadata__", ()) if isinstance(m, str)]
    if not said:
        raise TypeError(f"{hint} says nothing for --help: Annotated[type, 'what it is']")
    return said[0]


def asked(options: DataclassInstance, **renamed: str) -> dict[str, Any]:
    """The options a run was asked for, as its report's ``params``: every field, under
    the name ``renamed`` gives it where the JSON names a unit (``rate_per_s``)."""
    return {renamed.get(name, name): value for name, value in asdict(options).items()}


def options_from(args: argparse.Namespace, options: type[SomeOptions]) -> SomeOptions:
    """The options the command line asked for (every field has its flag)."""
    return options(**{spec.name: getattr(args, spec.name) for spec in fields(options)})
