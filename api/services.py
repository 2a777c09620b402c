"""The objects a running API shares, built once in the app's lifespan."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from api.auth import Authenticator, SessionSigner, Throttle
from api.metrics import Metrics
from api.public_cache import PublicPages
from api.report_cache import ReportCache
from api.runtime import Runtime
from api.settings import Settings
from api.staging import UploadStaging
from projections.overview import RollupMemo
from projections.remembered import ActivityMemo, RowMemo
from projections.tenancy import TenancyReader
from storage.files import private_file


@dataclass
class Services:
    settings: Settings
    runtime: Runtime
    auth: Authenticator
    sessions: SessionSigner
    metrics: Metrics
    reports: ReportCache
    rows: RowMemo
    parts: ActivityMemo
    """Each activity's part of the plan resource, per version and day."""
    uploads: UploadStaging
    """Documents uploaded for an import's preview, until it is confirmed."""
    public: PublicPages
    """Plans' public pages, kept apart from the signed-in reports."""
    tenancy: TenancyReader
    """Which organisation what a request names belongs to (``api.tenancy``)."""
    overview: RollupMemo
    """Each plan's part of the overseers' roll-up, while the plan stands still."""

    @classmethod
    def build(cls, settings: Settings, runtime: Runtime) -> Services:
        throttle = Throttle(
            settings.sign_in_failures,
            settings.sign_in_window_seconds,
            client_failures=settings.sign_in_client_failures,
            name_failures=settings.sign_in_name_failures,
            name_spacing=settings.sign_in_name_spacing_seconds,
        )
        return cls(
            settings=settings,
            runtime=runtime,
            auth=Authenticator(runtime.projections.db, throttle, people_at=_people_at(runtime)),
            sessions=SessionSigner(secret_key(Path(settings.secret_file)), settings.session_hours),
            metrics=Metrics(runtime.projections),
            reports=ReportCache(),
            rows=RowMemo(),
            parts=ActivityMemo(),
            uploads=UploadStaging(Path(settings.secret_file).parent / "imports"),
            public=PublicPages(),
            tenancy=TenancyReader(runtime.projections.db),
            overview=RollupMemo(),
        )


def _people_at(runtime: Runtime) -> Callable[[], int] | None:
    """Where the people view stands, as this process last saw it: folded by its own
    projection thread, or, where another process folds the views, read by the thread
    that follows that projector (every `projections.service.FOLLOW_EVERY`). Asked on the
    event loop for every request, so never a query: a change to a person holds at once
    on the worker that answered it (it waited for the view) and within that interval on
    the others."""
    try:
        people = runtime.projections.projector("people")
    except KeyError:
        return None
    return lambda: people.seen


def secret_key(path: Path) -> bytes:
    """The key that signs session cookies: made once, kept beside the store, never logged.

    Several workers may start at once, each finding no key: each writes a whole key to
    a file of its own and links it into place, which only the first does; the others
    read that one. A key half written is never read, and all sign with one key.
    """
    if path.exists():
        return path.read_bytes()
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    private_file(draft)  # owner-only before a byte of the key is in it
    try:
        draft.write_bytes(secrets.token_bytes(32))
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink()
    return path.read_bytes()
