"""Two municipalities in one store, each with its plan and its people: the tenancy tests' world.

Both plans are the example document: ``เทศบาลเมืองทุ่งสง``'s as written, and
``เทศบาลเมืองบ้านใหม่``'s the same text with the place's name rewritten, so every unit,
code and figure repeats across the two and only what tells them apart may leak: names,
codes, ids, people. Each organisation has an admin, a manager, a staff member of the
plan's unit and an auditor; Thung Song has an overseer too, and the installation an
admin of every organisation (``root``). Each organisation's people record on their own
plan (a photo with progress, spending), the overdue scan flags both plans, and Thung
Song's manager acknowledges a flag last, so each feed has the other's events on both
sides of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from fastapi.testclient import TestClient

from api.auth import new_token
from api.main import create_app
from api.runtime import Runtime
from api.settings import Settings
from domain.clock import FixedClock
from domain.evidence import EvidenceFile
from domain.money import baht
from domain.plan_table import read_plan
from projections.alerts_view import AlertReader
from scheduler.scan import Scanner
from scheduler.settings import SchedulerSettings
from storage.store import Store
from tests.browser.world import PASSWORD, shared_password_hash
from tests.e2e.api.conftest import TODAY, UNIT
from tests.evidence_files import png
from tests.example_table import EXAMPLE_TABLE

PLACES = {"thungsong": "ทุ่งสง", "banmai": "บ้านใหม่"}
"""Each organisation's code and the place its name is made from (เทศบาลเมือง…)."""
ROLES = {
    "admin": (("admin",), ()),
    "manager": (("manager",), ()),
    "staff": (("staff",), (UNIT,)),
    "auditor": (("auditor",), ()),
}
NAMES = {
    "thungsong": {
        "admin": "สมชาย ใจดี", "manager": "สมหญิง รักงาน", "staff": "สมปอง ขยันดี",
        "auditor": "สมใจ ตรวจตรา", "overseer": "ปกครอง ดูแลทั่ว",
    },
    "banmai": {
        "admin": "บุญมี มีสุข", "manager": "บุญชู ชูใจ", "staff": "บุญเรือน เรือนงาม",
        "auditor": "บุญส่ง ส่งเสริม",
    },
}  # fmt: skip
"""Display names, none a part of another, so a name found in a page is that person's."""
ROOT = "root"
"""The installation's admin: roles in every organisation."""


def prefix(code: str) -> str:
    return {"thungsong": "ts", "banmai": "bm"}[code]


@dataclass
class Person:
    username: str
    organisation: str | None
    """The organisation the roles hold in; None: every one."""
    role: str
    token: str = ""
    cookie: str = ""


@dataclass
class Tenant:
    """One organisation as the store holds it, and what tells it from the other."""

    code: str
    name: str
    place: str
    plan_id: UUID
    projects: list[UUID] = field(default_factory=list)
    activities: dict[str, UUID] = field(default_factory=dict)
    flags: list[UUID] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)
    """User name → display name, of the people whose roles hold here."""
    evidence: str = ""
    """The SHA-256 of the photo attached to activity 2.1's progress."""
    last_event: int = 0
    """The position of the last event of its plan in the feed."""

    def markers(self) -> set[str]:
        """Whatever, seen by another organisation's people, would be a leak."""
        ids = [self.plan_id, *self.projects, *self.activities.values(), *self.flags]
        return {
            self.code,
            self.name,
            self.place,
            *map(str, ids),
            *self.people,
            *self.people.values(),
        }


@dataclass
class Tenants:
    runtime: Runtime
    client: TestClient
    tenants: dict[str, Tenant]
    people: dict[str, Person]

    def other(self, person: Person) -> Tenant:
        """The organisation ``person`` is not of (Bang Mai for the installation's admin)."""
        return self.tenants["banmai" if person.organisation != "banmai" else "thungsong"]

    def own(self, person: Person) -> Tenant | None:
        return self.tenants[person.organisation] if person.organisation else None


def document(code: str) -> bytes:
    """The example document as the organisation ``code`` would have written it."""
    return EXAMPLE_TABLE.read_text(encoding="utf-8").replace("ทุ่งสง", PLACES[code]).encode()


def _register(runtime: Runtime, person: Person, display_name: str) -> None:
    roles, units = ROLES.get(person.role, (("overseer",), ()))
    directory = runtime.directory
    directory.register(
        person.username, roles=roles, units=units, display_name=display_name,
        email=f"{person.username}@example.org",
        organisations=(person.organisation,) if person.organisation else (),
        password_hash=shared_password_hash(), actor=ROOT,
    )  # fmt: skip
    token = new_token()
    directory.issue_token(person.username, token.token_id, token.digest, label="t", actor=ROOT)
    person.token = token.secret


