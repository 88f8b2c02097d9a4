"""The history table left unparsed when a board is opened, and read later a megabyte at a time.

The history is the last table of the file and the bulk of a large board (60,000 events,
18 MB of a 38 MB file at 20,000 organizations); the board's first screen does not need
it. Opening parses the file without it (its bytes are cut off and kept), which saves
its parsing and the memory of its parsed documents beside everything else. When the
history is validated, its bytes are parsed in pieces cut where a record starts, each
piece checked to be exactly what this program writes (the check ``storage.decode``
makes of a whole file), so only one piece is ever held parsed. A file this program did
not write that way is parsed whole by the strict path instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import orjson

from . import runs as stored_runs
from .runs import Part, encode_runs, joined

HISTORY = "events"
_MARK = b',"' + HISTORY.encode() + b'":'
_RECORD = re.compile(rb',"[1-9][0-9]*":\{"id":"')
"""Where a history record starts: no JSON string holds an unescaped quote, so this is never inside a text."""
PIECE = 1 << 20
"""About how many bytes of the history are parsed at a time."""


class NotAsWritten(Exception):
    """The history's bytes are not exactly what this program writes: parse them whole, strictly."""


def cut_history(data: bytes) -> tuple[bytes, bytes] | None:
    """The file without its history (which becomes ``{}``), and the history's bytes; None when it is not last.

    The history's last record is parsed here: a table after it (which the file's check
    refuses) makes that fail, and the file is then read whole. Only a table crafted to
    look like history records would pass, and the history's validation refuses it later,
    before anything is written.
    """
    at = data.find(_MARK)
    if at < 0 or not data.endswith(b"}}"):
        return None
    start = at + len(_MARK)
    history = data[start:-1]
    if not history.startswith(b"{") or not _ends_with_a_record(history):
        return None
    return data[:start] + b"{}}", history


PIECEWISE = ("organizations", "placements", "visits")
"""The tables besides the history that opening validates a piece at a time as it parses them, not parsed
whole with the file: parsing a table whole holds all its documents at once beside their records (about
100 MB at 20,000 organizations), and the memory stays taken by the program once they are let go."""


def cut_tables(rest: bytes, names: Iterable[str], all_names: Iterable[str]) -> tuple[bytes, dict[str, Cut]] | None:
    """``rest`` (a file whose history was cut off) without the tables ``names``, each of which becomes ``{}``.

    Each table cut is where it lies in ``rest``; a table ends where the next one's name starts. None
    when one is not found. A name found elsewhere (inside a record of a crafted file) makes the
    file's rest, or the table's bytes, fail to parse later: then it is read whole.
    """
    any_mark = re.compile(b"|".join(re.escape(b',"' + name.encode() + b'":') for name in all_names))
    found: dict[str, Cut] = {}
    for name in names:
        mark = b',"' + name.encode() + b'":'
        at = rest.find(mark)
        if at < 0:
            return None
        start = at + len(mark)
        following = any_mark.search(rest, start)
        end = following.start() if following is not None else len(rest) - 1
        if not (rest.startswith(b"{", start) and rest.endswith(b"}", 0, end)):
            return None
        found[name] = Cut(start, end - start)
    pieces: list[bytes] = []
    at = 0
    for cut in sorted(found.values(), key=attrgetter("offset")):
        if cut.offset < at:
            return None
        pieces += (rest[at : cut.offset], b"{}")
        at = cut.offset + cut.length
    pieces.append(rest[at:])
    return b"".join(pieces), found


@dataclass(frozen=True, slots=True)
class Cut:
    """Where a table cut off lies in the file: its ``{`` and its length."""

    offset: int
    length: int


def _ends_with_a_record(history: bytes) -> bool:
    if history == b"{}":
        return True
    boundary = history.rfind(b',"', 0, history.rfind(b'":{"id":"'))
    start = _RECORD.match(history, boundary) if boundary >= 0 else None
    last = b"{" + history[boundary + 1 :] if start is not None else history
    try:
        documents = orjson.loads(last)
    except (orjson.JSONDecodeError, RecursionError):
        return False
    return (
        isinstance(documents, dict)
        and len(documents) == 1
        and all(isinstance(doc, dict) and str(doc.get("id", "")).startswith("ev-") for doc in documents.values())
    )


def last_doc_id(history: bytes) -> int:
    """The record number of the history's last record (0 if none is found): where the next one goes."""
    at = history.rfind(b'":{"id":"')
    if at < 0:
        return 0
    digits = history[history.rfind(b'"', 0, at) + 1 : at]
    return int(digits) if digits.isdigit() else 0


def pieces(history: bytes) -> Iterator[tuple[dict[str, Any], dict[int, bytes], int]]:
    """The history's documents a piece at a time, each with its runs and where they start; raises ``NotAsWritten``."""
    if not history.startswith(b"{"):
        raise NotAsWritten
    start, end_all, last = 1, len(history) - 1, 0
    while start < end_all:
        end = _run_start(history, min(start + PIECE, end_all), end_all)
        piece = b"{" + history[start:end] + b"}"
        documents, runs = _parsed(piece)
        if documents:
            if int(next(iter(documents))) <= last:
                raise NotAsWritten  # record numbers that do not ascend through the file
            last = int(next(reversed(documents)))
        yield documents, runs, start
        start = end + 1


def _run_start(history: bytes, at: int, end_all: int) -> int:
    """Where the first run starting after ``at`` starts (``end_all`` if none does).

    Pieces cut where a run starts hold whole runs: a run another copy read before holds too is
    then seen to be the same (``store.loading``), and its records are not validated again.
    """
    first_run = None
    for found in _RECORD.finditer(history, at, end_all):
        digits = history[found.start() + 2 : history.index(b'"', found.start() + 2)]
        run = int(digits) // stored_runs.RUN
        if first_run is None:
            first_run = run
        elif run != first_run:
            return found.start()
    return end_all


def _parsed(piece: bytes) -> tuple[dict[str, Any], dict[int, bytes]]:
    try:
        documents = orjson.loads(piece)
    except (orjson.JSONDecodeError, RecursionError):
        raise NotAsWritten from None
    try:
        runs = encode_runs(documents) if isinstance(documents, dict) else None
    except (orjson.JSONEncodeError, RecursionError):
        raise NotAsWritten from None
    if runs is None or b"{" + b",".join(runs.values()) + b"}" != piece:
        raise NotAsWritten
    return documents, runs


def add_runs(runs: dict[int, Part], more: Mapping[int, Part]) -> None:
    """Add a later piece's runs: a run cut between two pieces is joined again."""
    for run, part in more.items():
        runs[run] = joined(runs[run], part) if run in runs else part


def parsed_whole(history: bytes) -> tuple[dict[str, Any], dict[int, Part]]:
    """All the history's documents and their runs; raises ``NotAsWritten``."""
    documents: dict[str, Any] = {}
    runs: dict[int, Part] = {}
    for more, more_runs, _start in pieces(history):
        documents.update(more)
        add_runs(runs, more_runs)
    return documents, runs
