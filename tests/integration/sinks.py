"""Real receivers for alert tests: an SMTP server (aiosmtpd) and an HTTP server on loopback."""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Mailbox:
    """Messages an SMTP server accepted."""

    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def bodies(self) -> list[str]:
        out = []
        for message in self.messages:
            payload = message.get_payload(decode=True)
            assert isinstance(payload, bytes)
            out.append(payload.decode("utf-8"))
        return out

    def subjects(self) -> list[str]:
        return [
            str(email.header.make_header(email.header.decode_header(m["Subject"])))
            for m in self.messages
        ]


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@dataclass
class Receiver:
    """Webhook calls an HTTP server received; it can be told to fail the first ones."""

    calls: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    fail_first: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, headers: dict[str, str], body: bytes) -> int:
        with self.lock:
            self.calls.append((headers, body))
            return 500 if len(self.calls) <= self.fail_first else 200


@contextmanager
def http_receiver(fail_first: int = 0) -> Iterator[tuple[Receiver, str]]:
    receiver = Receiver(fail_first=fail_first)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = receiver.record({k.lower(): v for k, v in self.headers.items()}, body)
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver, f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()
