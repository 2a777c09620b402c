"""The ``tidtam`` command line, end to end on a real SQLite file.

Commands run in-process through Typer's runner with ``TIDTAM_DB`` pointing at a
fresh file; the store is then opened independently to check what was appended.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from api.cli.main import app
from api.web.reports.pdf import pdf_available
from application.tracker import Tracker
from storage.store import Store
from tests.example_table import EXAMPLE_TABLE, activities_of, assert_reads_as_the_table
from tests.pdf_reading import pdf_text, readable
from tests.unit.test_plan_table_malformed import CASES, Case


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "var" / "tidtam.db"
    monkeypatch.setenv("TIDTAM_DB", str(path))
    monkeypatch.setenv("TIDTAM_ACTOR", "tester")
    monkeypatch.delenv("TIDTAM_DATABASE", raising=False)
    monkeypatch.delenv("TIDTAM_LANG", raising=False)
    return path


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def run(cli: CliRunner, *args: str) -> Any:
    return cli.invoke(app, list(args), catch_exceptions=False)


def event_count(db: Path) -> int:
    tracker = Tracker(Store.sqlite(db))
    try:
        return tracker.recorder.max_notification_id() or 0
    finally:
        tracker.close()


def test_import_shows_what_it_appends_and_the_plan_comes_back_as_json(
    cli: CliRunner, db: Path
) -> None:
    result = run(cli, "import", str(EXAMPLE_TABLE))
    assert result.exit_code == 0, result.output
    assert "เทศบาลเมืองทุ่งสง" in result.output and "458,000" in result.output
    plan = json.loads(run(cli, "plan", "--json").output)
    assert_reads_as_the_table(plan)
    assert plan["strategy"] == "ยุทธศาสตร์ที่ 5 › 5.1 › แนวทางที่ 3 › 3.5"
    projects = {p["code"]: p for p in plan["projects"]}
    assert {c: p["budget"] for c, p in projects.items()} == {
        "1": "130000.00",
        "2": "150000.00",
        "3": "178000.00",
    }
    activities = activities_of(plan)
    steps = [(s["number"], s["planned_months"]) for s in activities["1.1"]["steps"]]
    assert steps == [(1, ["2009-01"]), (2, ["2009-01"]), (3, ["2009-01"]), (4, ["2009-03"])]
    assert [s["planned_months"] for s in activities["3"]["steps"]] == [["2008-11"], ["2009-01"]]
    assert {a["area"] for a in activities.values()} == {"เทศบาลเมืองทุ่งสง"}
    assert {a["status"] for a in activities.values()} == {"planned"}
    assert all(a["version"] == 2 for a in activities.values())


def test_the_grid_shows_thai_months_be_years_and_planned_cells(cli: CliRunner, db: Path) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    grid = run(cli, "plan").output
    for text in ("ปีงบประมาณ พ.ศ. 2552", "ต.ค.", "ก.ย.", "↔", "458,000", "130,000", "178,000"):
        assert text in grid


def test_importing_twice_and_dry_runs_append_nothing(cli: CliRunner, db: Path) -> None:
    dry = run(cli, "import", str(EXAMPLE_TABLE), "--dry-run")
    assert dry.exit_code == 0 and "events to append: 19" in dry.output
    assert event_count(db) == 0
    run(cli, "import", str(EXAMPLE_TABLE))
    again = run(cli, "import", str(EXAMPLE_TABLE))
    assert again.exit_code == 0 and "unchanged" in again.output
    assert event_count(db) == 19


def test_recording_and_history(cli: CliRunner, db: Path) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    assert run(cli, "record", "start", "1.1", "--on", "12/01/2552").exit_code == 0
    assert run(cli, "record", "step-done", "1.1", "1", "--on", "2009-01-14").exit_code == 0
    done = run(cli, "record", "progress", "1.1", "40", "--on", "2009-01-20", "--note", "ประชุมแล้ว")
    assert "ProgressRecorded (version 5)" in done.output
    assert (
        run(
            cli, "record", "spend", "1.1", "12,500.50", "--ref", "ฎ.3/52", "--on", "2009-01-21"
        ).exit_code
        == 0
    )
    assert run(cli, "record", "reschedule", "2.2", "มี.ค.", "--note", "รอวิทยากร").exit_code == 0
    assert run(cli, "record", "cancel", "1.2", "--note", "ไม่ได้รับงบ").exit_code == 0
    history = json.loads(run(cli, "history", "1.1", "--json").output)
    assert [h["event"] for h in history] == [
        "ActivityPlanned",
        "BudgetAllocated",
        "ActivityStarted",
        "StepCompleted",
        "ProgressRecorded",
        "ExpenditureRecorded",
    ]
    assert history[2]["occurred_on"] == "2009-01-12" and history[2]["actor"] == "tester"
    assert history[5]["details"]["amount"] == "12500.50"
    plan = json.loads(run(cli, "plan", "--json").output)
    activities = {a["code"]: a for p in plan["projects"] for a in p["activities"]}
    assert activities["2.2"]["planned_months"] == ["2009-03"]
    assert activities["1.2"]["status"] == "cancelled"
    assert activities["1.1"]["spent"] == "12500.50"


def test_a_start_is_corrected_and_the_history_reads_in_thai(cli: CliRunner, db: Path) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    assert run(cli, "record", "start", "1.1", "--on", "12/01/2552").exit_code == 0
    fixed = run(cli, "record", "correct-start", "1.1", "--on", "08/01/2552", "--note", "ลงผิดวัน")
    assert "StartCorrected (version 4)" in fixed.output
    again = run(cli, "record", "correct-start", "1.1", "--on", "2009-01-08", "--note", "x")
    assert again.exit_code == 1 and "[no_change]" in again.output
    history = json.loads(run(cli, "history", "1.1", "--json").output)
    assert history[-1]["details"] == {"previous_start": "2009-01-12", "reason": "ลงผิดวัน"}
    assert history[-1]["occurred_on"] == "2009-01-08"
    table = run(cli, "history", "1.1").output
    assert "previous_start=12 ม.ค. 2552" in table


def test_progress_is_corrected_on_its_own_or_with_a_reason(cli: CliRunner, db: Path) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    assert run(cli, "record", "progress", "1.1", "60", "--on", "2009-01-20").exit_code == 0
    lower = run(cli, "record", "progress", "1.1", "40", "--on", "2009-01-21")
    assert lower.exit_code == 1 and "[lower_percent_needs_reason]" in lower.output
    fixed = run(
        cli, "record", "correct-progress", "1.1", "40", "--on", "2009-01-21",
        "--note", "นับซ้ำ", "--evidence", "บันทึก 12/52",
    )  # fmt: skip
    assert "ProgressCorrected (version 5)" in fixed.output, fixed.output
    why = run(cli, "record", "correct-progress", "1.1", "30", "--on", "2009-01-21")
    assert why.exit_code == 1 and "[reason_required]" in why.output
    old_way = run(cli, "record", "progress", "1.1", "30", "--on", "2009-01-22", "--reason", "ซ้ำ")
    assert "ProgressCorrected (version 6)" in old_way.output, old_way.output
    history = json.loads(run(cli, "history", "1.1", "--json").output)
    assert [h["details"] for h in history[-2:]] == [
        {"percent": 40, "reason": "นับซ้ำ", "evidence": "บันทึก 12/52"},
        {"percent": 30, "reason": "ซ้ำ", "evidence": None},
    ]


def test_a_completion_is_corrected_from_the_command_line(cli: CliRunner, db: Path) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    assert run(cli, "record", "start", "1.2", "--on", "02/03/2552").exit_code == 0
    assert run(cli, "record", "complete", "1.2", "--on", "27/03/2552").exit_code == 0
    fixed = run(
        cli, "record", "correct-completion", "1.2", "--on", "10/04/2552", "--note", "ส่งมอบช้า"
    )
    assert "CompletionCorrected (version 5)" in fixed.output, fixed.output
    early = run(cli, "record", "correct-completion", "1.2", "--on", "2009-03-01", "--note", "x")
    assert early.exit_code == 1 and "[completion_before_start]" in early.output
    history = json.loads(run(cli, "history", "1.2", "--json").output)
    assert history[-1]["details"] == {"previous_completion": "2009-03-27", "reason": "ส่งมอบช้า"}
    assert "previous_completion=27 มี.ค. 2552" in run(cli, "history", "1.2").output


def test_managers_revise_and_cancel_projects_from_the_command_line(
    cli: CliRunner, db: Path
) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))  # project 1: planned, then one reservation per activity
    revised = run(
        cli, "record", "revise-project-budget", "1", "150,000", "--note", "โอนงบ",
        "--expect-version", "3",
    )  # fmt: skip
    assert "ProjectBudgetRevised (version 4)" in revised.output, revised.output
    stale = run(
        cli, "record", "revise-project-budget", "1", "160000", "--note", "x",
        "--expect-version", "3",
    )  # fmt: skip
    assert stale.exit_code == 1 and "[version_conflict]" in stale.output
    low = run(cli, "record", "revise-project-budget", "1", "1000", "--note", "ตัด")
    assert low.exit_code == 1 and "[project_budget_covers_allocations]" in low.output
    cancelled = run(cli, "record", "cancel-project", "2", "--note", "งบประมาณถูกตัด")
    assert "ProjectCancelled" in cancelled.output
    plan = json.loads(run(cli, "plan", "--json").output)
    assert {p["code"]: p["budget"] for p in plan["projects"]}["1"] == "150000.00"


@pytest.mark.parametrize(
    ("args", "rule"),
    [
        (("record", "progress", "1.1", "140"), "percent_in_range"),
        (("record", "spend", "1.1", "30,000.001"), "money_format"),
        (("record", "spend", "1.1", "40,000"), "spent_within_allocation"),
        (("record", "start", "9.9"), "activity_not_found"),
        (("record", "start", "1.1", "--on", "2008-09-30"), "business_date_in_fiscal_year"),
        (("record", "start", "1.1", "--on", "31/02/2552"), "date_format"),
        (("record", "cancel", "1.1"), "reason_required"),
        (("record", "complete", "1.1"), "steps_done_before_completion"),
        (
            ("record", "reschedule", "1.1", "ต.ค. 2552", "--note", "x"),
            "planned_month_in_fiscal_year",
        ),
        (
            ("record", "revise-budget", "1.1", "31,000", "--note", "x"),
            "allocation_within_project_budget",
        ),
        (("plan", "--plan", "2560"), "plan_not_found"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line_naming_the_rule(
    cli: CliRunner, db: Path, args: tuple[str, ...], rule: str
) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    before = event_count(db)
    result = run(cli, *args)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith(f"[{rule}]"), result.stderr
    assert event_count(db) == before


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_malformed_file_is_refused_with_its_place_and_appends_nothing(
    cli: CliRunner, db: Path, tmp_path: Path, case: Case
) -> None:
    path = tmp_path / case.filename
    path.write_bytes(case.data())
    result = run(cli, "import", str(path))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert case.filename in lines[0] and lines[0].endswith(f"[{case.rule}]")
    if case.row is not None:
        assert f"แถวที่ {case.row}" in lines[0]
    assert event_count(db) == 0


def test_english_messages_on_request(
    cli: CliRunner, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    monkeypatch.setenv("TIDTAM_LANG", "en")
    result = run(cli, "record", "progress", "1.1", "140")
    assert "progress must be a percentage from 0 to 100, got 140" in result.stderr


def test_setup_loads_the_example_year_once(cli: CliRunner, db: Path) -> None:
    first = run(cli, "setup")
    assert "32 commands (1 refused)" in first.output
    assert event_count(db) == 49
    assert "nothing loaded" in run(cli, "setup").output
    assert event_count(db) == 49
    status = run(cli, "projections", "status").output
    assert "plan" in status and "audit" in status and "49" in status
    assert run(cli, "projections", "rebuild").exit_code == 0
    report = json.loads(run(cli, "plan-vs-actual", "--on", "2009-09-30", "--json").output)
    assert report["total"]["spent"] == "367000.00"


def test_flags_are_listed_with_their_periods_in_thai_months(cli: CliRunner, db: Path) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    scanned = run(cli, "overdue", "scan", "--date", "2009-09-30")
    assert scanned.exit_code == 0, scanned.output
    listed = run(cli, "overdue", "list").output
    assert "เกินกำหนด" in listed and re.search(r"(?:[ก-ฮ]{1,2}\.){2} 255[12]", listed)
    assert not re.search(r"\b200\d-\d\d\b", listed)  # no CE year-month left


def test_compare_names_a_status_change_in_its_words(cli: CliRunner, db: Path) -> None:
    run(cli, "import", str(EXAMPLE_TABLE))
    before = datetime.now(UTC).isoformat()
    assert run(cli, "record", "cancel", "1.2", "--note", "ไม่ได้รับงบ").exit_code == 0
    shown = run(cli, "compare", before, datetime.now(UTC).isoformat()).output
    assert "เกินกำหนด" in shown and "ยกเลิก" in shown  # the example year is long overdue
    assert "overdue" not in shown and "cancelled" not in shown


def test_report_summary_writes_the_document_and_the_workbook(
    cli: CliRunner, db: Path, tmp_path: Path
) -> None:
    run(cli, "setup")
    sheet_path, page_path = tmp_path / "pd01.xlsx", tmp_path / "pd01.html"
    assert run(cli, "report", "summary", "-o", str(sheet_path), "--on", "2009-03-31").exit_code == 0
    sheet = load_workbook(sheet_path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[4][0] == "ข้อมูล ณ วันที่ 31 มี.ค. 2552"
    assert rows[6][1:5] == (3, 100, 458000, 100)
    run(cli, "report", "summary", "-o", str(page_path), "--as-of", "2009-01-01T00:00+07:00")
    html = page_path.read_text(encoding="utf-8")
    assert "ข้อมูล ณ วันที่ 1 ม.ค. 2552" in html and "458,000" in html
    if pdf_available():
        pdf_path = tmp_path / "pd01.pdf"
        assert run(cli, "report", "summary", "-o", str(pdf_path)).exit_code == 0
        assert readable("บัญชีสรุปจำนวนโครงการและงบประมาณ") in pdf_text(pdf_path.read_bytes())
    refused = run(cli, "report", "summary", "-o", str(tmp_path / "pd01.doc"))
    assert refused.exit_code != 0 and "[report_format_unknown]" in refused.output
    assert not (tmp_path / "pd01.doc").exists()


def test_report_monitoring_writes_the_round(cli: CliRunner, db: Path, tmp_path: Path) -> None:
    run(cli, "setup")
    path = tmp_path / "half.xlsx"
    written = run(cli, "report", "monitoring", "--period", "half", "-o", str(path))
    assert written.exit_code == 0, written.output
    book = load_workbook(path)
    money = [row for row in book["สรุป"].iter_rows(values_only=True) if row and row[0] == "รวม"]
    assert money[-1][1:8] == (458000, 458000, 0, 303500, 303500, 154500, 66.27)
    unknown = run(cli, "report", "monitoring", "--period", "q5", "-o", str(path))
    assert unknown.exit_code != 0


def test_report_plan_table_imports_back_as_the_same_plan(
    cli: CliRunner, db: Path, tmp_path: Path
) -> None:
    run(cli, "setup")
    adopted, standing = tmp_path / "adopted.xlsx", tmp_path / "standing.xlsx"
    assert run(cli, "report", "plan-table", "-o", str(adopted), "--as-adopted").exit_code == 0
    assert run(cli, "report", "plan-table", "-o", str(standing), "--actual").exit_code == 0
    assert load_workbook(standing).sheetnames == ["ผด.02", "ผลการดำเนินงาน", "ที่มา"]
    before = event_count(db)
    again = run(cli, "import", str(adopted))
    assert again.exit_code == 0, again.output
    assert event_count(db) == before  # the plan as adopted: nothing to record
    # As it stands it holds the manager's move of 2.1 to August, which no document has:
    # importing it is a revision to name, never a silent change.
    moved = run(cli, "import", str(standing))
    assert moved.exit_code == 1 and "[plan_differs]" in moved.output
    assert "ก.ค. 2552 → ก.พ. 2552, เม.ย. 2552, ส.ค. 2552" in moved.output
    assert event_count(db) == before


def test_report_file_and_verify(
    cli: CliRunner, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(cli, "setup")
    monkeypatch.setenv("TIDTAM_ACTOR", "manee")
    filed = run(cli, "report", "file", "monitoring", "--period", "half")
    assert filed.exit_code == 0, filed.output
    assert "ยื่นรายงานฉบับที่ 1 แล้ว (filing 1)" in filed.output
    xlsx_digest = next(
        line.split()[1] for line in filed.output.splitlines() if line.startswith("xlsx")
    )
    kept = db.parent / "files" / xlsx_digest
    copy = tmp_path / "half.xlsx"
    copy.write_bytes(kept.read_bytes())
    verified = run(cli, "report", "verify", str(copy))
    assert verified.exit_code == 0, verified.output
    assert "ฉบับที่ 1 (xlsx)" in verified.output and "โดย manee" in verified.output
    changed = bytearray(copy.read_bytes())
    changed[100] ^= 1
    copy.write_bytes(bytes(changed))
    refused = run(cli, "report", "verify", str(copy))
    assert refused.exit_code == 1 and "[report_not_filed]" in refused.output


def test_a_commitment_and_a_payment_against_it_from_the_command_line(
    cli: CliRunner, db: Path
) -> None:
    run(cli, "setup")
    bound = run(cli, "record", "commit", "2.1", "6,000", "--number", "44/2552", "--on",
                "20/08/2552")  # fmt: skip
    assert bound.exit_code == 0, bound.output
    over = run(cli, "record", "spend", "2.1", "6,000.01", "--commitment", "1", "--on",
               "21/08/2552")  # fmt: skip
    assert over.exit_code == 1 and "[disbursed_within_commitment]" in over.output
    report = json.loads(run(cli, "plan-vs-actual", "--on", "2009-09-30", "--json").output)
    assert report["total"]["spent"] == "367000.00"


def test_a_budget_transfer_from_the_command_line(cli: CliRunner, db: Path) -> None:
    run(cli, "setup")
    moved = run(cli, "record", "transfer", "2.2", "1.2", "10,000", "--note", "ย้ายงบอบรม",
                "--on", "2009-09-01")  # fmt: skip
    assert moved.exit_code == 0, moved.output
    report = json.loads(run(cli, "plan-vs-actual", "--on", "2009-09-30", "--json").output)
    allocated = {r["code"]: r["allocated"] for r in report["rows"]}
    assert (allocated["1.2"], allocated["2.2"]) == ("110000.00", "40000.00")
    refused = run(cli, "record", "transfer", "1", "2", "1", "--projects", "--note", "x")
    assert refused.exit_code == 1 and "[project_budget_covers_allocations]" in refused.output


def test_outputs_are_set_and_delivered_from_the_command_line(cli: CliRunner, db: Path) -> None:
    run(cli, "setup")
    early = run(cli, "record", "deliver", "2.1", "1", "--on", "2009-02-27")
    assert early.exit_code == 1 and "[output_not_planned]" in early.output
    assert run(cli, "record", "output", "2.1", "3", "ครั้ง").exit_code == 0
    for day in ("2009-02-27", "2009-04-24"):
        assert run(cli, "record", "deliver", "2.1", "1", "--on", day).exit_code == 0
    report = json.loads(run(cli, "plan-vs-actual", "--on", "2009-09-30", "--json").output)
    row = next(r for r in report["rows"] if r["code"] == "2.1")
    assert (row["output_planned"], row["output_unit"], row["output_delivered"]) == ("3", "ครั้ง", "2")
