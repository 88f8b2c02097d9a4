"""What a change costs with the journal, on boards of several sizes, against one atomic write of the board.

    python benchmarks/journal.py [--sizes 1000,20000] [--moves 40]

For each size it builds a demo board (``outreach-tui demo --orgs N``), then, in one fresh
process per size, measures as medians:

* move_ms: ``Repository.move`` from call to return (lock, journal append, fsync): a durable move;
* watch_ms / watch_cpu_ms: another open session's ``refresh()`` picking that move up (wall and CPU);
* checkpoint_ms: ``compact()`` (the journal folded into a new board file plus a new journal);
* watch_checkpoint_ms / watch_checkpoint_behind_ms: another open session's ``refresh()`` after a
  checkpoint, when it had seen every change before it / when the checkpoint folded one change it
  had not seen yet (the usual case: a checkpoint follows the change that made the journal long);
* reread_ms: that session reading the whole board again (``reload(force=True)``), what every
  checkpoint cost each open board before it could take one over;
* close_ms / close_alone_ms: ``close()`` of a board session while another one is open (nothing
  to do), and of the last one open after one change (it folds the journal);
* atomic_write_ms: the floor, one atomic durable write of the same document (temp + fsync + replace);
* open_ms: opening the board (and validating its history).

Memory is measured by run.py (one board session); this process holds two sessions.

Prints one JSON line per size and a table with the ratios the issue asks for
(move at the largest size / move at the smallest; move and checkpoint / atomic write).
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path, organizations: int) -> Path:
    path = folder / f"board-{organizations}.json"
    subprocess.run(
        [sys.executable, "-m", "outreach_tui", "demo", "--orgs", str(organizations), "--db", str(path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return path


def measure(path: Path, moves: int) -> dict[str, float]:
    """In this process: the figures for the board at ``path``."""
    from store import Repository
    from store.storage import BoardFile, encode

    start = time.perf_counter()
    repo = Repository.open(path)
    repo.finish_loading()
    open_ms = (time.perf_counter() - start) * 1000
    watcher = Repository.open(path)
    campaign = repo.default_campaign()
    assert campaign is not None
    cards = [card for column in repo.board(campaign.id).columns for card in column.cards][:moves]
    move_ms, watch_ms, watch_cpu_ms = [], [], []
    for card in cards:
        stage = "contacted" if card.placement.stage != "contacted" else "trained"
        start = time.perf_counter()
        repo.move(card.id, stage, campaign_id=campaign.id, without_training=True, reason="benchmark")
        move_ms.append((time.perf_counter() - start) * 1000)
        start, cpu = time.perf_counter(), time.process_time()
        assert watcher.refresh()
        watch_ms.append((time.perf_counter() - start) * 1000)
        watch_cpu_ms.append((time.process_time() - cpu) * 1000)
    checkpoints = []
    for _ in range(3):
        start = time.perf_counter()
        repo.compact()
        checkpoints.append((time.perf_counter() - start) * 1000)
    figures = _watching_checkpoints(repo, watcher, cards[0].id, campaign.id)
    floor = BoardFile(path.with_name(path.stem + "-floor.json"))
    document = repo._doc.as_json()
    writes = []
    for _ in range(3):
        start = time.perf_counter()
        floor.write_bytes(encode(document))
        writes.append((time.perf_counter() - start) * 1000)
    return {
        "file_mb": path.stat().st_size / 1e6,
        "open_ms": open_ms,
        "move_ms": statistics.median(move_ms),
        "move_p95_ms": sorted(move_ms)[int(len(move_ms) * 0.95) - 1],
        "watch_ms": statistics.median(watch_ms),
        "watch_cpu_ms": statistics.median(watch_cpu_ms),
        "checkpoint_ms": statistics.median(checkpoints),
        "atomic_write_ms": statistics.median(writes),
        **figures,
        **_closing(path, cards[0].id, campaign.id),
    }


def _move(repo: Any, card_id: str, campaign_id: str, n: int) -> None:
    stage = "contacted" if n % 2 else "trained"
    repo.move(card_id, stage, campaign_id=campaign_id, without_training=True, reason="benchmark")


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _watching_checkpoints(repo: Any, watcher: Any, card_id: str, campaign_id: str) -> dict[str, float]:
    """The watching session's cost when the other session writes a checkpoint."""
    current, behind = [], []
    for n in range(3):
        _move(repo, card_id, campaign_id, n)
        watcher.refresh()
        repo.compact()
        current.append(_timed(watcher.refresh))
        _move(repo, card_id, campaign_id, n + 1)
        repo.compact()
        behind.append(_timed(watcher.refresh))
    rereads = [_timed(lambda: watcher._copy.reload(force=True)) for _ in range(3)]
    return {
        "watch_checkpoint_ms": statistics.median(current),
        "watch_checkpoint_behind_ms": statistics.median(behind),
        "reread_ms": statistics.median(rereads),
    }


def _closing(path: Path, card_id: str, campaign_id: str) -> dict[str, float]:
    """What closing a board session costs: with another one open, and as the last one (after one change)."""
    from store import Repository

    if not hasattr(Repository, "close"):
        return {}
    other, alone = [], []
    for n in range(3):
        first, second = Repository.open(path), Repository.open(path)
        first.hold_open()
        second.hold_open()
        second.finish_loading()  # as the app does right after its first paint
        _move(first, card_id, campaign_id, n)
        other.append(_timed(first.close))
        alone.append(_timed(second.close))
    return {"close_ms": statistics.median(other), "close_alone_ms": statistics.median(alone)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,20000")
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.moves)))
        return
    load = os.getloadavg()[0]
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for organizations in [int(value) for value in args.sizes.split(",")]:
            print(f"measuring {organizations:,} organizations…", file=sys.stderr, flush=True)
            path = build(Path(folder), organizations)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(path), "--moves", str(args.moves)],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
            results[organizations] = json.loads(out.strip().splitlines()[-1])
            print(json.dumps({"organizations": organizations, **results[organizations]}), flush=True)
    _print_table(results, load)


def _print_table(results: dict[int, dict[str, float]], load: float) -> None:
    names = list(next(iter(results.values())))
    sizes = sorted(results)
    print(f"\nload average at start: {load:.1f}")
    print("figure".ljust(28) + "".join(f"{n:>12,}" for n in sizes))
    for name in names:
        print(name.ljust(28) + "".join(f"{results[n][name]:>12.1f}" for n in sizes))
    for n in sizes:
        figures = results[n]
        print(
            f"{n:,}: move / atomic write {figures['move_ms'] / figures['atomic_write_ms']:.2f}, "
            f"checkpoint / atomic write {figures['checkpoint_ms'] / figures['atomic_write_ms']:.2f}"
        )
    if len(sizes) > 1:
        print(
            f"move at {sizes[-1]:,} / move at {sizes[0]:,}: {results[sizes[-1]]['move_ms'] / results[sizes[0]]['move_ms']:.2f}"
        )


if __name__ == "__main__":
    main()
