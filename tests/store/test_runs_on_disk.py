"""The stored bytes of unchanged records left in the board file, and the large tables validated a piece at a time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from store import StoreFileError, board_copy, loading, runs, unparsed
from store.parsing import parse_board
from store.runs import OnDisk
from tests.boards import demo_board, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id
from tests.store.test_one_copy import as_each_record_dumps, some_changes


def kept_in_a_file(repo: Any) -> bool:
    doc = repo._copy.document
    parts = [part for table in doc.tables.values() for part in table.runs.values()]
    return bool(parts) and all(isinstance(part, OnDisk) for part in parts)


def rewritten_in_place(path: Path, old: bytes, new: bytes) -> None:
    """What another program writing the file where it is (not replacing it) does."""
    data = path.read_bytes()
    assert len(old) == len(new) and data.count(old) == 1
    with open(path, "r+b") as handle:
        handle.write(data.replace(old, new))
        handle.flush()
        os.fsync(handle.fileno())


@pytest.fixture
def board(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "RUN", 8)  # many runs, most of them unchanged by the edits
    monkeypatch.setattr(unparsed, "PIECE", 400)  # and the tables parsed in many pieces
    repo = demo_board(tmp_path, organizations=40)
    repo.compact()
    return repo


def test_the_runs_lie_in_the_file_after_opening_and_after_a_checkpoint(board):
    assert set(parse_board(board.path.read_bytes(), board.path).cut) == set(unparsed.PIECEWISE)
    reader = open_board(board.path)
    reader.finish_loading()
    assert kept_in_a_file(reader)
    some_changes(reader)
    reader.compact()
    assert kept_in_a_file(reader)
    assert board.path.read_bytes() == as_each_record_dumps(board.path)


def test_a_checkpoint_from_runs_in_the_file_is_what_runs_in_memory_and_encoding_every_record_give(board):
    reader = open_board(board.path)
    some_changes(reader)
    doc = reader._copy.document
    doc.finish_loading()
    from_the_file = b"".join(doc.encoded())
    for table in doc.tables.values():
        table.runs = {run: runs.bytes_of(part) for run, part in table.runs.items()}
    assert b"".join(doc.encoded()) == from_the_file
    for table in doc.tables.values():
        table.runs = {}
    assert b"".join(doc.encoded()) == from_the_file


def test_a_board_whose_file_another_session_replaced_reads_and_writes_its_runs_from_the_old_file(board):
    reader = open_board(board.path)
    reader.finish_loading()
    some_changes(board)
    board.compact()  # a new board file: the reader's runs lie in the old one, still open
    assert reader.refresh()
    cid = campaign_id(reader)
    card = list(reader._copy.document.placements.in_campaign(cid))[5]
    reader.move(card, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    reader.compact()
    assert board.path.read_bytes() == as_each_record_dumps(board.path)
    reread = open_board(board.path)
    assert reread.placement(card, cid).stage == "trained"
    assert reread._copy.document.organizations.by_id == board._copy.document.organizations.by_id


def test_a_board_whose_file_another_program_wrote_in_place_reads_it_again_before_writing(board):
    reader = open_board(board.path)
    reader.finish_loading()
    cid = campaign_id(reader)
    org = reader.organizations()[3]
    rewritten_in_place(board.path, org.name.encode(), org.name.upper().encode())
    assert not any(part.source.unchanged() for part in reader._copy.document.organizations.runs.values())
    card = list(reader._copy.document.placements.in_campaign(cid))[5]
    reader.move(card, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    reader.compact()
    reread = open_board(board.path)
    assert reread.organization(org.id).name == org.name.upper()
    assert reread.placement(card, cid).stage == "trained"
    assert board.path.read_bytes() == as_each_record_dumps(board.path)


def test_runs_whose_file_was_written_in_place_are_encoded_from_the_records(board):
    reader = open_board(board.path)
    doc = reader._copy.document
    doc.finish_loading()
    expected = b"".join(doc.encoded())
    org = reader.organizations()[0]
    rewritten_in_place(board.path, org.name.encode(), org.name.upper().encode())
    with pytest.raises(runs.StaleRun):
        b"".join(doc.encoded())
    doc.forget_stale_runs()
    assert not any(table.runs for table in doc.tables.values())
    assert b"".join(doc.encoded()) == expected


def test_a_history_not_read_yet_from_a_file_written_in_place_is_refused_naming_the_file(board):
    reader = open_board(board.path)
    assert isinstance(reader._copy.document.events.unparsed, OnDisk)
    event = next(iter(orjson.loads(board.path.read_bytes())["events"].values()))
    rewritten_in_place(board.path, event["id"].encode(), event["id"].upper().encode())
    with pytest.raises(StoreFileError) as refused:
        reader.finish_loading()
    assert str(board.path) in str(refused.value)


def as_written_with(path: Path, table: str, index: int, change: dict[str, Any]) -> bytes:
    """The board file exactly as this program writes it, one record of ``table`` changed."""
    document = orjson.loads(path.read_bytes())
    doc_id = sorted(document[table], key=int)[index]
    document[table][doc_id] = {**document[table][doc_id], **change}
    path.write_bytes(orjson.dumps(document))
    return path.read_bytes()


@pytest.mark.parametrize("table", ["organizations", "placements", "visits"])
@pytest.mark.parametrize(
    "change",
    [{"version": 0}, {"id": "rec-repeated0"}, {"next table": {"1": {}}}],
    ids=["invalid", "repeated id", "another table's name inside"],
)
def test_a_bad_record_in_a_table_validated_a_piece_at_a_time_is_refused_naming_the_file(board, table, change):
    crafted = "next table" in change  # a record holding a key named as the table after its own
    later = {"organizations": "placements", "placements": "visits", "visits": "trainings"}[table]
    change = {later if key == "next table" else key: value for key, value in change.items()}
    if "id" in change:
        as_written_with(board.path, table, 1, change)
    before = as_written_with(board.path, table, -2, change)
    if not crafted:
        assert table in parse_board(before, board.path).cut  # not parsed with the rest of the file
    with pytest.raises(StoreFileError) as refused:
        open_board(board.path)
    assert str(board.path) in str(refused.value)
    assert board.path.read_bytes() == before


def test_a_table_read_again_a_piece_at_a_time_validates_only_the_runs_that_changed(board, monkeypatch):
    reader = open_board(board.path)
    reader.finish_loading()
    some_changes(board)  # one organization edited: one run of eight records
    board.compact()
    validated: list[str] = []
    real = loading._validated_at_once

    def counting(table, docs):
        if table.name == "organizations":
            validated.extend(doc["id"] for doc in docs)
        return real(table, docs)

    monkeypatch.setattr(loading, "_validated_at_once", counting)
    reader._copy.reload(force=True)
    assert 0 < len(validated) <= runs.RUN
    assert reader._copy.document.organizations.by_id == board._copy.document.organizations.by_id


def test_a_board_file_with_another_link_replaced_by_another_session_still_gives_the_history_read_later(board):
    os.link(board.path, board.path.with_name("kept.json"))  # a hard link to the board file
    reader = open_board(board.path)  # its history not read yet: it lies in the file
    some_changes(board)
    board.compact()
    assert reader.refresh()
    reader.finish_loading()
    assert kept_in_a_file(reader)
    assert reader._copy.document.events.by_id == board._copy.document.events.by_id


def test_a_write_in_place_that_puts_the_modification_time_back_is_still_seen(board):
    reader = open_board(board.path)
    reader.finish_loading()
    written = os.stat(board.path)
    org = reader.organizations()[0]
    rewritten_in_place(board.path, org.name.encode(), org.name.upper().encode())
    os.utime(board.path, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert not any(part.source.unchanged() for part in reader._copy.document.organizations.runs.values())


def test_a_second_checkpoint_writes_the_runs_the_first_one_left_in_its_file(board):
    reader = open_board(board.path)
    some_changes(reader)
    reader.compact()
    cid = campaign_id(reader)
    card = list(reader._copy.document.placements.in_campaign(cid))[7]
    reader.move(card, "active", campaign_id=cid, **WITHOUT_TRAINING)
    reader.compact()
    assert kept_in_a_file(reader)
    assert board.path.read_bytes() == as_each_record_dumps(board.path)
    assert open_board(board.path).placement(card, cid).stage == "active"


def test_a_board_file_written_in_place_while_it_is_read_is_read_again(board, monkeypatch):
    org = board.organizations()[2]
    real = board_copy.parse_board
    calls = []

    def written_meanwhile(data, path, source=None):
        parsed = real(data, path, source)
        if not calls:  # the tables not parsed yet are read from the file once it was written
            rewritten_in_place(board.path, org.name.encode(), org.name.upper().encode())
        calls.append(path)
        return parsed

    monkeypatch.setattr(board_copy, "parse_board", written_meanwhile)
    reader = open_board(board.path)
    assert len(calls) == 2
    assert reader.organization(org.id).name == org.name.upper()
