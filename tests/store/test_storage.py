"""store.storage: the strict JSON reader and the board file's own refusals."""

from __future__ import annotations

import re

import pytest

from store import Repository, StoreFileError
from store.storage import decode, encode
from tests.store.test_file_safety import SMALL_BOARD


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
