"""Files kept by their SHA-256 digest: filed reports (and uploads waiting to be imported).

A file is written once under its digest and read back only if it still hashes to it,
so a file changed on disk reads as missing, never as the one filed. The events carry
the digests, so what was filed can be proved from the log even if a file is lost. The
directory is ``TIDTAM_FILES``, else ``files/`` beside a SQLite store (``var/files``),
else ``var/files`` (a PostgreSQL store: processes on several hosts must share it).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from domain.errors import register_messages
from storage.files import FILE_MODE, private_directory
from storage.store import Store

DIGEST = re.compile(r"^[0-9a-f]{64}$")

register_messages(
    {
        "store_copy_files_damaged": (
            "แฟ้ม {count} แฟ้มในที่เก็บแฟ้มต้นทางไม่ตรงกับชื่อ (SHA-256) จึงไม่ได้คัดลอก: {names} "
            "เหตุการณ์ทั้งหมดคัดลอกแล้ว โปรดนำแฟ้มเหล่านี้จากข้อมูลสำรองมาวางในที่เก็บแฟ้มปลายทาง",
            "{count} kept files do not hash to their names and were not copied: {names}. "
            "Every event is copied: restore these files from a backup into the copy's files",
        ),
    }
)


def files_directory(store: Store, environ: Mapping[str, str] | None = None) -> Path:
    """Where ``store``'s files are kept (see the module docstring)."""
    env = os.environ if environ is None else environ
    if env.get("TIDTAM_FILES"):
        return Path(env["TIDTAM_FILES"])
    if store.backend == "sqlite":
        return Path(store.sqlite_path).parent / "files"
    if store.backend == "memory":
        return Path(tempfile.mkdtemp(prefix="tidtam-files-"))
    return Path("var") / "files"


class FileStore:
    """Files by digest in ``directory`` (owner-only)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def put(self, data: bytes) -> str:
        """Keep ``data``; its digest, which names it from now on."""
        private_directory(self.directory)
        digest = hashlib.sha256(data).hexdigest()
        path = self.directory / digest
        if not path.exists():
            partial = path.with_suffix(".part")
            descriptor = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            partial.replace(path)  # never a half-written file under a digest
        return digest

    def get(self, digest: str) -> bytes | None:
        """The file named ``digest``, if it is kept and unaltered."""
        if not DIGEST.match(digest):
            return None
        try:
            data = (self.directory / digest).read_bytes()
        except FileNotFoundError:
            return None
        return data if hashlib.sha256(data).hexdigest() == digest else None

    def discard(self, digest: str) -> None:
        if DIGEST.match(digest):
            (self.directory / digest).unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class FilesCopied:
    """What a copy of the kept files did: copied, already there, and refused."""

    copied: int
    present: int
    damaged: tuple[str, ...]
    """Names that do not hash to themselves (or are not digests): left behind, named."""


def copy_files(source: Path, target: Path) -> FilesCopied:
    """Every file kept in ``source`` into ``target`` (filed reports, evidence), each read
    back only if it still hashes to its name: a store copied without its files would
    name reports and photos it cannot show. Nothing when both are one directory."""
    if not source.is_dir() or source.resolve() == target.resolve():
        return FilesCopied(0, 0, ())
    kept, into = FileStore(source), FileStore(target)
    copied = present = 0
    damaged: list[str] = []
    for path in sorted(source.iterdir()):
        if path.suffix == ".part" or not path.is_file():
            continue  # a write that never finished names nothing
        data = kept.get(path.name)
        if data is None:
            damaged.append(path.name)
        elif into.get(path.name) is not None:
            present += 1
        else:
            into.put(data)
            copied += 1
    return FilesCopied(copied, present, tuple(damaged))
