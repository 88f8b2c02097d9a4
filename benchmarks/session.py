"""Child process for run.py: one measured board session; prints one JSON object.

Latencies are key press to settled screen through Textual's Pilot, which waits until
the app is idle. Pilot adds a floor of its own (about 40 ms of idle polling), measured
here with a key bound to nothing and reported as ``key_floor_ms``; ``net`` figures
subtract it. The frames Textual paints are counted too (``*_frames``, a median), with the
time from the key to the last of them (``*_paint_ms``, no floor to subtract), and any frame
still painted after Pilot said the app was idle is counted as late (``*_late_frames``,
the most of any key): the screen had not settled.

    python benchmarks/session.py DB WIDTHxHEIGHT REPEATS [training]

``training`` measures only the training form: "]" on a card of the first stage opens it
prefilled (the card is on its way into the training stage), a topic is typed (not
measured), and enter records the training and shows the board again. The first "]" and
enter of the session are reported apart (``*_first_*``) from the later ones: the board
builds the form while the person reads the board, so the session starts with a pause.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual.widgets import Input

from outreach_tui.app import OutreachApp
from outreach_tui.profile_export import write_export
from outreach_tui.screens.board import BoardScreen
from store import Repository


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program.

    Not ``ru_maxrss`` where /proc tells: Linux carries the high-water mark of the process that
    forked this one across the exec, so a child of run.py (which holds a parsed board itself)
    would report run.py's memory instead of its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def settled(app: OutreachApp, pilot: object) -> None:
    """Wait for the work the board does once after its first paint (validating the history it deferred).

    Keys pressed meanwhile wait for it, so a figure taken then would measure the opening, not the key.
    """
    for _ in range(600):
        await pilot.pause()  # type: ignore[attr-defined]
        if getattr(app, "history_validated", False):
            break
        await asyncio.sleep(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


READING_S = 2.0
"""How long a person looks at the board before the first key (the board builds its training form meanwhile)."""
LATE_S = 0.3
"""How long after Pilot's idle a frame still counts as part of the key's screen (a late frame)."""


class Frames:
    """The frames the app paints: Textual's private ``App._display`` wrapped (a benchmark, not app code)."""

    def __init__(self, app: OutreachApp) -> None:
        self.times: list[float] = []
        display = app._display

        def counted(screen: object, renderable: object) -> None:
            if renderable is not None:
                self.times.append(time.perf_counter())
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = counted  # type: ignore[method-assign]


class Keys:
    """Timed presses: Pilot's idle-to-idle time, and the frames each key painted."""

    def __init__(self, app: OutreachApp, pilot: object) -> None:
        self.frames = Frames(app)
        self.pilot = pilot
        self.counts: dict[str, list[int]] = {}
        self.paints: dict[str, list[float]] = {}
        self.late: dict[str, int] = {}

    async def press(self, *keys: str, name: str | None = None) -> float:
        times = self.frames.times
        times.clear()
        start = time.perf_counter()
        await self.pilot.press(*keys)  # type: ignore[attr-defined]
        elapsed = (time.perf_counter() - start) * 1000
        if name is not None:
            idle = len(times)
            await asyncio.sleep(LATE_S)
            self.late[name] = max(self.late.get(name, 0), len(times) - idle)
            self.counts.setdefault(name, []).append(idle)
            self.paints.setdefault(name, []).append((times[idle - 1] - start) * 1000 if idle else 0.0)
        return elapsed

    def figures(self, name: str, *, first: bool = False) -> dict[str, float]:
        """Frames and key-to-last-frame time of the presses called ``name`` (the first apart, when asked)."""
        counts, paints = self.counts[name], self.paints[name]
        if first:
            counts, paints = counts[1:], paints[1:]
        found = {
            f"{name}_frames": statistics.median(counts),
            f"{name}_paint_ms": statistics.median(paints),
            f"{name}_late_frames": self.late[name],
        }
        if first:
            found[f"{name}_first_frames"] = self.counts[name][0]
            found[f"{name}_first_paint_ms"] = self.paints[name][0]
        return found


