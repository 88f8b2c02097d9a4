"""A table's records as the board file stores them, kept as JSON bytes in runs of record numbers.

The copy in memory holds each record once, as its validated model. Serializing 100,000
models through pydantic takes about ten times as long as orjson takes for the same
documents, which would make a checkpoint far slower than one write of the file. So each
table also keeps the bytes of its records, cut into runs of ``RUN`` record numbers
(``"1":{...},"2":{...}``): opening gets them for free from the check that the file is
exactly what this program writes, a change forgets the run it touched, and a checkpoint
encodes only the runs changed since the last one, then splices all runs together.

A run read from the board file, or written to it, is not held in memory: it is where it
lies in that file (``OnDisk``), read again when a checkpoint writes it. The file stays
open for as long as one of its runs is kept (a board file is replaced, never written in
place, so the open file keeps the very bytes that were read), and a run is used only
while the file is unchanged since; a file another program changed in place has its runs
encoded from the records instead.
"""

from __future__ import annotations

import operator
import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from .files import OpenFile

RUN = 512
"""How many record numbers one run covers: run ``n`` holds records ``n * RUN`` to ``n * RUN + RUN - 1``."""


class StaleRun(Exception):
    """The file a run lies in was changed in place since it was read: its bytes are no longer the run's."""


class Source:
    """A board file read or written, kept open (a file of its own) for the runs that lie in it."""

    __slots__ = ("_ctime_ns", "_file", "_links", "_mtime_ns", "_size")

    def __init__(self, fd: int, size: int, mtime_ns: int, ctime_ns: int) -> None:
        """Keep the file open as ``fd`` (which stays the caller's), as it was when its runs were read or written."""
        self._file = OpenFile(os.dup(fd))
        self._size, self._mtime_ns, self._ctime_ns = size, mtime_ns, ctime_ns
        self._links = os.fstat(self._file.fd).st_nlink

    @property
    def size(self) -> int:
        return self._size

    def unchanged(self) -> bool:
        """Whether the file holds what it held when this was made.

        A write changes its size or modification time, and its ctime even when the writer
        puts the modification time back. The ctime changes also when the file is replaced
        (it has one link fewer then, none when it was replaced before this was made): that
        alone leaves its bytes as they were.
        """
        try:
            st = os.fstat(self._file.fd)
        except OSError:
            return False
        same_content = (st.st_size, st.st_mtime_ns) == (self._size, self._mtime_ns)
        replaced = st.st_nlink == 0 or st.st_nlink < self._links
        return same_content and (st.st_ctime_ns == self._ctime_ns or replaced)

    def read(self, offset: int, length: int) -> bytes:
        """``length`` bytes at ``offset``; raises ``StaleRun`` when the file changed since."""
        try:
            data = os.pread(self._file.fd, length, offset)
        except OSError:
            raise StaleRun from None
        if len(data) != length or not self.unchanged():
            raise StaleRun
        return data


class OnDisk:
    """A run's bytes left in the file they were read from or written to: where they lie in it."""

    __slots__ = ("length", "offset", "source")

    def __init__(self, source: Source, offset: int, length: int) -> None:
        self.source, self.offset, self.length = source, offset, length

    def read(self) -> bytes:
        return self.source.read(self.offset, self.length)


Part = bytes | OnDisk
"""A run's stored bytes, in memory or in a file."""


def bytes_of(part: Part) -> bytes:
    """The run's bytes (read from its file if they lie there); raises ``StaleRun``."""
    return part if isinstance(part, bytes) else part.read()


def length_of(part: Part) -> int:
    return len(part) if isinstance(part, bytes) else part.length


def same(one: Part | None, other: Part | None) -> bool:
    """Whether two runs hold the same bytes (False when either cannot be read)."""
    if one is None or other is None:
        return False
    if isinstance(one, OnDisk) and isinstance(other, OnDisk):
        if (one.source, one.offset, one.length) == (other.source, other.offset, other.length):
            return one.source.unchanged()
        if one.length != other.length:
            return False
    try:
        return bytes_of(one) == bytes_of(other)
    except StaleRun:
        return False


def joined(first: Part, second: Part) -> Part:
    """``first``, a comma and ``second``: a run cut in two pieces, whole again."""
    if (
        isinstance(first, OnDisk)
        and isinstance(second, OnDisk)
        and first.source is second.source
        and first.offset + first.length + 1 == second.offset
    ):
        return OnDisk(first.source, first.offset, first.length + 1 + second.length)
    return bytes_of(first) + b"," + bytes_of(second)


def contents(parts: Iterable[Part]) -> Iterator[bytes]:
    """The bytes of ``parts``, one after the other (runs in a file read as they come); raises ``StaleRun``."""
    for part in parts:
        yield part if isinstance(part, bytes) else part.read()


def run_of(doc_id: str) -> int:
    return int(doc_id) // RUN


def encode_runs(table: dict[str, Any]) -> dict[int, bytes] | None:
    """The runs of a table read from a file, or None when its record numbers do not ascend (or are not numbers).

    Joining the runs with commas gives exactly what ``orjson.dumps(table)`` gives between its braces.
    """
    keys = list(table)
    try:
        numbers = list(map(int, keys))
    except ValueError:
        return None
    if not all(map(operator.lt, numbers, numbers[1:])):
        return None
    values = list(table.values())
    runs: dict[int, bytes] = {}
    start = 0
    while start < len(keys):
        run = numbers[start] // RUN
        end = bisect_left(numbers, (run + 1) * RUN, lo=start)
        runs[run] = orjson.dumps(dict(zip(keys[start:end], values[start:end], strict=True)))[1:-1]
        start = end
    return runs


def grouped(doc_ids: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    """``doc_ids`` in ascending order, grouped by run."""
    numbers = sorted(map(int, doc_ids))
    start = 0
    while start < len(numbers):
        run = numbers[start] // RUN
        end = bisect_left(numbers, (run + 1) * RUN, lo=start)
        yield run, [str(number) for number in numbers[start:end]]
        start = end


def spliced(runs: dict[int, Part], doc_ids: Iterable[str], encode: Callable[[list[str]], bytes]) -> list[Part]:
    """The whole table ``{"1":{...},...}`` in pieces to write one after the other (no copy of it is made).

    Runs missing from ``runs`` are encoded (by ``encode``, given their doc ids) and kept there.
    """
    numbers = sorted(map(int, doc_ids))
    parts: list[Part] = [b"{"]
    start = 0
    while start < len(numbers):
        run = numbers[start] // RUN
        end = bisect_left(numbers, (run + 1) * RUN, lo=start)
        part = runs.get(run)
        if part is None:
            part = runs[run] = encode([str(number) for number in numbers[start:end]])
        parts += (part, b",")
        start = end
    parts[-1:] = [b"}"] if numbers else [b"{}"]
    return parts


def documents_of(part: Part) -> dict[str, Any]:
    """The documents of one run, by record number; raises ``StaleRun``."""
    return orjson.loads(b"{" + bytes_of(part) + b"}")  # type: ignore[no-any-return]


def kept_at(source: Source, at: int, runs: dict[int, Part]) -> int:
    """Where the table ``runs`` lies in ``source`` from offset ``at`` (at its ``{``): its runs become ``OnDisk``.

    Returns the offset just after the table. The runs must be those the file holds, in order.
    """
    at += 1
    for run in sorted(runs):
        length = length_of(runs[run])
        runs[run] = OnDisk(source, at, length)
        at += length + 1
    return at if runs else at + 1
