"""The journal beside the board file: appended under the lock, applied by readers, folded by checkpoints."""

from __future__ import annotations

import multiprocessing
import random

import orjson
import pytest
import tinydb

from store import Actor, Repository, StoreFileError, board_copy, create_board
from store.board_copy import BoardCopy
from store.files import journal_path
from store.journal import JournalFile
from store.storage import BoardFile
from tests.boards import on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org


@pytest.fixture(autouse=True)
def write_path(monkeypatch: pytest.MonkeyPatch) -> str:
    """These tests choose when checkpoints happen (instead of running over both paths)."""
    monkeypatch.setattr(board_copy, "CHECKPOINT_MIN_BYTES", 1 << 30)
    return "journal"


def journal_lines(repo: Repository) -> list[bytes]:
    return journal_path(repo.path).read_bytes().splitlines(keepends=True)


def move_first(repo: Repository, stage: str = "trained") -> str:
    cid = campaign_id(repo)
    target = org(repo, "Clínica Jurídica Obrera")
    repo.move(target.id, stage, campaign_id=cid, **WITHOUT_TRAINING)
    return target.id


def test_a_change_appends_one_record_and_leaves_the_board_file_alone(repo):
    board_before = repo.path.read_bytes()
    lines_before = journal_lines(repo)
    move_first(repo)
    assert repo.path.read_bytes() == board_before
    lines = journal_lines(repo)
    assert lines[: len(lines_before)] == lines_before and len(lines) == len(lines_before) + 1
    assert open_board(repo.path).placement(org(repo, "Clínica Jurídica Obrera").id, campaign_id(repo)).stage == (
        "trained"
    )


def test_the_record_carries_the_events_exactly_as_the_change_made_them(repo):
    move_first(repo)
    payload = orjson.loads(journal_lines(repo)[-1].rsplit(b" ", 1)[0])
    events = payload["tables"]["events"]
    newest = repo.history(limit=1)[0]
    assert list(events.values()) == [newest.model_dump(mode="json", exclude_defaults=True)]


def test_another_session_applies_only_the_new_records_without_reading_the_board_file(repo, monkeypatch):
    watcher = open_board(repo.path)
    reads: list[object] = []
    read_bytes = BoardFile.read_bytes
    monkeypatch.setattr(BoardFile, "read_bytes", lambda self: reads.append(self) or read_bytes(self))
    generation = watcher.generation
    org_id = move_first(repo)
    assert watcher.changed_on_disk()
    assert watcher.refresh()
    assert watcher.placement(org_id, campaign_id(repo)).stage == "trained"
    assert watcher.generation > generation
    assert reads == []
    assert not watcher.refresh() and not watcher.changed_on_disk()


def test_a_torn_tail_is_ignored_by_readers_and_cut_by_the_next_writer(repo):
    org_id = move_first(repo)
    journal = journal_path(repo.path)
    whole = journal.read_bytes()
    with journal.open("ab") as handle:
        handle.write(b'{"seq": 99, "tables": {"organizations"')  # a writer killed mid-append
    reader = open_board(repo.path)
    assert reader.placement(org_id, campaign_id(repo)).stage == "trained"
    assert journal.read_bytes().endswith(b'"organizations"')  # a reader never writes
    reader.move(org_id, "active", campaign_id=campaign_id(repo))
    data = journal.read_bytes()
    assert data.startswith(whole) and b'"seq": 99' not in data and data.endswith(b"\n")
    assert open_board(repo.path).placement(org_id, campaign_id(repo)).stage == "active"


def _damage(repo: Repository, line_number: int) -> bytes:
    """The journal with one byte of a record's payload changed (its checksum no longer matches)."""
    lines = journal_lines(repo)
    line = bytearray(lines[line_number])
    line[10] = ord("X") if line[10] != ord("X") else ord("Y")
    lines[line_number] = bytes(line)
    journal_path(repo.path).write_bytes(b"".join(lines))
    return on_disk(repo.path)


@pytest.mark.parametrize("which", [1, -1], ids=["in the middle", "the last whole record"])
def test_a_damaged_record_is_refused_naming_the_journal_and_nothing_is_written(repo, which):
    move_first(repo)
    move_first(repo, "active")
    damaged = _damage(repo, which)
    with pytest.raises(StoreFileError, match=r"cannot be read: change [0-9]+ is damaged") as refused:
        open_board(repo.path)
    assert str(journal_path(repo.path)) in str(refused.value)
    assert "restore the board from a backup" in str(refused.value)
    assert on_disk(repo.path) == damaged


