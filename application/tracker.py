"""The tracker: the application service for plans, projects and activities.

One method per use case: read the aggregate, let it decide (its rules raise
before any event exists), save. A command names the version it was decided on
when the caller has one; a stale version, or a concurrent writer that got there
first, becomes a :class:`~domain.errors.ConflictError` carrying the current
version, never a half-written change. Every command returns its
:class:`Outcome`, whose notification ``position`` lets a reader wait until the
views have caught up with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TypeVar, Unpack
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, DomainEventProtocol
from eventsourcing.persistence import RecordConflictError, Recording
from eventsourcing.utils import get_topic

from application.base import TidtamApplication, replay
from application.evidence import ActivityEvidence
from application.flag_scan import ScanFindings
from application.money import ActivityMoney
from application.outcome import Outcome, When
from application.outputs import ActivityOutputs
from application.reporting import PlanReports
from application.transfers import BudgetTransfers
from domain import ids
from domain.activity import Activity
from domain.calendar import Month
from domain.clock import BANGKOK
from domain.draft import PlanDraft
from domain.errors import ConflictError, NotFoundError, RuleViolation, register_messages
from domain.money import Amount, baht
from domain.organisations import Organisation, tenant_code
from domain.plan import Plan, Project
from domain.plan_changes import Change
from domain.plan_import import ImportReport, default_planning_date, differences, plan_import
from domain.plan_revision import Planned
from domain.recorded import Byline
from domain.words import Words

D = TypeVar("D", Activity, Project, Plan)
"""An aggregate a command decides on."""


A = TypeVar("A", Activity, Project)


class Tracker(
    PlanReports, ActivityMoney, ActivityOutputs, ActivityEvidence, BudgetTransfers, ScanFindings,
    TidtamApplication,
):  # fmt: skip
    """Plans, projects and activities, and the commands people record on them."""

    name = "Tracker"

    # ------------------------------------------------------------ reading

    def get_plan(self, plan_id: UUID) -> Plan:
        return self._get(plan_id, Plan, "plan_not_found", plan=str(plan_id))

    def get_project(self, project_id: UUID) -> Project:
        return self._get(project_id, Project, "project_not_found", code=str(project_id), plan="")

    def get_activity(self, activity_id: UUID) -> Activity:
        return self._get(
            activity_id, Activity, "activity_not_found", code=str(activity_id), plan=""
        )

    def find_activity(self, plan_id: UUID, code: str, section: str | None = None) -> Activity:
        """The activity with ``code`` (``1.1``, ``3``) in a plan: in the section whose path
        or key ``section`` names, or in whichever one section holds that code."""
        found = self._find(plan_id, code, section, ids.activity_id, Activity)
        if found is None:
            plan = self.get_plan(plan_id)
            raise NotFoundError("activity_not_found", code=code, plan=plan.label)
        return found

    def find_project(self, plan_id: UUID, code: str, section: str | None = None) -> Project:
        """The project with ``code`` (``1``) in a plan (in ``section``, as above)."""
        found = self._find(plan_id, code, section, ids.project_id, Project)
        if found is None:
            plan = self.get_plan(plan_id)
            raise NotFoundError("project_not_found", code=code, plan=plan.label)
        return found

    def _find(
        self,
        plan_id: UUID,
        code: str,
        section: str | None,
        id_of: Callable[[UUID, str, str], UUID],
        kind: type[A],
    ) -> A | None:
        """The aggregate of ``kind`` with ``code`` in the plan's sections; refused as
        ambiguous when several sections hold the code and none is named."""
        plan = self.get_plan(plan_id)
        keys = plan.section_keys(section)
        found = [
            (key, aggregate)
            for key in keys
            if isinstance(aggregate := self._stored(id_of(plan_id, code.strip(), key)), kind)
        ]
        if len(found) > 1:
            raise RuleViolation(
                "code_in_several_sections", field="section", code=code,
                sections=[plan.sections[key].path for key, _ in found],
            )  # fmt: skip
        return found[0][1] if found else None

    def plan_ids(self) -> list[UUID]:
        """Every plan in the store, oldest first."""
        topic = get_topic(Plan.PlanCreated)
        found: list[UUID] = []
        start = 1
        while True:
            batch = self.recorder.select_notifications(start, 1000, topics=[topic])
            found.extend(UUID(str(n.originator_id)) for n in batch)
            if len(batch) < 1000:
                return found
            start = batch[-1].id + 1

    def _stored(self, aggregate_id: UUID) -> Aggregate | None:
        """The aggregate stored under ``aggregate_id``, or None where there is none."""
        try:
            found: Aggregate = self.repository.get(aggregate_id, projector_func=replay)
        except AggregateNotFoundError:
            return None
        return found

    def history(self, aggregate_id: UUID) -> Iterator[DomainEventProtocol[UUID]]:
        """Every event of one aggregate, oldest first."""
        return self.events.get(aggregate_id)

    # ------------------------------------------------------------ commands

    def import_plan(
        self,
        draft: PlanDraft,
        *,
        actor: str,
        occurred_on: date | None = None,
        dry_run: bool = False,
        revision: str | None = None,
        organisation: Organisation | None = None,
    ) -> ImportReport:
        """Append a plan read from a document, all of it in one transaction or none;
        with ``revision``, record what it changes as that revision of the plan; into
        ``organisation`` (a tenant, which the document must name), or the store's own.

        The business date defaults to the start of the plan's fiscal year (the
        day the plan takes effect), or today for a plan of a future year; a
        revision's, to today.
        """
        now = self.clock.now()
        today = now.astimezone(BANGKOK).date()
        default = today if revision is not None else default_planning_date(draft, today)
        by = Byline(actor, occurred_on or default, now)
        batch = plan_import(
            draft, self._stored, by=by, planned=self._planned_projects(), revision=revision,
            organisation=tenant_code(organisation, draft.organisation),
        )  # fmt: skip
        report = batch.report(position=None, dry_run=dry_run)
        if dry_run or report.unchanged:
            return report
        position = self.save(*batch.aggregates)[-1].notification.id
        return replace(report, position=position)

    def import_differences(
        self, draft: PlanDraft, organisation: Organisation | None = None
    ) -> list[Change]:
        """How a document differs from the plan's latest document, refusing nothing: what
        a preview shows before anyone names a revision."""
        return differences(
            draft, self._stored, planned=self._planned_projects(),
            organisation=tenant_code(organisation, draft.organisation),
        )  # fmt: skip

    def _planned_projects(self) -> Planned:
        """Every project ever planned in a section of a plan, read from the log itself
        (a view may lag, and a revision must see them all to know what it withdraws).
        The log is read once per plan for one import, not once per section: a document
        of many sections would otherwise read it as many times."""
        by_plan: dict[UUID, dict[str, list[UUID]]] = {}

        def planned(plan_id: UUID, section: str) -> list[Project]:
            if plan_id not in by_plan:
                by_plan[plan_id] = self._planned_ids(plan_id)
            return [self.get_project(i) for i in by_plan[plan_id].get(section, [])]

        return planned

    def _planned_ids(self, plan_id: UUID) -> dict[str, list[UUID]]:
        """Section key → the ids of the projects planned in it, in the log's order."""
        topic = get_topic(Project.ProjectPlanned)
        found: dict[str, list[UUID]] = {}
        position = 0
        while batch := self.recorder.select_notifications(position + 1, 5000, topics=[topic]):
            for notification in batch:
                event = self.mapper.to_domain_event(notification)
                assert isinstance(event, Project.ProjectPlanned)
                if event.plan_id == plan_id:
                    found.setdefault(event.section, []).append(event.originator_id)
            position = batch[-1].id
        return found

    def start(self, activity_id: UUID, *, note: str = "", **when: Unpack[When]) -> Outcome:
        """Record that work on the activity began."""
        return self._on(activity_id, when, lambda a, by: a.start(note=note, by=by))

    def correct_start(
        self, activity_id: UUID, *, reason: str | None, **when: Unpack[When]
    ) -> Outcome:
        """Put the day work began right; ``occurred_on`` is the true start."""
        return self._on(activity_id, when, lambda a, by: a.correct_start(reason=reason, by=by))

    def record_progress(
        self,
        activity_id: UUID,
        percent: int,
        *,
        note: str = "",
        evidence: str | None = None,
        **when: Unpack[When],
    ) -> Outcome:
        """Report progress; it may not make the activity's timeline fall."""
        return self._on(
            activity_id,
            when,
            lambda a, by: a.record_progress(percent, note=note, evidence=evidence, by=by),
        )

    def correct_progress(
        self,
        activity_id: UUID,
        percent: int,
        *,
        reason: str | None,
        evidence: str | None = None,
        **when: Unpack[When],
    ) -> Outcome:
        """Put a progress figure right, with the reason why (it may be lower than before)."""
        return self._on(
            activity_id,
            when,
            lambda a, by: a.correct_progress(percent, reason=reason, evidence=evidence, by=by),
        )

    def complete_step(
        self, activity_id: UUID, step: int, *, note: str = "", **when: Unpack[When]
    ) -> Outcome:
        """Record that one numbered step was done."""
        return self._on(activity_id, when, lambda a, by: a.complete_step(step, note=note, by=by))

    def record_expenditure(
        self,
        activity_id: UUID,
        amount: Amount,
        *,
        reference: str = "",
        note: str = "",
        commitment: int = 0,
        **when: Unpack[When],
    ) -> Outcome:
        """Spend from the activity's allocation (against commitment N, if it names one)."""
        exact = baht(amount)
        return self._on(
            activity_id,
            when,
            lambda a, by: a.record_expenditure(
                exact, reference=reference, note=note, commitment=commitment, by=by
            ),
        )

    def correct_expenditure(
        self,
        activity_id: UUID,
        entry: int,
        amount: Amount,
        *,
        reason: str | None,
        **when: Unpack[When],
    ) -> Outcome:
        """Put a spending entry's amount right (0 voids it)."""
        exact = baht(amount)
        return self._on(
            activity_id,
            when,
            lambda a, by: a.correct_expenditure(entry, exact, reason=reason, by=by),
        )

    def complete(self, activity_id: UUID, *, note: str = "", **when: Unpack[When]) -> Outcome:
        """Finish the activity."""
        return self._on(activity_id, when, lambda a, by: a.complete(note=note, by=by))

    def correct_completion(
        self, activity_id: UUID, *, reason: str | None, **when: Unpack[When]
    ) -> Outcome:
        """Put the day the activity was finished right; ``occurred_on`` is the true day."""
        return self._on(activity_id, when, lambda a, by: a.correct_completion(reason=reason, by=by))

    def cancel(self, activity_id: UUID, *, reason: str | None, **when: Unpack[When]) -> Outcome:
        """Call the activity off."""
        return self._on(activity_id, when, lambda a, by: a.cancel(reason=reason, by=by))

    def reopen(self, activity_id: UUID, *, reason: str | None, **when: Unpack[When]) -> Outcome:
        """Withdraw a completion or cancellation recorded in error."""
        return self._on(activity_id, when, lambda a, by: a.reopen(reason=reason, by=by))

    def reschedule(
        self,
        activity_id: UUID,
        months: tuple[Month, ...],
        *,
        reason: str | None,
        step: int | None = None,
        **when: Unpack[When],
    ) -> Outcome:
        """Move the activity (or one of its steps) to other months of its fiscal year."""
        return self._on(
            activity_id,
            when,
            lambda a, by: a.reschedule(months, step=step, reason=reason, by=by),
        )

    def revise_budget(
        self, activity_id: UUID, amount: Amount, *, reason: str | None, **when: Unpack[When]
    ) -> Outcome:
        """Change an activity's allocation: its project's ledger is written in the same
        transaction, so the project budget holds however many managers revise at once."""
        exact = baht(amount)

        def decide(activity: Activity, by: Byline) -> list[Aggregate]:
            project = self.get_project(activity.project_id)
            activity.revise_budget(exact, reason=reason, by=by)
            project.reserve(activity.id, activity.code, exact, by=by)
            return [project]

        return self._on(activity_id, when, decide)

    def revise_project_budget(
        self,
        plan_id: UUID,
        project_code: str,
        amount: Amount,
        *,
        reason: str | None,
        section: str | None = None,
        **when: Unpack[When],
    ) -> Outcome:
        """Change a project's budget; it must still cover its activities' allocations."""
        exact = baht(amount)
        project = self.find_project(plan_id, project_code, section)
        return self._decide_project(
            project, when, lambda p, by: p.revise_budget(exact, reason=reason, by=by)
        )

    def decide_plan(
        self, plan_id: UUID, when: When, decide: Callable[..., list[Aggregate] | None]
    ) -> Outcome:
        """A plan command (``decide(plan, by=byline)``), decided and saved as others are."""
        plan, by = self.get_plan(plan_id), self._byline_of(when)
        what = Words(f"แผน {plan.label}", f"plan {plan.label}")
        write = partial(decide, by=by)
        saved = self._save_decided(plan, when.get("expected_version"), what, write, self.get_plan)
        return Outcome.of(plan, saved)

    def set_funding_source(
        self, plan_id: UUID, project_code: str, source: str, *, reason: str | None = None,
        section: str | None = None, **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Name where a project's money comes from (แหล่งงบประมาณ)."""
        project = self.find_project(plan_id, project_code, section)
        return self._decide_project(
            project, when, lambda p, by: p.set_funding_source(source, reason=reason, by=by)
        )

    def cancel_project(
        self,
        plan_id: UUID,
        project_code: str,
        *,
        reason: str | None,
        section: str | None = None,
        **when: Unpack[When],
    ) -> Outcome:
        """Call a project off; its activities raise no more alerts."""
        project = self.find_project(plan_id, project_code, section)
        return self._decide_project(project, when, lambda p, by: p.cancel(reason=reason, by=by))

    def _decide_project(
        self,
        project: Project,
        when: When,
        decide: Callable[[Project, Byline], None],
    ) -> Outcome:
        """A project command, decided and saved as activity commands are (``_decide``).

        A project's version also moves when an activity reserves part of its budget,
        so two managers revising one project meet as a conflict, not a lost update.
        """
        by = self._byline_of(when)
        what = Words(f"โครงการ {project.code}", f"project {project.code}")
        recordings = self._save_decided(
            project, when.get("expected_version"), what, lambda p: decide(p, by), self.get_project
        )
        return Outcome.of(project, recordings)

    # ------------------------------------------------------------ flags

    def acknowledge_flag(
        self, activity_id: UUID, flag_id: UUID, *, actor: str, note: str = "",
        expected_version: int | None = None,
    ) -> Outcome:  # fmt: skip
        by = self.byline(actor)
        return self._decide(
            activity_id, expected_version, lambda a: a.acknowledge_flag(flag_id, note=note, by=by)
        )

    def snooze_flag(
        self, activity_id: UUID, flag_id: UUID, *, until: date, actor: str, note: str = "",
        expected_version: int | None = None,
    ) -> Outcome:  # fmt: skip
        by = self.byline(actor)
        return self._decide(
            activity_id,
            expected_version,
            lambda a: a.snooze_flag(flag_id, until=until, note=note, by=by),
        )

    # ------------------------------------------------------------ the one way to save

    def decide_activity(
        self,
        activity_id: UUID,
        when: When,
        decide: Callable[[Activity, Byline], list[Aggregate] | None],
    ) -> Outcome:
        """An activity command decided and saved as every other (for the tracker's parts)."""
        return self._on(activity_id, when, decide)

    def _byline_of(self, when: When) -> Byline:
        """The byline ``when`` gives. Keywords are checked as a signature would check
        them: a misspelt ``occured_on`` must not quietly mean today."""
        if "actor" not in when or when.keys() - When.__annotations__.keys():
            raise TypeError(f"a command takes actor=, occurred_on=, expected_version=: {when}")
        return self.byline(when["actor"], when.get("occurred_on"))

    def _decide(
        self,
        activity_id: UUID,
        expected_version: int | None,
        decide: Callable[[Activity], list[Aggregate] | None],
    ) -> Outcome:
        activity = self.get_activity(activity_id)
        what = Words(f"กิจกรรม {activity.code}", f"activity {activity.code}")
        recordings = self._save_decided(activity, expected_version, what, decide, self.get_activity)
        return Outcome.of(activity, recordings)

    def _save_decided(
        self,
        aggregate: D,
        expected_version: int | None,
        what: Words,
        decide: Callable[[D], Sequence[Aggregate] | None],
        reload: Callable[[UUID], Aggregate],
    ) -> Sequence[Recording[UUID]]:
        """Refuse a stale expected version, let the aggregate decide (its rules raise
        before any event exists), and save it with whatever else it touched in one
        transaction; a writer that got there first becomes a ConflictError naming the
        version now current."""
        if expected_version is not None and expected_version != aggregate.version:
            raise ConflictError(expected=expected_version, current=aggregate.version, what=what)
        read_version = aggregate.version
        others = decide(aggregate) or []
        try:
            return self.save(aggregate, *others)
        except RecordConflictError:
            current = reload(aggregate.id).version
            raise ConflictError(expected=read_version, current=current, what=what) from None


register_messages(
    {
        "code_in_several_sections": (
            "รหัส {code} มีอยู่ในหลายหมวดของแผน ({sections}) ให้ระบุหมวดด้วย",
            "code {code} stands in several sections of the plan ({sections}): name the section",
        ),
    }
)
