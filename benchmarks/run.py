"""Speed and memory of outreach-tui on large boards, against the floor of its storage format.

    python benchmarks/run.py [--sizes 1000,5000,20000] [--repeats 5] [--size 120x40] [--json-out FILE]

For each size it builds a board with ``outreach-tui demo --orgs N`` (about three history
events per organization), then measures, as medians:

* first paint: process start to the first full paint of the board (a real child process, headless),
  and through a real terminal (tmux, ``benchmarks/terminal.py``) when tmux is installed;
* selection move, card move (screen and durable write), filter keystroke, clearing the filter;
* export of the snapshot, and the session's peak RSS;
* on a board of 200 organizations, "]" into the training stage (the training form opens) and
  enter in it (the training is recorded and the board shows again), the first of the session apart;
* for the card move and the training form, the frames Textual paints per key, the time from the
  key to the last of them (``*_paint_ms``), and frames painted after Pilot found the app idle;
* the floor: parsing the same file (orjson) and one atomic write of the same data
  (serialize + temp file + fsync + replace + folder fsync).

It prints a table and one JSON line per figure with its ratio to the floor, so runs on
noisy machines stay comparable. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import terminal  # noqa: E402  (benchmarks/terminal.py, beside this script)

from store.storage import BoardFile, encode  # noqa: E402

TARGETS_20K = {
    "first_paint_ms": 1500,
    "first_paint_tmux_ms": 1500,
    "selection_net_ms": 50,
    "filter_key_net_ms": 150,
    "clear_filter_net_ms": 250,
    "card_move_screen_net_ms": 50,  # the issue: key press to updated screen
    "card_back_screen_net_ms": 100,
    "watch_ms": 20,
    "training_form_first_net_ms": 60,
    "training_form_net_ms": 60,
    "training_saved_first_net_ms": 60,
    "training_saved_net_ms": 60,
    "card_move_write_ms": 10,
    "board_rss_mb": 250,
    "peak_rss_mb": 250,
}


def child(*args: str) -> dict[str, float]:
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def build(folder: Path, organizations: int) -> tuple[Path, float]:
    path = folder / f"board-{organizations}.json"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "outreach_tui", "demo", "--orgs", str(organizations), "--db", str(path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return path, time.perf_counter() - start


def floor(path: Path, repeats: int) -> dict[str, float]:
    data = path.read_bytes()
    parses = []
    # As the store parses: with the cyclic collector paused, which otherwise rescans the
    # freshly built containers several times over.
    gc.disable()
    for _ in range(repeats):
        start = time.perf_counter()
        document = orjson.loads(data)
        parses.append((time.perf_counter() - start) * 1000)
    gc.enable()
    target = BoardFile(path.with_name(path.stem + "-floor.json"))
    writes = []
    for _ in range(repeats):
        start = time.perf_counter()
        target.write_bytes(encode(document))
        writes.append((time.perf_counter() - start) * 1000)
    return {"parse_ms": statistics.median(parses), "atomic_write_ms": statistics.median(writes)}


def measure(organizations: int, folder: Path, repeats: int, size: str) -> dict[str, float]:
    path, build_s = build(folder, organizations)
    figures: dict[str, float] = {"build_s": build_s, "file_mb": path.stat().st_size / 1e6}
    figures.update(floor(path, repeats))
    paints = [child("benchmarks/startup.py", str(path), repr(time.time()), size) for _ in range(3)]
    figures["first_paint_ms"] = statistics.median(p["first_paint_s"] for p in paints) * 1000
    figures["open_file_ms"] = statistics.median(p["open_s"] for p in paints) * 1000
    if shutil.which("tmux"):
        figures["first_paint_tmux_ms"] = terminal.first_paint_ms(path, runs=3, size=size)
    session = child("benchmarks/session.py", str(path), size, str(repeats))
    figures.update(session)
    key_floor = session["key_floor_ms"]
    for name in ("selection", "card_move_screen", "card_back_screen", "filter_key", "clear_filter"):
        figures[f"{name}_net_ms"] = max(0.0, session[f"{name}_ms"] - key_floor)
    return figures


def ratio_to_floor(name: str, value: float, figures: dict[str, float]) -> tuple[float | None, float | None]:
    if name in ("card_move_write_ms",):
        return figures["atomic_write_ms"], value / figures["atomic_write_ms"]
    if name in ("open_file_ms", "first_paint_ms", "first_paint_tmux_ms", "export_ms"):
        return figures["parse_ms"], value / figures["parse_ms"]
    return None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--size", default="120x40", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--json-out", type=Path, help="also append the JSON lines to this file")
    args = parser.parse_args()
    sizes = [int(value) for value in args.sizes.split(",")]
    started = time.perf_counter()
    terminal.byte_compiled()  # as an installed program starts: without compiling its modules again
    load = os.getloadavg()[0]
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for organizations in sizes:
            print(f"measuring {organizations:,} organizations…", file=sys.stderr, flush=True)
            results[organizations] = measure(organizations, Path(folder), args.repeats, args.size)
        print("measuring the training form at 200 organizations…", file=sys.stderr, flush=True)
        small, _seconds = build(Path(folder), 200)
        form = child("benchmarks/session.py", str(small), args.size, str(args.repeats), "training")
        for figures in results.values():
            figures.update(form)  # measured once, at 200 organizations, whatever the size of the column

    names = [
        "file_mb",
        "build_s",
        "parse_ms",
        "atomic_write_ms",
        "open_file_ms",
        "first_paint_ms",
        "first_paint_tmux_ms",
        "key_floor_ms",
        "selection_net_ms",
        "card_move_screen_net_ms",
        "card_move_paint_ms",
        "card_move_frames",
        "card_move_late_frames",
        "card_back_screen_net_ms",
        "card_move_write_ms",
        "filter_key_net_ms",
        "clear_filter_net_ms",
        "watch_ms",
        "watch_cpu_ms",
        "training_form_first_net_ms",
        "training_form_first_frames",
        "training_form_net_ms",
        "training_form_paint_ms",
        "training_form_frames",
        "training_saved_first_net_ms",
        "training_saved_first_frames",
        "training_saved_net_ms",
        "training_saved_paint_ms",
        "training_saved_frames",
        "training_saved_late_frames",
        "export_ms",
        "board_rss_mb",
        "peak_rss_mb",
    ]
    print(f"\nload average before: {load:.2f}; terminal {args.size}; medians of {args.repeats}")
    print(f"{'figure':<26}" + "".join(f"{n:>12,}" for n in sizes) + "   target at 20,000")
    for name in names:
        if any(name not in results[n] for n in sizes):
            continue  # a figure this machine cannot measure (no tmux)
        row = f"{name:<26}" + "".join(f"{results[n][name]:>12.1f}" for n in sizes)
        target = TARGETS_20K.get(name)
        target_text = f"≤ {target}" if target else ""
        if name.startswith("training_"):
            target_text += " (at 200 organizations, the same in every column)"
        print(row + "   " + target_text)
    lines = []
    for organizations, figures in results.items():
        for name in (name for name in names if name in figures):
            floor_ms, ratio = ratio_to_floor(name, figures[name], figures)
            lines.append(
                json.dumps(
                    {
                        "figure": name,
                        "orgs": organizations,
                        "value": round(figures[name], 2),
                        "floor_ms": None if floor_ms is None else round(floor_ms, 2),
                        "ratio_to_floor": None if ratio is None else round(ratio, 2),
                        "load_average": round(load, 2),
                    }
                )
            )
    print()
    print("\n".join(lines))
    if args.json_out:
        with args.json_out.open("a") as handle:
            handle.write("\n".join(lines) + "\n")
    print(f"\nsuite time: {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
