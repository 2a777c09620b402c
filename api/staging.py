"""Documents uploaded for a preview, kept until the import is confirmed.

The import page shows what a document would do before anyone confirms it; the
confirmation names the upload by its SHA-256 digest instead of sending the file
again. Uploads live in an owner-only directory beside the service's secret key
(``var/imports``) and are removed once imported, or after a day.
"""

from __future__ import annotations

import time
from pathlib import Path

from storage.file_store import DIGEST, FileStore
from storage.files import private_directory

KEPT_FOR_SECONDS = 24 * 60 * 60


class UploadStaging:
    """Uploaded documents by digest, in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files = FileStore(directory)

    def keep(self, data: bytes) -> str:
        """Keep ``data``; its digest, which names it from now on."""
        private_directory(self.directory)
        self._sweep()
        return self.files.put(data)

    def read(self, digest: str) -> bytes | None:
        """The upload named ``digest``, if it is still kept (and unaltered)."""
        return self.files.get(digest)

    def discard(self, digest: str) -> None:
        self.files.discard(digest)

    def _sweep(self) -> None:
        """Remove uploads older than a day (previews nobody confirmed)."""
        oldest = time.time() - KEPT_FOR_SECONDS
        for path in self.directory.iterdir():
            if DIGEST.match(path.name) and path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
