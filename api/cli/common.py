"""What every CLI command shares: the runtime, the language, and one-line errors."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import typer
from rich.console import Console

from api.runtime import Runtime
from domain.clock import BANGKOK
from domain.errors import TidtamError
from domain.parsing import parse_date

console = Console(highlight=False)
if not console.is_terminal:  # piped or captured: wide enough for the twelve-month grid
    console = Console(highlight=False, width=160)
errors = Console(stderr=True, highlight=False)


def lang() -> str:
    return "en" if os.environ.get("TIDTAM_LANG", "th").lower().startswith("en") else "th"


def default_actor() -> str:
    """The person at the keyboard: ``TIDTAM_ACTOR``, else the operating-system user."""
    return os.environ.get("TIDTAM_ACTOR") or f"cli:{getpass.getuser()}"


def fail(message: str, rule: str = "") -> typer.Exit:
    label = "error" if lang() == "en" else "ข้อผิดพลาด"
    suffix = f" [{rule}]" if rule else ""
    errors.print(f"{label}: {message}{suffix}", markup=False, soft_wrap=True)
    return typer.Exit(code=1)


@contextmanager
def opened(*, catch_up: bool = True, folding: bool = True) -> Iterator[Runtime]:
    """The runtime for one command, with views current; errors become one line.
    ``folding=False``: the views are read only (see ``Runtime.open``)."""
    runtime = Runtime.open(folding=folding)
    try:
        if catch_up:
            runtime.projections.catch_up()
        yield runtime
    except TidtamError as error:
        raise fail(error.message(lang()), error.rule) from None
    finally:
        runtime.close()


def business_date(text: str | None) -> date | None:
    """``--on``: ISO (2009-01-31) or Thai (31/01/2552) business date."""
    if text is None:
        return None
    try:
        return parse_date(text)
    except TidtamError as error:
        raise fail(error.message(lang()), error.rule) from None


def instant(text: str | None) -> datetime | None:
    """``--as-of``: an ISO timestamp; without a zone it is Bangkok time; a date means its end."""
    if text is None:
        return None
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=BANGKOK)
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise fail(
            f"'{text}' is not an ISO timestamp such as 2009-02-01T09:00", "instant_format"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=BANGKOK)


def today_in_bangkok() -> date:
    return datetime.now(UTC).astimezone(BANGKOK).date()


def run_guarded(app: typer.Typer) -> None:
    """Run the app; an unexpected crash still ends with one line and a non-zero status."""
    try:
        app()
    except TidtamError as error:  # raised outside a command's own guard
        errors.print(f"{error.message(lang())} [{error.rule}]", markup=False)
        sys.exit(1)
