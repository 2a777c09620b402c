"""The activity page's forms: which exist, when they are shown, and what they submit.

Each form names its fields once and the command it submits, a row of
``api.activity_commands`` (the JSON API's table): the template draws the fields
from this list, and the route reads what was typed with the domain's own readers
(``parse_date`` takes BE dates, ``parse_baht`` satang and Thai digits) into that
command's input, then checks the command's permission and makes its call. The
two ways in cannot drift: a form has no permission or tracker call of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Self
from uuid import UUID

from pydantic import ValidationError

from api import activity_commands as commands
from api.activity_commands import ActivityCommand
from api.schemas.commands import CommandIn
from application.outcome import Outcome
from application.tracker import Tracker
from domain.calendar import FiscalYear, thai_date
from domain.errors import InputError, register_messages
from domain.parsing import parse_baht, parse_date, parse_whole
from domain.policy import Action
from domain.thai import to_arabic_digits
from projections.facts import ActivityFacts

Kind = Literal[
    "text", "textarea", "percent", "amount", "months", "step", "steps_optional", "entry",
    "files", "evidence",
]  # fmt: skip
Values = Mapping[str, str | list[str]]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    """An ``api.web.i18n`` key."""
    kind: Kind = "text"
    required: bool = False


@dataclass(frozen=True, slots=True)
class Form:
    name: str
    title: str
    command: ActivityCommand[Any]
    fields: tuple[Field, ...]
    shown: Callable[[ActivityFacts, date], bool]
    danger: bool = False
    date_label: str = "form.occurred_on"
    """What the form's business date means (an ``api.web.i18n`` key)."""

    @property
    def multipart(self) -> bool:
        """Whether the form sends files (``enctype="multipart/form-data"``)."""
        return any(f.kind == "files" for f in self.fields)

    @property
    def action(self) -> Action:
        """Who may use the form: whoever may take its command's action."""
        return self.command.action

    def field_names(self) -> set[str]:
        return {f.name for f in self.fields} | {"occurred_on"}

    @property
    def help_topic(self) -> str:
        """The help page's topic the form links to (``/help#corrections``)."""
        if self.name.startswith("correct") or self.name in ("reopen", "remove_evidence"):
            return "corrections"
        return "manage" if self.action is Action.MANAGE else "record"

    def read(self, values: Values, today: date, fiscal_year: int) -> tuple[CommandIn, int]:
        """The command's input as typed, and the step or entry it names (0 for none).
        An empty business date is today, when today lies in the plan's fiscal year."""
        given: dict[str, object] = {
            "occurred_on": dated(text(values, "occurred_on"), today, fiscal_year)
        }
        number = 0
        for field in self.fields:
            typed = text(values, field.name)
            if field.kind == "files":
                continue  # the files go with the command, not in its input (``Asked``)
            if field.kind in ("step", "entry", "evidence"):
                number = whole(typed, field.name)
            elif field.kind == "percent":
                given[field.name] = percent(typed)
            elif field.kind == "months":
                given[field.name] = _chosen(values)
            elif field.kind == "steps_optional":
                given[field.name] = whole(typed, field.name) if typed else None
            elif typed or field.required:
                given[field.name] = typed
        try:
            return self.command.body.model_validate(given), number
        except ValidationError as error:
            first = error.errors()[0]
            where = str(first["loc"][0]) if first["loc"] else None
            raise InputError("input_invalid", field=where, problem=first["msg"]) from None


NOTE = Field("note", "form.note", "textarea")
FILES = Field("files", "form.files", "files")
"""Photos or PDFs of the record (``domain.evidence``): the page posts the form as multipart."""
REASON = Field("reason", "form.reason", "textarea", required=True)


def _open(facts: ActivityFacts, day: date) -> bool:
    return facts.lifecycle_on(day) in ("planned", "started")


def _closed(facts: ActivityFacts, day: date) -> bool:
    return not _open(facts, day)


def _has_open_steps(facts: ActivityFacts, day: date) -> bool:
    return _open(facts, day) and any(s.completed_on is None for s in facts.steps)


def text(values: Values, name: str) -> str:
    value = values.get(name, "")
    return value.strip() if isinstance(value, str) else ""


LARGEST = {"percent": 100, "step": 1000, "entry": 100_000, "version": 2**62}
"""The largest whole number each field takes (as the JSON API's bounds say)."""


