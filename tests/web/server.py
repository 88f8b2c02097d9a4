"""Starting ``outreach-tui web`` as a real process on a free loopback port, and always stopping it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.boards import on_disk

START_SECONDS = 30.0
STOP_SECONDS = 20.0
ESCAPES = re.compile(rb"\x1b\[[0-9;?$]*[A-Za-z]|\x1b\][^\x07]*\x07")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def screen_text(data: bytes) -> str:
    """What a terminal shows of ``data``, roughly: the escape sequences taken out."""
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


@dataclass
class RunningServer:
    port: int
    process: subprocess.Popen[bytes]
    log: str = field(default="")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws?width=100&height=30"


def processes_naming(text: str) -> list[str]:
    """Command lines of the app processes running on a board (``text``: a test's own board path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in args and "outreach_tui.web.session" in args:
            found.append(f"{entry.name}: {args}")
    return found


@contextmanager
def running_server(board: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[RunningServer]:
    """The server on a free port, until the block ends; then it is stopped and its log read.

    Fails if any app process of this board outlives the server.
    """
    port = free_port()
    command = [sys.executable, "-m", "outreach_tui", "web", "--db", str(board), "--port", str(port), *options]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    server = RunningServer(port, process)
    try:
        wait_listening(server)
        yield server
    finally:
        process.terminate()
        try:
            _, err = process.communicate(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        server.log = err.decode(errors="replace")
    left = wait_for_no_processes(str(board))
    assert not left, f"app processes outlived the server: {left}"


def wait_listening(server: RunningServer) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the server exited with {server.process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server did not listen within {START_SECONDS} s")


def wait_for_no_processes(text: str, seconds: float = STOP_SECONDS) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := processes_naming(text)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def wait_for_change(path: Path, before: bytes, seconds: float = 30.0) -> bytes:
    """``on_disk(path)`` once it differs from ``before`` (a change reached the board file or its journal)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = on_disk(path)
        if now != before:
            return now
        time.sleep(0.1)
    raise AssertionError(f"{path} did not change within {seconds} s")
