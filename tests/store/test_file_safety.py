"""The board file survives what happens on a shared server: concurrent writers, kills, bad files."""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
import tinydb

from store import (
    SCHEMA_VERSION,
    Actor,
    ConflictError,
    LockTimeoutError,
    Repository,
    SchemaTooNewError,
    StoreFileError,
    board_copy,
)
from store.demo import build_demo
from store.files import journal_path
from tests.boards import TODAY, folded, on_disk
from tests.store.helpers import WITHOUT_TRAINING

ROOT = Path(__file__).parents[2]


def make_board(path: Path, organizations: int = 30) -> Repository:
    repo = Repository.open(path, create=True, actor=Actor("ana"))
    build_demo(repo, organizations=organizations, seed=11, today=TODAY)
    return repo


def use_write_path(write_path: str) -> None:
    """In a process of its own: write as the test's ``write_path`` says (see tests/store/conftest.py)."""
    if write_path == "checkpoint":
        board_copy.CHECKPOINT_MIN_BYTES, board_copy.CHECKPOINT_SHARE = 0, 0.0


def _mover(path: str, org_ids: list[str], campaign_id: str, moves: int, worker: int, write_path: str) -> None:
    use_write_path(write_path)
    repo = Repository.open(path, actor=Actor(f"worker{worker}"))
    rng = random.Random(worker)
    done = 0
    while done < moves:
        org_id = rng.choice(org_ids)
        repo.refresh()
        placement = repo.placement(org_id, campaign_id)
        target = "active" if placement.stage == "trained" else "trained"
        try:
            repo.move(org_id, target, campaign_id=campaign_id, expected_version=placement.version, **WITHOUT_TRAINING)
        except ConflictError:
            continue
        done += 1


def test_four_processes_making_fifty_moves_each_lose_nothing(tmp_path, write_path):
    repo = make_board(tmp_path / "board.json")
    campaign = repo.default_campaign()
    board = repo.board(campaign.id)
    org_ids = [card.id for column in board.columns[1:] for card in column.cards][:6]
    moved_before = sum(1 for e in repo.history() if e.kind == "moved")
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_mover, args=(str(repo.path), org_ids, campaign.id, 50, n, write_path)) for n in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)
        assert worker.exitcode == 0
    final = Repository.open(repo.path)
    moves = [e for e in final.history() if e.kind == "moved"]
    assert len(moves) - moved_before == 200
    versions_gained = sum(
        final.placement(o, campaign.id).version - repo.placement(o, campaign.id).version for o in org_ids
    )
    assert versions_gained == 200


# Forks writers from one process that has imported the store already, so that each of
# the many kills costs milliseconds, not a Python start.
LAUNCHER = """
import os, random, sys
from store import Actor, Repository, board_copy
from tests.store.helpers import WITHOUT_TRAINING
from tests.store.test_file_safety import use_write_path
use_write_path(sys.argv[2])


def write_until_killed(path, first):
    repo = Repository.open(path, actor=Actor("writer"))
    campaign = repo.default_campaign()
    cards = [c for col in repo.board(campaign.id).columns for c in col.cards]
    rng = random.Random()
    os.write(1, b"ready\\n")
    for n in range(first, first + 10**6):
        card = rng.choice(cards)
        if rng.random() < 0.5:
            repo.update_organization(card.id, {"notes": f"{n}:" + "x" * rng.randint(0, 3000)})
            os.write(1, f"ack {card.id} {n}\\n".encode())
        else:
            repo.move(card.id, rng.choice(["contacted", "trained", "active"]), campaign_id=campaign.id, **WITHOUT_TRAINING)


while line := sys.stdin.readline().split():
    if line[0] == "go":
        pid = os.fork()
        if pid == 0:
            try:
                write_until_killed(sys.argv[1], int(line[1]))
            finally:
                os._exit(1)
        print("pid", pid, flush=True)
    else:
        os.waitpid(int(line[1]), 0)
        print("reaped", flush=True)
"""


def _kill_one_writer(launcher: subprocess.Popen, first: int, seconds: float, acked: dict[str, int]) -> None:
    """Start a writer numbering its notes from ``first``, let it write for ``seconds``, SIGKILL it.

    ``acked`` gets the number of the last notes each organization was acknowledged with.
    """
    launcher.stdin.write(b"go %d\n" % first)
    launcher.stdin.flush()
    pid = None
    while (line := launcher.stdout.readline().split()) != [b"ready"]:
        if line[0] == b"pid":
            pid = int(line[1])
    time.sleep(seconds)
    while pid is None:
        line = launcher.stdout.readline().split()
        pid = int(line[1]) if line[0] == b"pid" else None
    os.kill(pid, signal.SIGKILL)
    launcher.stdin.write(b"reap %d\n" % pid)
    launcher.stdin.flush()
    while (line := launcher.stdout.readline().split()) != [b"reaped"]:
        if line[0] == b"ack":
            acked[line[1].decode()] = int(line[2])


