"""First full paint of the real ``outreach-tui --db FILE`` in a real terminal (tmux), from the spawn.

    python benchmarks/terminal.py BOARD.json [BOARD.json ...] [--runs 5] [--size 120x40]

For each board it starts ``tmux new-session -d -x 120 -y 40`` running the installed console
script, polls ``tmux capture-pane -p`` until the board is settled on screen (the third column's
title with its count, the file name in the top bar and a place on one of that column's first
cards, worked out from the board beforehand: see ``sentinels``), and takes the time from just
before the spawn. Then it presses q and waits for the program to end, so every run starts from a
closed board. Medians of ``--runs``; each run has a fresh config folder (no saved campaign or
language) and English (``OUTREACH_TUI_LANG=en``, so the board file is not read for its default
language). The tmux server runs on a socket of its own and is stopped at the end. Prints one
JSON line per board. Not part of the test suite.

The program's modules are byte-compiled first, as installing it does: where PYTHONDONTWRITEBYTECODE
is set, Python would otherwise compile every module of the program again at each start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOCKET = f"outreach-bench-{os.getpid()}"
POLL_SECONDS = 0.015
"""Each look is a ``tmux capture-pane`` process: looking more often takes CPU from the board being measured."""
TIMEOUT_SECONDS = 60


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False).stdout


def byte_compiled() -> None:
    """Write the program's ``.pyc`` files (``compileall`` writes them whatever PYTHONDONTWRITEBYTECODE says)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "outreach_tui"), str(ROOT / "store")], check=True
    )


def sentinels(board: Path) -> list[str]:
    """What the screen shows once the board is settled, worked out from the board file.

    The third column's title with its count, the board file's name in the top bar, and the place
    on the second line of one of that column's first cards ("McAllen, Texas"). The first frame
    Textual draws can come before the cards have their final labels (no top bar yet, places not
    shown, names not shortened): these three appear only in the settled board.
    """
    from store import Repository, shown_label
    from store.i18n import format_number, set_language

    set_language("en")
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    if campaign is None:
        raise SystemExit(f"{board} has no campaign to show")
    column = repo.board(campaign.id).columns[min(2, len(campaign.stages) - 1)]
    wanted = [f"{shown_label(column.stage)} ({format_number(len(column.cards))})", board.name]
    places = [
        ", ".join(p for p in (c.organization.place.municipality, c.organization.place.state) if p)
        for c in column.cards[:3]
    ]
    # Short enough never to be cut on a 38-cell card line after a follow-up date.
    wanted += [place for place in places if 0 < len(place) <= 16][:1]
    return wanted


def one_run(command: list[str], wanted: list[str], size: tuple[int, int], name: str) -> float:
    config = tempfile.mkdtemp(prefix="outreach-bench-config-")
    environment = ["-e", f"XDG_CONFIG_HOME={config}", "-e", "OUTREACH_TUI_LANG=en"]
    width, height = size
    try:
        spawned = time.perf_counter()
        tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), *environment, *command)
        while True:
            screen = tmux("capture-pane", "-p", "-t", name)
            painted = time.perf_counter()
            if all(text in screen for text in wanted):
                break
            if painted - spawned > TIMEOUT_SECONDS:
                raise SystemExit(f"no board after {TIMEOUT_SECONDS} s; the screen shows:\n{screen}")
            time.sleep(POLL_SECONDS)
        tmux("send-keys", "-t", name, "q")
        quit_by = time.perf_counter() + 10
        while name in tmux("list-sessions", "-F", "#{session_name}").split() and time.perf_counter() < quit_by:
            time.sleep(0.05)
        tmux("kill-session", "-t", name)  # still there only if q did not close it
        return painted - spawned
    finally:
        shutil.rmtree(config, ignore_errors=True)


@contextmanager
def tmux_server() -> Iterator[None]:
    """A tmux server of our own for the runs, kept up by one idle session so no run includes starting it."""
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")
    byte_compiled()
    tmux("new-session", "-d", "-s", "keep", "sleep 86400")
    socket = tmux("display-message", "-p", "-t", "keep", "#{socket_path}").strip()
    try:
        yield
    finally:
        tmux("kill-server")
        if socket:
            Path(socket).unlink(missing_ok=True)


def first_paint_ms(board: Path, runs: int = 3, size: str = "120x40") -> float:
    """The median first paint of ``board`` through tmux, in ms (for run.py)."""
    width, height = (int(v) for v in size.split("x"))
    with tmux_server():
        return float(measure(board, runs, (width, height))["first_paint_tmux_ms"])  # type: ignore[arg-type]


def measure(board: Path, runs: int, size: tuple[int, int]) -> dict[str, object]:
    wanted = sentinels(board)
    script = shutil.which("outreach-tui", path=str(Path(sys.executable).parent)) or shutil.which("outreach-tui")
    if script is None:
        raise SystemExit("the outreach-tui command is not installed (pip install -e .)")
    load = os.getloadavg()[0]
    seconds = [one_run([script, "--db", str(board)], wanted, size, f"run{index}") for index in range(runs)]
    return {
        "board": str(board),
        "first_paint_tmux_ms": round(statistics.median(seconds) * 1000, 1),
        "runs_ms": [round(s * 1000, 1) for s in seconds],
        "waited_for": wanted,
        "load_average_before": round(load, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("boards", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="120x40", help="terminal size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with tmux_server():
        for board in args.boards:
            print(json.dumps(measure(board, args.runs, (width, height))), flush=True)


if __name__ == "__main__":
    main()
