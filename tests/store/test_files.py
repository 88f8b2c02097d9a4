"""store.files: one atomic, durable recipe for every file written, and new boards that never overwrite."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from store import BoardExistsError, Repository, StoreFileError, create_board
from store.files import journal_path, write_new_file
from tests.store.test_file_safety import ROOT


def _record_durability_steps(monkeypatch) -> list[tuple[str, str]]:
    """Spy on fsync, replace, link and unlink; each step names the file or folder it touched."""
    steps: list[tuple[str, str]] = []
    real_fsync, real_replace, real_link = os.fsync, os.replace, os.link

    def fsync(fd):
        target = os.readlink(f"/proc/self/fd/{fd}")
        steps.append(("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file", target))
        return real_fsync(fd)

    def replace(src, dst, **kwargs):
        steps.append(("rename", f"{src} -> {dst}"))
        return real_replace(src, dst, **kwargs)

    def link(src, dst, **kwargs):
        steps.append(("rename", f"{src} -> {dst}"))
        return real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", link)
    return steps


def _assert_durable_order(steps: list[tuple[str, str]], target: Path) -> None:
    renames = [i for i, (kind, what) in enumerate(steps) if kind == "rename" and what.endswith(f"-> {target}")]
    assert len(renames) == 1, steps
    source = steps[renames[0]][1].split(" -> ")[0]
    assert Path(source).parent == target.parent and Path(source).name.startswith(f".{target.name}."), steps
    # The temp file's bytes are on disk before its new name, and the name after the rename.
    assert ("fsync file", source) in steps[: renames[0]], steps
    assert ("fsync folder", str(target.parent)) in steps[renames[0] + 1 :], steps


def test_a_change_is_fsynced_in_the_journal_and_a_checkpoint_renames_only_after_fsync(
    tmp_path, monkeypatch, write_path
):
    repo = Repository.open(tmp_path / "board.json", create=True)
    steps = _record_durability_steps(monkeypatch)
    repo.create_campaign("Oaxaca 2027")
    journal = journal_path(repo.path)
    assert steps[0] == ("fsync file", str(journal))
    if write_path == "journal":
        assert steps == [("fsync file", str(journal))]
    else:
        _assert_durable_order(steps, repo.path)
        _assert_durable_order(steps, journal)


@pytest.mark.parametrize("replace", [False, True])
def test_a_new_file_is_fsynced_before_its_name_appears_and_the_folder_after(tmp_path, monkeypatch, replace):
    target = tmp_path / "snapshot.json"
    steps = _record_durability_steps(monkeypatch)
    assert write_new_file(target, b"{}", replace=replace)
    _assert_durable_order(steps, target)
    assert target.read_bytes() == b"{}"


def _another_group(current: int) -> int:
    """A group this process may give a file: any as root, else one of its own."""
    candidates = [gid for gid in os.getgroups() if gid != current]
    if os.geteuid() == 0:
        candidates.append(current + 4242)
    assert candidates, "this test needs a process in two groups (or root)"
    return candidates[0]


def test_a_rewritten_board_and_its_journal_keep_the_board_group_and_mode(tmp_path):
    repo = Repository.open(tmp_path / "board.json", create=True, shared=True)
    before = os.stat(repo.path)
    held = repo.path.open("rb")  # its inode number cannot be given to a later file
    group = _another_group(before.st_gid)
    os.chown(repo.path, -1, group)
    repo.create_campaign("Oaxaca 2027")
    repo.compact()
    after = os.stat(repo.path)
    assert after.st_ino != before.st_ino  # a new file (the temp file) replaced the board
    for written in (after, os.stat(journal_path(repo.path))):
        assert written.st_gid == group
        assert stat.S_IMODE(written.st_mode) == 0o660
    held.close()


def test_an_existing_file_is_never_overwritten_without_replace(tmp_path):
    target = tmp_path / "snapshot.json"
    target.write_bytes(b"mine")
    assert write_new_file(target, b"theirs") is False
    assert target.read_bytes() == b"mine"
    assert write_new_file(target, b"theirs", replace=True) is True
    assert target.read_bytes() == b"theirs"
    assert os.listdir(tmp_path) == ["snapshot.json"]


def test_a_new_file_gets_the_mode_asked_for_whatever_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        write_new_file(tmp_path / "shared.json", b"{}", mode=0o660)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "shared.json").st_mode) == 0o660


def test_a_failed_new_file_names_the_file_not_the_temp_file(tmp_path):
    folder = tmp_path / "missing"
    with pytest.raises(StoreFileError) as refused:
        write_new_file(folder / "snapshot.json", b"{}")
    assert str(folder / "snapshot.json") in str(refused.value)
    assert ".tmp" not in str(refused.value)


def test_create_board_makes_a_valid_board_filled_in_one_go(tmp_path):
    path = tmp_path / "boards" / "board.json"
    create_board(path, shared=True, fill=lambda repo: repo.create_campaign("Oaxaca 2027"))
    repo = Repository.open(path)
    assert [c.name for c in repo.campaigns()] == ["Oaxaca 2027"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o660
    assert os.listdir(path.parent) == ["board.json"]


def test_create_board_never_touches_a_file_another_shell_created_meanwhile(tmp_path):
    path = tmp_path / "board.json"

    def someone_else_creates_it(repo):
        path.write_bytes(b"their file")

    with pytest.raises(BoardExistsError, match="already exists"):
        create_board(path, fill=someone_else_creates_it)
    assert path.read_bytes() == b"their file"
    assert os.listdir(tmp_path) == ["board.json"]
    with pytest.raises(BoardExistsError):
        create_board(path)
    assert path.read_bytes() == b"their file"


def test_two_boards_created_at_once_give_one_board_and_one_refusal(tmp_path):
    path = tmp_path / "board.json"
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def create(name: str) -> None:
        def fill(repo):
            repo.create_campaign(name)
            # Both builds are half done here at once; generous, so a loaded machine cannot break it.
            barrier.wait(timeout=120)

        try:
            create_board(path, fill=fill)
            outcomes.append(name)
        except BoardExistsError:
            outcomes.append("refused")

    threads = [threading.Thread(target=create, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2 and outcomes.count("refused") == 1
    winner = next(name for name in outcomes if name != "refused")
    assert [c.name for c in Repository.open(path).campaigns()] == [winner]


def test_a_failed_build_leaves_nothing_and_names_the_board_not_the_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "board.json"

    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def fill(repo):
        monkeypatch.setattr("store.files.write_all", disk_full)
        repo.create_campaign("Oaxaca 2027")

    with pytest.raises(StoreFileError, match="disk is full") as refused:
        create_board(path, fill=fill)
    assert str(refused.value).startswith(f"Cannot write {path}:")
    assert refused.value.path == str(path)
    assert os.listdir(tmp_path) == []


SLOW_BUILD = """
import sys, time
from store import create_board
def fill(repo):
    repo.create_campaign("Oaxaca 2027")
    print("building", flush=True)
    sys.stdin.readline()
