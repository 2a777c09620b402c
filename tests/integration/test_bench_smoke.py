"""The benchmarks still run: each entry function, at a tiny size, on SQLite.

Only that they complete and that their structured results count what was asked
for. No timing is asserted here: speed targets live in the benchmarks, whose
verdicts depend on the machine, never in the tests.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest

from bench import __main__ as cli
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
from bench.bare_library import BareApplication
from bench.common import Backend, Report, fresh_backend, quiet
from bench.options import Profiling, options_from, wants_profile


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    with fresh_backend(directory=str(tmp_path)) as fresh:
        yield fresh


def imported_events(activities: int, per_project: int) -> int:
    """What importing a synthetic plan writes: the plan, each project with one
    reservation per activity, and each activity with its allocation."""
    projects = -(-activities // per_project)
    return 1 + projects + 3 * activities


def test_import_counts_the_commands_it_was_asked_for(backend: Backend, tmp_path: Path) -> None:
    sizes = importing.Options(
        activities=6, per_project=3, progress=2, profile="always", profile_commands=2
    )

    report = importing.run(backend, sizes, say=quiet)

    assert report.figures["import"]["activities"] == 6
    assert report.figures["import"]["events"] == imported_events(6, 3)
    assert report.figures["start"]["commands"] == 6
    assert report.figures["progress"]["commands"] == 12
    assert report.figures["progress"]["ours_latency"]["count"] == 12
    assert report.figures["progress"]["bare_latency"]["count"] == 12
    assert report.figures["profile"]["ours"]["operations"] == 2
    assert len(report.targets) == 1
    written = json.loads(report.write(tmp_path / "out").read_text())
    assert written["name"] == "import" and written["targets"][0]["passed"] in (True, False)


def test_plan_import_times_the_seed_and_two_generated_plans(backend: Backend) -> None:
    sizes = plan_import.Options(small=12, large=24, sections=3, repeat=1)

    report = plan_import.run(backend, sizes, quiet)

    assert [report.figures[k]["projects"] for k in ("seed", "small", "large")] == [3, 12, 24]
    assert set(report.figures["per_project_ratios"]) == {
        "parse_large_vs_seed",
        "parse_large_vs_small",
        "parse_and_import_large_vs_seed",
        "parse_and_import_large_vs_small",
    }
    assert [t.label for t in report.targets] == [
        "parse time a project, large ÷ small",
        "parse+import time a project, large ÷ small",
    ]


def test_rebuild_reads_and_rebuilds_the_whole_log(backend: Backend) -> None:
    report = rebuild.run(backend, rebuild.Options(activities=5, events_per_activity=6), quiet)

    events = imported_events(5, 5) + 5 * (6 - 2)
    assert report.figures["log"]["events"] == events
    rebuilt = [name for name in report.figures if name.startswith("rebuild_")]
    assert {"rebuild_plan", "rebuild_audit", "rebuild_plan+audit"} <= set(rebuilt)
    for figure in ("bare_read_raw", "bare_read_decoded", *rebuilt):
        assert report.figures[figure]["events"] == events
    assert len(report.targets) == 2 * len(rebuilt)


def test_lag_sees_every_command_in_the_views(backend: Backend) -> None:
    sizes = lag.Options(activities=3, rate=50, duration=0.2, poll_interval=0.05)

    report = lag.run(backend, sizes, say=quiet)

    for phase in ("poll", "nudge"):
        assert report.figures[phase]["commands"] == 10
        assert report.figures[phase]["all_seen"] is True
        assert report.figures[phase]["lag"]["all views"]["count"] == 10
        assert {"plan", "audit", "all views"} <= set(report.figures[phase]["lag"])


def test_as_of_cuts_the_plan_at_each_instant_and_folds_three(backend: Backend) -> None:
    sizes = as_of.Options(activities=5, events_per_activity=6, instants=4, repeat=1)

    report = as_of.run(backend, sizes, say=quiet)

    head = imported_events(5, 5) + 5 * (6 - 2)
    assert report.figures["log"]["events"] == head
    assert [report.figures[f"instant_{k}"]["position"] for k in range(1, 5)] == [
        head // 4, head // 2, 3 * head // 4, head,
    ]  # fmt: skip
    assert report.figures["instant_4"]["activities"] == 5
    assert report.figures["instant_4"]["pva_rows"] == 5
    assert set(report.figures["folded_ms"]) == {"instant_1", "instant_3", "instant_4"}
    assert [t.label for t in report.targets] == [
        "slowest instant's median (ms)", "slowest median ÷ fastest",
    ]  # fmt: skip


def test_national_builds_every_organisations_year_and_times_what_grows_apart(
    backend: Backend,
) -> None:
    sizes = national.Options(organisations=3, activities=5, events_per_activity=6, repeat=1)

    report = national.run(backend, sizes, say=quiet)

    assert report.figures["log_events"] == 3 * imported_events(5, 5) + 3 * 5 * (6 - 2)
    for grows in ("import_all", "grow_year", "catch_up", "rebuild_all", "rollup_all"):
        assert report.figures[grows]["grows"] is True
        assert report.figures[grows]["full_scale_seconds"] >= report.figures[grows]["seconds"]
    for local in ("as_of_one_plan", "monitoring_one_plan"):
        assert report.figures[local]["grows"] is False
    assert [t.label for t in report.targets] == [
        "as_of_one_plan seconds", "monitoring_one_plan seconds",
    ]  # fmt: skip


def test_scan_evaluates_and_records_on_a_plan_a_third_of_it_started(backend: Backend) -> None:
    report = scan.run(backend, scan.Options(activities=30, record=4), quiet)

    assert report.figures["log"]["started"] == 10
    assert report.figures["log"]["events"] == imported_events(30, 5) + 10
    assert report.figures["record"]["activities"] <= 4
    assert report.figures["evaluate"]["findings"] >= report.figures["record"]["flags"]
    assert len(report.targets) == 2


def test_the_api_store_has_histories_a_manager_and_as_long_bare_twins(backend: Backend) -> None:
    """What the api benchmark serves: each activity and its bare twin with as many events."""
    prepared = api.prepare(backend, activities=4, history=3)

    assert len(prepared.activity_ids) == len(prepared.tally_ids) == 4
    assert prepared.events == imported_events(4, 5) + 4 * 3
    with BareApplication(backend.bare_settings) as library:
        for tally_id in prepared.tally_ids:
            assert library.repository.get(tally_id).version == 1 + 3
    assert prepared.token


def test_the_command_line_runs_one_benchmark_and_writes_its_json(tmp_path: Path) -> None:
    sizes = ["as_of", "--activities", "2", "--events-per-activity", "3", "--repeat", "1"]

    status = cli.main([*sizes, "--dir", str(tmp_path), "--out", str(tmp_path / "out")])

    assert status == 0
    assert json.loads((tmp_path / "out" / "as_of.json").read_text())["params"]["activities"] == 2


@pytest.mark.parametrize("name", sorted(cli.BENCHMARKS))
def test_a_benchmarks_command_line_defaults_are_its_options_defaults(name: str) -> None:
    """The command line is derived from the options' dataclass: asking for nothing
    gives the dataclass's own defaults, every field has its flag."""
    module = cli.BENCHMARKS[name]
    _, subs = cli.parser()

    assert options_from(subs[name].parse_args([]), module.Options) == module.Options()


