"""``tidtam record …``: what staff and managers record on an activity (or a project).

Each command takes the activity's (or project's) code, ``--on`` (business date, default today
in Bangkok), ``--actor``, ``--note`` and ``--plan``; it prints the events it
appended and the new version.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import typer

from api.cli.common import business_date, console, default_actor, fail, lang, opened
from application.outcome import Outcome, When
from application.tracker import Tracker
from domain.calendar import FiscalYear
from domain.errors import TidtamError
from domain.parsing import parse_baht, parse_month

app = typer.Typer(help="Record work on an activity.", no_args_is_help=True)

Code = Annotated[
    str,
    typer.Argument(
        help="Activity code, e.g. 1.1; where codes repeat across the plan's sections,"
        " the section first: 3.5/1.1 (its innermost level's code) or its path"
    ),
]
On = Annotated[str | None, typer.Option("--on", help="Business date (2009-01-31 or 31/01/2552)")]
Actor = Annotated[str | None, typer.Option("--actor", help="Who records (default: you)")]
Note = Annotated[str, typer.Option("--note", help="A note; for cancel and reschedule, the reason")]
Plan = Annotated[str | None, typer.Option("--plan", help="Plan id, fiscal year or strategy code")]
Version = Annotated[
    int | None, typer.Option("--expect-version", help="Refuse if the activity has moved on")
]
Evidence = Annotated[str | None, typer.Option(help="Photo, document or link")]


def who(actor: str | None, on: str | None, version: int | None = None) -> When:
    """Who records and when, as every tracker command takes them."""
    return {
        "actor": actor or default_actor(),
        "occurred_on": business_date(on),
        "expected_version": version,
    }


def _record(code: str, plan: str | None, act: Callable[[Tracker, UUID], Outcome]) -> None:
    section, _, own = code.rpartition("/")
    with opened(catch_up=False) as runtime:
        found = runtime.tracker.find_activity(runtime.plan(plan).id, own, section or None)
        outcome = act(runtime.tracker, found.id)
        runtime.projections.catch_up()
    _say(code, outcome)


def _say(what: str, outcome: Outcome) -> None:
    done = "recorded" if lang() == "en" else "บันทึกแล้ว"
    console.print(f"{what}: {done} {', '.join(outcome.events)} (version {outcome.version})")


@app.command()
def start(
    code: Code,
    on: On = None,
    actor: Actor = None,
    note: Note = "",
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Record that work on the activity began."""
    w = who(actor, on, expect_version)
    _record(code, plan, lambda t, a: t.start(a, note=note, **w))