def test_a_writer_killed_fifty_times_never_leaves_a_broken_file_nor_loses_an_acknowledged_write(tmp_path, write_path):
    path = tmp_path / "board.json"
    make_board(path, organizations=300)
    rng = random.Random(5)
    acked: dict[str, int] = {}
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(path), write_path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT
    )
    watcher = Repository.open(path)  # a board left open throughout, following every checkpoint
    try:
        # At least 50 kills, and on a loaded machine more, until enough writes were acknowledged;
        # every 50 kills the writers get longer (a loaded machine acknowledges fewer writes in 80 ms).
        for kill in range(200):
            _kill_one_writer(launcher, kill * 10**6, rng.uniform(0.0, 0.08) * (1 + kill // 50), acked)
            repo = Repository.open(path)
            repo.verify()
            # Twice: a kill between a checkpoint's two steps is left for one look.
            watcher.refresh()
            watcher.refresh()
            assert watcher._doc.as_json() == repo._doc.as_json()
            assert repo.counts().organizations == 300
            for org_id, n in acked.items():
                # The acknowledged notes, or a later write that landed before the kill.
                assert int(repo.organization(org_id).notes.split(":")[0]) >= n
            if kill >= 49 and len(acked) > 10:
                break
    finally:
        launcher.kill()
        launcher.wait()
    assert len(acked) > 10
    # The next writer sweeps away temp files a killed writer left behind.
    repo.move(
        repo.board(repo.default_campaign().id).columns[0].cards[0].id,
        "trained",
        campaign_id=repo.default_campaign().id,
        **WITHOUT_TRAINING,
    )
    assert not list(tmp_path.glob(".board.json.*.tmp"))
    assert not list(tmp_path.glob(".board.json.journal.*.tmp"))


HOLDER = """
import sys, time
from store.storage import BoardFile
with BoardFile(sys.argv[1]).lock():
    print("locked", flush=True)
    time.sleep(60)
"""

CAMPAIGN_WRITER = """
import sys
from store import Repository
repo = Repository.open(sys.argv[1])
print("ready", flush=True)
repo.create_campaign(sys.argv[2])
"""


def test_a_lock_holder_keeps_other_writers_out_until_it_is_killed(tmp_path):
    repo = make_board(tmp_path / "board.json")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(repo.path)], stdout=subprocess.PIPE, cwd=ROOT)
    writer = None
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(LockTimeoutError), repo.file.lock(timeout=0.3):
            pass
        writer = subprocess.Popen(
            [sys.executable, "-c", CAMPAIGN_WRITER, str(repo.path), "Frontera norte 2027"],
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        assert writer.stdout.readline().strip() == b"ready"
        with pytest.raises(subprocess.TimeoutExpired):
            writer.wait(timeout=1.0)
        assert Repository.open(repo.path).campaigns() == repo.campaigns()
        holder.kill()
        holder.wait()
        # The kernel drops a killed holder's lock at once: the waiting writer goes on.
        assert writer.wait(timeout=5) == 0
    finally:
        for process in (holder, writer):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert "Frontera norte 2027" in [c.name for c in Repository.open(repo.path).campaigns()]


# A valid board that a parser accepting a BOM or NaN would open: the history is only
# checked later, and an event's changes may hold any JSON value.
SMALL_BOARD = (
    b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1, "created_at": "2026-01-01T00:00:00Z"}},'
    b' "events": {"1": {"id": "ev-aaaaaaaaaa", "group": "grp-aaaaaaaaaa", "at": "2026-01-01T00:00:00Z",'
    b' "actor": "ana", "kind": "file_created", "entity": "file", "changes": {"notes": [0, "x"]}}}}'
)


def test_the_small_board_of_the_bad_file_cases_is_valid(tmp_path):
    path = tmp_path / "board.json"
    path.write_bytes(SMALL_BOARD)
    repo = Repository.open(path)
    repo.finish_loading()
    assert repo.counts().events == 1


