"""The ``tidtam`` command line (Typer + rich).

Every command opens the runtime the environment names (``TIDTAM_DB``,
``TIDTAM_DATABASE``), brings the views up to date, and exits non-zero with one
line saying what was wrong and which rule it broke. Messages are Thai unless
``TIDTAM_LANG=en``.
"""

from __future__ import annotations

import typer

from api.cli import (  # the command groups
    alerts,
    organisations,
    people,
    plans,
    projector,
    record,
    report,
    serve,
    upkeep,
    verify,
)
from api.cli.common import run_guarded

app = typer.Typer(
    name="tidtam",
    help="ติดตาม (Tidtam): progress tracking for municipal action plans.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
plans.register(app)
upkeep.register(app)
serve.register(app)
projector.register(app)
alerts.register(app)
verify.register(app)
app.add_typer(record.app, name="record")
app.add_typer(people.app, name="users")
app.add_typer(organisations.app, name="orgs")
app.add_typer(report.app, name="report")


def main() -> None:
    """Console-script entry point."""
    run_guarded(app)
