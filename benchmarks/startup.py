"""Child process for run.py: start the board headless and report when it first painted fully.

Usage: python benchmarks/startup.py DB SPAWN_TIME WIDTHxHEIGHT
Prints one JSON object: seconds from SPAWN_TIME (the parent's clock just before it
spawned this process) to the first full paint, and the time spent opening the file.
"""

from __future__ import annotations

import json
import sys
import time

spawned = float(sys.argv[2])

from outreach_tui.app import OutreachApp  # noqa: E402
from store import Repository  # noqa: E402


class FirstPaint(OutreachApp):
    """The board, stopping right after its first frame with every column filled."""

    def on_ready(self) -> None:
        # on_ready fires after the first full screen update; one more refresh makes sure
        # the columns painted after the board screen's own mount.
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        self.painted_at = time.time()
        self.exit()


def main() -> None:
    opened = time.time()
    repo = Repository.open(sys.argv[1])
    open_seconds = time.time() - opened
    width, height = (int(v) for v in sys.argv[3].split("x"))
    app = FirstPaint(repo, watch_interval=None)
    app.run(headless=True, size=(width, height))
    print(json.dumps({"first_paint_s": app.painted_at - spawned, "open_s": open_seconds}))


if __name__ == "__main__":
    main()
