"""store.storage: the strict JSON reader and the board file's own refusals."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys

import pytest

from store import LockTimeoutError, Repository, StoreFileError
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
