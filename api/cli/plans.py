"""Commands about whole plans: import, plan, plan-vs-actual, compare, history."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from pydantic import BaseModel
from rich.table import Table

from api.cli.common import (
    business_date,
    console,
    default_actor,
    fail,
    instant,
    lang,
    opened,
    today_in_bangkok,
)
from api.cli.render import editions_table, plan_grid_table, plan_vs_actual_table
from domain.calendar import Month, thai_date
from domain.clock import BANGKOK
from domain.draft import PlanDraft
from domain.errors import TidtamError
from domain.money import format_baht
from domain.plan_import import ImportReport
from domain.plan_table import read_plan
from domain.recorded import Recorded
from domain.words import STATUSES
from projections.audit_view import event_payload
from projections.compare import compare, comparison_resource
from projections.edition_compare import compare_editions
from projections.editions import (
    EDITION_PATTERN,
    Edition,
    edition_banner,
    edition_of,
    parse_edition,
)
from projections.plan_grid import plan_grid
from projections.queries import PlanSnapshot
from projections.resources import plan_resource, plan_vs_actual_resource

_FILE_HELP = "Action plan table: .xlsx, .xls, .ods, .csv or tab-separated .txt/.tsv"

PlanOption = Annotated[
    str | None, typer.Option("--plan", help="Plan id, fiscal year or strategy code (e.g. 3.5)")
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Show the plan as known at this instant (ISO)")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]
AsAdoptedOption = Annotated[
    bool, typer.Option("--as-adopted", help="The plan as adopted, before any revision")
]
RevisionOption = Annotated[
    int | None, typer.Option("--revision", min=1, help="The plan as of revision N")
]


def register(app: typer.Typer) -> None:
    app.command("import")(import_plan)
    app.command("plan")(show_plan)
    app.command("plan-vs-actual")(show_plan_vs_actual)
    app.command("compare")(show_compare)
    app.command("editions")(show_editions)
    app.command("history")(show_history)


def import_plan(
    file: Annotated[Path, typer.Argument(help=_FILE_HELP)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be created")] = False,
    actor: Annotated[str | None, typer.Option("--actor")] = None,
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", help="The organisation's name, where the document lacks it"),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="Import into this organisation (its code; see tidtam orgs)"),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Business date the plan (or the revision) took effect"),
    ] = None,
    revision: Annotated[
        str | None,
        typer.Option("--revision", help="Record the document as this revision, with --on"),
    ] = None,
) -> None:
    """Import an action plan document (atomic and idempotent); with --revision, record
    how it differs from the plan as that revision."""
    if not file.is_file():
        raise fail(f"{file}: no such file", "file_not_found")
    if revision is not None and on is None:
        raise fail(
            "การแก้ไขแผนต้องระบุวันที่ด้วย --on (a revision needs its date: --on)",
            "revision_needs_date",
        )
    occurred_on = business_date(on)
    with opened() as runtime:
        draft = read_plan(file.read_bytes(), file.name, organisation=organisation)
        report = runtime.tracker.import_plan(
            draft,
            actor=actor or default_actor(),
            occurred_on=occurred_on,
            dry_run=dry_run,
            revision=revision,
            organisation=runtime.directory.import_tenant(org, None),
        )
        runtime.projections.catch_up()
    _print_report(draft, report)


def _print_report(draft: PlanDraft, report: ImportReport) -> None:
    """What an import appended (or would), in Thai: projects and activities added, and
    how the document differs from the plan it revises."""
    head = "ทดลองนำเข้า (ไม่บันทึก)" if report.dry_run else "นำเข้า"
    if report.revision_number is not None:
        head += f" การแก้ไขครั้งที่ {report.revision_number}: {report.revision}"
    if report.unchanged:
        console.print(
            f"{' · '.join(s.path for s in draft.sections)} ปีงบประมาณ {draft.fiscal_year.be}:"
            " นำเข้าไว้แล้ว ไม่มีอะไรเปลี่ยน (unchanged)"
        )
        return
    console.print(
        f"{head} {draft.organisation} ปีงบประมาณ {draft.fiscal_year.be}"
        f" · {' · '.join(s.path for s in draft.sections)}"
        f" · งบประมาณรวม {format_baht(draft.total_budget)} บาท"
    )
    codes = set(report.activities_added)
    for project in draft.projects:
        mark = "+" if project.code in report.projects_added else " "
        console.print(
            f" {mark} โครงการ {project.code} {project.name} ({format_baht(project.budget)})"
        )
        for activity in project.activities:
            if activity.code in codes:
                months = ", ".join(m.thai() for m in activity.planned_months)
                console.print(f"   + {activity.code} {format_baht(activity.budget)} บาท · {months}")
    for change in report.changes:
        console.print(f" ~ {change.words.in_(lang())}")
    console.print(f"events {'to append' if report.dry_run else 'appended'}: {report.events}")


def show_plan(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    as_adopted: AsAdoptedOption = False,
    revision: RevisionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a plan as its source table: Thai months, BE years, planned cells marked;
    as it stands, as adopted, or as of a revision."""
    moment = instant(as_of)
    with opened() as runtime:
        snapshot, on, banner = _snapshot(
            runtime, plan, moment, chosen_edition(as_adopted, revision)
        )
        if as_json:
            _print_json(plan_resource(snapshot, on))
        else:
            console.print(plan_grid_table(plan_grid(snapshot, on), banner=banner))


