"""Opening a board file: what the file must be, each refusal named and the file left untouched."""

from __future__ import annotations

import orjson
import pytest

from store import StoreFileError
from tests.boards import board_json, on_disk, open_board


@pytest.fixture
def board_file(repo):
    return repo.path


def rewritten(path, edit) -> bytes:
    document = board_json(path)
    edit(document)
    data = orjson.dumps(document)
    path.write_bytes(data)
    return data


def refused(path, match: str) -> None:
    before = on_disk(path)
    with pytest.raises(StoreFileError, match=match) as error:
        open_board(path)
    assert str(path) in str(error.value)
    assert on_disk(path) == before


@pytest.mark.parametrize(
    "key",
    ["²", "1" * 5000, "01", "-1", "1.0", "٣"],
    ids=["superscript two", "5,000 digits", "leading zero", "negative", "decimal", "arabic-indic digit"],
)
def test_a_record_key_that_is_not_a_record_number_is_refused_by_name(board_file, key):
    def odd_key(document):
        organizations = document["organizations"]
        first = next(iter(organizations))
        organizations[key] = organizations.pop(first)

    rewritten(board_file, odd_key)
    refused(board_file, "table 'organizations' has a record key .* that is not a record number")


def test_a_long_record_key_is_shortened_in_the_message(board_file):
    def long_key(document):
        document["visits"] = {"9" * 5000: {}}

    rewritten(board_file, long_key)
    with pytest.raises(StoreFileError) as error:
        open_board(board_file)
    assert len(str(error.value)) < 300


def test_records_in_tinydbs_default_table_are_refused_not_dropped(board_file):
    rewritten(board_file, lambda document: document.update(_default={"1": {"note": "kept by another tool"}}))
    refused(board_file, r"tables this version does not know \(_default\)")


def test_an_empty_default_table_holds_nothing_to_lose(board_file):
    rewritten(board_file, lambda document: document.update(_default={}))
    assert open_board(board_file).counts().organizations == 3


def test_extra_meta_records_are_refused_not_dropped(board_file):
    rewritten(board_file, lambda document: document["meta"].update({"2": {"note": "mine"}}))
    refused(board_file, "the meta table holds records besides the first one")


def test_a_version_beyond_what_a_board_stores_is_refused_by_name(board_file):
    def huge(document):
        next(iter(document["organizations"].values()))["version"] = 2**64 - 1

    rewritten(board_file, huge)
    refused(
        board_file, r"record organizations/\d+, field version: Input should be less than or equal to 9007199254740991"
    )


def test_a_table_this_version_does_not_know_is_refused_not_dropped(board_file):
    rewritten(board_file, lambda document: document.update(reports={"1": {"title": "Q3"}}))
    refused(board_file, r"tables this version does not know \(reports\)")