BAD_FILES = {
    "not json": b"{ this is not json",
    "truncated": b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1',
    "empty": b"",
    "foreign tinydb": b'{"_default": {"1": {"name": "groceries"}}}',
    "a list": b"[1, 2, 3]",
    "nan": SMALL_BOARD.replace(b"[0, ", b"[NaN, "),
    "infinity": SMALL_BOARD.replace(b"[0, ", b"[-Infinity, "),
    "duplicate key": b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1,'
    b' "schema_version": 1, "created_at": "2026-01-01T00:00:00Z"}}}',
    "bom": b"\xef\xbb\xbf" + SMALL_BOARD,
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "invalid record": b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1, "created_at": "2026-01-01T00:00:00Z"}},'
    b' "organizations": {"7": {"id": "org-aaaaaa", "name": "", "created_at": "2026-01-01T00:00:00Z",'
    b' "updated_at": "2026-01-01T00:00:00Z"}}}',
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_its_name_and_left_byte_for_byte(tmp_path, content):
    path = tmp_path / "board.json"
    path.write_bytes(content)
    for create in (False, True):
        with pytest.raises(StoreFileError) as refused:
            Repository.open(path, create=create)
        assert str(path) in str(refused.value)
    assert path.read_bytes() == content


def test_an_invalid_record_is_named_by_table_doc_and_field(tmp_path):
    path = tmp_path / "board.json"
    path.write_bytes(BAD_FILES["invalid record"])
    with pytest.raises(StoreFileError, match=r"organizations/7, field name"):
        Repository.open(path)


def test_a_newer_schema_is_refused_and_not_touched(tmp_path):
    path = tmp_path / "board.json"
    content = b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 99, "created_at": "2026-01-01T00:00:00Z"}}}'
    path.write_bytes(content)
    with pytest.raises(SchemaTooNewError, match="newer outreach-tui"):
        Repository.open(path)
    assert path.read_bytes() == content


def test_new_files_are_private_or_group_shared_on_purpose(tmp_path):
    private = Repository.open(tmp_path / "private.json", create=True)
    assert oct(os.stat(private.path).st_mode & 0o777) == "0o600"
    shared = Repository.open(tmp_path / "shared.json", create=True, shared=True)
    assert oct(os.stat(shared.path).st_mode & 0o777) == "0o660"
    shared.create_campaign("Oaxaca 2027")
    assert oct(os.stat(shared.path).st_mode & 0o777) == "0o660"
    team = tmp_path / "team"
    team.mkdir()
    os.chmod(team, 0o2770)
    in_team = Repository.open(team / "board.json", create=True)
    assert oct(os.stat(in_team.path).st_mode & 0o777) == "0o660"


def test_a_full_disk_changes_nothing_and_leaves_no_temp_file(tmp_path, monkeypatch):
    repo = make_board(tmp_path / "board.json")
    campaign = repo.default_campaign()
    card = repo.board(campaign.id).columns[0].cards[0]
    before = on_disk(repo.path)
    journal = journal_path(repo.path)
    journal_before = journal.read_bytes()
    real_write = os.write

    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(StoreFileError, match="disk is full"):
        repo.move(card.id, "trained", campaign_id=campaign.id, **WITHOUT_TRAINING)
    monkeypatch.setattr(os, "write", real_write)
    assert on_disk(repo.path) == before
    assert journal.read_bytes() == journal_before
    assert not list(tmp_path.glob(".board.json.*.tmp"))
    assert repo.placement(card.id, campaign.id).stage == "contacted"


def test_the_file_is_plain_tinydb_with_a_meta_record(tmp_path):
    repo = make_board(tmp_path / "board.json")
    folded(repo.path)
    database = tinydb.TinyDB(repo.path, access_mode="r")
    assert database.table("meta").get(doc_id=1)["schema_version"] == SCHEMA_VERSION
    assert len(database.table("organizations")) == 30
    database.close()
    assert len(orjson.loads(repo.path.read_bytes())["organizations"]) == 30


def test_importing_store_loads_no_textual():
    code = "import sys, store, store.snapshot, store.demo; print(any(m.startswith('textual') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.stdout.strip() == "False", result.stderr


def test_an_invalid_history_record_is_caught_before_any_write_and_the_file_left_alone(tmp_path):
    repo = make_board(tmp_path / "board.json")
    document = orjson.loads(repo.path.read_bytes())
    first_event = next(iter(document["events"]))
    document["events"][first_event]["actor"] = "\x1b]0;spoof\x07"
    repo.path.write_bytes(orjson.dumps(document))
    before = on_disk(repo.path)
    # Opening shows the board at once; the history is validated right after, and always before a write.
    reopened = Repository.open(repo.path)
    with pytest.raises(StoreFileError, match=f"events/{first_event}, field actor"):
        reopened.finish_loading()
    with pytest.raises(StoreFileError, match="events/"):
        reopened.create_campaign("Oaxaca 2027")
    with pytest.raises(StoreFileError):
        reopened.counts()
    assert on_disk(repo.path) == before