def test_the_command_line_fills_a_benchmarks_options_by_their_types() -> None:
    _, subs = cli.parser()

    asked = subs["import"].parse_args(["--per-project", "7", "--profile", "never"])
    assert options_from(asked, importing.Options) == importing.Options(
        per_project=7, profile="never"
    )
    assert options_from(subs["lag"].parse_args(["--rate", "2.5"]), lag.Options).rate == 2.5
    assert options_from(subs["rebuild"].parse_args(["--profile"]), rebuild.Options).profile
    with pytest.raises(SystemExit):  # a profiling mode is one of three words
        subs["as_of"].parse_args(["--profile", "sometimes"])


@pytest.mark.parametrize(
    ("mode", "missed", "profiled"),
    [("always", False, True), ("auto", True, True), ("auto", False, False), ("never", True, False)],
)
def test_a_benchmark_profiles_always_or_when_a_target_is_missed(
    mode: Profiling, missed: bool, profiled: bool
) -> None:
    assert wants_profile(mode, missed=missed) is profiled


WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    37.15ms   12.01ms 144.01ms   70.15%
    Req/Sec   210.19     36.70   280.00     65.50%
  Latency Distribution
     50%   36.10ms
     75%   42.00ms
     90%   51.30ms
     99%   79.00ms
  4184 requests in 10.01s, 849.15KB read
  Non-2xx or 3xx responses: 37