def _people(runtime: Runtime, tenants: dict[str, Tenant]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for code, names in NAMES.items():
        for role, display_name in names.items():
            person = Person(f"{prefix(code)}-{role}", code, role)
            _register(runtime, person, display_name)
            people[person.username] = person
            tenants[code].people[person.username] = display_name
    people[ROOT] = Person(ROOT, None, "admin")
    _register(runtime, people[ROOT], "ผู้ดูแลระบบ")
    return people


def _plan(runtime: Runtime, code: str) -> Tenant:
    directory, tracker = runtime.directory, runtime.tracker
    name = f"เทศบาลเมือง{PLACES[code]}"
    directory.register_organisation(code, name=name, province="นครศรีธรรมราช", actor=ROOT)
    draft = read_plan(document(code), f"{code}.txt")
    plan_id = tracker.import_plan(
        draft, actor=f"{prefix(code)}-admin", organisation=directory.organisation(code)
    ).plan_id
    return Tenant(code, name, PLACES[code], plan_id)


def _work(runtime: Runtime, tenant: Tenant) -> None:
    """The organisation's people record on its plan: progress with a photo, spending."""
    tracker, who = runtime.tracker, prefix(tenant.code)
    photo = EvidenceFile.of(png(), "sign.png", field="files")
    tracker.record_progress(tenant.activities["2.1"], 40, actor=f"{who}-staff", attached=(photo,))
    tracker.record_expenditure(
        tenant.activities["1.1"], baht("1200"), reference="ฎ.1/2552", actor=f"{who}-manager"
    )
    tenant.evidence = photo.sha256


def _read_back(runtime: Runtime, tenant: Tenant) -> None:
    """Ids as the views hold them, and the position of the plan's last event."""
    snapshot = runtime.reader.snapshot(tenant.plan_id)
    tenant.projects = [p.id for p in snapshot.projects]
    tenant.activities = {a.code: a.id for a in snapshot.activities}
    with runtime.projections.db.reading() as cur:
        flags = cur.execute(
            "SELECT flag_id FROM view_flags WHERE plan_id = ?", (str(tenant.plan_id),)
        ).fetchall()
        last = cur.execute(
            "SELECT MAX(position) FROM view_audit WHERE plan_id = ?", (str(tenant.plan_id),)
        ).fetchone()
    assert last is not None
    tenant.flags = [UUID(str(f)) for (f,) in flags]
    tenant.last_event = int(last[0])


def build(runtime: Runtime) -> tuple[dict[str, Tenant], dict[str, Person]]:
    """Both organisations, their plans, people and work, folded into the views."""
    tenants = {code: _plan(runtime, code) for code in PLACES}
    people = _people(runtime, tenants)
    runtime.projections.catch_up()
    for tenant in tenants.values():
        _read_back(runtime, tenant)
        _work(runtime, tenant)
    Scanner(runtime.tracker, runtime.projections.db, SchedulerSettings()).scan(TODAY)
    runtime.projections.catch_up()
    for tenant in tenants.values():
        _read_back(runtime, tenant)
    first = tenants["thungsong"]  # its last event comes after all of Bang Mai's
    flag = AlertReader(runtime.projections.db).flag(first.flags[0])
    assert flag is not None
    runtime.tracker.acknowledge_flag(flag.activity_id, flag.flag_id, actor="ts-manager")
    runtime.projections.catch_up()
    _read_back(runtime, first)
    return tenants, people


@contextmanager
def opened(store: Store, directory: Path) -> Iterator[Tenants]:
    """The two organisations' store behind the app, everyone signed in (a token and a
    session cookie each)."""
    runtime = Runtime.open(store, clock=FixedClock.at_bangkok(TODAY), poll_interval=0.2)
    try:
        tenants, people = build(runtime)
        app = create_app(Settings(secret_file=str(directory / "secret.key")), runtime=runtime)
        with TestClient(app) as client:
            for person in people.values():
                answer = client.post(
                    "/api/v1/session", json={"username": person.username, "password": PASSWORD}
                )
                assert answer.status_code == 200, answer.text
                person.cookie = answer.cookies["tidtam_session"]
                client.cookies.clear()
            yield Tenants(runtime, client, tenants, people)
    finally:
        runtime.close()
