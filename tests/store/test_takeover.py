"""Another session's checkpoint taken over without reading the board file, and only when it is provably ours."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator

import orjson
import pytest

from store import Actor, Repository, board_copy, journal
from store.journal import JournalFile
from store.storage import BoardFile
from tests.boards import open_board
from tests.cli.helpers import run_cli
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org

NAME = "Clínica Jurídica Obrera"


@pytest.fixture(autouse=True)
def write_path(monkeypatch: pytest.MonkeyPatch) -> str:
    """These tests choose when checkpoints happen."""
    monkeypatch.setattr(board_copy, "CHECKPOINT_MIN_BYTES", 1 << 30)
    return "journal"


class Reads:
    """Every read of a whole board file from here on, by the session watched."""

    def __init__(self) -> None:
        self.by: list[object] = []
        self.watched: object = None

    def __len__(self) -> int:
        return sum(1 for board_file in self.by if board_file is self.watched)

    def clear(self) -> None:
        self.by.clear()

    def watch(self, session: Repository) -> Repository:
        self.watched = session.file
        return session


@pytest.fixture
def reads() -> Iterator[Reads]:
    seen = Reads()
    read_bytes = BoardFile.read_bytes

    def spy(self):
        seen.by.append(self)
        return read_bytes(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BoardFile, "read_bytes", spy)
        yield seen


def flip(repo: Repository, name: str = NAME) -> str:
    target = org(repo, name)
    stage = "trained" if repo.placement(target.id, campaign_id(repo)).stage != "trained" else "contacted"
    repo.move(target.id, stage, campaign_id=campaign_id(repo), **WITHOUT_TRAINING)
    return stage


def same_as_the_files(watcher: Repository) -> None:
    """The watcher's copy is exactly what a session opening the files now reads."""
    fresh = open_board(watcher.path)
    assert watcher._doc.as_json() == fresh._doc.as_json()
    assert watcher._doc.file_meta == fresh._doc.file_meta
    assert watcher.journal_length() == fresh.journal_length()


def test_a_checkpoint_of_what_a_session_holds_is_taken_over_without_reading_the_board(repo, reads):
    watcher = reads.watch(open_board(repo.path))
    flip(repo)
    assert watcher.refresh()
    generation = watcher.generation
    repo.compact()
    reads.clear()
    assert watcher.changed_on_disk()
    assert not watcher.refresh()  # the checkpoint holds nothing new: the board is not redrawn
    assert len(reads) == 0 and watcher.generation == generation
    assert not watcher.changed_on_disk()
    same_as_the_files(watcher)
    assert flip(repo) == "contacted"
    assert watcher.refresh() and len(reads) == 0
    assert watcher.placement(org(repo, NAME).id, campaign_id(repo)).stage == "contacted"
    flip(watcher)  # and it writes on top of the checkpoint it took over
    same_as_the_files(watcher)
    assert open_board(repo.path).placement(org(repo, NAME).id, campaign_id(repo)).stage == "trained"


def test_a_session_behind_by_changes_applies_them_from_the_old_journal_first(repo, reads):
    watcher = reads.watch(open_board(repo.path))
    flip(repo)
    flip(repo, "Casa del Migrante Belén")
    repo.compact()
    repo.add_organization({"name": "Red Mujeres"})  # appended to the new journal
    reads.clear()
    assert watcher.refresh()
    assert len(reads) == 0
    assert watcher.placement(org(repo, NAME).id, campaign_id(repo)).stage == "trained"
    assert org(watcher, "Red Mujeres")
    same_as_the_files(watcher)


def test_the_checkpoint_a_long_journal_brings_is_taken_over(repo, reads, monkeypatch):
    watcher = reads.watch(open_board(repo.path))
    repo.compact()
    assert not watcher.refresh()
    monkeypatch.setattr(board_copy, "CHECKPOINT_MIN_BYTES", 0)
    monkeypatch.setattr(board_copy, "CHECKPOINT_SHARE", 0.0)
    board_inode = repo.path.stat().st_ino
    reads.clear()
    flip(repo)  # appended, then folded at once: the watcher never saw the record on its own
    assert repo.path.stat().st_ino != board_inode
    assert watcher.refresh()
    assert len(reads) == 0
    same_as_the_files(watcher)


def test_a_session_two_checkpoints_behind_reads_the_board_whole(repo, reads):
    watcher = reads.watch(open_board(repo.path))
    flip(repo)
    repo.compact()
    flip(repo)
    repo.compact()
    reads.clear()
    assert watcher.refresh()
    assert len(reads) == 1
    same_as_the_files(watcher)


def edited_by_hand(path, *, in_place: bool) -> None:
    """The board file changed by other means, its meta record (checkpoint id and all) copied as it was."""
    document = orjson.loads(path.read_bytes())
    for record in document["organizations"].values():
        if record["name"] == NAME:
            record["name"] = NAME.upper()
    data = orjson.dumps(document)
    if in_place:
        stat = path.stat()
        with path.open("r+b") as handle:
            handle.write(data)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as cp -p or rsync -t leave it
    else:
        path.with_name("edited.json").write_bytes(data)
        os.replace(path.with_name("edited.json"), path)


@pytest.mark.parametrize("in_place", [False, True], ids=["replaced", "written in place, times kept"])
def test_a_board_edited_by_hand_after_a_checkpoint_is_read_whole(repo, reads, in_place):
    watcher = reads.watch(open_board(repo.path))
    flip(repo)
    repo.compact()
    watcher.refresh()
    time.sleep(0.05)  # past the file system's clock tick, as any edit by hand is
    edited_by_hand(repo.path, in_place=in_place)
    reads.clear()
    # Beside the journal it follows, a new board file looks like a checkpoint half written:
    # one look later it is read whole.
    assert not watcher.refresh() and len(reads) == 0
    assert watcher.refresh()
    assert len(reads) == 1
    assert org(watcher, NAME.upper())