Requests/sec:    418.00
Transfer/sec:     84.77KB
"""


def test_wrk_output_is_read_into_figures() -> None:
    result = api.parse_wrk(WRK_OUTPUT)
    assert (result.requests, result.non_2xx, result.requests_per_s) == (4184, 37, 418.0)
    assert (result.p50_ms, result.p99_ms, result.max_ms) == (36.1, 79.0, 144.01)
    assert result.server_cpu_ms is None


def test_the_api_judges_progress_by_the_bare_post_and_plan_versus_actual_by_its_p99() -> None:
    said = api.parse_wrk(WRK_OUTPUT)
    measured = api.Measured(said, said, said, said, said, pva_bytes=2048, outcomes={"ok": 3})
    report = Report(api.NAME, "nowhere", {})

    api.judge(report, measured, duration=10)

    assert [(t.label, t.value, t.passed) for t in report.targets] == [
        ("progress req/s ÷ bare POST req/s", 1.0, True),
        ("plan-vs-actual p99", 79.0, False),
    ]
    assert report.figures["progress"]["outcomes"] == {"ok": 3}
    assert report.figures["plan_vs_actual"]["response_bytes"] == 2048
    assert report.figures["bare_save"]["ratio_to_bare_post"] == 1.0


def test_the_api_judges_the_plan_resource_beside_plan_versus_actual() -> None:
    said = api.parse_wrk(WRK_OUTPUT)
    measured = api.Measured(said, said, said, said, said, 2048, {"ok": 3}, said, 1024)
    report = Report(api.NAME, "nowhere", {})

    api.judge(report, measured, duration=10)

    assert [(t.label, t.value, t.passed) for t in report.targets][2:] == [
        ("plan req/s ÷ plan-vs-actual req/s", 1.0, True),
        ("plan p99", 79.0, True),
    ]
    assert report.figures["plan"]["response_bytes"] == 1024


def test_a_servers_cpu_time_is_read_from_proc() -> None:
    """The figure behind 'server CPU per request': this process's own CPU time grows
    by about the work it does (``/proc`` counts in clock ticks, 10 ms here)."""
    me = api.Server("http://unused", os.getpid())
    before = me.cpu_seconds()
    assert before is not None and before > 0
    spent = time.process_time()
    while time.process_time() - spent < 0.3:
        pass
    after = me.cpu_seconds()
    assert after is not None and 0.2 <= after - before <= 1.0
    assert api.Server("http://unused", 2**22 + 7).cpu_seconds() is None  # no such process


def test_the_bare_save_twin_saves_on_the_store_its_environment_names(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The api bench's bare library command over HTTP writes a real event each time;
    saves racing on one tally end 200 or 409 (as Tidtam's do), and none is lost."""
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from bench import bare_app
    from bench.bare_library import Tally

    for name, value in {**backend.bare_settings, bare_app.SAVE_SWITCH: "on"}.items():
        monkeypatch.setenv(name, value)
    library = BareApplication(backend.bare_settings)
    tally = Tally()
    library.save(tally)
    path = bare_app.SAVE_PATH.format(tally_id=tally.id)

    with TestClient(bare_app.create_app()) as client:
        first = client.post(path, json={"percent": 10})
        assert (first.status_code, first.json()) == (200, {"version": 2})
        with ThreadPoolExecutor(max_workers=8) as pool:
            racing = list(pool.map(lambda p: client.post(path, json={"percent": p}), range(32)))

    statuses = [answer.status_code for answer in racing]
    assert set(statuses) <= {200, 409}
    moves = [e for e in library.repository.event_store.get(tally.id) if type(e).__name__ == "Moved"]
    assert len(moves) == 1 + statuses.count(200)
    library.close()


