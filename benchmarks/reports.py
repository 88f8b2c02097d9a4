"""Speed and memory of ``outreach-tui report`` on a large board: issue 12's target is 1 s at 20,000 organizations.

    python benchmarks/reports.py [--orgs 20000] [--repeats 3]

Builds a demo board of ``--orgs`` organizations once, then times real ``outreach-tui report``
processes (text, HTML for a funder, JSON) and prints the median wall and CPU time and the peak
RSS of each; the board's opening (reading and checking the file) is part of every figure, as
it is for a person. Not part of the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spreadsheets import command, timed

TARGET_S = 1.0
RUNS = {
    "text": ["report"],
    "html_funder": ["report", "--profile", "funder", "--format", "html"],
    "json": ["report", "--json"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="outreach-tui-bench-") as scratch:
        folder = Path(scratch)
        env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        board = folder / "board.json"
        subprocess.run([*command(), "--db", str(board), "demo", "--orgs", str(options.orgs)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        print(f"report on {options.orgs:,} organizations, medians of {options.repeats}, "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores:")  # fmt: skip
        for name, args in RUNS.items():
            runs = [timed([*command(), "--db", str(board), *args], env) for _ in range(options.repeats)]
            if any(run[3] != 0 for run in runs):
                sys.exit(f"report exited {runs[0][3]} ({name})")
            seconds = statistics.median(run[0] for run in runs)
            cpu = statistics.median(run[1] for run in runs)
            rss = max(run[2] for run in runs)
            verdict = "met" if seconds <= TARGET_S else "NOT met"
            print(
                f"  {name:<12} {seconds:6.2f} s wall  {cpu:6.2f} s CPU   peak RSS {rss:5.0f} MB  (target ≤ 1 s: {verdict})"
            )


if __name__ == "__main__":
    main()
