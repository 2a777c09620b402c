"""The sign-in throttle slows guessing without locking the owner out (hardening, finding 5).

A count per name alone let anyone lock a known user out for the whole window by
failing five times. Failures now count per name from one address, per address, and,
past a higher count, per name from anywhere as a pace (one attempt a minute), never
as a lock.
"""

from __future__ import annotations

import pytest

from api.auth import Throttle
from domain.errors import ThrottledError

WINDOW = 900


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttle(clock: Clock) -> Throttle:
    return Throttle(5, WINDOW, client_failures=50, name_failures=30, name_spacing=60, clock=clock)


def fail(throttle: Throttle, name: str, client: str, times: int = 1) -> None:
    for _ in range(times):
        throttle.check(name, client)
        throttle.failed(name, client)


def test_guessing_from_one_address_is_refused_after_five_failures(throttle: Throttle) -> None:
    fail(throttle, "somsak", "203.0.113.9", 5)
    with pytest.raises(ThrottledError) as refused:
        throttle.check("somsak", "203.0.113.9")
    assert 0 < refused.value.values["seconds"] <= WINDOW + 1


def test_a_guesser_elsewhere_does_not_lock_the_owner_out(throttle: Throttle) -> None:
    fail(throttle, "somsak", "203.0.113.9", 5)
    throttle.check("somsak", "10.0.0.5")  # the owner, at the town hall: let through


def test_one_address_spraying_many_names_is_refused_at_its_own_limit(throttle: Throttle) -> None:
    for n in range(50):
        fail(throttle, f"user{n}", "203.0.113.9")
    with pytest.raises(ThrottledError):
        throttle.check("somsak", "203.0.113.9")


def test_guessing_one_name_from_many_addresses_is_paced_not_locked(
    throttle: Throttle, clock: Clock
) -> None:
    for n in range(30):
        fail(throttle, "somsak", f"198.51.100.{n}")
    throttle.check("somsak", "198.51.100.200")  # the first attempt past the count goes through
    throttle.failed("somsak", "198.51.100.200")
    with pytest.raises(ThrottledError) as refused:
        throttle.check("somsak", "198.51.100.201")  # the next must wait its turn …
    assert refused.value.values["seconds"] <= 61
    clock.now += 60
    throttle.check("somsak", "10.0.0.5")  # … and a minute later the owner gets in
    throttle.succeeded("somsak", "10.0.0.5")
    throttle.check("somsak", "10.0.0.5")


def test_failures_older_than_the_window_are_forgotten(throttle: Throttle, clock: Clock) -> None:
    fail(throttle, "somsak", "203.0.113.9", 5)
    clock.now += WINDOW + 1
    throttle.check("somsak", "203.0.113.9")


def test_memory_stays_bounded_whatever_names_an_attacker_tries(
    throttle: Throttle, clock: Clock
) -> None:
    throttle.MAX_KEYS = 1000
    for n in range(400):
        throttle.failed(f"user{n}", f"198.51.100.{n % 250}")
    clock.now += WINDOW + 1
    for n in range(400, 800):
        throttle.failed(f"user{n}", f"198.51.100.{n % 250}")
    assert len(throttle._seen) <= 1000 + 3