def test_a_record_out_of_sequence_is_refused(repo):
    move_first(repo)
    lines = journal_lines(repo)
    journal_path(repo.path).write_bytes(b"".join([*lines, lines[-1]]))  # the same change twice
    with pytest.raises(StoreFileError, match="is out of sequence"):
        open_board(repo.path)


@pytest.mark.parametrize("content", [b"", b"hello\n", b'{"format": "outreach-tui-journal"}\n'], ids=str)
def test_a_foreign_journal_is_refused_and_left_alone(repo, content):
    journal_path(repo.path).write_bytes(content)
    before = on_disk(repo.path)
    with pytest.raises(StoreFileError, match="is not an outreach-tui journal") as refused:
        open_board(repo.path)
    assert f"Move {journal_path(repo.path)} aside" in str(refused.value)
    with pytest.raises(StoreFileError, match="is not an outreach-tui journal"):
        move_first(repo)
    assert on_disk(repo.path) == before


def test_a_journal_that_does_not_follow_the_board_file_is_refused(repo):
    old_board = repo.path.read_bytes()
    move_first(repo)
    repo.compact()
    move_first(repo, "active")
    repo.path.write_bytes(old_board)  # say, an old copy put back over the board
    before = on_disk(repo.path)
    with pytest.raises(StoreFileError, match="do not follow the board file") as refused:
        open_board(repo.path)
    assert "restored" in str(refused.value)
    assert on_disk(repo.path) == before


def test_a_checkpoint_killed_before_its_new_journal_leaves_the_new_board_and_the_old_journal_ignored(repo, monkeypatch):
    org_id = move_first(repo)
    real_start = JournalFile.start

    def killed(self, header, *, mode, group, first=b""):
        raise StoreFileError(str(self.path), "killed")

    monkeypatch.setattr(JournalFile, "start", killed)
    with pytest.raises(StoreFileError, match="killed"):
        repo.compact()
    monkeypatch.setattr(JournalFile, "start", real_start)
    # The new board holds the old journal's changes: that journal is recognized and ignored.
    reader = open_board(repo.path)
    assert reader.placement(org_id, campaign_id(repo)).stage == "trained"
    assert reader.journal_length()[0] == 0
    reader.move(org_id, "active", campaign_id=campaign_id(repo))
    assert open_board(repo.path).placement(org_id, campaign_id(repo)).stage == "active"
    assert len(journal_lines(repo)) == 2  # a new journal: its header and the one change


def test_the_journal_is_folded_once_it_passes_a_share_of_the_board(repo, monkeypatch):
    repo.compact()
    monkeypatch.setattr(board_copy, "CHECKPOINT_MIN_BYTES", 0)
    monkeypatch.setattr(board_copy, "CHECKPOINT_SHARE", 1.0)
    board_inode = repo.path.stat().st_ino
    moves = 0
    while repo.path.stat().st_ino == board_inode:
        move_first(repo, "active" if moves % 2 else "trained")
        moves += 1
        assert moves < 50
    assert moves > 1
    assert len(journal_lines(repo)) == 1  # just the header
    assert repo.journal_length() == (0, journal_path(repo.path).stat().st_size)
    assert open_board(repo.path).placement(org(repo, "Clínica Jurídica Obrera").id, campaign_id(repo)).version == (
        moves + 1
    )


def test_compact_folds_the_journal_so_the_board_file_alone_holds_everything(repo, tmp_path):
    repo.compact()
    org_id = move_first(repo)
    assert repo.journal_length()[0] == 1
    assert repo.compact() == 1
    assert repo.journal_length()[0] == 0
    alone = tmp_path / "copy.json"
    alone.write_bytes(repo.path.read_bytes())  # what a cp of the board file gives
    assert open_board(alone).placement(org_id, campaign_id(repo)).stage == "trained"
    database = tinydb.TinyDB(alone, access_mode="r")
    assert len(database.table("organizations")) == 3
    database.close()


def test_plain_tinydb_sees_the_last_checkpoint_only(repo):
    repo.compact()
    repo.add_organization({"name": "Red Mujeres"})
    database = tinydb.TinyDB(repo.path, access_mode="r")
    assert len(database.table("organizations")) == 3
    database.close()


def test_a_backup_is_one_complete_board_file_never_taken_for_the_board(repo, tmp_path):
    org_id = move_first(repo)
    target = repo.backup(tmp_path / "backup.json")
    assert not journal_path(target).exists()
    assert open_board(target).placement(org_id, campaign_id(repo)).stage == "trained"
    with pytest.raises(StoreFileError, match="already exists; a backup never writes over a file"):
        repo.backup(target)
    move_first(repo, "active")
    repo.path.write_bytes(target.read_bytes())  # restoring the backup, but leaving the journal
    with pytest.raises(StoreFileError, match="do not follow the board file"):
        open_board(repo.path)
    journal_path(repo.path).unlink()
    assert open_board(repo.path).placement(org_id, campaign_id(repo)).stage == "trained"


