"""The fold: what each event means for the fact sheets.

This is the one place that interprets events for the read side. The live
projector folds a batch of new events into sheets loaded from its tables; a
rebuild folds the whole log; time travel folds the events recorded up to an
instant. Because all three use this code, they agree row for row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from domain.activity import Activity
from domain.plan import Plan, Project
from domain.recorded import Recorded
from domain.thai import name_key
from projections.facts import (
    ActivityFacts,
    AllocationFact,
    ClosureFact,
    CommitmentFact,
    DeliveryFact,
    FilingFact,
    FindingsFact,
    OutputFact,
    PlanFacts,
    ProgressFact,
    ProjectFacts,
    RevisionFacts,
    ScheduleFact,
    SectionFacts,
    SpendingFact,
    StepFacts,
    Withdrawal,
)
from projections.publication import PublicationFact
from projections.stamps import Stamp

S = TypeVar("S", PlanFacts, ProjectFacts, ActivityFacts)
Loader = Callable[[UUID], Any]
"""Finds a sheet that is not in memory (the live projector reads it from its table)."""


class Fold:
    """Fact sheets for plans, projects and activities, and the events folded into them."""

    def __init__(
        self,
        *,
        load_plan: Loader | None = None,
        load_project: Loader | None = None,
        load_activity: Loader | None = None,
    ) -> None:
        self.plans: dict[UUID, PlanFacts] = {}
        self.projects: dict[UUID, ProjectFacts] = {}
        self.activities: dict[UUID, ActivityFacts] = {}
        self.changed: set[UUID] = set()
        self.position = 0
        """The position of the event being folded: where its stamp says it stood."""
        self._loaders = {
            "plan": load_plan,
            "project": load_project,
            "activity": load_activity,
        }

    # ----------------------------------------------------------- lookups

    def plan(self, plan_id: UUID) -> PlanFacts | None:
        return self._find(self.plans, "plan", plan_id)

    def project(self, project_id: UUID) -> ProjectFacts | None:
        return self._find(self.projects, "project", project_id)

    def activity(self, activity_id: UUID) -> ActivityFacts | None:
        return self._find(self.activities, "activity", activity_id)

    def _find(self, sheets: dict[UUID, S], kind: str, key: UUID) -> S | None:
        if key not in sheets:
            loader = self._loaders[kind]
            found = loader(key) if loader else None
            if found is None:
                return None
            sheets[key] = found
        return sheets[key]

    # ----------------------------------------------------------- folding

    def apply(self, position: int, event: object) -> None:
        """Fold one event (at notification ``position``) into the sheets it concerns."""
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            assert isinstance(event, Recorded)
            self.position = position
            handler(self, position, event)

    def _activity_of(self, event: Recorded) -> ActivityFacts:
        facts = self.activity(event.originator_id)
        if facts is None:
            raise LookupError(f"no fact sheet for activity {event.originator_id}")
        facts.version = event.originator_version
        facts.recorded_at = event.timestamp
        _stamped(facts, self.position, event)
        self.changed.add(facts.id)
        return facts

    def _project_of(self, event: Recorded) -> ProjectFacts | None:
        facts = self.project(event.originator_id)
        if facts is not None:
            facts.version = event.originator_version
            _stamped(facts, self.position, event)
            self.changed.add(facts.id)
        return facts

    def _plan_of(self, event: Recorded) -> PlanFacts | None:
        facts = self.plan(event.originator_id)
        if facts is not None:
            facts.recorded_at = event.timestamp
            _stamped(facts, self.position, event)
            self.changed.add(facts.id)
        return facts


def _stamp(position: int, event: Recorded) -> Stamp:
    return (position, event.originator_version, event.timestamp)


def _stamped(facts: PlanFacts | ProjectFacts | ActivityFacts, position: int, e: Recorded) -> None:
    """The event's stamp added to the sheet, noting a clock that went back."""
    if facts.stamps and e.timestamp < facts.stamps[-1][2]:
        facts.stamps_in_order = False
    facts.stamps.append(_stamp(position, e))


