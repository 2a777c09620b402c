"""The people pages in a store of organisations: an organisation's admin is offered only
their own, and what they add holds only there; the store's own admin may grant anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.main import create_app
from tests.browser.conftest import Pages
from tests.browser.import_world import EmptyWorld, empty_world
from tests.browser.test_import_pages import sign_in
from tests.browser.world import shared_password_hash

PERSON = {"username": "somchai", "roles": ["staff"], "other_units": "กองช่าง",
          "password": "ทุ่งสง-ใหม่-2552"}  # fmt: skip


@pytest.fixture
def world(tmp_path: Path) -> Iterator[EmptyWorld]:
    with empty_world(tmp_path) as opened:
        directory = opened.runtime.directory
        directory.register_organisation("thungsong", name="เทศบาลเมืองทุ่งสง", actor="setup")
        directory.register_organisation("banmai", name="เทศบาลตำบลบ้านใหม่", actor="setup")
        directory.register("admin-banmai", roles=("admin",), organisations=("banmai",),
                           password_hash=shared_password_hash(), actor="setup")  # fmt: skip
        opened.runtime.projections.catch_up()
        yield opened


@pytest.fixture
def pages(world: EmptyWorld) -> Iterator[Pages]:
    from tests.browser.conftest import TestClient

    with TestClient(create_app(world.settings, world.runtime)) as http:
        yield Pages(http, None)  # type: ignore[arg-type]


def test_an_organisations_admin_is_offered_and_grants_only_their_own(
    pages: Pages, world: EmptyWorld
) -> None:
    sign_in(pages, "admin-banmai")
    listed = pages.http.get("/admin/people").text
    assert 'value="banmai"' in listed and 'value="thungsong"' not in listed
    token = pages.csrf("/admin/people")
    sent = {**PERSON, "csrf": token, "organisations_offered": "1"}
    elsewhere = pages.http.post("/admin/people", data={**sent, "organisations": "thungsong"})
    assert elsewhere.status_code in (403, 422) and "organisation" in elsewhere.text
    nowhere = pages.http.post("/admin/people", data=sent)  # none ticked: every organisation
    assert nowhere.status_code in (403, 422)
    assert not world.runtime.directory.exists("somchai")
    added = pages.http.post(
        "/admin/people", data={**sent, "organisations": "banmai"}, follow_redirects=False
    )
    assert added.status_code == 303, added.text
    assert world.runtime.directory.get("somchai").organisations == ("banmai",)


def test_the_stores_own_admin_is_offered_every_organisation(pages: Pages) -> None:
    sign_in(pages, "admin")
    listed = pages.http.get("/admin/people").text
    assert 'value="banmai"' in listed and 'value="thungsong"' in listed
