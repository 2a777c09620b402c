"""The activity page's forms: which exist, who may use them, and how they become commands.

Each form names its fields once; the template draws them from this list, the
route parses them with the domain's own readers (``parse_date`` takes BE dates,
``parse_baht`` satang and Thai digits) and calls the tracker method the JSON API
calls. Permissions are the API's: recording is ``Action.RECORD`` (staff on
their own units), rescheduling, revising, cancelling and reopening
``Action.MANAGE``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Self
from uuid import UUID

from application.tracker import Outcome, Tracker
from domain.calendar import Month
from domain.errors import InputError
from domain.parsing import parse_baht, parse_date
from domain.policy import Action
from projections.facts import ActivityFacts

Kind = Literal["text", "textarea", "percent", "amount", "months", "step", "steps_optional", "entry"]
Values = Mapping[str, str | list[str]]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    """An ``api.web.i18n`` key."""
    kind: Kind = "text"
    required: bool = False


@dataclass(frozen=True, slots=True)
class Asked:
    """What a form asks the tracker: the typed values, who asks, and the business date
    and version the form carries."""

    tracker: Tracker
    values: Values
    actor: str
    occurred_on: date | None
    expected_version: int | None

    def text(self, name: str) -> str:
        value = self.values.get(name, "")
        return value.strip() if isinstance(value, str) else ""

    @classmethod
    def of(cls, values: Values, *, tracker: Tracker, actor: str, **target: Any) -> Self:
        """What the posted ``values`` ask of ``target`` (an activity, a project): the
        business date typed (empty: today) and the version the form was drawn at."""
        version = str(values.get("version", ""))
        return cls(
            tracker=tracker,
            values=values,
            actor=actor,
            occurred_on=business_date(str(values.get("occurred_on", ""))),
            expected_version=int(version) if version.isdigit() else None,
            **target,
        )


@dataclass(frozen=True, slots=True)
class Command(Asked):
    """What an activity's form asks."""

    activity_id: UUID


@dataclass(frozen=True, slots=True)
class ProjectCommand(Asked):
    """What a project's form asks (managers)."""

    plan_id: UUID
    code: str


@dataclass(frozen=True, slots=True)
class Form:
    name: str
    title: str
    action: Action
    fields: tuple[Field, ...]
    run: Callable[[Command], Outcome]
    shown: Callable[[ActivityFacts, date], bool]
    danger: bool = False
    date_label: str = "form.occurred_on"
    """What the form's business date means (an ``api.web.i18n`` key)."""
    api_name: str = ""
    """The command's name in the JSON API, where the form's differs: both count it under
    that one label in ``tidtam_commands_total``."""

    @property
    def command(self) -> str:
        return self.api_name or self.name

    def field_names(self) -> set[str]:
        return {f.name for f in self.fields} | {"occurred_on"}


NOTE = Field("note", "form.note", "textarea")
REASON = Field("reason", "form.reason", "textarea", required=True)


def _open(facts: ActivityFacts, day: date) -> bool:
    return facts.lifecycle_on(day) in ("planned", "started")


def _closed(facts: ActivityFacts, day: date) -> bool:
    return not _open(facts, day)


def _has_open_steps(facts: ActivityFacts, day: date) -> bool:
    return _open(facts, day) and any(s.completed_on is None for s in facts.steps)


