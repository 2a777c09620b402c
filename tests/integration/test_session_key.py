"""The key that signs session cookies is made once, even by workers starting together.

Several ``tidtam serve`` workers start at the same moment and each finds no key. Each
must end up signing with the one key on disk: a worker that read a key half written
(an empty file) or wrote its own over another's would refuse every cookie the other
workers signed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from api.services import secret_key


def test_workers_starting_together_all_sign_with_the_one_key_on_disk(tmp_path: Path) -> None:
    for round_ in range(10):  # a race: each round is another chance for it to show
        path = tmp_path / str(round_) / "var" / "secret.key"
        start = threading.Barrier(8)
        keys: list[bytes] = []

        def worker(
            path: Path = path, start: threading.Barrier = start, keys: list[bytes] = keys
        ) -> None:
            start.wait()
            keys.append(secret_key(path))

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(keys) == 8 and set(keys) == {path.read_bytes()}, round_
        assert len(keys[0]) == 32
        assert sorted(p.name for p in path.parent.iterdir()) == ["secret.key"]  # no drafts left
        assert path.stat().st_mode & 0o777 == 0o600


def test_a_key_on_disk_is_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "secret.key"
    made = secret_key(path)
    assert secret_key(path) == made == path.read_bytes()
