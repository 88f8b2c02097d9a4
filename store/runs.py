"""A table's records as the board file stores them, kept as JSON bytes in runs of record numbers.

The copy in memory holds each record once, as its validated model. Serializing 100,000
models through pydantic takes about ten times as long as orjson takes for the same
documents, which would make a checkpoint far slower than one write of the file. So each
table also keeps the bytes of its records, cut into runs of ``RUN`` record numbers
(``"1":{...},"2":{...}``): opening gets them for free from the check that the file is
exactly what this program writes, a change forgets the run it touched, and a checkpoint
encodes only the runs changed since the last one, then splices all runs together.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

RUN = 512
"""How many record numbers one run covers: run ``n`` holds records ``n * RUN`` to ``n * RUN + RUN - 1``."""


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


def spliced(runs: dict[int, bytes], doc_ids: Iterable[str], encode: Callable[[list[str]], bytes]) -> list[bytes]:
    """The whole table ``{"1":{...},...}`` in pieces to write one after the other (no copy of it is made).

    Runs missing from ``runs`` are encoded (by ``encode``, given their doc ids) and kept there.
    """
    numbers = sorted(map(int, doc_ids))
    parts = [b"{"]
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


def documents_of(part: bytes) -> dict[str, Any]:
    """The documents of one run, by record number."""
    return orjson.loads(b"{" + part + b"}")  # type: ignore[no-any-return]