def percent(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise InputError("percent_format", field="percent", text=text)
    return int(cleaned)


def whole(text: str, field: str) -> int:
    if not text.strip().isdigit():
        raise InputError("percent_format", field=field, text=text)
    return int(text.strip())


def months(values: Values) -> tuple[Month, ...]:
    raw = values.get("months", [])
    chosen = [raw] if isinstance(raw, str) else raw
    try:
        return tuple(Month.from_iso(m) for m in chosen)
    except ValueError:
        raise InputError("month_format", field="months", text=", ".join(chosen)) from None


def business_date(text: str) -> date | None:
    return parse_date(text) if text.strip() else None


FORMS: tuple[Form, ...] = (
    Form(
        "progress", "form.progress", Action.RECORD,
        (
            Field("percent", "form.percent", "percent", required=True),
            NOTE,
            Field("evidence", "form.evidence"),
            Field("reason", "form.correction", "textarea"),
        ),
        lambda c: (
            c.tracker.correct_progress(
                c.activity_id, percent(c.text("percent")), actor=c.actor,
                occurred_on=c.occurred_on, evidence=c.text("evidence") or None,
                reason=c.text("reason"), expected_version=c.expected_version,
            )
            if c.text("reason")
            else c.tracker.record_progress(
                c.activity_id, percent(c.text("percent")), actor=c.actor,
                occurred_on=c.occurred_on, note=c.text("note"),
                evidence=c.text("evidence") or None, expected_version=c.expected_version,
            )
        ),
        _open,
    ),
    Form(
        "expenditure", "form.spend", Action.RECORD,
        (
            Field("amount", "form.amount", "amount", required=True),
            Field("reference", "form.reference"),
            NOTE,
        ),
        lambda c: c.tracker.record_expenditure(
            c.activity_id, parse_baht(c.text("amount")), actor=c.actor,
            occurred_on=c.occurred_on, reference=c.text("reference"), note=c.text("note"),
            expected_version=c.expected_version,
        ),
        _open,
    ),
    Form(
        "start", "form.start", Action.RECORD, (NOTE,),
        lambda c: c.tracker.start(
            c.activity_id, actor=c.actor, occurred_on=c.occurred_on, note=c.text("note"),
            expected_version=c.expected_version,
        ),
        lambda f, d: f.lifecycle_on(d) == "planned",
    ),
    Form(
        "correct_start", "form.correct_start", Action.RECORD, (REASON,),
        lambda c: c.tracker.correct_start(
            c.activity_id, actor=c.actor, occurred_on=c.occurred_on, reason=c.text("reason"),
            expected_version=c.expected_version,
        ),
        lambda f, d: f.started_on is not None,
        date_label="form.true_start",
        api_name="start_correction",
    ),
    Form(
        "step", "form.step_done", Action.RECORD,
        (Field("step", "form.step", "step", required=True), NOTE),
        lambda c: c.tracker.complete_step(
            c.activity_id, whole(c.text("step"), "step"), actor=c.actor,
            occurred_on=c.occurred_on, note=c.text("note"), expected_version=c.expected_version,
        ),
        _has_open_steps,
    ),
    Form(
        "complete", "form.complete", Action.RECORD, (NOTE,),
        lambda c: c.tracker.complete(
            c.activity_id, actor=c.actor, occurred_on=c.occurred_on, note=c.text("note"),
            expected_version=c.expected_version,
        ),
        _open,
    ),
    Form(
        "correct_completion", "form.correct_completion", Action.RECORD, (REASON,),
        lambda c: c.tracker.correct_completion(
            c.activity_id, actor=c.actor, occurred_on=c.occurred_on, reason=c.text("reason"),
            expected_version=c.expected_version,
        ),
        lambda f, d: f.lifecycle_on(d) == "completed",
        date_label="form.true_completion",
        api_name="completion_correction",
    ),
    Form(
        "reschedule", "form.reschedule", Action.MANAGE,
        (
            Field("months", "form.months", "months", required=True),
            Field("step", "form.step", "steps_optional"),
            REASON,
        ),
        lambda c: c.tracker.reschedule(
            c.activity_id, months(c.values), actor=c.actor, reason=c.text("reason"),
            step=whole(c.text("step"), "step") if c.text("step") else None,
            occurred_on=c.occurred_on, expected_version=c.expected_version,
        ),
        _open,
    ),
    Form(
        "budget", "form.budget", Action.MANAGE,
        (Field("amount", "form.new_amount", "amount", required=True), REASON),
        lambda c: c.tracker.revise_budget(
            c.activity_id, parse_baht(c.text("amount")), actor=c.actor, reason=c.text("reason"),
            occurred_on=c.occurred_on, expected_version=c.expected_version,
        ),
        lambda f, d: True,
    ),
    Form(
        "cancel", "form.cancel", Action.MANAGE, (REASON,),
        lambda c: c.tracker.cancel(
            c.activity_id, actor=c.actor, reason=c.text("reason"), occurred_on=c.occurred_on,
            expected_version=c.expected_version,
        ),
        _open,
        danger=True,
    ),
    Form(
        "correct_spending", "form.correct_spending", Action.MANAGE,
        (
            Field("entry", "form.entry", "entry", required=True),
            Field("amount", "form.corrected_amount", "amount", required=True),
            REASON,
        ),
        lambda c: c.tracker.correct_expenditure(
            c.activity_id, whole(c.text("entry"), "entry"), parse_baht(c.text("amount")),
            actor=c.actor, reason=c.text("reason"), occurred_on=c.occurred_on,
            expected_version=c.expected_version,
        ),
        lambda f, d: any(s.on <= d for s in f.spending),
        api_name="expenditure_correction",
    ),
    Form(
        "reopen", "form.reopen", Action.MANAGE, (REASON,),
        lambda c: c.tracker.reopen(
            c.activity_id, actor=c.actor, reason=c.text("reason"), occurred_on=c.occurred_on,
            expected_version=c.expected_version,
        ),
        _closed,
    ),
)  # fmt: skip
BY_NAME = {form.name: form for form in FORMS}


def values_of(items: list[tuple[str, str]]) -> dict[str, str | list[str]]:
    """Form fields as posted: ``months`` may repeat, every other field is one string."""
    chosen: list[str] = []
    found: dict[str, str | list[str]] = {"months": chosen}
    for key, value in items:
        if key == "months":
            chosen.append(value)
        else:
            found[key] = value
    return found


@dataclass(frozen=True, slots=True)
class ProjectForm:
    """A manager's form on a project's page, drawn as an activity's form is."""

    name: str
    title: str
    fields: tuple[Field, ...]
    run: Callable[[ProjectCommand], Outcome]
    danger: bool = False
    date_label: str = "form.occurred_on"

    def field_names(self) -> set[str]:
        return {f.name for f in self.fields} | {"occurred_on"}


PROJECT_FORMS: tuple[ProjectForm, ...] = (
    ProjectForm(
        "project_budget",
        "form.project_budget",
        (Field("amount", "form.new_project_budget", "amount", required=True), REASON),
        lambda c: c.tracker.revise_project_budget(
            c.plan_id,
            c.code,
            parse_baht(c.text("amount")),
            actor=c.actor,
            reason=c.text("reason"),
            occurred_on=c.occurred_on,
            expected_version=c.expected_version,
        ),
    ),
    ProjectForm(
        "project_cancel",
        "form.project_cancel",
        (REASON,),
        lambda c: c.tracker.cancel_project(
            c.plan_id,
            c.code,
            actor=c.actor,
            reason=c.text("reason"),
            occurred_on=c.occurred_on,
            expected_version=c.expected_version,
        ),
        danger=True,
    ),
)
"""A project's forms (``Action.MANAGE``), shown while it is not cancelled."""
PROJECT_FORMS_BY_NAME = {f.name: f for f in PROJECT_FORMS}