def whole(text: str, field: str) -> int:
    """A whole number typed into ``field``, refused beyond the field's bound."""
    return parse_whole(text, field=field, maximum=LARGEST.get(field, LARGEST["step"]))


def percent(text: str) -> int:
    """A percentage as typed (``-5``, ``๘๐``, ``80%``). Any whole number goes on to the
    domain, whose rule (``percent_in_range``) names the range for -5 as for 150, as the
    API and the command line say it; anything else is not a whole number."""
    cleaned = to_arabic_digits(text.strip()).removesuffix("%").strip()
    if _SIGNED_WHOLE.fullmatch(cleaned):
        return int(cleaned)
    return whole(text, "percent")  # refused: not a whole number


_SIGNED_WHOLE = re.compile(r"[+-]?[0-9]{1,6}")


def _chosen(values: Values) -> list[str]:
    raw = values.get("months", [])
    return [raw] if isinstance(raw, str) else list(raw)


def default_day(today: date, fiscal_year: int) -> date | None:
    """The date a form fills in: today, when it lies in the plan's fiscal year (BE).
    Otherwise none, and the form asks: an entry dated 17 years after its plan's year
    once went through without a word, because the field said today."""
    return today if FiscalYear(fiscal_year).contains(today) else None


def dated(typed: str, today: date, fiscal_year: int) -> date:
    """The business date a form records: as typed (any year: work finished late is
    recorded after its year); left blank, today if :func:`default_day` gives it."""
    if typed.strip():
        return parse_date(typed)
    if default_day(today, fiscal_year) is None:
        year = FiscalYear(fiscal_year)
        raise InputError(
            "occurred_on_needed", field="occurred_on", year=fiscal_year,
            start=thai_date(year.start), end=thai_date(year.end),
        )  # fmt: skip
    return today


def version_of(values: Values) -> int | None:
    """The version the form was drawn at: the command is decided on it."""
    version = text(values, "version")
    return whole(version, "version") if version else None