def test_a_board_edited_by_hand_before_the_session_looked_is_read_whole(repo, reads):
    watcher = reads.watch(open_board(repo.path))
    flip(repo)
    repo.compact()
    edited_by_hand(repo.path, in_place=False)
    reads.clear()
    assert watcher.refresh()
    assert len(reads) == 1
    assert org(watcher, NAME.upper())


def compact_killed_before_its_journal(repo, monkeypatch) -> None:
    """A checkpoint whose writer is killed after replacing the board file, before starting the new journal."""

    def killed(self, header, *, mode, group, first=b""):
        raise OSError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(JournalFile, "start", killed)
        with pytest.raises(OSError, match="killed"):
            repo.compact()


def test_a_writer_killed_between_the_board_and_its_new_journal_leaves_sessions_reading_the_board(
    repo, reads, monkeypatch
):
    watcher = reads.watch(open_board(repo.path))
    flip(repo)
    watcher.refresh()
    compact_killed_before_its_journal(repo, monkeypatch)
    reads.clear()
    assert not watcher.refresh() and len(reads) == 0  # the writer may be between its two steps
    assert watcher.refresh()  # still there at the next look: it was killed there
    assert len(reads) == 1
    assert watcher.placement(org(repo, NAME).id, campaign_id(repo)).stage == "trained"


def test_a_change_made_after_a_writer_was_killed_between_the_two_steps_reads_the_board_at_once(
    repo, reads, monkeypatch
):
    watcher = reads.watch(open_board(repo.path))
    watcher.refresh()
    flip(repo)
    compact_killed_before_its_journal(repo, monkeypatch)
    reads.clear()
    flip(watcher, "Casa del Migrante Belén")  # under the lock: no writer is between its steps
    assert len(reads) == 1
    fresh = open_board(repo.path)
    assert fresh.placement(org(repo, NAME).id, campaign_id(repo)).stage == "trained"
    assert fresh.placement(org(repo, "Casa del Migrante Belén").id, campaign_id(repo)).stage == "trained"
    same_as_the_files(watcher)


def compact_as_older_versions(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkpoint whose journal header says only what versions before the stamp said."""
    newer = journal.header_line
    with monkeypatch.context() as patch:
        patch.setattr(journal, "header_line", lambda header: newer(journal.Header(header.checkpoint, header.sequence)))
        repo.compact()


def test_a_journal_header_of_an_older_version_makes_sessions_read_the_board(repo, reads, monkeypatch):
    watcher = reads.watch(open_board(repo.path))
    flip(repo)
    watcher.refresh()
    compact_as_older_versions(repo, monkeypatch)
    assert b'"board"' not in repo.path.with_name("board.json.journal").read_bytes()
    reads.clear()
    assert watcher.refresh()
    assert len(reads) == 1
    same_as_the_files(watcher)


def test_a_new_journal_header_names_the_board_it_follows(repo):
    repo.compact()
    fd = JournalFile(repo.path).open()
    assert fd is not None
    try:
        header, _start = JournalFile(repo.path).read_header(fd)
    finally:
        os.close(fd)
    stat = repo.path.stat()
    assert header.board is not None
    assert (header.board.inode, header.board.size, header.board.mtime_ns) == (
        stat.st_ino,
        stat.st_size,
        stat.st_mtime_ns,
    )
    assert header.folds == (open_board(repo.path)._doc.file_meta["follows"], header.sequence)


def test_check_accepts_both_kinds_of_journal_header(repo, monkeypatch):
    flip(repo)
    repo.compact()
    flip(repo)
    checked = run_cli("check", "--db", str(repo.path))
    assert checked.returncode == 0, checked.stderr
    assert "journal: 1 change since the last checkpoint" in checked.stdout
    compact_as_older_versions(repo, monkeypatch)
    flip(repo)
    checked = run_cli("check", "--db", str(repo.path))
    assert checked.returncode == 0, checked.stderr
    assert "journal: 1 change since the last checkpoint" in checked.stdout


def _writer(path: str, worker: int, changes: int) -> None:
    # Small journals: a checkpoint every dozen changes or so, while the watcher keeps looking.
    board_copy.CHECKPOINT_MIN_BYTES, board_copy.CHECKPOINT_SHARE = 12_000, 0.0
    repo = Repository.open(path, actor=Actor(f"worker{worker}"))
    mine = repo.add_organization({"name": f"Organización {worker}"}, campaign_id=campaign_id(repo))
    for n in range(changes):
        repo.update_organization(mine.id, {"notes": f"{worker}:{n}"})


def test_a_session_watching_writers_through_many_checkpoints_ends_equal_to_the_files(repo, reads, monkeypatch):
    taken: list[bool] = []
    take_over = board_copy.take_over_checkpoint

    def counted(*args, **options):
        outcome = take_over(*args, **options)
        taken.append(outcome is not None)
        return outcome

    monkeypatch.setattr(board_copy, "take_over_checkpoint", counted)
    watcher = reads.watch(open_board(repo.path))
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(str(repo.path), n, 40)) for n in range(3)]
    for writer in writers:
        writer.start()
    while any(writer.is_alive() for writer in writers):
        watcher.refresh()
        time.sleep(0.01)
    for writer in writers:
        writer.join(timeout=60)
        assert writer.exitcode == 0
    watcher.refresh()
    same_as_the_files(watcher)
    assert {org(watcher, f"Organización {n}").notes for n in range(3)} == {"0:39", "1:39", "2:39"}
    assert any(taken)  # checkpoints happened while it watched, and were taken over
