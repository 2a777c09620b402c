"""Settings of the running service, read once from ``TIDTAM_*`` environment variables."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.evidence import LIMIT_BYTES
from domain.periods import DEFAULT_ROUNDS, Period, parse_rounds
from projections.work_owed import STALE_DAYS


class Settings(BaseSettings):
    """What an operator may tune; every field has a safe default."""

    model_config = SettingsConfigDict(env_prefix="TIDTAM_", extra="ignore")

    host: str = "127.0.0.1"
    report_rounds: str = DEFAULT_ROUNDS
    """The report rounds the office files (``TIDTAM_REPORT_ROUNDS``: q1…q4, half, year)."""
    port: int = 8000
    stale_days: int = Field(default=STALE_DAYS, ge=1, le=366)
    """Days without recorded work after which an open activity is listed on its unit's
    own page (``/my-work``) as not updated (``TIDTAM_STALE_DAYS``)."""
    upload_limit_bytes: int = 5 * 1024 * 1024
    """Plan tables larger than this are refused with 413."""
    evidence_limit_bytes: int = Field(default=LIMIT_BYTES, ge=1)
    """Evidence files (photos, PDFs) larger than this are refused (``evidence_too_large``)."""
    read_your_writes_timeout: float = 5.0
    """Seconds a read with ``min_position`` waits for the views before answering 503."""
    secret_file: str = "var/secret.key"
    """Where the key that signs session cookies is kept (created on first start)."""
    sign_in_failures: int = 5
    """Failed sign-ins allowed per user name from one client address within the window."""
    sign_in_client_failures: int = 50
    """Failed sign-ins allowed per client address within the window: more than per name,
    since a whole office may reach the service from one address."""
    sign_in_name_failures: int = 30
    """Failed sign-ins on one name, from any address, after which attempts on it are spaced."""
    sign_in_name_spacing_seconds: int = 60
    """Seconds between attempts on a name past that count: slows a guesser with many
    addresses to one guess a minute, and never keeps the owner out longer than that."""
    sign_in_window_seconds: int = 900
    session_hours: int = 12
    metrics_token: str = ""
    """The bearer token Prometheus sends to read ``/metrics`` (long and random; none by
    default). People who may audit read it with their own token or session."""
    trusted_proxies: str = ""
    """Addresses of reverse proxies whose ``X-Forwarded-For`` and ``X-Forwarded-Proto``
    are believed (comma-separated, e.g. ``127.0.0.1``; ``*`` for any). None by default:
    otherwise anyone on the machine could claim any address and reset the sign-in
    throttle's per-address count."""
    poll_interval: float = 0.5
    """Seconds between the projector's polls for events written by other processes."""
    projections: Literal["embedded", "external"] = "embedded"
    """Who folds the views this process reads (``TIDTAM_PROJECTIONS``): ``embedded``, a
    thread of this process (the single-process shape, ``make run``); ``external``, the
    ``tidtam projector`` process, while this one reads views only and waits for the
    positions it writes (the multi-process shape on PostgreSQL, which ``tidtam serve
    --workers N`` above 1 sets for its workers)."""
    projector_poll_interval: float = Field(default=0.05, gt=0, le=10)
    """Seconds between ``tidtam projector``'s polls of the logs: every event it folds was
    written by another process, so this bounds how long a read with ``min_position``
    waits on the other processes (``TIDTAM_PROJECTOR_POLL_INTERVAL``)."""
    standby_interval: float = Field(default=1.0, gt=0, le=60)
    """Seconds between a standby projector's attempts to take the leader's lock."""
    request_threads: int = Field(default=4, ge=1, le=64)
    """Requests served at once (``def`` routes run in a thread each). Python runs one
    thread at a time, so more only hold more half-built answers in memory: with 40
    (the default of the server's thread pool) a 1,000-activity plan's pages and reports
    drawn side by side took a server past 450 MB, with no more requests served."""

    @property
    def rounds(self) -> tuple[Period, ...]:
        return parse_rounds(self.report_rounds)

    @property
    def folding(self) -> bool:
        """Whether this process folds its own views (``TIDTAM_PROJECTIONS=embedded``)."""
        return self.projections == "embedded"
