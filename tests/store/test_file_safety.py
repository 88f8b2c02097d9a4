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

import pytest
import tinydb

from store import Actor, ConflictError, Repository, SchemaTooNewError, StoreFileError
from store.demo import build_demo
from store.storage import ReadOnlyTinyStorage, lock_path
from tests.boards import TODAY


def make_board(path: Path, organizations: int = 30) -> Repository:
    repo = Repository.open(path, create=True, actor=Actor("ana"))
    build_demo(repo, organizations=organizations, seed=11, today=TODAY)
    return repo


def _mover(path: str, org_ids: list[str], campaign_id: str, moves: int, worker: int) -> None:
    repo = Repository.open(path, actor=Actor(f"worker{worker}"))
    rng = random.Random(worker)
    done = 0
    while done < moves:
        org_id = rng.choice(org_ids)
        repo.refresh()
        placement = repo.placement(org_id, campaign_id)
        target = "active" if placement.stage == "trained" else "trained"
        try:
            repo.move(org_id, target, campaign_id=campaign_id, expected_version=placement.version)
        except ConflictError:
            continue
        done += 1


def test_four_processes_making_fifty_moves_each_lose_nothing(tmp_path):
    repo = make_board(tmp_path / "board.json")
    campaign = repo.default_campaign()
    board = repo.board(campaign.id)
    org_ids = [card.id for column in board.columns[1:] for card in column.cards][:6]
    moved_before = sum(1 for e in repo.history() if e.kind == "moved")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_mover, args=(str(repo.path), org_ids, campaign.id, 50, n)) for n in range(4)]
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


WRITER = """
import random, sys
from store import Actor, Repository
repo = Repository.open(sys.argv[1], actor=Actor("writer"))
campaign = repo.default_campaign()
cards = [c for col in repo.board(campaign.id).columns for c in col.cards]
rng = random.Random()
print("ready", flush=True)
while True:
    card = rng.choice(cards)
    if rng.random() < 0.5:
        repo.update_organization(card.id, {"notes": "x" * rng.randint(0, 3000)})
    else:
        stage = rng.choice(["contacted", "trained", "active"])
        repo.move(card.id, stage, campaign_id=campaign.id)
"""


def test_a_writer_killed_fifty_times_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "board.json"
    make_board(path, organizations=300)
    rng = random.Random(5)
    for _ in range(50):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, cwd=Path(__file__).parents[2]
        )
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        repo = Repository.open(path)
        assert repo.counts().organizations == 300
    # The next writer sweeps away temp files a killed writer left behind.
    repo.move(
        repo.board(repo.default_campaign().id).columns[0].cards[0].id, "trained", campaign_id=repo.default_campaign().id
    )
    assert not list(tmp_path.glob(".board.json.*.tmp"))


def test_a_lock_held_by_a_killed_process_does_not_block(tmp_path):
    repo = make_board(tmp_path / "board.json")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
            str(lock_path(repo.path)),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout.readline().strip() == b"locked"
    holder.kill()
    holder.wait()
    start = time.monotonic()
    repo.create_campaign("Frontera norte 2027")
    assert time.monotonic() - start < 1.0


BAD_FILES = {
    "not json": b"{ this is not json",
    "truncated": b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1',
    "empty": b"",
    "foreign tinydb": b'{"_default": {"1": {"name": "groceries"}}}',
    "a list": b"[1, 2, 3]",
    "nan": b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1, "created_at": "2026-01-01T00:00:00Z"}},'
    b' "organizations": {"1": {"id": "org-aaaaaa", "name": "x", "workers_reached": {"estimate": NaN},'
    b' "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}}}',
    "duplicate key": b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 1,'
    b' "schema_version": 1, "created_at": "2026-01-01T00:00:00Z"}}}',
    "bom": b'\xef\xbb\xbf{"meta": {}}',
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
    content = b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 2, "created_at": "2026-01-01T00:00:00Z"}}}'
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
    before = repo.path.read_bytes()
    real_write = os.write

    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(StoreFileError, match="disk is full"):
        repo.move(card.id, "trained", campaign_id=campaign.id)
    monkeypatch.setattr(os, "write", real_write)
    assert repo.path.read_bytes() == before
    assert not list(tmp_path.glob(".board.json.*.tmp"))
    assert repo.placement(card.id, campaign.id).stage == "contacted"


def test_the_file_is_plain_tinydb_with_a_meta_record(tmp_path):
    repo = make_board(tmp_path / "board.json")
    database = tinydb.TinyDB(repo.path, access_mode="r")
    assert database.table("meta").get(doc_id=1)["schema_version"] == 1
    assert len(database.table("organizations")) == 30
    database.close()
    read_only = tinydb.TinyDB(str(repo.path), storage=ReadOnlyTinyStorage)
    with pytest.raises(StoreFileError):
        read_only.table("organizations").insert({"name": "x"})


def test_importing_store_loads_no_textual():
    code = "import sys, store, store.snapshot, store.demo; print(any(m.startswith('textual') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.stdout.strip() == "False", result.stderr


def test_an_invalid_history_record_is_caught_before_any_write_and_the_file_left_alone(tmp_path):
    import orjson

    repo = make_board(tmp_path / "board.json")
    document = orjson.loads(repo.path.read_bytes())
    first_event = next(iter(document["events"]))
    document["events"][first_event]["actor"] = "\x1b]0;spoof\x07"
    repo.path.write_bytes(orjson.dumps(document))
    before = repo.path.read_bytes()
    # Opening shows the board at once; the history is validated right after, and always before a write.
    reopened = Repository.open(repo.path)
    with pytest.raises(StoreFileError, match=f"events/{first_event}, field actor"):
        reopened.finish_loading()
    with pytest.raises(StoreFileError, match="events/"):
        reopened.create_campaign("Oaxaca 2027")
    with pytest.raises(StoreFileError):
        reopened.counts()
    assert repo.path.read_bytes() == before
