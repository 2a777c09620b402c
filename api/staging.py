"""Documents uploaded for a preview, kept until the import is confirmed.

The import page shows what a document would do before anyone confirms it; the
confirmation names the upload by its SHA-256 digest instead of sending the file
again. Uploads live in an owner-only directory beside the service's secret key
(``var/imports``) and are removed once imported, or after a day.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

from storage.files import FILE_MODE, private_directory

KEPT_FOR_SECONDS = 24 * 60 * 60
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class UploadStaging:
    """Uploaded documents by digest, in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def keep(self, data: bytes) -> str:
        """Keep ``data``; its digest, which names it from now on."""
        private_directory(self.directory)
        self._sweep()
        digest = hashlib.sha256(data).hexdigest()
        path = self.directory / digest
        if not path.exists():
            descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
        return digest

    def read(self, digest: str) -> bytes | None:
        """The upload named ``digest``, if it is still kept (and unaltered)."""
        if not _DIGEST.match(digest):
            return None
        path = self.directory / digest
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        return data if hashlib.sha256(data).hexdigest() == digest else None

    def discard(self, digest: str) -> None:
        if _DIGEST.match(digest):
            (self.directory / digest).unlink(missing_ok=True)

    def _sweep(self) -> None:
        """Remove uploads older than a day (previews nobody confirmed)."""
        oldest = time.time() - KEPT_FOR_SECONDS
        for path in self.directory.iterdir():
            if _DIGEST.match(path.name) and path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
