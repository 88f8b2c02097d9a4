"""How long the metrics screen takes to open on a board, and how long its numbers take to count.

    python benchmarks/metrics.py BOARD.json [--repeats 5] [--size 80x24]

(a board from ``outreach-tui --db BOARD.json demo --orgs 20000``). Prints medians, as JSON:

* ``report_ms``: ``Repository.report`` alone, the numbers the screen shows;
* ``metrics_open_ms``: ``m`` pressed on the board to the first paint of the metrics screen, saying it is
  counting (the count runs in a worker thread after that paint);
* ``metrics_counted_ms``: ``m`` pressed to every number, bar and row on screen.

Through Textual's Pilot, which adds an idle wait of its own (about 40 ms). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from outreach_tui.app import OutreachApp  # noqa: E402
from outreach_tui.screens.metrics import MetricsScreen  # noqa: E402
from store import Repository  # noqa: E402
from store.i18n import today  # noqa: E402


async def measure(repo: Repository, size: tuple[int, int], repeats: int) -> dict[str, float]:
    app = OutreachApp(repo, watch_interval=None)
    opened, counted, painted = [], [], []
    # Pilot's press waits until the app is idle, which includes the count: the first paint is timed here.
    mount = MetricsScreen.on_mount

    def on_mount(screen: MetricsScreen) -> None:
        mount(screen)
        screen.call_after_refresh(lambda: painted.append(time.perf_counter()))

    MetricsScreen.on_mount = on_mount  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(repeats):
            start = time.perf_counter()
            await pilot.press("m")
            while not painted or app.screen.report is None:
                await pilot.pause(0.005)
            await pilot.pause()
            counted.append((time.perf_counter() - start) * 1000)
            opened.append((painted.pop() - start) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    return {"metrics_open_ms": statistics.median(opened), "metrics_counted_ms": statistics.median(counted)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("board", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--size", default="80x24", help="terminal size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    repo = Repository.open(args.board)
    campaign_id = repo.default_campaign().id
    reports = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        repo.report(campaign_id, today=today())
        reports.append((time.perf_counter() - start) * 1000)
    figures = {"report_ms": statistics.median(reports)}
    figures.update(asyncio.run(measure(repo, (width, height), args.repeats)))
    print(json.dumps({name: round(value, 1) for name, value in figures.items()}))


if __name__ == "__main__":
    main()