def _plan_created(fold: Fold, seq: int, e: Any) -> None:
    fold.plans[e.originator_id] = PlanFacts(
        id=e.originator_id,
        organisation=e.organisation,
        organisation_code=e.organisation_code,
        fiscal_year=e.fiscal_year,
        title=e.title,
        source=e.source,
        planned_on=e.occurred_on,
        sections=[_section(s, e.occurred_on, seq=seq) for s in e.sections],
        recorded_at=e.timestamp,
        stamps=[_stamp(seq, e)],
    )
    fold.changed.add(e.originator_id)


def _section_added(fold: Fold, seq: int, e: Any) -> None:
    plan = fold._plan_of(e)
    if plan is not None:
        plan.sections.append(_section(e.section, e.occurred_on, e.revision, seq=seq))


def _section(section: Any, on: date, revision: int = 0, *, seq: int) -> SectionFacts:
    levels = tuple((level.code, level.name) for level in section.strategy)
    return SectionFacts(section.key, levels, section.objective, on, revision, seq)


def _plan_revised(fold: Fold, seq: int, e: Any) -> None:
    plan = fold._plan_of(e)
    if plan is not None:
        plan.revisions.append(
            RevisionFacts(e.number, e.name, e.occurred_on, e.timestamp, e.source, seq)
        )


def _funding_source_set(fold: Fold, seq: int, e: Any) -> None:
    project = fold._project_of(e)
    if project is not None:
        project.funding_source = e.source
        project.sources.append((seq, e.source))


def _findings_recorded(fold: Fold, seq: int, e: Any) -> None:
    plan = fold._plan_of(e)
    if plan is not None:
        plan.findings.append(
            FindingsFact(
                e.period, e.findings, e.suggestions, e.reason, e.actor, e.occurred_on,
                e.timestamp, seq,
            )
        )  # fmt: skip


def _report_filed(fold: Fold, seq: int, e: Any) -> None:
    plan = fold._plan_of(e)
    if plan is not None:
        plan.filings.append(
            FilingFact(
                e.number,
                e.report,
                e.period,
                e.cut_off,
                e.known_at,
                e.data_digest,
                dict(e.files),
                e.chain_position,
                e.chain_link,
                e.actor,
                e.occurred_on,
                e.timestamp,
                seq,
            )
        )


def _publication(fold: Fold, seq: int, e: Any) -> None:
    plan = fold._plan_of(e)
    if plan is not None:
        published = isinstance(e, Plan.PlanPublished)
        plan.publications.append(
            PublicationFact(published, e.reason, e.actor, e.occurred_on, e.timestamp, seq)
        )


def _project_planned(fold: Fold, seq: int, e: Any) -> None:
    fold.projects[e.originator_id] = ProjectFacts(
        id=e.originator_id,
        plan_id=e.plan_id,
        code=e.code,
        name=e.name,
        budgets=[AllocationFact(e.occurred_on, seq, e.budget)],
        planned_on=e.occurred_on,
        version=e.originator_version,
        section=e.section,
        revision=e.revision,
        stamps=[_stamp(seq, e)],
    )
    fold.changed.add(e.originator_id)


def _project_budget_revised(fold: Fold, seq: int, e: Any) -> None:
    project = fold._project_of(e)
    if project is not None:
        project.budgets.append(AllocationFact(e.occurred_on, seq, e.amount, e.reason, e.revision))


def _project_cancelled(fold: Fold, seq: int, e: Any) -> None:
    project = fold._project_of(e)
    if project is not None:
        project.cancelled_on = e.occurred_on
        project.cancelled_seq = seq


def _project_withdrawn(fold: Fold, seq: int, e: Any) -> None:
    project = fold._project_of(e)
    if project is not None:
        project.withdrawn = Withdrawal(e.occurred_on, e.revision, seq)


def _project_version_only(fold: Fold, seq: int, e: Any) -> None:
    fold._project_of(e)


