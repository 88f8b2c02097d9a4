"""store.storage: the strict JSON reader and the board file's own refusals."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

import pytest

from store import LockTimeoutError, Repository, StoreFileError, storage
from store.storage import BoardFile, decode, encode
from tests.store.test_file_safety import CAMPAIGN_WRITER, HOLDER, ROOT, SMALL_BOARD


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_the_strict_parser_itself_refuses_nan_and_infinity(constant):
    # orjson refuses these first; the fallback parser must refuse them on its own too.
    with pytest.raises(ValueError, match=f"^{re.escape(constant)} is not allowed$"):
        decode(b'{"changes": [' + constant.encode() + b"]}")


def test_a_duplicate_key_is_refused_even_though_both_parsers_accept_it():
    with pytest.raises(ValueError, match="appears twice"):
        decode(b'{"a": 1, "a": 2}')


def test_a_file_written_by_this_program_round_trips_through_the_fast_path():
    document = {"meta": {"1": {"format": "outreach-tui"}}, "notes": "ünïcode ✓"}
    assert decode(encode(document)) == document
    # Pretty-printed (another tool's) JSON takes the checked path and gives the same document.
    assert decode(b'{\n  "meta": {"1": {"format": "outreach-tui"}},\n  "notes": "\\u00fcn\\u00efcode \\u2713"\n}') == (
        document
    )


def test_an_unknown_table_is_refused_and_named(tmp_path):
    path = tmp_path / "board.json"
    content = SMALL_BOARD[:-1] + b', "widgets": {}}'
    path.write_bytes(content)
    with pytest.raises(StoreFileError, match="tables this version does not know \\(widgets\\)"):
        Repository.open(path)
    assert path.read_bytes() == content


def test_a_board_reached_through_a_symlink_stays_one_board_with_one_lock(tmp_path):
    real = tmp_path / "team" / "board.json"
    real.parent.mkdir()
    Repository.open(real, create=True)
    link = tmp_path / "board.json"
    link.symlink_to(real)
    via_link = Repository.open(link)
    via_link.create_campaign("Oaxaca 2027")
    assert link.is_symlink() and link.readlink() == real
    # Another process, through the real path, sees that change and adds its own.
    subprocess.run([sys.executable, "-c", CAMPAIGN_WRITER, str(real), "Sonora 2027"], check=True, cwd=ROOT)
    via_link.refresh()
    assert sorted(c.name for c in via_link.campaigns()) == ["Oaxaca 2027", "Sonora 2027"]
    assert link.is_symlink() and not (tmp_path / "board.json.lock").exists()
    # A process holding the lock through the link keeps writers through the real path out.
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(link)], stdout=subprocess.PIPE, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(LockTimeoutError), BoardFile(real).lock(timeout=0.3):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_board_made_group_writable_by_hand_stays_so_after_a_write(tmp_path):
    repo = Repository.open(tmp_path / "board.json", create=True)
    assert stat.S_IMODE(os.stat(repo.path).st_mode) == 0o600  # a private board in a plain folder
    os.chmod(repo.path, 0o660)  # its owner shares it with the group
    repo.create_campaign("Oaxaca 2027")
    assert stat.S_IMODE(os.stat(repo.path).st_mode) == 0o660


OPEN_BOARD = """
import os, resource, sys
from store import Repository, StoreFileError
import store.locking, store.files
if os.geteuid() == 0 and len(sys.argv) > 2:
    os.setgid(65534)
    os.setuid(65534)
# A board read whole must not be able to take the machine's memory.
resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))
try:
    Repository.open(sys.argv[1])
except StoreFileError as error:
    print(error)
"""


def open_elsewhere(path, *args: str) -> str:
    """Open the board in another process (which may hang or crash on a bad file); what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", OPEN_BOARD, str(path), *args], capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_fifo_as_board_file_is_refused_at_once(tmp_path):
    path = tmp_path / "board.json"
    os.mkfifo(path)
    assert (
        open_elsewhere(path)
        == f"{path} is not a regular file (it is a device, a FIFO or a socket), so it is not a board file."
    )


def test_a_character_device_as_board_file_is_refused_at_once(tmp_path):
    link = tmp_path / "board.json"
    link.symlink_to("/dev/zero")
    assert open_elsewhere(link) == (
        "/dev/zero is not a regular file (it is a device, a FIFO or a socket), so it is not a board file."
    )


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    assert storage.MAX_BOARD_BYTES >= 512 * 1024 * 1024
    path = tmp_path / "board.json"
    path.write_bytes(SMALL_BOARD)
    monkeypatch.setattr(storage, "MAX_BOARD_BYTES", len(SMALL_BOARD) - 1)
    read = []
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *args, **kwargs: read.append(args) or real_fdopen(*args, **kwargs))
    with pytest.raises(StoreFileError, match=f"{path} is larger than 0 MB, too large to be a board file"):
        Repository.open(path)
    assert read == []