@app.command()
def progress(
    code: Code,
    percent: Annotated[int, typer.Argument(help="Percent complete, 0–100")],
    on: On = None,
    actor: Actor = None,
    note: Note = "",
    evidence: Evidence = None,
    reason: Annotated[
        str | None, typer.Option(help="Why a lower figure is right: records a correction")
    ] = None,
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Record progress (a lower figure than before needs --reason: it is a correction,
    as correct-progress records one)."""
    w = who(actor, on, expect_version)
    if reason and reason.strip():
        _record(
            code,
            plan,
            lambda t, a: t.correct_progress(a, percent, reason=reason, evidence=evidence, **w),
        )
    else:
        _record(
            code,
            plan,
            lambda t, a: t.record_progress(a, percent, note=note, evidence=evidence, **w),
        )


@app.command("correct-progress")
def correct_progress(
    code: Code,
    percent: Annotated[int, typer.Argument(help="The right percent complete; it may be lower")],
    note: Annotated[str, typer.Option("--note", "--reason", help="Why (required)")] = "",
    on: On = None,
    actor: Actor = None,
    evidence: Evidence = None,
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Correct a progress figure, with the reason why: the one way progress may fall."""
    w = who(actor, on, expect_version)
    _record(
        code, plan, lambda t, a: t.correct_progress(a, percent, reason=note, evidence=evidence, **w)
    )


@app.command()
def spend(
    code: Code,
    amount: Annotated[str, typer.Argument(help="Baht, e.g. 12,500.50")],
    ref: Annotated[str, typer.Option("--ref", help="Voucher or document number")] = "",
    commitment: Annotated[
        int, typer.Option("--commitment", min=0, help="Pays against commitment N (0: none)")
    ] = 0,
    on: On = None,
    actor: Actor = None,
    note: Note = "",
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Record an expenditure against the activity's allocation (and a commitment)."""
    baht, w = _amount(amount), who(actor, on, expect_version)
    _record(code, plan, lambda t, a: t.record_expenditure(
        a, baht, reference=ref, note=note, commitment=commitment, **w
    ))  # fmt: skip


@app.command()
def commit(
    code: Code,
    amount: Annotated[str, typer.Argument(help="Baht, e.g. 60,000")],
    number: Annotated[str, typer.Option("--number", help="Contract or purchase order number")],
    on: On = None,
    actor: Actor = None,
    note: Note = "",
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Record a contract or purchase order committing part of the allocation (ก่อหนี้ผูกพัน)."""
    baht, w = _amount(amount), who(actor, on, expect_version)
    _record(code, plan, lambda t, a: t.record_commitment(a, baht, number=number, note=note, **w))


@app.command("correct-start")
def correct_start(
    code: Code,
    on: Annotated[str, typer.Option("--on", help="The day work truly began (required)")],
    note: Annotated[str, typer.Option("--note", help="Why (required)")] = "",
    actor: Actor = None,
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Correct the day work on the activity began, with the reason why."""
    w = who(actor, on, expect_version)
    _record(code, plan, lambda t, a: t.correct_start(a, reason=note, **w))


@app.command("correct-completion")
def correct_completion(
    code: Code,
    on: Annotated[str, typer.Option("--on", help="The day the activity was truly finished")],
    note: Annotated[str, typer.Option("--note", help="Why (required)")] = "",
    actor: Actor = None,
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Correct the day the activity was finished, with the reason why."""
    w = who(actor, on, expect_version)
    _record(code, plan, lambda t, a: t.correct_completion(a, reason=note, **w))


@app.command("correct-spend")
def correct_spend(
    code: Code,
    entry: Annotated[int, typer.Argument(help="Expenditure entry number (see history)")],
    amount: Annotated[str, typer.Argument(help="The correct amount (0 voids the entry)")],
    note: Annotated[str, typer.Option("--note", help="Why (required)")] = "",
    on: On = None,
    actor: Actor = None,
    plan: Plan = None,
) -> None:
    """Correct an expenditure entry's amount, with the reason why."""
    baht, w = _amount(amount), who(actor, on)
    _record(code, plan, lambda t, a: t.correct_expenditure(a, entry, baht, **w, reason=note))


@app.command("step-done")
def step_done(
    code: Code,
    step: Annotated[int, typer.Argument(help="Step number")],
    on: On = None,
    actor: Actor = None,
    note: Note = "",
    plan: Plan = None,
) -> None:
    """Record that one numbered step was done."""
    w = who(actor, on)
    _record(code, plan, lambda t, a: t.complete_step(a, step, **w, note=note))


@app.command()
def complete(
    code: Code, on: On = None, actor: Actor = None, note: Note = "", plan: Plan = None
) -> None:
    """Complete the activity (every step done, or --note saying why not)."""
    w = who(actor, on)
    _record(code, plan, lambda t, a: t.complete(a, **w, note=note))


@app.command()
def cancel(
    code: Code, note: Note = "", on: On = None, actor: Actor = None, plan: Plan = None
) -> None:
    """Cancel the activity; --note gives the reason (required)."""
    w = who(actor, on)
    _record(code, plan, lambda t, a: t.cancel(a, **w, reason=note))


@app.command()
def reopen(
    code: Code, note: Note = "", on: On = None, actor: Actor = None, plan: Plan = None
) -> None:
    """Withdraw a completion or cancellation recorded in error; --note says why."""
    w = who(actor, on)
    _record(code, plan, lambda t, a: t.reopen(a, **w, reason=note))


@app.command()
def reschedule(
    code: Code,
    months: Annotated[list[str], typer.Argument(help="New months: ม.ค. 2552, ก.พ., 2009-03 …")],
    step: Annotated[int | None, typer.Option("--step", help="Reschedule only this step")] = None,
    note: Note = "",
    on: On = None,
    actor: Actor = None,
    plan: Plan = None,
) -> None:
    """Move the activity (or one step) to other months; --note gives the reason."""
    w = who(actor, on)
    with opened() as runtime:
        fiscal_year = FiscalYear(runtime.plan(plan).fiscal_year)
        parsed = tuple(parse_month(m, fiscal_year) for m in months)
    _record(code, plan, lambda t, a: t.reschedule(a, parsed, **w, step=step, reason=note))


@app.command("revise-budget")
def revise_budget(
    code: Code,
    amount: Annotated[str, typer.Argument(help="The new allocation in baht")],
    note: Note = "",
    on: On = None,
    actor: Actor = None,
    plan: Plan = None,
) -> None:
    """Change the activity's allocation; --note gives the reason."""
    baht, w = _amount(amount), who(actor, on)
    _record(code, plan, lambda t, a: t.revise_budget(a, baht, **w, reason=note))


def _amount(text: str) -> Decimal:
    try:
        return parse_baht(text)
    except TidtamError as error:
        raise fail(error.message(lang()), error.rule) from None


ProjectCode = Annotated[str, typer.Argument(help="Project code, e.g. 3")]
ProjectVersion = Annotated[
    int | None, typer.Option("--expect-version", help="Refuse if the project has moved on")
]


def _record_project(
    code: str, plan: str | None, act: Callable[[Tracker, UUID, str], Outcome]
) -> None:
    with opened(catch_up=False) as runtime:
        outcome = act(runtime.tracker, runtime.plan(plan).id, code)
        runtime.projections.catch_up()
    _say(f"{'project' if lang() == 'en' else 'โครงการ'} {code}", outcome)


@app.command("revise-project-budget")
def revise_project_budget(
    code: ProjectCode,
    amount: Annotated[str, typer.Argument(help="The project's new budget in baht")],
    note: Note = "",
    on: On = None,
    actor: Actor = None,
    plan: Plan = None,
    expect_version: ProjectVersion = None,
) -> None:
    """Change a project's budget; --note gives the reason. It must still cover what its
    activities are allocated."""
    baht, w = _amount(amount), who(actor, on, expect_version)
    _record_project(
        code, plan, lambda t, p, c: t.revise_project_budget(p, c, baht, reason=note, **w)
    )


@app.command("cancel-project")
def cancel_project(
    code: ProjectCode,
    note: Note = "",
    on: On = None,
    actor: Actor = None,
    plan: Plan = None,
    expect_version: ProjectVersion = None,
) -> None:
    """Cancel a whole project; --note gives the reason. Its activities raise no more alerts."""
    w = who(actor, on, expect_version)
    _record_project(code, plan, lambda t, p, c: t.cancel_project(p, c, reason=note, **w))


@app.command("transfer")
def transfer(
    source: Annotated[
        str, typer.Argument(help="The activity (or, with --projects, project) giving")
    ],
    target: Annotated[str, typer.Argument(help="The one taking")],
    amount: Annotated[str, typer.Argument(help="Baht, e.g. 20,000")],
    note: Note = "",
    projects: Annotated[bool, typer.Option("--projects", help="Between projects")] = False,
    on: On = None,
    actor: Actor = None,
    plan: Plan = None,
) -> None:
    """Transfer budget (โอนงบประมาณ) between two activities or two projects; --note gives
    the reason. Both sides move in one transaction, each still covered, or neither."""
    baht, w = _amount(amount), who(actor, on, None)
    kind = "project" if projects else "activity"
    _record_project(
        source, plan,
        lambda t, p, c: t.transfer_budget(p, kind, c, target, baht, reason=note, **w),
    )  # fmt: skip


@app.command("output")
def output(
    code: Code,
    quantity: Annotated[str, typer.Argument(help="How many, e.g. 3")],
    unit: Annotated[str, typer.Argument(help="Of what: ครั้ง, ป้าย, แห่ง, …")],
    note: Annotated[str, typer.Option("--note", "--reason", help="Why, when changing")] = "",
    on: On = None,
    actor: Actor = None,
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Set the activity's planned output (managers); a change of a set one needs --note."""
    w = who(actor, on, expect_version)
    _record(code, plan, lambda t, a: t.plan_output(a, quantity, unit, reason=note or None, **w))


@app.command("deliver")
def deliver(
    code: Code,
    quantity: Annotated[str, typer.Argument(help="How many were delivered, e.g. 1")],
    on: On = None,
    actor: Actor = None,
    note: Note = "",
    evidence: Evidence = None,
    plan: Plan = None,
    expect_version: Version = None,
) -> None:
    """Record a delivery of the activity's planned output (the second meeting held)."""
    w = who(actor, on, expect_version)
    _record(code, plan, lambda t, a: t.deliver_output(
        a, quantity, note=note, evidence=evidence or "", **w
    ))  # fmt: skip
