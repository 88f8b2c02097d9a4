"""Writing a large JSON document a piece at a time, byte for byte as ``orjson.dumps`` writes it whole.

An export of a large board lists 20,000 organizations and 60,000 history events: built
whole, the document and then its bytes took well over 100 MB beside the board. Its long
lists are ``Items`` instead, produced while they are written, so only one element is in
memory at a time. ``chunks`` gives exactly the bytes of ``orjson.dumps(document,
option=OPT_INDENT_2 | OPT_APPEND_NEWLINE)``: each element is dumped on its own and
indented to its depth (JSON strings never hold a raw newline, so every newline in a
dumped element starts one of its lines).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

_INDENT = orjson.OPT_INDENT_2


class Items:
    """A JSON array whose elements are produced while it is written (``produce`` is called at each reading).

    Its elements are plain JSON values, without ``Items`` of their own: each is dumped whole.
    """

    def __init__(self, produce: Callable[[], Iterable[Any]]) -> None:
        self.produce = produce

    def __iter__(self) -> Iterator[Any]:
        return iter(self.produce())


def materialized(value: Any) -> Any:
    """``value`` with every ``Items`` turned into a list (what a caller that wants the whole document gets)."""
    if isinstance(value, Items | list):
        return [materialized(item) for item in value]
    if isinstance(value, dict):
        return {key: materialized(item) for key, item in value.items()}
    return value


def chunks(document: Any) -> Iterator[bytes]:
    """The bytes of ``document`` (holding ``Items`` anywhere), indented by two, newline-ended."""
    yield from _chunks(document, 0)
    yield b"\n"


def _holds_items(value: Any) -> bool:
    if isinstance(value, dict):
        return any(map(_holds_items, value.values()))
    return isinstance(value, Items) or (isinstance(value, list) and any(map(_holds_items, value)))


def _chunks(value: Any, depth: int) -> Iterator[bytes]:
    if isinstance(value, Items):
        yield from _container(b"[", b"]", ((None, item) for item in value), depth, plain=True)
    elif isinstance(value, list) and _holds_items(value):
        yield from _container(b"[", b"]", ((None, item) for item in value), depth)
    elif isinstance(value, dict) and _holds_items(value):
        yield from _container(b"{", b"}", value.items(), depth)
    else:
        yield _dumped(value, depth)


def _dumped(value: Any, depth: int) -> bytes:
    data = orjson.dumps(value, option=_INDENT)
    return data.replace(b"\n", b"\n" + b"  " * depth) if depth else data


def _container(
    start: bytes, end: bytes, entries: Iterable[tuple[str | None, Any]], depth: int, *, plain: bool = False
) -> Iterator[bytes]:
    """``plain``: the entries hold no ``Items`` (looking for them in every element would cost more than dumping it)."""
    inner = b"\n" + b"  " * (depth + 1)
    opened = False
    for key, item in entries:
        yield (b"," if opened else start) + inner + (b"" if key is None else orjson.dumps(key) + b": ")
        opened = True
        if plain:
            yield _dumped(item, depth + 1)
        else:
            yield from _chunks(item, depth + 1)
    yield b"\n" + b"  " * depth + end if opened else start + end