def _activity_planned(fold: Fold, seq: int, e: Any) -> None:
    project = fold.project(e.project_id)
    facts = ActivityFacts(
        id=e.originator_id,
        plan_id=e.plan_id,
        project_id=e.project_id,
        project_code=project.code if project else "",
        code=e.code,
        name=e.name,
        details=e.details,
        area=e.area,
        unit=e.unit,
        unit_key=name_key(e.unit),
        fiscal_year=e.fiscal_year,
        planned_on=e.occurred_on,
        schedule=[ScheduleFact(e.occurred_on, seq, tuple(m.iso for m in e.planned_months))],
        steps=[
            StepFacts(
                s.number,
                s.text,
                [ScheduleFact(e.occurred_on, seq, tuple(m.iso for m in s.planned_months))],
            )
            for s in e.steps
        ],
        version=e.originator_version,
        recorded_at=e.timestamp,
        section=e.section,
        revision=e.revision,
        stamps=[_stamp(seq, e)],
    )
    fold.activities[facts.id] = facts
    fold.changed.add(facts.id)


def _allocated(fold: Fold, seq: int, e: Any) -> None:
    fold._activity_of(e).allocations.append(AllocationFact(e.occurred_on, seq, e.amount))


def _budget_revised(fold: Fold, seq: int, e: Any) -> None:
    fold._activity_of(e).allocations.append(
        AllocationFact(e.occurred_on, seq, e.amount, e.reason, e.revision)
    )


def _rescheduled(fold: Fold, seq: int, e: Any) -> None:
    months = tuple(m.iso for m in e.planned_months)
    fold._activity_of(e).schedule.append(
        ScheduleFact(e.occurred_on, seq, months, e.reason, e.revision)
    )


def _step_rescheduled(fold: Fold, seq: int, e: Any) -> None:
    facts = fold._activity_of(e)
    months = tuple(m.iso for m in e.planned_months)
    for step in facts.steps:
        if step.number == e.step:
            step.schedule.append(ScheduleFact(e.occurred_on, seq, months, e.reason, e.revision))


def _activity_withdrawn(fold: Fold, seq: int, e: Any) -> None:
    """Out of the plan from its day: a closure (nothing more is owed) and a withdrawal."""
    facts = fold._activity_of(e)
    facts.withdrawn = Withdrawal(e.occurred_on, e.revision, seq)
    facts.closures.append(ClosureFact(e.occurred_on, seq, "withdrawn", e.reason))


def _started(fold: Fold, seq: int, e: Any) -> None:
    facts = fold._activity_of(e)
    facts.started_on = e.occurred_on
    facts.starts.append((seq, e.occurred_on))


def _worked(facts: ActivityFacts, seq: int, e: Recorded) -> None:
    if e.occurred_on not in facts.work_days:
        facts.work_days.append(e.occurred_on)
        facts.work_seqs.append(seq)


def _progress(fold: Fold, seq: int, e: Any) -> None:
    facts = fold._activity_of(e)
    corrected = isinstance(e, Activity.ProgressCorrected)
    facts.progress.append(ProgressFact(e.occurred_on, seq, e.percent, corrected))
    if not corrected:
        _worked(facts, seq, e)


def _step_completed(fold: Fold, seq: int, e: Any) -> None:
    facts = fold._activity_of(e)
    for step in facts.steps:
        if step.number == e.step:
            step.completed_on = e.occurred_on
            step.completed_seq = seq
    _worked(facts, seq, e)


def _spent(fold: Fold, seq: int, e: Any) -> None:
    facts = fold._activity_of(e)
    facts.spending.append(
        SpendingFact(e.entry, e.occurred_on, seq, e.amount, e.amount, e.reference, e.commitment)
    )
    _worked(facts, seq, e)


def _committed(fold: Fold, seq: int, e: Any) -> None:
    facts = fold._activity_of(e)
    facts.commitments.append(
        CommitmentFact(e.entry, e.occurred_on, seq, e.amount, e.number, e.amount)
    )


def _output_planned(fold: Fold, seq: int, e: Any) -> None:
    fold._activity_of(e).outputs.append(OutputFact(e.occurred_on, seq, e.quantity, e.unit))


def _delivered(fold: Fold, seq: int, e: Any) -> None:
    facts = fold._activity_of(e)
    facts.deliveries.append(DeliveryFact(e.entry, e.occurred_on, seq, e.quantity, e.quantity))


def _delivery_corrected(fold: Fold, seq: int, e: Any) -> None:
    delivery = _corrected(fold._activity_of(e), seq).deliveries[e.entry - 1]
    delivery.quantity = e.quantity
    delivery.corrections.append((seq, e.quantity))


