"""``tidtam orgs …``: the organisations (tenants) one Tidtam serves."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import console, default_actor, opened

app = typer.Typer(
    help="Manage the organisations (tenants) this Tidtam serves.", no_args_is_help=True
)


@app.command("add")
def add(
    code: Annotated[
        str, typer.Argument(help="Short code: lower-case letters, digits, - (never changes)")
    ],
    name: Annotated[str, typer.Option("--name", help="Its name as its plan documents give it")],
    province: Annotated[str, typer.Option("--province", help="Its province (จังหวัด)")] = "",
) -> None:
    """Register an organisation; its plans are imported with ``--org CODE``."""
    with opened(catch_up=False) as runtime:
        runtime.directory.register_organisation(
            code, name=name, province=province, actor=default_actor()
        )
        runtime.projections.catch_up()
    console.print(f"registered {code}: {name}")


@app.command("list")
def list_organisations() -> None:
    """Every organisation, by code."""
    with opened(catch_up=False) as runtime:
        found = runtime.directory.organisations()
    table = Table()
    for header in ("code", "name", "province"):
        table.add_column(header)
    for organisation in found:
        table.add_row(organisation.code, organisation.name, organisation.province)
    console.print(table)
