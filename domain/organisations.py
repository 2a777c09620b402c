"""Organisations: the local governments (อปท.) one Tidtam serves, each a tenant.

A municipality's plans, people and reports are its own: a plan belongs to the
organisation it was imported into, and a person's roles hold in the organisations
they were granted (``domain.people``). An organisation is known by a short code chosen
when it is registered (``thungsong``, or the Department of Local Administration's
number), never by its name: many tambons share a name across provinces
(เทศบาลตำบลบ้านใหม่ is more than one place), so a name cannot tell two tenants apart.

The name is what its plan documents call it: a document imported into an organisation
must name it so (compared ignoring spacing), or the import is refused rather than
guessed. The province groups organisations for the people who oversee them.

Plans and grants recorded before organisations existed name none (code ``""``): they
are the store's own, reached by people whose grants name no organisation either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import RuleViolation, register_messages
from domain.ids import NAMESPACE
from domain.recorded import Byline, Recorded, RecordedCreation, require_text
from domain.thai import clean_text, name_key
from domain.words import Words

CODE = re.compile(r"[a-z0-9][a-z0-9-]{1,39}")
STORE_OWN = ""
"""The code of what names no organisation: plans and grants from before organisations."""


def organisation_id(code: str) -> UUID:
    return uuid5(NAMESPACE, f"organisation|{code}")


def check_code(code: str) -> str:
    if not CODE.fullmatch(code):
        raise RuleViolation("organisation_code_format", field="organisation", code=code)
    return code


def check_codes(codes: tuple[str, ...]) -> tuple[str, ...]:
    """Organisation codes as a grant names them: each well formed, once, in order."""
    return tuple(sorted({check_code(c.strip()) for c in codes}))


class Organisation(Aggregate):
    """A local government served by this Tidtam."""

    TOPIC = "tidtam.Organisation"
    WHAT: ClassVar[Words] = Words("องค์กรปกครองส่วนท้องถิ่น", "organisation")

    if TYPE_CHECKING:  # state, set by the events' apply()
        code: str
        name: str
        province: str

    Event = Recorded

    class OrganisationRegistered(RecordedCreation):
        """An organisation may now hold plans and people."""

        TOPIC = "tidtam.OrganisationRegistered"
        code: str
        name: str
        province: str

        def apply(self, organisation: Organisation) -> None:
            organisation.code = self.code
            organisation.name = self.name
            organisation.province = self.province

    Created = OrganisationRegistered

    @classmethod
    def register(cls, code: str, *, name: str, province: str, by: Byline) -> Organisation:
        checked = check_code(code)
        return cls._create(
            cls.OrganisationRegistered,
            id=organisation_id(checked),
            code=checked,
            name=require_text(name, what=_NAME, field="name"),
            province=clean_text(province),
            **by.event_fields(),
        )


def tenant_code(organisation: Organisation | None, document_organisation: str) -> str:
    """The code of the organisation a document is imported into (``""``: the store's
    own), once it is sure the document is that organisation's plan: a document naming
    another organisation (compared ignoring spacing) is refused, never guessed."""
    if organisation is None:
        return STORE_OWN
    if name_key(document_organisation) != name_key(organisation.name):
        raise RuleViolation(
            "plan_organisation_mismatch",
            field="organisation",
            document=document_organisation,
            organisation=organisation.name,
            code=organisation.code,
        )
    return organisation.code


_NAME = Words("ชื่อองค์กร", "the organisation's name")

register_messages(
    {
        "organisation_code_format": (
            "'{code}' ใช้เป็นรหัสองค์กรไม่ได้ ต้องเป็นอักษรภาษาอังกฤษตัวเล็ก ตัวเลข หรือ - ยาว 2–40 ตัว",
            "'{code}' is not an organisation code: 2–40 lower-case letters, digits or '-'",
        ),
        "organisation_exists": (
            "มีองค์กรรหัส {code} อยู่แล้ว",
            "an organisation with code {code} already exists",
        ),
        "organisation_unknown": (
            "ไม่พบองค์กรรหัส {code}",
            "no organisation has the code {code}",
        ),
        "import_organisation_required": (
            "ระบุองค์กรที่จะนำเข้าแผนนี้ ({codes})",
            "name the organisation this plan is imported into ({codes})",
        ),
        "plan_organisation_mismatch": (
            "เอกสารเป็นแผนของ {document} ไม่ใช่ของ {organisation} ({code}) จึงไม่นำเข้า",
            "the document is {document}'s plan, not {organisation}'s ({code}); not imported",
        ),
        "organisation_forbidden": (
            "{username} ให้สิทธิ์ได้เฉพาะในองค์กรของตนเอง ({allowed}) ไม่ใช่ {asked}",
            "{username} may grant only in their own organisations ({allowed}), not {asked}",
        ),
    }
)