def test_a_board_in_a_folder_one_cannot_open_is_refused_with_a_reason():
    # Under /tmp itself, so that the account "nobody" reaches the outer folder but not the inner one.
    outer = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        os.chmod(outer, 0o755)
        inner = outer / "private"
        inner.mkdir(mode=0o700)
        path = inner / "board.json"
        path.write_bytes(SMALL_BOARD)
        if os.geteuid() != 0:
            os.chmod(inner, 0o000)
        message = open_elsewhere(path, "as nobody")
        assert message == (
            f"Cannot read {path}: permission denied. Check that you may open the file and every folder above it."
        )
    finally:
        os.chmod(outer / "private", 0o700)
        shutil.rmtree(outer)


def _inodes_open_here() -> set[int]:
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        with suppress(OSError):  # the listing's own fd, closed meanwhile
            inodes.add(os.fstat(int(fd)).st_ino)
    return inodes


def test_the_file_a_board_last_saw_stays_allocated_so_another_file_cannot_take_its_stamp(tmp_path):
    # A freed inode number is soon given to a new file; with the same size within one clock
    # tick of the file system its stamp would equal the old one and hide a change.
    path = tmp_path / "board.json"
    mine = Repository.open(path, create=True)
    seen = os.stat(path).st_ino
    other = Repository.open(path)
    other.create_campaign("Oaxaca 2027")
    other.create_campaign("Sonora 2027")
    other.compact()
    assert os.stat(path).st_ino != seen
    assert seen in _inodes_open_here()
    assert mine.refresh()
    assert sorted(c.name for c in mine.campaigns()) == ["Oaxaca 2027", "Sonora 2027"]


def _with_value(value: bytes) -> bytes:
    """The small board with ``value`` where the model accepts any JSON value (an event's changes)."""
    return SMALL_BOARD.replace(b"[0, ", b"[" + value + b", ")


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"18446744073709551616", "a number is too large"),
        (b"-9223372036854775809", "a number is too large"),
        (b'"\\ud800"', "lone surrogate"),
    ],
    ids=["2**64", "-2**63-1", "lone surrogate"],
)
def test_a_value_that_could_not_be_written_back_is_refused_when_the_board_opens(tmp_path, value, reason):
    path = tmp_path / "board.json"
    path.write_bytes(_with_value(value))
    with pytest.raises(StoreFileError, match=reason) as refused:
        Repository.open(path)
    assert str(refused.value).startswith(f"{path} is not valid JSON (")


@pytest.mark.parametrize("depth", [1, 10, 15, 16, 17, 200, 248, 249, 250, 251, 300])
def test_a_board_that_opens_can_be_written(tmp_path, depth):
    # What `check` runs (open, then validate the history) fails exactly when a write would.
    path = tmp_path / "board.json"
    path.write_bytes(_with_value(_nested(depth)))
    try:
        repo = Repository.open(path)
        repo.finish_loading()
    except StoreFileError:
        assert depth > 10
        return
    repo.create_campaign("Oaxaca 2027")
    assert [c.name for c in Repository.open(path).campaigns()] == ["Oaxaca 2027"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (SMALL_BOARD.decode().encode("utf-16"), "it is not UTF-8 text, so it is not a board file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "it is not UTF-8 text, so it is not a board file"),
        (b"\xef\xbb\xbf" + SMALL_BOARD, "it starts with a byte order mark, which board files never have"),
    ],
    ids=["utf-16", "binary", "bom"],
)
def test_a_file_that_is_not_utf8_json_says_so_in_plain_words(tmp_path, content, reason):
    path = tmp_path / "board.json"
    path.write_bytes(content)
    with pytest.raises(StoreFileError) as refused:
        Repository.open(path)
    assert str(refused.value) == (
        f"{path} is not valid JSON ({reason}), so it cannot be opened. The file was not changed."
    )


def test_a_board_write_removes_its_own_stale_temp_files_not_those_of_board_json_bak(tmp_path):
    repo = Repository.open(tmp_path / "board.json", create=True)
    # What a snapshot written to board.json.bak (or a board named so) is while it is being written.
    in_flight = tmp_path / ".board.json.bak.k3j2_x.tmp"
    in_flight.write_bytes(b"half a snapshot")
    left_by_a_killed_writer = tmp_path / ".board.json.a8_zq1.tmp"
    left_by_a_killed_writer.write_bytes(b"half a board")
    repo.create_campaign("Oaxaca 2027")
    assert in_flight.read_bytes() == b"half a snapshot"
    assert not left_by_a_killed_writer.exists()