def test_reports_draws_the_years_report_every_way(backend: Backend) -> None:
    report = reports.run(
        backend, reports.Options(activities=6, events_per_activity=4, repeat=1), quiet
    )

    pdf = {"pdf", "pdf_collecting"} if "pdf" in report.figures else set()
    drawn = {"summary", "page", "xlsx"} | pdf
    assert drawn <= set(report.figures)
    assert set(report.figures["ratios_to_summary"]) == drawn
    assert [t.label for t in report.targets][:1] == ["page seconds"]


def test_streams_measures_both_trackers_before_and_after_the_growth(backend: Backend) -> None:
    options = streams.Options(activities=6, events_per_activity=4, growth=5, commands=12, repeat=1)
    report = streams.run(backend, options, quiet)

    assert report.figures["events_added"] == 6 * 5
    for key in ("cache_off", "cache_on"):
        figures = report.figures[key]
        assert figures["before_per_s"] > 0 and figures["after_per_s"] > 0
        ratio = figures["after_per_s"] / figures["before_per_s"]  # of rates rounded to 0.1/s
        assert figures["after_over_before"] == pytest.approx(ratio, rel=0.01)
    assert [t.label for t in report.targets] == [
        "with the cache: progress rate after growth ÷ before"
    ]


def test_refresh_builds_both_reports_whole_and_by_parts_after_each_write(
    backend: Backend,
) -> None:
    """The bench itself refuses parts that do not make the whole report (it raises)."""
    report = refresh.run(
        backend, refresh.Options(activities=6, events_per_activity=4, writes=3), quiet
    )

    for kind in ("plan", "pva"):
        figures = report.figures[kind]
        assert figures["whole_ms"] > 0 and figures["parts_ms"] > 0
    assert [t.label for t in report.targets] == ["plan resource after one write: by parts ÷ whole"]


def test_memory_reads_the_servers_size_under_the_mixed_load(backend: Backend) -> None:
    if shutil.which("wrk") is None:
        pytest.skip("Debian's wrk is not installed")
    options = memory.Options(activities=5, history=4, duration=3, warmup=1, every=1)

    report = memory.run(backend, options, quiet)

    sizes = report.figures["rss_mb"]
    assert 0 < sizes["start"] <= sizes["max"] and sizes["end"] <= sizes["max"]
    assert len(sizes["samples"]) >= 3
    served = report.figures["requests"]["per_s"] * options.duration
    assert report.figures["requests"]["non_2xx"] < served / 5  # at most progress racing: 409
    assert [t.label for t in report.targets] == ["RSS at the end (MB)", "RSS at the end ÷ half-way"]


def test_the_mixed_load_sends_five_kinds_each_with_its_credentials() -> None:
    prepared = api.Prepared(UUID(int=1), [UUID(int=2)], "tt_secret", 10, [])
    script = memory._mixed(prepared, [datetime(2009, 3, 31, 10, tzinfo=UTC)], "s=1")
    assert script.count('wrk.format("GET"') == 4 and script.count("wrk.format(") == 5
    assert '["Authorization"] = bearer' in script  # a POST's own headers keep the token
    assert '{["Cookie"] = "s=1"}' in script and "as_of=" in script
    assert '"2009-03-31T10:00:00Z"' in script


def test_workers_says_why_it_measured_nothing_on_sqlite(backend: Backend) -> None:
    report = workers.run(backend, workers.Options(activities=2, duration=1, warmup=0), quiet)
    assert report.notes and "PostgreSQL" in report.notes[0]
    assert not report.targets and report.passed


def test_workers_puts_the_second_worker_beside_the_first() -> None:
    said = api.parse_wrk(WRK_OUTPUT)
    report = Report(workers.NAME, "nowhere", {})
    for shape, rate in zip(workers.SHAPES, (300.0, 400.0, 600.0), strict=True):
        measured = asdict(replace(said, requests_per_s=rate))
        report.figures[shape] = {"progress": measured, "plan": measured}

    workers._ratios(report, quiet)

    assert report.figures["progress_2_over_1"] == report.figures["plan_2_over_1"] == 1.5
    assert report.figures["progress_1_worker_over_one_process"] == 1.333