def show_plan_vs_actual(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    on: Annotated[str | None, typer.Option("--on", help="Business date to assess on")] = None,
    as_adopted: AsAdoptedOption = False,
    revision: RevisionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Plan versus actual: status, expected and recorded progress, budget, month grid."""
    moment = instant(as_of)
    day = business_date(on)
    with opened() as runtime:
        snapshot, known_on, _ = _snapshot(
            runtime, plan, moment, chosen_edition(as_adopted, revision)
        )
        when = day or known_on
        if as_json:
            _print_json(plan_vs_actual_resource(snapshot, when))
        else:
            console.print(plan_vs_actual_table(snapshot.versus_actual(when)))


def show_compare(
    t1: Annotated[str, typer.Argument(help="Earlier instant (ISO)")],
    t2: Annotated[str, typer.Argument(help="Later instant (ISO)")],
    plan: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """What changed between two instants: added, rescheduled, progress, spending, status."""
    first, second = instant(t1), instant(t2)
    assert first is not None and second is not None
    with opened() as runtime:
        facts = runtime.plan(plan)
        after = runtime.reader.snapshot_as_of(facts.id, second)
        try:
            before: PlanSnapshot | None = runtime.reader.snapshot_as_of(facts.id, first)
        except TidtamError:
            before = None  # the plan did not exist yet at t1: everything is added
        changes = compare(before, after, first, second)
    if as_json:
        _print_json(comparison_resource(changes, first, second, after))
        return
    table = Table(title=f"การเปลี่ยนแปลง {first.isoformat()} → {second.isoformat()}")
    for header in ("กิจกรรม", "เรื่อง", "เดิม", "ใหม่"):
        table.add_column(header)
    for change in changes:
        table.add_row(
            f"{change.code} {change.name}",
            change.what,
            _changed(change.what, change.before),
            _changed(change.what, change.after),
        )
    console.print(table if changes else "ไม่มีการเปลี่ยนแปลง (no changes)")


def show_editions(
    first: Annotated[str, typer.Argument(help="adopted, revision-N or current")],
    second: Annotated[str, typer.Argument(help="adopted, revision-N or current")],
    plan: PlanOption = None,
    on: Annotated[str | None, typer.Option("--on", help="Business date of the actual")] = None,
    as_json: JsonOption = False,
) -> None:
    """Two editions of the plan side by side, beside the actual as it stands."""
    chosen = []
    for label in (first, second):
        if not re.fullmatch(EDITION_PATTERN, label):
            raise fail(
                f"'{label}': เขียน adopted, revision-N หรือ current"
                " (write adopted, revision-N or current)",
                "edition_format",
            )
        chosen.append(parse_edition(label))
    with opened() as runtime:
        snapshot = runtime.reader.snapshot(runtime.plan(plan).id)
        result = compare_editions(
            snapshot, chosen[0], chosen[1], business_date(on) or today_in_bangkok()
        )
    if as_json:
        _print_json(result)
        return
    console.print(editions_table(result))


def show_history(
    code: Annotated[str, typer.Argument(help="Activity code, e.g. 1.1")],
    plan: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every event of an activity: who, business date, recording time."""
    with opened() as runtime:
        activity_id = runtime.activity_id(runtime.plan(plan), code)
        events = [cast(Recorded, e) for e in runtime.tracker.history(activity_id)]
    rows: list[dict[str, Any]] = [
        {
            "version": e.originator_version,
            "event": type(e).__name__,
            "actor": getattr(e, "actor", ""),
            "occurred_on": e.occurred_on.isoformat(),
            "recorded_at": e.timestamp.astimezone(UTC).isoformat(),
            "details": event_payload(e),
        }
        for e in events
    ]
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"ประวัติกิจกรรม {code}")
    for header in ("#", "เหตุการณ์", "ผู้บันทึก", "วันที่ดำเนินการ", "บันทึกเมื่อ (เวลาไทย)", "รายละเอียด"):
        table.add_column(header)
    for row, event in zip(rows, events, strict=True):
        recorded = event.timestamp.astimezone(BANGKOK)
        table.add_row(
            str(row["version"]),
            row["event"],
            row["actor"],
            thai_date(event.occurred_on) if lang() == "th" else row["occurred_on"],
            f"{thai_date(recorded.date())} {recorded:%H:%M}",
            _brief(row["details"]),
        )
    console.print(table)


