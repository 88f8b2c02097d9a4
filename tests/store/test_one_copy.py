"""One copy of the board in memory: records held as models only, the file written exactly as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from store import Repository, StoreFileError, loading, runs, unparsed
from store.files import journal_path
from tests.boards import demo_board, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id


def as_each_record_dumps(path: Path) -> bytes:
    """The board file as writing each record's own ``model_dump(exclude_defaults=True)`` gives it, in doc-id order."""
    reopened = open_board(path)
    reopened.finish_loading()
    doc = reopened._copy.document
    document: dict[str, Any] = {"meta": {"1": doc.meta_raw}}
    for name, table in doc.tables.items():
        document[name] = {
            doc_id: table.by_id[table.key_at[doc_id]].model_dump(mode="json", exclude_defaults=True)
            for doc_id in sorted(table.key_at, key=int)
        }
    return orjson.dumps(document)


def some_changes(repo: Repository) -> None:
    cid = campaign_id(repo)
    cards = list(repo._copy.document.placements.in_campaign(cid))
    repo.move(cards[0], "trained", campaign_id=cid, **WITHOUT_TRAINING)
    second = repo._copy.document.organizations.by_id[cards[1]]
    repo.update_organization(second.id, {"notes": "Llamar en enero", "tags": []}, expected_version=second.version)
    repo.move(cards[2], "active", campaign_id=cid, **WITHOUT_TRAINING)


def test_a_checkpoint_is_byte_for_byte_what_each_record_dumps_to(tmp_path):
    repo = demo_board(tmp_path, organizations=40)
    some_changes(repo)
    repo.compact()
    assert repo.path.read_bytes() == as_each_record_dumps(repo.path)


def test_stored_bytes_kept_for_unchanged_records_equal_encoding_every_record_again(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "RUN", 8)  # many runs, most of them unchanged by the edits
    repo = demo_board(tmp_path, organizations=40)
    repo.compact()
    reader = open_board(repo.path)
    some_changes(reader)
    doc = reader._copy.document
    doc.finish_loading()
    assert any(table.runs for table in doc.tables.values())
    spliced = b"".join(doc.encoded())
    for table in doc.tables.values():
        table.runs = {}
    assert spliced == b"".join(doc.encoded())


def test_an_edited_record_is_journaled_and_checkpointed_without_its_defaults(repo, write_path):
    target = repo.find_organization("Clínica Jurídica Obrera")
    edited = repo.update_organization(target.id, {"notes": "", "tags": ["maquila"]}, expected_version=target.version)
    doc_id = repo._copy.document.organizations.doc_of[edited.id]
    written = edited.model_dump(mode="json", exclude_defaults=True)
    assert "notes" not in written and "archived" not in written
    if write_path == "journal":
        last = orjson.loads(journal_path(repo.path).read_bytes().splitlines()[-1].rsplit(b" ", 1)[0])
        assert last["tables"]["organizations"] == {doc_id: written}
    repo.compact()
    assert orjson.loads(repo.path.read_bytes())["organizations"][doc_id] == written


def test_no_document_is_held_beside_the_validated_records(tmp_path):
    repo = demo_board(tmp_path, organizations=20)
    repo.compact()
    reader = open_board(repo.path)
    assert reader._copy.document.events.unparsed  # the history waits, not even parsed
    reader.finish_loading()
    assert all(table.validated and not table.pending() for table in reader._copy.document.tables.values())


def with_bad_event(path: Path, index: int, change: dict[str, Any]) -> bytes:
    document = orjson.loads(path.read_bytes())
    doc_id = sorted(document["events"], key=int)[index]
    document["events"][doc_id] = {**document["events"][doc_id], **change}
    path.write_bytes(orjson.dumps(document))
    return path.read_bytes()


@pytest.mark.parametrize("change", [{"kind": "no_such_kind"}, {"id": "ev-repeated0"}], ids=["invalid", "repeated id"])
def test_a_bad_event_in_the_deferred_history_is_refused_naming_the_file_before_any_write(tmp_path, monkeypatch, change):
    monkeypatch.setattr(loading, "_VALIDATION_CHUNK", 3)  # the bad event sits in a later chunk ...
    monkeypatch.setattr(unparsed, "PIECE", 300)  # ... and in a later piece of the unparsed history
    repo = demo_board(tmp_path, organizations=20)
    repo.compact()
    if "id" in change:
        with_bad_event(repo.path, 2, change)
    before = with_bad_event(repo.path, -2, change)
    journal_before = journal_path(repo.path).read_bytes()
    reader = open_board(repo.path)  # the board shows: its history is validated later
    cid = campaign_id(reader)
    card = next(iter(reader._copy.document.placements.in_campaign(cid)))
    for _attempt in range(2):  # refused again, never written over after the first refusal
        with pytest.raises(StoreFileError) as refused:
            reader.move(card, "trained", campaign_id=cid, **WITHOUT_TRAINING)
        assert str(repo.path) in str(refused.value)
    assert repo.path.read_bytes() == before
    assert journal_path(repo.path).read_bytes() == journal_before
    assert b"".join(reader._copy.document.events.encoded()) == orjson.dumps(orjson.loads(before)["events"])


def test_the_history_is_validated_a_piece_at_a_time_with_what_another_session_wrote_meanwhile(tmp_path, monkeypatch):
    monkeypatch.setattr(unparsed, "PIECE", 300)
    monkeypatch.setattr(runs, "RUN", 4)  # runs cut between pieces are joined again
    repo = demo_board(tmp_path, organizations=20)
    repo.compact()
    reader = open_board(repo.path)
    some_changes(repo)  # appended to the journal while the reader's history is not parsed
    assert reader.refresh()
    assert reader._copy.document.events.unparsed is not None
    reader.finish_loading()
    repo.finish_loading()
    mine, theirs = reader._copy.document.events, repo._copy.document.events
    assert list(mine.by_id) == list(theirs.by_id) and mine.doc_of == theirs.doc_of
    assert b"".join(mine.encoded()) == b"".join(theirs.encoded())
    repo.compact()
    assert repo.path.read_bytes() == as_each_record_dumps(repo.path)


def test_a_history_not_written_by_this_program_is_read_whole(tmp_path):
    repo = demo_board(tmp_path, organizations=10)
    repo.compact()
    expected = repo.history()
    document = orjson.loads(repo.path.read_bytes())
    document["events"] = dict(reversed(document["events"].items()))  # record numbers no longer ascend
    repo.path.write_bytes(orjson.dumps(document))
    reader = open_board(repo.path)
    assert sorted(reader.history(), key=lambda e: e.id) == sorted(expected, key=lambda e: e.id)


def test_a_board_read_whole_again_keeps_the_records_of_unchanged_runs_and_validates_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "RUN", 4)
    repo = demo_board(tmp_path, organizations=30)
    repo.compact()
    reader = open_board(repo.path)
    reader.finish_loading()
    before = dict(reader._copy.document.organizations.by_id)
    some_changes(repo)
    repo.compact()
    validated = []
    real = loading._validated_at_once

    def counting(table, docs):
        validated.extend(docs)
        return real(table, docs)

    monkeypatch.setattr(loading, "_validated_at_once", counting)
    reader._copy.reload(force=True)
    after = reader._copy.document.organizations.by_id
    assert {key: record.model_dump() for key, record in after.items()} == {
        key: record.model_dump() for key, record in repo._copy.document.organizations.by_id.items()
    }
    edited = [key for key in after if after[key] != before[key]]
    assert edited and all(after[key] is before[key] for key in after if key not in edited)
    assert 0 < len(validated) < len(after) + len(reader._copy.document.events.by_id)
