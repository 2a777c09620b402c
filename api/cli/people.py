"""``tidtam users …``: register users, set passwords, issue and revoke tokens."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.table import Table

from api.auth import hash_password, new_password, new_token
from api.cli.common import console, default_actor, opened
from api.runtime import Runtime

app = typer.Typer(help="Manage the people who use Tidtam.", no_args_is_help=True)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name: lower-case letters, digits, . _ -")],
    role: Annotated[
        list[str], typer.Option("--role", help="staff, manager, auditor, admin or overseer")
    ],
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="Responsible unit (staff)")
    ] = None,
    org: Annotated[
        list[str] | None,
        typer.Option("--org", help="Organisation code the roles hold in (repeat; none: every one)"),
    ] = None,
    display_name: Annotated[str, typer.Option("--name", help="Name shown on pages")] = "",
    email: Annotated[
        str, typer.Option("--email", help="Where digests (managers) and reminders (staff) are sent")
    ] = "",
    password: Annotated[
        str | None, typer.Option("--password", help="Set this password (default: generate one)")
    ] = None,
) -> None:
    """Register a user; prints a generated password once if none was given."""
    secret = password or new_password()
    with opened(catch_up=False) as runtime:
        runtime.directory.register(
            name, roles=tuple(role), units=tuple(unit or ()), organisations=tuple(org or ()),
            display_name=display_name, email=email, password_hash=hash_password(secret),
            actor=default_actor(),
        )  # fmt: skip
        runtime.projections.catch_up()
    where = f" in {', '.join(org)}" if org else ""
    console.print(f"registered {name} ({', '.join(role)}){where}")
    if password is None:
        console.print(f"password (shown once): {secret}")


@app.command("token")
def token(
    name: Annotated[str, typer.Argument()],
    label: Annotated[str, typer.Option("--label")] = "cli",
) -> None:
    """Issue a new API token for a user; it is printed once and never stored in the clear."""
    with opened(catch_up=False) as runtime:
        issued = issue(runtime, name, label)
    console.print(issued)


@app.command("revoke")
def revoke(
    name: Annotated[str, typer.Argument()], token_id: Annotated[str, typer.Argument()]
) -> None:
    """Revoke one of a user's tokens (see `tidtam users list`)."""
    with opened(catch_up=False) as runtime:
        runtime.directory.revoke_token(name, token_id, actor=default_actor())
        runtime.projections.catch_up()
    console.print(f"revoked {token_id}")


@app.command("passwd")
def passwd(name: Annotated[str, typer.Argument()]) -> None:
    """Set a user's password (asked for, not echoed)."""
    secret = getpass.getpass(f"new password for {name}: ")
    with opened(catch_up=False) as runtime:
        runtime.directory.set_password(name, hash_password(secret), actor=default_actor())
        runtime.projections.catch_up()
    console.print("password set")


@app.command("list")
def list_users() -> None:
    """Every user with roles, units and tokens."""
    with opened(catch_up=False) as runtime:
        users = runtime.directory.users()
    table = Table()
    for header in ("user", "name", "roles", "units", "organisations", "tokens", "disabled"):
        table.add_column(header)
    for user in users:
        tokens = ", ".join(
            f"{tid}{' (revoked)' if revoked else ''}"
            for tid, (_, _, revoked) in user.tokens.items()
        )
        table.add_row(user.username, user.display_name, ", ".join(user.roles),
                      ", ".join(user.units), ", ".join(user.organisations) or "*", tokens,
                      "yes" if user.disabled else "")  # fmt: skip
    console.print(table)


def issue(runtime: Runtime, name: str, label: str) -> str:
    secret = new_token()
    runtime.directory.issue_token(
        name, secret.token_id, secret.digest, label=label, actor=default_actor()
    )
    runtime.projections.catch_up()
    return secret.secret
