"""Files only Tidtam's own user may read: the events, the views, the keys, the locks.

The events file holds password hashes and token digests; the views hold the same in
their people tables. Created ``0600`` in a ``0700`` directory (and tightened to that
when an earlier release left them readable by every local user). SQLite gives its
``-wal`` and ``-shm`` files the mode of the database file they belong to.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


def private_directory(path: Path) -> None:
    """Make ``path`` (and missing parents) if need be; a directory made here is 0700."""
    if not path.exists():
        path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)


def private_file(path: Path) -> None:
    """Make ``path`` an owner-only file, empty if it did not exist, in a private directory.

    A file someone else owns is left as it is (``chmod`` would fail): the database
    itself then decides whether Tidtam may open it.
    """
    private_directory(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    except PermissionError:
        return
    os.close(descriptor)
    with contextlib.suppress(PermissionError):
        if path.stat().st_mode & 0o077:
            path.chmod(FILE_MODE)
