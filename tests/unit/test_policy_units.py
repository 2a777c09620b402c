"""Whose units an action reaches (``Principal.units_for``): what the page of one's own
work lists, staff their own units, managers every unit."""

from __future__ import annotations

from domain.people import Role
from domain.policy import Action, Principal
from domain.thai import name_key

PR = name_key("งานประชาสัมพันธ์ กองวิชาการ ฯ")


def person(*roles: Role, units: frozenset[str] = frozenset({PR})) -> Principal:
    return Principal("somsak", "สมศักดิ์", frozenset(roles), units)


def test_staff_record_on_their_own_units_only() -> None:
    assert person(Role.STAFF).units_for(Action.RECORD) == frozenset({PR})
    assert person(Role.STAFF, units=frozenset()).units_for(Action.RECORD) == frozenset()


def test_a_manager_records_on_every_unit_even_when_staff_of_one() -> None:
    assert person(Role.MANAGER).units_for(Action.RECORD) is None
    assert person(Role.STAFF, Role.MANAGER).units_for(Action.RECORD) is None


def test_an_action_no_unit_limits_reaches_every_unit() -> None:
    assert person(Role.STAFF).units_for(Action.READ) is None
