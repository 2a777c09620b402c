"""Who may do what: roles, actions and the units staff are scoped to.

One table decides every permission, so the CLI, the API and the pages cannot
disagree. Staff record only on their own units' activities (units compared by
`name_key`, so "กองวิชาการ ฯ" is "กองวิชาการฯ"); managers act on every unit;
auditors read everything and write nothing; admins manage users and imports, and
decide which plans the public may see; overseers read the plans and roll-ups of the
organisations they oversee and write nothing.

Every role holds only in the principal's organisations (``Principal.reaches``): what
belongs to another organisation is not there for them, so the routes answer as for
something that does not exist, never "forbidden", which would tell it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.errors import ForbiddenError, register_messages
from domain.people import Role
from domain.thai import name_key
from domain.words import Words


class Action(StrEnum):
    READ = "read"  # plans, activities, plan versus actual
    RECORD = "record"  # start, progress, spending, steps, completion
    MANAGE = "manage"  # reschedule, revise budgets, cancel, reopen, correct spending
    AUDIT = "audit"  # the global event feed, people's history, time travel
    ALERTS = "alerts"  # acknowledge and snooze alerts
    IMPORT = "import"  # import plan documents
    REVISE = "revise"  # record a document as a numbered revision of a plan
    REPORT = "report"  # write the committee's findings, file the reports
    USERS = "users"  # register users, grant roles, issue tokens
    PUBLISH = "publish"  # publish a plan's public page, or withdraw it
    OVERSEE = "oversee"  # the roll-up across organisations


GRANTS: dict[Role, frozenset[Action]] = {
    Role.STAFF: frozenset({Action.READ, Action.RECORD}),
    Role.MANAGER: frozenset(
        {
            Action.READ,
            Action.RECORD,
            Action.MANAGE,
            Action.AUDIT,
            Action.ALERTS,
            Action.REVISE,
            Action.REPORT,
        }
    ),
    Role.AUDITOR: frozenset({Action.READ, Action.AUDIT}),
    Role.ADMIN: frozenset(
        {Action.READ, Action.AUDIT, Action.IMPORT, Action.REVISE, Action.USERS, Action.PUBLISH}
    ),
    Role.OVERSEER: frozenset({Action.READ, Action.OVERSEE}),
}
UNIT_SCOPED = frozenset({Action.RECORD})
"""Actions a staff member may take only on their own units' activities."""


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated person: who they are and what they may do."""

    username: str
    display_name: str
    roles: frozenset[Role]
    unit_keys: frozenset[str]
    organisations: frozenset[str] | None = None
    """The codes of the organisations the roles hold in; None: every organisation."""

    @property
    def actions(self) -> frozenset[Action]:
        return frozenset(a for role in self.roles for a in GRANTS[role])

    def can(self, action: Action, unit: str | None = None) -> bool:
        if action not in self.actions:
            return False
        if action in UNIT_SCOPED and unit is not None and not self._everywhere(action):
            return name_key(unit) in self.unit_keys
        return True

    def require(self, action: Action, unit: str | None = None) -> None:
        """Refuse, naming the rule, unless this principal may take ``action`` (on ``unit``)."""
        if action not in self.actions:
            raise ForbiddenError(
                "role_forbidden",
                username=self.username,
                roles=sorted(r.value for r in self.roles),
                action=ACTION_WORDS[action],
            )
        if not self.can(action, unit):
            raise ForbiddenError("unit_forbidden", username=self.username, unit=unit or "")

    def units_for(self, action: Action) -> frozenset[str] | None:
        """The unit keys ``action`` is limited to; None where it reaches every unit (a
        manager's recording, or an action no unit limits). Whose work a page lists."""
        if action in UNIT_SCOPED and not self._everywhere(action):
            return self.unit_keys
        return None

    def reaches(self, organisation: str) -> bool:
        """Whether this principal's roles hold in ``organisation`` (a plan's code; ``""``
        for what names none, reached only by grants that name none either)."""
        return self.organisations is None or organisation in self.organisations

    def require_grantable(self, codes: tuple[str, ...]) -> None:
        """Refuse a grant beyond this principal's organisations: an organisation's admin
        grants in it, never in every organisation (no codes) nor in another."""
        if self.organisations is None:
            return
        if not codes or not set(codes) <= self.organisations:
            raise ForbiddenError(
                "organisation_forbidden",
                username=self.username,
                allowed=", ".join(sorted(self.organisations)),
                asked=", ".join(codes) or "*",
            )

    def _everywhere(self, action: Action) -> bool:
        """Roles other than staff that grant ``action`` grant it on every unit."""
        return any(action in GRANTS[r] for r in self.roles if r is not Role.STAFF)


ACTION_WORDS = {
    Action.READ: Words("ดูแผน", "read plans"),
    Action.RECORD: Words("บันทึกผลการดำเนินงาน", "record work"),
    Action.MANAGE: Words("เลื่อน ปรับงบ ยกเลิก หรือแก้ไข", "reschedule, revise, cancel or correct"),
    Action.AUDIT: Words("ดูประวัติการบันทึก", "read the audit history"),
    Action.ALERTS: Words("รับทราบการแจ้งเตือน", "acknowledge alerts"),
    Action.IMPORT: Words("นำเข้าแผน", "import plans"),
    Action.REVISE: Words("บันทึกการแก้ไขแผน", "record plan revisions"),
    Action.REPORT: Words("บันทึกผลการติดตามและยื่นรายงาน", "write findings and file reports"),
    Action.USERS: Words("จัดการผู้ใช้", "manage users"),
    Action.PUBLISH: Words("เผยแพร่แผนต่อสาธารณะ", "publish plans to the public"),
    Action.OVERSEE: Words("ดูภาพรวมหลายองค์กร", "read the roll-up across organisations"),
}

register_messages(
    {
        "role_forbidden": (
            "{username} ({roles}) ไม่มีสิทธิ์{action}",
            "{username} ({roles}) may not {action}",
        ),
        "unit_forbidden": (
            "{username} บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง ไม่ใช่ของ {unit}",
            "{username} may record only on their own units' activities, not {unit}'s",
        ),
        "not_signed_in": (
            "กรุณาเข้าสู่ระบบ หรือส่งโทเคน",
            "sign in, or send a bearer token",
        ),
        "sign_in_failed": (
            "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
            "wrong user name or password",
        ),
        "csrf_failed": (
            "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง",
            "the form is stale or came from elsewhere; reload the page and try again",
        ),
        "sign_in_throttled": (
            "เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณาลองใหม่ใน {seconds} วินาที",
            "too many failed sign-ins; try again in {seconds} seconds",
        ),
    }
)
