"""Sending: e-mail over SMTP, and signed JSON POSTs to webhooks.

Each message carries an identity that a receiver can use to recognise a retry:
e-mails a Message-ID made from the delivery id, webhooks an ``Idempotency-Key``
header. Webhook bodies are signed with HMAC-SHA256 (``X-Tidtam-Signature:
sha256=<hex>``) so a receiver can check they came from this Tidtam.
"""

from __future__ import annotations

import hashlib
import hmac
import smtplib
import urllib.error
import urllib.request
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formatdate
from uuid import UUID

from scheduler.settings import SchedulerSettings


class Mailer:
    """SMTP, with STARTTLS and a login when the settings ask for them."""

    def __init__(self, settings: SchedulerSettings) -> None:
        self.settings = settings

    def send(self, delivery: UUID, to: str, subject: str, body: str) -> str:
        s = self.settings
        if not s.smtp_host:
            raise RuntimeError("no SMTP host configured (TIDTAM_SMTP_HOST)")
        # The legacy encoder keeps every space of a long Thai subject inside its encoded
        # words; the modern folder drops a space where it folds (``2552:ใหม่``).
        message = MIMEText(body, "plain", "utf-8")
        message["From"] = s.mail_from
        message["To"] = to
        message["Subject"] = Header(subject, "utf-8")  # type: ignore[assignment]
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = f"<{delivery}@tidtam>"
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=30) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
            refused = smtp.send_message(message)
        if refused:
            raise RuntimeError(f"refused by the mail server: {sorted(refused)}")
        return f"accepted by {s.smtp_host}:{s.smtp_port}"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class Poster:
    """JSON POSTs to webhook URLs, signed, with an idempotency key."""

    def __init__(self, settings: SchedulerSettings) -> None:
        self.settings = settings

    def send(self, delivery: UUID, url: str, kind: str, body: str) -> str:
        data = body.encode("utf-8")
        request = urllib.request.Request(
            url,
            data=data,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "Tidtam-webhook/1",
                "Idempotency-Key": str(delivery),
                "X-Tidtam-Event": kind,
                "X-Tidtam-Signature": signature(self.settings.webhook_secret, data),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"HTTP {error.code} from {url}") from None