def _commitment_corrected(fold: Fold, seq: int, e: Any) -> None:
    commitment = _corrected(fold._activity_of(e), seq).commitments[e.entry - 1]
    commitment.amount = e.amount
    commitment.corrections.append((seq, e.amount))


def _spending_corrected(fold: Fold, seq: int, e: Any) -> None:
    entry = _corrected(fold._activity_of(e), seq).spending[e.entry - 1]
    entry.amount = e.amount
    entry.corrections.append((seq, e.amount))


def _corrected(facts: ActivityFacts, seq: int) -> ActivityFacts:
    """The sheet, noting that something in it was put right in place at ``seq``."""
    facts.corrected_at = seq
    return facts


def _closure(kind: str) -> Callable[[Fold, int, Any], None]:
    def handle(fold: Fold, seq: int, e: Any) -> None:
        note = getattr(e, "note", "") or getattr(e, "reason", "")
        fold._activity_of(e).closures.append(ClosureFact(e.occurred_on, seq, kind, note))

    return handle


def _completion_corrected(fold: Fold, seq: int, e: Any) -> None:
    """The completion in force (the latest, by log order) moves to the corrected day:
    replaced, not added, so on a day between the two dates the activity is not both."""
    facts = fold._activity_of(e)
    completions = [c for c in facts.closures if c.kind == "completed"]
    if completions:
        moved = max(completions, key=lambda c: c.seq)
        moved.moves.append((seq, moved.on))
        facts.corrected_at = seq
        moved.on = e.occurred_on


def _version_only(fold: Fold, seq: int, e: Any) -> None:
    fold._activity_of(e)


_HANDLERS: dict[type, Callable[[Fold, int, Any], None]] = {
    Plan.PlanCreated: _plan_created,
    Plan.SectionAdded: _section_added,
    Plan.PlanRevised: _plan_revised,
    Plan.FindingsRecorded: _findings_recorded,
    Plan.ReportFiled: _report_filed,
    Plan.PlanPublished: _publication,
    Plan.PlanUnpublished: _publication,
    Project.ProjectPlanned: _project_planned,
    Project.ProjectBudgetRevised: _project_budget_revised,
    Project.ProjectCancelled: _project_cancelled,
    Project.ProjectWithdrawn: _project_withdrawn,
    Project.FundingSourceSet: _funding_source_set,
    # The project's ledger of what each activity holds is the tracker's business, but
    # each entry is a version of the project, which a project command's If-Match names.
    Project.AllocationReserved: _project_version_only,
    Activity.ActivityPlanned: _activity_planned,
    Activity.BudgetAllocated: _allocated,
    Activity.BudgetRevised: _budget_revised,
    Activity.ActivityRescheduled: _rescheduled,
    Activity.StepRescheduled: _step_rescheduled,
    Activity.ActivityStarted: _started,
    Activity.StartCorrected: _started,  # its business date is the corrected start
    Activity.ProgressRecorded: _progress,
    Activity.ProgressCorrected: _progress,
    Activity.StepCompleted: _step_completed,
    Activity.ExpenditureRecorded: _spent,
    Activity.ExpenditureCorrected: _spending_corrected,
    Activity.CommitmentRecorded: _committed,
    Activity.CommitmentCorrected: _commitment_corrected,
    Activity.OutputPlanned: _output_planned,
    Activity.OutputDelivered: _delivered,
    Activity.DeliveryCorrected: _delivery_corrected,
    Activity.ActivityCompleted: _closure("completed"),
    Activity.CompletionCorrected: _completion_corrected,
    Activity.ActivityCancelled: _closure("cancelled"),
    Activity.ActivityReopened: _closure("reopened"),
    Activity.ActivityWithdrawn: _activity_withdrawn,
    # Flags live in the alerts view, but they are versions of the activity: a form drawn
    # from this sheet must carry the version the tracker will expect.
    Activity.ActivityFlagged: _version_only,
    Activity.FlagResolved: _version_only,
    Activity.FlagAcknowledged: _version_only,
    Activity.FlagSnoozed: _version_only,
    # Evidence is read from the audit trail (the timeline); here it only counts as a version.
    Activity.EvidenceAttached: _version_only,
    Activity.EvidenceRemoved: _version_only,
}
"""Events the fact sheets care about; any other is skipped."""