FORMS: tuple[Form, ...] = (
    Form(
        "progress", "form.progress", commands.PROGRESS,
        (
            Field("percent", "form.percent", "percent", required=True),
            NOTE,
            Field("evidence", "form.evidence"),
            FILES,
            Field("reason", "form.correction", "textarea"),
        ),
        _open,
    ),
    Form(
        "expenditure", "form.spend", commands.EXPENDITURE,
        (
            Field("amount", "form.amount", "amount", required=True),
            Field("reference", "form.reference"),
            Field("commitment", "form.against_commitment"),
            NOTE,
            FILES,
        ),
        _open,
    ),
    Form(
        "commitment", "form.commitment", commands.COMMITMENT,
        (
            Field("amount", "form.amount", "amount", required=True),
            Field("number", "form.contract_number", required=True),
            NOTE,
        ),
        _open,
    ),
    Form(
        "start", "form.start", commands.START, (NOTE,),
        lambda f, d: f.lifecycle_on(d) == "planned",
    ),
    Form(
        "correct_start", "form.correct_start", commands.START_CORRECTION, (REASON,),
        lambda f, d: f.started_on is not None,
        date_label="form.true_start",
    ),
    Form(
        "step", "form.step_done", commands.STEP,
        (Field("step", "form.step", "step", required=True), NOTE, FILES),
        _has_open_steps,
    ),
    Form("complete", "form.complete", commands.COMPLETE, (NOTE, FILES), _open),
    Form(
        "correct_completion", "form.correct_completion", commands.COMPLETION_CORRECTION,
        (REASON,),
        lambda f, d: f.lifecycle_on(d) == "completed",
        date_label="form.true_completion",
    ),
    Form(
        "reschedule", "form.reschedule", commands.RESCHEDULE,
        (
            Field("months", "form.months", "months", required=True),
            Field("step", "form.step", "steps_optional"),
            REASON,
        ),
        _open,
    ),
    Form(
        "budget", "form.budget", commands.BUDGET,
        (Field("amount", "form.new_amount", "amount", required=True), REASON),
        lambda f, d: True,
    ),
    Form("cancel", "form.cancel", commands.CANCEL, (REASON,), _open, danger=True),
    Form(
        "correct_spending", "form.correct_spending", commands.EXPENDITURE_CORRECTION,
        (
            Field("entry", "form.entry", "entry", required=True),
            Field("amount", "form.corrected_amount", "amount", required=True),
            REASON,
        ),
        lambda f, d: any(s.on <= d for s in f.spending),
    ),
    Form(
        "correct_commitment", "form.correct_commitment", commands.COMMITMENT_CORRECTION,
        (
            Field("entry", "form.commitment_entry", "entry", required=True),
            Field("amount", "form.corrected_amount", "amount", required=True),
            REASON,
        ),
        lambda f, d: any(c.on <= d for c in f.commitments),
    ),
    Form(
        "delivery", "form.delivery", commands.DELIVERY,
        (
            Field("quantity", "form.quantity", required=True),
            NOTE,
            Field("evidence", "form.evidence"),
            FILES,
        ),
        lambda f, d: _open(f, d) and f.output_on(d) is not None,
    ),
    Form(
        "output", "form.output", commands.OUTPUT,
        (
            Field("quantity", "form.quantity", required=True),
            Field("unit", "form.unit", required=True),
            Field("reason", "form.output_reason", "textarea"),
        ),
        lambda f, d: True,
    ),
    Form(
        "correct_delivery", "form.correct_delivery", commands.DELIVERY_CORRECTION,
        (
            Field("entry", "form.delivery_entry", "entry", required=True),
            Field("quantity", "form.quantity", required=True),
            REASON,
        ),
        lambda f, d: any(x.on <= d for x in f.deliveries),
    ),
    Form("reopen", "form.reopen", commands.REOPEN, (REASON,), _closed),
    Form(
        "remove_evidence", "form.remove_evidence", commands.EVIDENCE_REMOVAL,
        (Field("entry", "form.evidence_entry", "evidence", required=True), REASON),
        lambda f, d: True,  # drawn where the timeline holds a file still counted
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
class ProjectCommand:
    """What a project's form asks (managers): the values typed, who asks, and the
    business date and version the form carries."""

    tracker: Tracker
    values: Values
    actor: str
    occurred_on: date | None
    expected_version: int | None
    plan_id: UUID
    code: str
    section: str | None = None
    """The project's section, where its code repeats from section to section."""

    def text(self, name: str) -> str:
        return text(self.values, name)

    @classmethod
    def of(
        cls,
        values: Values,
        *,
        tracker: Tracker,
        actor: str,
        plan_id: UUID,
        code: str,
        today: date,
        fiscal_year: int,
        section: str | None = None,
    ) -> Self:
        """What the posted ``values`` ask of a project: the business date typed (empty:
        as :func:`dated` says) and the version the form was drawn at."""
        return cls(
            tracker=tracker,
            values=values,
            actor=actor,
            occurred_on=dated(text(values, "occurred_on"), today, fiscal_year),
            expected_version=version_of(values),
            plan_id=plan_id,
            code=code,
            section=section,
        )


@dataclass(frozen=True, slots=True)
class ProjectForm:
    """A manager's form on a project's page, drawn as an activity's form is."""

    name: str
    title: str
    fields: tuple[Field, ...]
    run: Callable[[ProjectCommand], Outcome]
    danger: bool = False
    date_label: str = "form.occurred_on"
    help_topic: str = "manage"
    """The help page's topic the form links to: a project's forms are managers'."""

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
            section=c.section,
            occurred_on=c.occurred_on,
            expected_version=c.expected_version,
        ),
    ),
    ProjectForm(
        "project_source",
        "form.project_source",
        (Field("source", "form.funding_source", required=True), Field("reason", "form.reason")),
        lambda c: c.tracker.set_funding_source(
            c.plan_id,
            c.code,
            c.text("source"),
            actor=c.actor,
            reason=c.text("reason") or None,
            section=c.section,
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
            section=c.section,
            occurred_on=c.occurred_on,
            expected_version=c.expected_version,
        ),
        danger=True,
    ),
)
"""A project's forms (``Action.MANAGE``), shown while it is not cancelled."""
PROJECT_FORMS_BY_NAME = {f.name: f for f in PROJECT_FORMS}


register_messages(
    {
        "input_invalid": (
            "ข้อมูลที่กรอกไม่ถูกต้อง: {problem}",
            "what was typed is not valid: {problem}",
        ),
        "occurred_on_needed": (
            "กรุณาระบุวันที่ดำเนินการ: วันนี้อยู่นอกปีงบประมาณ พ.ศ. {year} ของแผน ({start} ถึง {end})",
            "give the business date: today lies outside the plan's fiscal year {year} BE "
            "({start} to {end})",
        ),
    }
)
