"""What an operator tunes about scanning and alerting (``TIDTAM_*`` variables)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.periods import DEFAULT_ROUNDS, Period, parse_rounds
from projections.work_owed import STALE_DAYS


class SchedulerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIDTAM_", extra="ignore")

    scheduler: Literal["embedded", "off"] = "embedded"
    """Run the scheduler inside `tidtam serve` (default) or not (run `tidtam scheduler`)."""
    stalled_days: int = 30
    """Days without progress, within the planned window, before an activity is `stalled`."""
    budget_margin: int = 20
    """Percentage points by which spending may run ahead of expected progress."""
    scan_hour: int = 0
    scan_minute: int = 15
    digest_hour: int = 8
    """Bangkok hour at which managers' daily e-mail digests are sent."""
    remind_every_days: int = Field(default=7, ge=0, le=366)
    """Days between two reminders to one person about the same activity (0: no reminders)."""
    remind_hour: int = Field(default=9, ge=0, le=23)
    """Bangkok hour from which the day's reminders to staff are sent."""
    remind_escalate_after: int = Field(default=2, ge=0, le=100)
    """Reminders left unanswered after which the next also goes to the unit's managers
    (0: never)."""
    stale_days: int = Field(default=STALE_DAYS, ge=1, le=366)
    """Days without work recorded on an open activity before it is owed an update
    (``stale``): the same ``TIDTAM_STALE_DAYS`` as the people's page of their own work."""
    deliver_every_seconds: int = 30
    max_attempts: int = 8
    lease_seconds: int = 600
    """A claimed delivery with no outcome after this long is tried again (its sender died)."""
    lock_file: str = "var/scheduler.lock"
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_username: str = ""
    smtp_password: str = ""
    mail_from: str = "tidtam@localhost"
    public_url: str = "http://127.0.0.1:8000"
    """Where managers open Tidtam, for links in e-mails."""
    webhook_urls: Annotated[list[str], NoDecode] = []
    webhook_secret: str = ""
    report_rounds: str = DEFAULT_ROUNDS
    """The report rounds the office files (``TIDTAM_REPORT_ROUNDS``: q1…q4, half, year)."""

    @property
    def rounds(self) -> tuple[Period, ...]:
        return parse_rounds(self.report_rounds)

    @field_validator("webhook_urls", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [url.strip() for url in value.split(",") if url.strip()]
        return value
