"""The admin pages about people: the list with the add form, and one person's page.

What the CLI (``tidtam users``) and the JSON API (``api.routes.users``) do, for an
admin in a browser: each form is one use case of the directory with the signed-in
admin as actor (``api.web.people_forms``), answered as every page form is
(``api.web.commands``), except that a change holds only once the people view has
folded it, as the API's routes wait for it. Issuing a token answers with the page and
the token's secret on it, that answer only: only its digest is kept, and the form
names the token's id beforehand, so the same form sent again (a reload) is refused
rather than showing a second secret. Only admins (``Action.USERS``) open these pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response

from api.auth import new_token, new_token_id
from api.sessions import settled, settled_at
from api.web import reading
from api.web.commands import answer
from api.web.context import FormDep, Page, Posted, SignedIn, who_of
from api.web.people_forms import (
    PERSON_FORMS,
    Asked,
    Values,
    chosen,
    kept,
    register,
    text,
    typed,
)
from api.web.render import PageRoute, render
from application.directory import Saved
from application.outcome import Outcome
from domain.errors import InputError, NotFoundError, RuleViolation, TidtamError
from domain.people import Role
from domain.policy import Action
from domain.thai import name_key
from projections.people_view import OrganisationRow, Person
from projections.tenancy import shares

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Username = Annotated[str, Path(max_length=64)]
FormName = Annotated[str, Path(pattern="^(" + "|".join(PERSON_FORMS) + ")$")]
ROLES = tuple(role.value for role in Role)


def administering(page: SignedIn) -> Page:
    """An admin's page, always of the present: people are administered as they are now."""
    who_of(page).require(Action.USERS)
    page.as_of = page.on = None
    return page


def administering_post(page: Posted) -> Page:
    return administering(page)


Admin = Annotated[Page, Depends(administering)]
AdminPost = Annotated[Page, Depends(administering_post)]


@dataclass(frozen=True, slots=True)
class UnitBox:
    """A unit offered as a box to tick: those the plans name, and any other the person
    has (ticked, marked as in no plan), so saving never drops a unit unseen."""

    name: str
    in_plans: bool
    ticked: bool


@dataclass(frozen=True, slots=True)
class Issued:
    """A token just issued: its secret goes on this one answer and nowhere else."""

    token_id: str
    secret: str
    label: str


@router.get("/admin/people", name="people_page")
def people_page(page: Admin) -> Response:
    return _list(page)


@router.post("/admin/people", name="people_add")
def people_add(page: AdminPost, form: FormDep) -> Response:
    """Add a person; refusals draw the list again with what was typed (not the password)."""
    values = typed(form)
    grantor = who_of(page)
    return answer(
        page, "person_add", _outcome(lambda: register(page.svc.runtime.directory, values, grantor)),
        redraw=lambda error, status: _list(page, kept(values), error, status),
        done_url=lambda: page.url("person_page", username=text(values, "username", 64)),
        flash_code=lambda: text(values, "username", 64),
        settle=lambda outcome: settled_at(page.svc, outcome.position),
    )  # fmt: skip


@router.get("/admin/people/{username}", name="person_page")
def person_page(username: Username, page: Admin) -> Response:
    return _person(page, username)


@router.post("/admin/people/{username}/token", name="person_token")
def person_token(username: Username, page: AdminPost, form: FormDep) -> Response:
    """Issue a token under the id the form was drawn with, and show its secret once."""
    values = typed(form)
    try:
        with page.svc.metrics.counted("person_token"):
            label = text(values, "label")
            token = new_token(text(values, "token_id", 64))
            saved = page.svc.runtime.directory.issue_token(
                username, token.token_id, token.digest, label=label, actor=who_of(page).username
            )
    except (RuleViolation, InputError) as error:
        return _person(page, username, "token", kept(values), error, status=422)
    page.svc.metrics.events.inc(len(saved.events))  # as every other form's answer counts
    settled(page.svc, saved)  # the token works from the answer that shows it
    return _person(page, username, issued=Issued(token.token_id, token.secret, label))


@router.post("/admin/people/{username}/{form_name}", name="person_command")
def person_command(
    username: Username, form_name: FormName, page: AdminPost, form: FormDep
) -> Response:
    """Run one of the person's forms; refusals draw the page again, success redirects."""
    values = typed(form)
    asked = Asked(page.svc.runtime.directory, username, who_of(page), values)
    spec = PERSON_FORMS[form_name]
    return answer(
        page, f"person_{form_name}", _outcome(lambda: spec.run(asked)),
        redraw=lambda error, status: _person(
            page, username, form_name, kept(values), error, status=status
        ),
        done_url=lambda: page.url("person_page", username=username),
        flash_code=lambda: username,
        settle=lambda outcome: settled_at(page.svc, outcome.position),
    )  # fmt: skip


def _outcome(call: Callable[[], Saved]) -> Callable[[], Outcome]:
    """A directory command as the pages' forms answer commands."""

    def run() -> Outcome:
        saved = call()
        return Outcome(saved.user.id, saved.user.version, saved.position, saved.events)

    return run


def unit_boxes(
    plan_units: Sequence[reading.Unit], ticked: Sequence[str], held: Sequence[str] = ()
) -> list[UnitBox]:
    """The plans' units, then the others ``held`` (the person's own) or ``ticked``."""
    keys = {name_key(u) for u in ticked}
    known = {u.key for u in plan_units}
    boxes = [UnitBox(u.name, True, u.key in keys) for u in plan_units]
    others = {name_key(u): u.strip() for u in (*held, *ticked) if name_key(u) not in known}
    return boxes + [UnitBox(u, False, name_key(u) in keys) for u in sorted(others.values())]


def _list(
    page: Page, values: Values | None = None, error: TidtamError | None = None, status: int = 200
) -> Response:
    plan_units = reading.units(page)
    shown = values or {}
    return render(
        page, "people.html", status_code=status, nav="people",
        people=[p for p in page.svc.auth.people.people() if shares(page.reach, p.organisations)],
        roles=ROLES, values=shown, error=error,
        boxes=unit_boxes(plan_units, chosen(shown, "units")),
        in_plans={u.key for u in plan_units}, name_key=name_key,
        organisations=_offered(page),
    )  # fmt: skip


def _person(
    page: Page, username: str, form_name: str = "", values: Values | None = None,
    error: TidtamError | None = None, *, status: int = 200, issued: Issued | None = None,
) -> Response:  # fmt: skip
    reader = page.svc.auth.people
    person = reader.person(username)
    if person is None:
        raise NotFoundError("user_not_found", username=username)
    access: Values = values if form_name == "access" and values is not None else _access(person)
    return render(
        page, "person.html", status_code=status, nav="people",
        person=person, tokens=reader.tokens(username), roles=ROLES,
        form_name=form_name, values=values or {}, error=error, access=access,
        boxes=unit_boxes(reading.units(page), chosen(access, "units"), person.units),
        fields=PERSON_FORMS[form_name].fields if form_name in PERSON_FORMS else {"label"},
        yourself=who_of(page).username == person.username,
        issued=issued, token_id=new_token_id(), organisations=_offered(page),
    )  # fmt: skip


def _access(person: Person) -> Values:
    return {
        "roles": list(person.roles),
        "units": list(person.units),
        "organisations": list(person.organisations),
    }


def _offered(page: Page) -> list[OrganisationRow]:
    """The organisations an admin may grant in: theirs (every one for the store's own)."""
    return page.svc.auth.people.organisations(who_of(page).organisations)
