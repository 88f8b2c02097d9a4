"""A session gives back the memory a large board used while loading, and keeps the board out of the collector."""

from __future__ import annotations

import gc
import platform

from outreach_tui import memory
from outreach_tui.screens import history_flows
from tests.app.harness import RecordingApp, history_checked, run
from tests.boards import TODAY


def resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def test_memory_let_go_is_given_back_to_the_system():
    # Chunks above Python's small-object size come from the C allocator, which keeps them once freed.
    pieces = [bytearray(2048) for _ in range(40_000)]
    for piece in pieces:
        piece[0] = 1  # touched, so resident
    held = resident_mb()
    del pieces, piece
    memory.give_back_memory()
    if platform.libc_ver()[0] == "glibc":
        assert resident_mb() < held - 40
    else:
        assert memory._malloc_trim() is None


def test_loading_the_history_and_checking_it_give_memory_back(repo, monkeypatch):
    given_back: list[str] = []
    monkeypatch.setattr("outreach_tui.app.give_back_memory", lambda: given_back.append("loaded"))
    monkeypatch.setattr(history_flows, "give_back_memory", lambda: given_back.append("checked"))

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await history_checked(app, pilot)
            assert given_back == ["loaded", "checked"]
            assert gc.get_freeze_count() > 0

    try:
        run(scenario())
    finally:
        gc.unfreeze()
