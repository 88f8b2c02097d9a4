"""store.locking: the board's write lock cannot be fooled by a symlink, a FIFO, a deleted lock file or a umask."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from store import Repository, StoreFileError
from store.files import journal_path, lock_path
from tests.boards import on_disk
from tests.store.test_file_safety import CAMPAIGN_WRITER, ROOT
from tests.store.test_files import _another_group

# Takes the lock for a change, then waits for a line on stdin before writing it.
PAUSED_WRITER = """
import sys
from store import Repository
from store.board_copy import BoardCopy
original = BoardCopy.write
def paused(self, **options):
    print("writing", flush=True)
    sys.stdin.readline()
    return original(self, **options)
BoardCopy.write = paused
Repository.open(sys.argv[1]).create_campaign(sys.argv[2])
"""


def names(path) -> list[str]:
    return sorted(c.name for c in Repository.open(path).campaigns())


def test_a_lock_file_deleted_during_a_write_does_not_let_a_second_writer_in(tmp_path):
    path = tmp_path / "board.json"
    Repository.open(path, create=True).create_campaign("Chiapas 2026")
    first = subprocess.Popen(
        [sys.executable, "-c", PAUSED_WRITER, str(path), "Oaxaca 2027"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    second = None
    try:
        assert first.stdout.readline().strip() == b"writing"
        lock_path(path).unlink()
        second = subprocess.Popen(
            [sys.executable, "-c", CAMPAIGN_WRITER, str(path), "Sonora 2027"], stdout=subprocess.PIPE, cwd=ROOT
        )
        assert second.stdout.readline().strip() == b"ready"
        with pytest.raises(subprocess.TimeoutExpired):
            second.wait(timeout=1.0)
        assert names(path) == ["Chiapas 2026"]
        first.stdin.write(b"go\n")
        first.stdin.flush()
        assert first.wait(timeout=20) == 0
        assert second.wait(timeout=20) == 0
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert names(path) == ["Chiapas 2026", "Oaxaca 2027", "Sonora 2027"]


def test_a_symlinked_lock_file_is_refused_and_creates_nothing_where_it_points(tmp_path):
    repo = Repository.open(tmp_path / "board.json", create=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    lock_path(repo.path).unlink(missing_ok=True)
    lock_path(repo.path).symlink_to(elsewhere / "planted")
    before = on_disk(repo.path)
    with pytest.raises(StoreFileError, match="is a symbolic link") as refused:
        repo.create_campaign("Oaxaca 2027")
    assert str(lock_path(repo.path)) in str(refused.value)
    assert os.listdir(elsewhere) == []
    assert on_disk(repo.path) == before


def test_a_fifo_as_lock_file_is_refused_at_once_instead_of_hanging(tmp_path):
    path = tmp_path / "board.json"
    Repository.open(path, create=True)
    lock_path(path).unlink(missing_ok=True)
    os.mkfifo(lock_path(path))
    code = "import sys\nfrom store import Repository\nRepository.open(sys.argv[1]).create_campaign('Oaxaca 2027')"
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert result.returncode != 0
    assert f"The lock file {lock_path(path)} is not a regular file" in result.stderr
    assert names(path) == []


def test_a_folder_as_lock_file_is_refused_with_its_name(tmp_path):
    repo = Repository.open(tmp_path / "board.json", create=True)
    lock_path(repo.path).unlink(missing_ok=True)
    lock_path(repo.path).mkdir()
    with pytest.raises(StoreFileError, match="is not a regular file"):
        repo.create_campaign("Oaxaca 2027")


SHARED_WRITE = """
import os, sys
os.umask(0o077)
from store import Repository
Repository.open(sys.argv[1]).create_campaign("Oaxaca 2027")
"""


def test_a_lock_file_created_under_umask_077_gets_the_board_mode_and_group(tmp_path):
    path = tmp_path / "board.json"
    Repository.open(path, create=True, shared=True)
    lock_path(path).unlink(missing_ok=True)
    group = _another_group(os.stat(path).st_gid)
    os.chown(path, -1, group)
    subprocess.run([sys.executable, "-c", SHARED_WRITE, str(path)], check=True, cwd=ROOT)
    lock = os.stat(lock_path(path))
    assert stat.S_IMODE(lock.st_mode) == 0o660
    assert lock.st_gid == group


def test_a_too_private_lock_file_is_repaired_by_its_owner(tmp_path):
    repo = Repository.open(tmp_path / "board.json", create=True, shared=True)
    repo.create_campaign("Chiapas 2026")
    os.chmod(lock_path(repo.path), 0o600)
    repo.create_campaign("Oaxaca 2027")
    assert stat.S_IMODE(os.stat(lock_path(repo.path)).st_mode) == 0o660


TEAMMATE_WRITE = """
import os, sys
from store import Repository, StoreFileError
import store.locking, store.files, store.storage
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
try:
    Repository.open(sys.argv[1]).create_campaign("Oaxaca 2027")
except StoreFileError as error:
    print(error)
"""


def test_a_lock_file_a_teammate_cannot_open_is_refused_with_the_repair():
    # Under /tmp itself: the account "nobody" must reach the folder.
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        os.chmod(folder, 0o777)
        path = folder / "board.json"
        Repository.open(path, create=True).create_campaign("Chiapas 2026")
        os.chmod(path, 0o666)
        os.chmod(journal_path(path), 0o666)
        # Owned by root and private, the teammate (nobody) is locked out; as another user, mode 000 does that.
        os.chmod(lock_path(path), 0o600 if os.geteuid() == 0 else 0o000)
        result = subprocess.run(
            [sys.executable, "-c", TEAMMATE_WRITE, str(path)], capture_output=True, text=True, cwd=ROOT, check=True
        )
        assert f"Cannot open the lock file {lock_path(path)}: permission denied" in result.stdout
        assert f"chmod 660 {lock_path(path)}" in result.stdout
        assert names(path) == ["Chiapas 2026"]
    finally:
        shutil.rmtree(folder)