def steady_cursors() -> None:
    """Inputs without a blinking cursor, as in the app's snapshot tests: a blink is a frame of its own."""
    original = Input.__init__

    def __init__(self: Input, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False

    Input.__init__ = __init__  # type: ignore[method-assign]


async def measure(db: Path, size: tuple[int, int], repeats: int) -> dict[str, float]:
    repo = Repository.open(db)
    app = OutreachApp(repo, watch_interval=None)
    figures: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        timed = Keys(app, pilot)

        async def press(key: str, name: str | None = None) -> float:
            return await timed.press(key, name=name)

        await settled(app, pilot)
        await asyncio.sleep(READING_S)  # the board builds its training form meanwhile: not during a key
        figures["key_floor_ms"] = statistics.median([await press("f12") for _ in range(repeats)])
        figures["selection_ms"] = statistics.median([await press("down") for _ in range(repeats * 2)])

        screen = app.screen
        assert isinstance(screen, BoardScreen)
        # "]" in the Trained column moves a card straight to Active partner; "[" right after
        # takes the selected card back. Before each pair the Trained column gets the focus
        # (not measured), so the figures compare whatever the selection does after a move.
        trained = screen.stage_columns[1].cards
        writes: list[float] = []
        original = repo.move

        def timed_move(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                writes.append((time.perf_counter() - start) * 1000)

        repo.move = timed_move  # type: ignore[method-assign]
        moves, backs = [], []
        for _ in range(repeats):
            trained.focus()
            await pilot.pause()
            moves.append(await press("right_square_bracket", "card_move"))
            backs.append(await press("left_square_bracket", "card_back"))
        repo.move = original  # type: ignore[method-assign]
        figures.update(timed.figures("card_move"))
        figures.update(timed.figures("card_back"))
        figures["card_move_screen_ms"] = statistics.median(moves)
        figures["card_back_screen_ms"] = statistics.median(backs)
        figures["card_move_write_ms"] = statistics.median(writes)

        await pilot.press("slash")
        keys = [await press(key) for key in "riv"]
        figures["filter_key_ms"] = statistics.median(keys)
        figures["clear_filter_ms"] = await press("escape")
        figures.update(await watching(app, db, repeats, pilot))

    figures["board_rss_mb"] = peak_rss_mb()
    campaign_id = repo.default_campaign().id
    exports = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(3):
            start = time.perf_counter()
            write_export(repo, campaign_id, "full", "json", folder=Path(folder))
            exports.append((time.perf_counter() - start) * 1000)
    figures["export_ms"] = statistics.median(exports)
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


MOVER = """
import sys
from store import Actor, Repository
repo = Repository.open(sys.argv[1], actor=Actor("visitor"))
campaign_id = repo.default_campaign().id
cards = [card for column in repo.board(campaign_id).columns for card in column.cards][-int(sys.argv[2]) :]
print("ready", flush=True)
for card in cards:
    sys.stdin.readline()
    stage = "contacted" if card.placement.stage != "contacted" else "trained"
    repo.move(card.id, stage, campaign_id=campaign_id, without_training=True, reason="benchmark")
    print("moved", flush=True)
"""


async def watching(app: OutreachApp, db: Path, repeats: int, pilot: object) -> dict[str, float]:
    """What another session's move costs this one: the app's watcher picking it up and showing it.

    The other session is a process of its own, as it would be: its memory is not this one's.
    """
    mover = subprocess.Popen(
        [sys.executable, "-c", MOVER, str(db), str(repeats * 2)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert mover.stdin is not None and mover.stdout is not None
    assert mover.stdout.readline().strip() == b"ready"
    walls, cpus = [], []
    for _ in range(repeats * 2):
        mover.stdin.write(b"go\n")
        mover.stdin.flush()
        assert mover.stdout.readline().strip() == b"moved"
        start, cpu = time.perf_counter(), time.process_time()
        app.check_for_changes()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        await pilot.pause()  # type: ignore[attr-defined]
    mover.stdin.close()
    mover.wait()
    return {"watch_ms": statistics.median(walls), "watch_cpu_ms": statistics.median(cpus)}


async def training(db: Path, size: tuple[int, int], repeats: int) -> dict[str, float]:
    """ "]" into the training stage (the form opens) and enter (the training is recorded, the board shows).

    The first of the session apart from the ``repeats`` later ones."""
    steady_cursors()
    app = OutreachApp(Repository.open(db), watch_interval=None)
    opened, saved = [], []
    async with app.run_test(size=size) as pilot:
        keys = Keys(app, pilot)
        await settled(app, pilot)
        floor = statistics.median([await keys.press("f12") for _ in range(repeats)])
        await asyncio.sleep(READING_S)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        for _ in range(repeats + 1):
            screen.stage_columns[0].cards.focus()
            await pilot.pause()
            opened.append(await keys.press("right_square_bracket", name="training_form"))
            await pilot.press(*"topic")
            saved.append(await keys.press("enter", name="training_saved"))
            assert app.screen is screen, "the training was not recorded"
    return {
        "training_form_first_net_ms": max(0.0, opened[0] - floor),
        "training_form_net_ms": max(0.0, statistics.median(opened[1:]) - floor),
        "training_saved_first_net_ms": max(0.0, saved[0] - floor),
        "training_saved_net_ms": max(0.0, statistics.median(saved[1:]) - floor),
        **keys.figures("training_form", first=True),
        **keys.figures("training_saved", first=True),
    }


def main() -> None:
    db, size, repeats = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    width, height = (int(v) for v in size.split("x"))
    run = training if sys.argv[4:] == ["training"] else measure
    print(json.dumps(asyncio.run(run(db, (width, height), repeats))))


if __name__ == "__main__":
    main()
