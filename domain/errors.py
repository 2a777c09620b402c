"""Errors Tidtam raises on purpose, each naming the rule it enforces.

Every error carries a stable ``rule`` identifier (what an API client or a test
matches on), the ``field`` at fault where there is one, the ``values`` that
broke the rule, and a message in Thai and in English built from a catalogue, so
the same refusal reads the same in the CLI, the API and the web pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from domain.words import Words, display

Messages = Mapping[str, tuple[str, str]]
"""rule → (Thai template, English template); templates use ``str.format`` fields."""

_CATALOGUE: dict[str, tuple[str, str]] = {}


def register_messages(messages: Messages) -> None:
    """Add rules and their messages to the catalogue (modules call this at import)."""
    for rule, pair in messages.items():
        if rule in _CATALOGUE and _CATALOGUE[rule] != pair:
            raise ValueError(f"rule {rule!r} is already in the catalogue with other text")
        _CATALOGUE[rule] = pair


def catalogue() -> Mapping[str, tuple[str, str]]:
    """Every known rule with its (Thai, English) templates, for docs and tests."""
    return dict(_CATALOGUE)


class TidtamError(Exception):
    """Base of every error Tidtam raises on purpose."""

    http_status: ClassVar[int] = 400

    def __init__(self, rule: str, *, field: str | None = None, **values: Any) -> None:
        if rule not in _CATALOGUE:
            raise KeyError(f"rule {rule!r} has no message in the catalogue")
        self.rule = rule
        self.field = field
        self.values: dict[str, Any] = values
        super().__init__(self.message("en"))

    def message(self, lang: str = "th") -> str:
        """The message in ``lang`` ("th" or "en"), with the values filled in."""
        thai, english = _CATALOGUE[self.rule]
        template = thai if lang == "th" else english
        return template.format(**{k: display(v, lang) for k, v in self.values.items()})

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.rule, self.field, self.values))


def _rebuild(
    cls: type[TidtamError], rule: str, field: str | None, values: dict[str, Any]
) -> TidtamError:
    return cls(rule, field=field, **values)


class InputError(TidtamError):
    """Raised when a value a person typed cannot be read (a month, an amount, a date)."""

    http_status = 422


class RuleViolation(TidtamError):
    """Raised when a command would break a rule of the plan."""

    http_status = 422


class ForbiddenError(TidtamError):
    """Raised when the person asking may not do what they ask (role or unit)."""

    http_status = 403


class NotSignedInError(TidtamError):
    """Raised when a request carries no valid session or token."""

    http_status = 401


class ThrottledError(TidtamError):
    """Raised when too many attempts (failed sign-ins) came too fast."""

    http_status = 429


class NotFoundError(TidtamError):
    """Raised when a plan, activity or step named in a command does not exist."""

    http_status = 404


_THE_RECORD = Words("ข้อมูล", "the record")


class ConflictError(TidtamError):
    """Raised when a command was decided on a stale version of an activity."""

    http_status = 409

    def __init__(self, *, expected: int | None, current: int, what: Words = _THE_RECORD) -> None:
        super().__init__("version_conflict", expected=expected, current=current, what=what)
        self.expected_version = expected
        self.current_version = current

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_conflict,
            (self.expected_version, self.current_version, self.values["what"]),
        )


def _rebuild_conflict(expected: int | None, current: int, what: Words) -> ConflictError:
    return ConflictError(expected=expected, current=current, what=what)


register_messages(
    {
        # Reading what people type
        "month_format": (
            "'{text}' ไม่ใช่เดือน ให้เขียนเช่น ม.ค. 2552 หรือ 2009-01",
            "'{text}' is not a month: write ม.ค. 2552, 2009-01 or Jan 2009",
        ),
        "money_format": (
            "'{text}' ไม่ใช่จำนวนเงินบาท: {reason}",
            "'{text}' is not an amount of baht: {reason}",
        ),
        "date_format": (
            "'{text}' ไม่ใช่วันที่ ให้เขียนเช่น 2009-01-31 (ค.ศ.) หรือ 31/01/2552 (พ.ศ.)",
            "'{text}' is not a date: write 2009-01-31 (CE) or 31/01/2552 (BE)",
        ),
        "percent_format": (
            "'{text}' ไม่ใช่ร้อยละที่เป็นจำนวนเต็ม",
            "'{text}' is not a whole percentage",
        ),
        "text_required": (
            "ต้องระบุ{what}",
            "{what} must not be empty",
        ),
        # Rules of the plan
        "planned_month_in_fiscal_year": (
            "เดือนที่วางแผน {month} อยู่นอกปีงบประมาณ พ.ศ. {fiscal_year}",
            "planned month {month} lies outside fiscal year {fiscal_year} ({start} – {end})",
        ),
        "planned_months_required": (
            "{what} {code} ไม่มีเดือนที่วางแผนไว้{hint}",
            "{what} {code} has no planned month{hint}",
        ),
        "percent_in_range": (
            "ความก้าวหน้าต้องเป็นร้อยละ 0 ถึง 100 แต่ได้ {percent}",
            "progress must be a percentage from 0 to 100, got {percent}",
        ),
        "lower_percent_needs_reason": (
            "ความก้าวหน้า {percent}% ต่ำกว่าที่บันทึกไว้ล่าสุด {last}% การแก้ไขต้องระบุเหตุผล",
            "progress {percent}% is lower than the last recorded {last}%: "
            "a correction needs a reason",
        ),
        "progress_above_later_entry": (
            "ความก้าวหน้า {percent}% ณ วันที่ {occurred_on} สูงกว่า {later}% ที่บันทึกไว้แล้ว"
            "สำหรับวันที่ {later_on} การแก้ไขต้องระบุเหตุผล",
            "progress {percent}% dated {occurred_on} is above the {later}% already recorded "
            "for {later_on}: a correction needs a reason",
        ),
        "allocation_not_negative": (
            "งบประมาณติดลบไม่ได้ แต่ได้ {amount}",
            "an allocation cannot be negative, got {amount}",
        ),
        "activity_closed": (
            "กิจกรรม {code} {status}แล้ว บันทึกได้เฉพาะการแก้ไข",
            "activity {code} is {status}: only corrections may be recorded on it",
        ),
        "activity_withdrawn": (
            "กิจกรรม {code} ถูกถอนออกจากแผนเมื่อ {on} แล้ว จึงบันทึกสิ่งใดเพิ่มไม่ได้",
            "activity {code} was withdrawn from the plan on {on}: nothing more is recorded on it",
        ),
        "withdraw_after_work": (
            "{revision} ถอนกิจกรรม {code} ออกจากแผนไม่ได้ เพราะมีการบันทึกผลการดำเนินงานหรือการเบิกจ่ายไว้แล้ว"
            " ให้ยกเลิกกิจกรรมแทน",
            "{revision} cannot withdraw activity {code} from the plan: work or spending is"
            " recorded on it; cancel it instead",
        ),
        "activity_not_started": (
            "กิจกรรม {code} ยังไม่เริ่มดำเนินการ จึงไม่มีวันเริ่มให้แก้ไข",
            "activity {code} has not started: there is no start to correct",
        ),
        "start_after_recorded_work": (
            "กิจกรรม {code} เริ่มวันที่ {started_on} ไม่ได้ เพราะมีการบันทึกงานไว้แล้วเมื่อ {first_work}",
            "activity {code} cannot start on {started_on}: work was already recorded"
            " on {first_work}",
        ),
        "start_after_closing": (
            "กิจกรรม {code} เริ่มวันที่ {started_on} ไม่ได้ เพราะปิดไปแล้วเมื่อ {closed_on}",
            "activity {code} cannot start on {started_on}: it closed on {closed_on}",
        ),
        "activity_not_completed": (
            "กิจกรรม {code} ยังไม่เสร็จสิ้น จึงไม่มีวันที่เสร็จสิ้นให้แก้ไข",
            "activity {code} is not completed: there is no completion to correct",
        ),
        "completion_before_start": (
            "กิจกรรม {code} เสร็จสิ้นวันที่ {completed_on} ไม่ได้ เพราะเริ่มดำเนินการเมื่อ {started_on}",
            "activity {code} cannot be completed on {completed_on}: it started on {started_on}",
        ),
        "completion_before_recorded_work": (
            "กิจกรรม {code} เสร็จสิ้นวันที่ {completed_on} ไม่ได้ เพราะมีการบันทึกงานไว้เมื่อ {last_work}",
            "activity {code} cannot be completed on {completed_on}: work was recorded"
            " on {last_work}",
        ),
        "completion_before_reopening": (
            "กิจกรรม {code} เสร็จสิ้นวันที่ {completed_on} ไม่ได้ เพราะเปิดใหม่เมื่อ {reopened_on}",
            "activity {code} cannot be completed on {completed_on}: it was reopened"
            " on {reopened_on}",
        ),
        "activity_already_started": (
            "กิจกรรม {code} เริ่มดำเนินการแล้วเมื่อ {started_on}",
            "activity {code} was already started on {started_on}",
        ),
        "activity_not_closed": (
            "กิจกรรม {code} ยังไม่เสร็จสิ้นหรือยกเลิก จึงเปิดใหม่ไม่ได้",
            "activity {code} is not completed or cancelled, so it cannot be reopened",
        ),
        "expenditure_positive": (
            "รายจ่ายต้องมากกว่า 0 บาท แต่ได้ {amount}",
            "an expenditure must be more than 0 baht, got {amount}",
        ),
        "spent_within_allocation": (
            "การเบิกจ่าย {amount} บาทของ {code} เกินงบประมาณที่จัดสรร {allocation} บาท "
            "(ใช้ไปแล้ว {spent} บาท คงเหลือ {remaining} บาท)",
            "spending {amount} baht on {code} would exceed its allocation of {allocation} "
            "baht: {spent} spent, {remaining} remains",
        ),
        "allocation_covers_spent": (
            "กิจกรรม {code} ใช้จ่ายไปแล้ว {spent} บาท มากกว่างบประมาณใหม่ {amount} บาท",
            "activity {code} has spent {spent} baht, more than the new allocation {amount}",
        ),
        "allocation_within_project_budget": (
            "การจัดสรร {amount} บาทให้ {code} เกินงบประมาณโครงการ {project} {budget} บาท "
            "(จัดสรรให้กิจกรรมอื่นแล้ว {allocated} บาท คงเหลือ {remaining} บาท)",
            "allocating {amount} baht to {code} would exceed project {project}'s budget of "
            "{budget} baht: {allocated} allocated to other activities, {remaining} remains",
        ),
        "project_budget_covers_allocations": (
            "โครงการ {project} จัดสรรให้กิจกรรมแล้ว {allocated} บาท มากกว่างบประมาณใหม่ {amount} บาท",
            "project {project} has {allocated} baht allocated to its activities, "
            "more than the new budget {amount}",
        ),
        "business_date_not_in_future": (
            "วันที่ดำเนินการ {occurred_on} อยู่หลังวันนี้ ({today})",
            "the business date {occurred_on} is after today ({today}, Asia/Bangkok)",
        ),
        "business_date_in_fiscal_year": (
            "วันที่ดำเนินการ {occurred_on} อยู่ก่อนเริ่มปีงบประมาณ พ.ศ. {fiscal_year} ({start})",
            "the business date {occurred_on} is before fiscal year {fiscal_year} starts ({start})",
        ),
        "steps_done_before_completion": (
            "กิจกรรม {code} ยังปิดงานไม่ได้ ขั้นตอนที่ {steps} ยังไม่เสร็จ (บันทึกให้เสร็จ หรือระบุหมายเหตุเหตุผล)",
            "activity {code} cannot be completed: step(s) {steps} are not done "
            "(complete them, or give a note saying why not)",
        ),
        "step_unknown": (
            "กิจกรรม {code} ไม่มีขั้นตอนที่ {step} (มีขั้นตอน {steps})",
            "activity {code} has no step {step} (steps: {steps})",
        ),
        "step_already_completed": (
            "ขั้นตอนที่ {step} ของกิจกรรม {code} เสร็จแล้วเมื่อ {completed_on}",
            "step {step} of activity {code} was already completed on {completed_on}",
        ),
        "reason_required": (
            "{what}ต้องระบุเหตุผล",
            "{what} needs a reason",
        ),
        "expenditure_entry_unknown": (
            "กิจกรรม {code} ไม่มีรายการเบิกจ่ายที่ {entry} (มี 1–{count})",
            "activity {code} has no expenditure entry {entry} (entries 1–{count})",
        ),
        "no_change": (
            "{what}เป็น {value} อยู่แล้ว ไม่มีอะไรต้องบันทึก",
            "{what} is already {value}: nothing to record",
        ),
        "plan_differs": (
            "แผน '{plan}' นำเข้าแล้ว และเอกสารนี้แตกต่าง: {differences}"
            " หากเอกสารนี้เป็นการแก้ไขแผน ให้นำเข้าโดยระบุชื่อการแก้ไข (เช่น แก้ไขครั้งที่ 1/2567)"
            " และวันที่",
            "plan '{plan}' was imported before and this document differs: {differences}."
            " If it is a revision of the plan, import it with the revision's name"
            " (such as แก้ไขครั้งที่ 1/2567) and its date",
        ),
        # Finding things
        "activity_not_found": (
            "ไม่พบกิจกรรม {code} ใน{plan}",
            "no activity {code} in {plan}",
        ),
        "plan_not_found": (
            "ไม่พบแผน {plan}",
            "no plan {plan}",
        ),
        "plan_ambiguous": (
            "มีแผน {count} แผน ให้ระบุด้วย --plan ({plans})",
            "the store holds {count} plans; name one with --plan ({plans})",
        ),
        "project_not_found": (
            "ไม่พบโครงการ {code} ใน{plan}",
            "no project {code} in {plan}",
        ),
        # Concurrency
        "version_conflict": (
            "{what} ถูกแก้ไขหลังจากที่คุณเปิดดู (ฉบับที่ {expected} ปัจจุบันเป็นฉบับที่ {current}) "
            "กรุณาโหลดใหม่แล้วลองอีกครั้ง",
            "{what} changed since you read it: you had version {expected}, it is now at "
            "version {current}; read it again and retry",
        ),
    }
)
