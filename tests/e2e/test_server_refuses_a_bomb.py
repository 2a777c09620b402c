"""A zip-bomb workbook uploaded to a real ``tidtam serve`` is refused fast, the server's
memory stays bounded, and it still stops on SIGTERM (hardening, finding 6).

Before, the upload held a worker, grew the server to 600–800 MB, and the server then
ignored SIGTERM. The server here is the real command in a process of its own.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.unit.test_workbook_limits import same_rows, workbook

pytestmark = pytest.mark.slow
MIB = 1024 * 1024


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    token: str

    def peak_memory(self) -> int:
        """The server's peak resident size so far, in bytes (Linux's VmHWM)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        assert found
        return int(found.group(1)) * 1024

    def upload(self, data: bytes) -> httpx.Response:
        return httpx.post(
            f"{self.url}/api/v1/plans/import",
            headers={"Authorization": f"Bearer {self.token}"},
            files={"file": ("bomb.xlsx", data)},
            timeout=60,
        )


def tidtam(*args: str) -> list[str]:
    return [sys.executable, "-c", "from api.cli.main import main; main()", *args]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    var = tmp_path / "var"
    env = {**os.environ, "TIDTAM_DB": str(var / "tidtam.db"), "TIDTAM_LANG": "en"}
    env["TIDTAM_SECRET_FILE"] = str(var / "secret.key")
    env.pop("TIDTAM_DATABASE", None)
    setup = subprocess.run(tidtam("setup", "--bare"), env=env, capture_output=True)
    assert setup.returncode == 0, setup.stderr
    token = re.search(r"admin API token: (tt_\S+)", setup.stdout.decode())
    assert token
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        tidtam("serve", "--port", str(port)), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline and process.poll() is None, "tidtam serve did not start"
        time.sleep(0.2)
    yield Server(process, url, token.group(1))
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = workbook(same_rows(6_000_000), compresslevel=9)
    assert len(data) < 2 * MIB  # within the upload limit: only its contents are the bomb
    return data


def test_an_uploaded_bomb_is_refused_fast_in_bounded_memory(server: Server, bomb: bytes) -> None:
    before = server.peak_memory()
    started = time.monotonic()
    answer = server.upload(bomb)
    assert time.monotonic() - started < 10
    assert answer.status_code == 422 and answer.json()["rule"] == "table_too_large"
    assert server.peak_memory() - before < 100 * MIB
    assert httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200


def test_the_server_stops_on_sigterm_even_during_an_upload(server: Server, bomb: bytes) -> None:
    def upload() -> None:
        with contextlib.suppress(httpx.HTTPError):
            server.upload(bomb)

    uploading = threading.Thread(target=upload)
    uploading.start()
    time.sleep(0.5)  # the server is reading and measuring the workbook
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=20)
    uploading.join(timeout=30)
    assert server.process.returncode is not None
