"""A JSON export is written a piece at a time: the same bytes as the whole document dumped at once, and no half file."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from outreach_tui import profile_export
from outreach_tui.profile_export import write_export
from store import Repository, StoreFileError, files
from store.encryption import Sealing, decrypt_with_key, new_key_pair, secret_key_of
from store.exports import partner_document
from store.snapshot import export_snapshot
from tests.boards import demo_board

NOW = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repository:
    monkeypatch.setattr(profile_export, "utc_now", lambda: NOW)
    return demo_board(tmp_path, organizations=30)


def whole(document: dict[str, object]) -> bytes:
    """The export as it was written before: the whole document, then its bytes."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def test_a_streamed_snapshot_is_byte_for_byte_the_whole_document(demo, tmp_path):
    cid = demo.default_campaign().id
    expected = whole(export_snapshot(demo, cid, now=NOW))
    written = write_export(demo, cid, "full", "json", folder=tmp_path)
    assert written.read_bytes() == expected
    assert orjson.loads(expected)["history"], "the history is part of what is compared"


def test_a_streamed_partner_export_is_byte_for_byte_the_whole_document(demo, tmp_path):
    cid = demo.default_campaign().id
    expected = whole(partner_document(demo, cid, now=NOW))
    assert write_export(demo, cid, "partner", "json", folder=tmp_path).read_bytes() == expected


def test_an_export_encrypted_to_keys_streams_through_age_and_opens_to_the_same_bytes(demo, tmp_path):
    cid = demo.default_campaign().id
    pair = new_key_pair()
    expected = whole(export_snapshot(demo, cid, now=NOW))  # before the export is recorded in the history
    written = write_export(demo, cid, "full", "json", folder=tmp_path, sealing=Sealing(public_keys=(pair.public,)))
    assert decrypt_with_key(written.read_bytes(), secret_key_of(pair.secret, "test"), "test") == expected


def test_a_full_disk_during_an_export_leaves_no_file_and_says_so(demo, tmp_path, monkeypatch):
    cid = demo.default_campaign().id
    write = os.write
    written = [0]

    def full_disk_after_a_while(fd: int, data: bytes) -> int:
        written[0] += len(data)
        if written[0] > 4096:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write(fd, data)

    monkeypatch.setattr(files, "WRITE_BUFFER", 1024)  # the export goes to disk in small writes
    monkeypatch.setattr(os, "write", full_disk_after_a_while)
    target = tmp_path / "board.json.out"
    for sealing in (None, Sealing(public_keys=(new_key_pair().public,))):
        with pytest.raises(StoreFileError) as refused:
            write_export(demo, cid, "full", "json", target=target, sealing=sealing)
        assert str(target) in str(refused.value) and "the disk is full" in str(refused.value)
        assert list(tmp_path.glob("*.out*")) == [] and list(tmp_path.glob(".board.json.out.*")) == []


def test_an_export_interrupted_part_way_leaves_the_previous_file_whole(demo, tmp_path, monkeypatch):
    cid = demo.default_campaign().id
    target = tmp_path / "board-export.json"
    target.write_bytes(b"the previous export\n")
    produced = profile_export._export_chunks

    def interrupted(*args, **kwargs):
        chunks = produced(*args, **kwargs)
        yield next(chunks)
        raise KeyboardInterrupt

    monkeypatch.setattr(profile_export, "_export_chunks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_export(demo, cid, "full", "json", target=target, force=True)
    assert target.read_bytes() == b"the previous export\n"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".board-export")] == []