def _mixed_changes(path: str, worker: int, changes: int, results: multiprocessing.Queue) -> None:
    # Small journals: checkpoints happen every few changes while the others write and read.
    board_copy.CHECKPOINT_MIN_BYTES, board_copy.CHECKPOINT_SHARE = 4096, 0.0
    repo = Repository.open(path, actor=Actor(f"worker{worker}"))
    cid = campaign_id(repo)
    rng = random.Random(worker)
    mine = repo.add_organization({"name": f"Organización {worker}"}, campaign_id=cid)
    notes, updates, visits = "", 0, 0
    for n in range(changes):
        if rng.random() < 0.5:
            notes = f"{worker}:{n}"
            repo.update_organization(mine.id, {"notes": notes})
            updates += 1
        else:
            repo.log_visit({"organization_id": mine.id, "campaign_id": cid, "date": "2026-11-20", "fit": 3})
            visits += 1
    results.put((mine.id, notes, updates, visits))


def test_six_processes_making_mixed_changes_through_checkpoints_lose_nothing(repo):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=_mixed_changes, args=(str(repo.path), n, 30, results)) for n in range(6)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    final = open_board(repo.path)
    final.verify()
    assert len(final.organizations()) == 3 + 6
    for org_id, notes, updates, visits in outcomes:
        assert final.organization(org_id).notes == notes
        assert final.organization(org_id).version == 1 + updates
        assert len(final.visits(organization_id=org_id)) == visits


def test_a_record_appended_where_a_torn_tail_of_the_same_size_was_is_not_missed(repo):
    journal = journal_path(repo.path)
    org_id = move_first(repo)
    whole = journal.read_bytes()
    record = journal_lines(repo)[-1]
    journal.write_bytes(whole[: -len(record)] + b"x" * len(record))  # a torn tail, as a killed writer leaves
    reader = open_board(repo.path)
    assert reader.placement(org_id, campaign_id(repo)).stage == "contacted"
    journal.write_bytes(whole)  # the next writer cut the tail and appended a record just as long
    assert reader.refresh()
    assert reader.placement(org_id, campaign_id(repo)).stage == "trained"
    reader.move(org_id, "active", campaign_id=campaign_id(repo))
    assert journal.read_bytes().startswith(whole)


def test_a_journal_started_after_opening_is_followed_without_reading_the_board_again(tmp_path, monkeypatch):
    path = tmp_path / "board.json"
    create_board(path, fill=lambda repo: repo.create_campaign("Chiapas 2026"))
    assert not journal_path(path).exists()  # a new board is published whole
    watcher, writer = open_board(path), open_board(path)
    reads: list[object] = []
    read_bytes = BoardFile.read_bytes
    monkeypatch.setattr(BoardFile, "read_bytes", lambda self: reads.append(self) or read_bytes(self))
    writer.create_campaign("Oaxaca 2027")
    assert watcher.refresh()
    assert sorted(c.name for c in watcher.campaigns()) == ["Chiapas 2026", "Oaxaca 2027"]
    assert reads == []


def _whole_reads(monkeypatch) -> list[object]:
    """Every read of a board file."""
    reads: list[object] = []
    read_bytes = BoardFile.read_bytes

    def spy(self):
        reads.append(self)
        return read_bytes(self)

    monkeypatch.setattr(BoardFile, "read_bytes", spy)
    return reads


def test_a_checkpoint_with_changes_a_session_has_not_seen_is_taken_over_once_they_are_applied(repo, monkeypatch):
    watcher = open_board(repo.path)
    org_id = move_first(repo)
    repo.compact()
    reads = _whole_reads(monkeypatch)
    assert watcher.refresh()
    assert watcher.placement(org_id, campaign_id(repo)).stage == "trained"
    assert reads == []  # read from the old journal, kept open, then the checkpoint taken over


def test_a_checkpoint_holding_a_change_of_its_own_is_read_whole(repo, monkeypatch):
    watcher = open_board(repo.path)
    write = BoardCopy.write
    monkeypatch.setattr(BoardCopy, "write", lambda self, **options: write(self, fold=True))
    org_id = move_first(repo)  # written as a checkpoint only, as forgetting contacts is
    reads = _whole_reads(monkeypatch)
    assert watcher.refresh()
    assert watcher.placement(org_id, campaign_id(repo)).stage == "trained"
    assert len(reads) == 1