def chosen_edition(as_adopted: bool, revision: int | None) -> Edition:
    """The edition ``--as-adopted`` or ``--revision N`` asks for; both at once is refused."""
    if as_adopted and revision is not None:
        raise fail(
            "เลือก --as-adopted หรือ --revision อย่างใดอย่างหนึ่ง (choose one)", "edition_chosen_twice"
        )
    return 0 if as_adopted else revision


def _snapshot(
    runtime: Any, selector: str | None, moment: datetime | None, edition: Edition = None
) -> tuple[PlanSnapshot, Any, str]:
    facts = runtime.plan(selector)
    if moment is None:
        snapshot, on, banner = runtime.reader.snapshot(facts.id), today_in_bangkok(), ""
    else:
        on = moment.astimezone(BANGKOK).date()
        banner = f"ข้อมูลตามที่ทราบ ณ {moment.astimezone(BANGKOK):%Y-%m-%d %H:%M} (as of)"
        snapshot = runtime.reader.snapshot_as_of(facts.id, moment)
    snapshot = edition_of(snapshot, edition)
    if edition is not None:
        banner = " · ".join(b for b in (banner, edition_banner(snapshot)) if b)
    return snapshot, on, banner


def _changed(what: str, value: Any) -> str:
    """One side of a change as people read it: a status in its words (``domain.words``)."""
    if what == "status":
        return STATUSES[value].in_(lang())
    return str(value)


def _brief(details: dict[str, Any]) -> str:
    skip = {"plan_id", "project_id", "steps", "details", "area"}
    return ", ".join(
        f"{k}={_for_people(v)}" for k, v in details.items() if k not in skip and v not in ("", None)
    )[:80]


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")


def _for_people(value: Any) -> Any:
    """Dates and months in the details as a person reads them (Buddhist era in Thai)."""
    if lang() != "th":
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return thai_date(date.fromisoformat(value))
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, str) and _ISO_MONTH.fullmatch(v) for v in value)
    ):
        return " ".join(Month.from_iso(v).thai() for v in value)
    return value


def _print_json(data: Any) -> None:
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json", by_alias=True)
    print(json.dumps(data, ensure_ascii=False, indent=2))