create_board(sys.argv[1], fill=fill)
print("created", flush=True)
"""


def _start_slow_build(path: Path) -> subprocess.Popen:
    builder = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert builder.stdout.readline().strip() == b"building"
    return builder


def test_what_a_killed_build_leaves_is_removed_by_the_next_build_and_the_next_write(tmp_path):
    path = tmp_path / "board.json"
    for _ in range(2):
        builder = _start_slow_build(path)
        builder.kill()
        builder.wait()
    # The second build removed what the first left; the second's is left for the next one.
    assert len([name for name in os.listdir(tmp_path) if name.startswith(".board.json.new-")]) == 1
    create_board(path)
    assert os.listdir(tmp_path) == ["board.json"]
    builder = _start_slow_build(tmp_path / "other.json")
    builder.kill()
    builder.wait()
    (tmp_path / "other.json").write_bytes(Path(path).read_bytes())
    Repository.open(tmp_path / "other.json").create_campaign("Sonora 2027")
    assert sorted(os.listdir(tmp_path)) == ["board.json", "other.json", "other.json.journal", "other.json.lock"]


def test_a_build_in_progress_is_never_swept_away(tmp_path):
    path = tmp_path / "board.json"
    builder = _start_slow_build(path)
    try:
        create_board(path)  # another shell wins the race and writes at once
        Repository.open(path).create_campaign("Sonora 2027")
        assert any(name.startswith(".board.json.new-") for name in os.listdir(tmp_path))
        builder.stdin.write(b"go\n")
        builder.stdin.flush()
        _out, err = builder.communicate(timeout=30)
    finally:
        if builder.poll() is None:
            builder.kill()
            builder.wait()
    assert "BoardExistsError" in err.decode()
    assert sorted(os.listdir(tmp_path)) == ["board.json", "board.json.journal", "board.json.lock"]
    assert [c.name for c in Repository.open(path).campaigns()] == ["Sonora 2027"]


def test_old_style_leftovers_are_removed_once_an_hour_old(tmp_path):
    path = tmp_path / "board.json"
    old = tmp_path / ".board.json.new-1234abcd"
    young = tmp_path / ".board.json.new-5678ef01"
    for leftover in (old, young, old.with_name(old.name + ".lock")):
        leftover.write_bytes(b"{}")
    long_ago = time.time() - 2 * 3600
    os.utime(old, (long_ago, long_ago))
    os.utime(old.with_name(old.name + ".lock"), (long_ago, long_ago))
    create_board(path)
    assert sorted(os.listdir(tmp_path)) == [young.name, "board.json"]
