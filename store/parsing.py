"""Parsing a board file: checking what it is, and keeping the bytes of what this program wrote as it wrote it.

A file this program wrote is exactly what orjson gives for its parsed document; that
check (``storage.decode``) is made piece by piece here, keeping each table's runs
(``store.runs``) on the way, and the history is cut off unparsed (``store.unparsed``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from . import unparsed
from .document import META_TABLE, TABLES
from .errors import SchemaTooNewError, StoreFileError
from .i18n import _
from .models import FILE_FORMAT, SCHEMA_VERSION, Meta
from .runs import OnDisk, Part, Source, encode_runs, kept_at
from .storage import decode, encode
from .text import display_safe
from .validation import problems_of


class _RunsKept:
    """The check that a parsed file encodes back to its very bytes, keeping each table's runs on the way."""

    def __init__(self, source: Source | None = None, cuts: Iterable[unparsed.Cut] = ()) -> None:
        self.by_table: dict[str, dict[int, Part]] = {}
        self._source = source
        """The file the data was read from: the runs are left there (``store.runs.OnDisk``)."""
        self._removed: list[tuple[int, int]] = []
        """Where in the data checked a table ``cuts`` cut off lay (now ``{}``), and how many bytes it lost."""
        removed = 0
        for cut in sorted(cuts, key=attrgetter("offset")):
            self._removed.append((cut.offset - removed, cut.length - 2))
            removed += cut.length - 2

    def _in_file(self, at: int) -> int:
        """Where a position of the data checked lies in the file."""
        return at + sum(length for position, length in self._removed if position < at)

    def __call__(self, parsed: Any, data: bytes) -> bool:
        if not isinstance(parsed, dict):
            return encode(parsed) == data
        found: dict[str, dict[int, Part]] = {}
        starts: dict[str, int] = {}
        at = 0
        # Piece by piece against the file's bytes, so no copy of the whole file is made.
        for piece, table in self._pieces(parsed, found):
            if table is not None:
                starts[table] = at
            if not data.startswith(piece, at):
                return False
            at += len(piece)
        if at != len(data):
            return False
        if self._source is not None:
            for name, runs in found.items():
                kept_at(self._source, self._in_file(starts[name]), runs)
        self.by_table = found
        return True

    @staticmethod
    def _pieces(parsed: dict[str, Any], found: dict[str, dict[int, Part]]) -> Iterator[tuple[bytes, str | None]]:
        """What ``encode(parsed)`` would give, in pieces, each with the table it opens (if it does so);
        each table's runs are kept in ``found`` on the way."""
        separator = b"{"
        for name, value in parsed.items():
            yield separator + orjson.dumps(name) + b":", None
            separator = b","
            runs = encode_runs(value) if name in TABLES and isinstance(value, dict) else None
            if runs is None:
                yield encode(value), None
                continue
            found[name] = dict(runs)
            yield b"{", name
            for index, part in enumerate(runs.values()):
                if index:
                    yield b",", None
                yield part, None
            yield b"}", None
        yield (b"}" if parsed else b"{}"), None


@dataclass(slots=True)
class ParsedBoard:
    """A board file parsed (``document``, still at the file's schema) and the stored bytes of its tables."""

    document: dict[str, Any]
    runs: dict[str, dict[int, Part]]
    history: Part | None = None
    """The history's bytes, left unparsed (``store.unparsed``); None when ``document`` holds it."""
    history_last_doc: int = 0
    """The record number of the history's last record, when it is left unparsed."""
    cut: dict[str, Part] = field(default_factory=dict)
    """The tables left unparsed, to be validated a piece at a time (``store.unparsed.PIECEWISE``)."""


def parse_board(data: bytes, path: Path, source: Source | None = None) -> ParsedBoard:
    """``parse_document``, keeping the tables' stored bytes when the file is exactly what this program writes.

    The history of such a file is left unparsed (``store.unparsed``) when its schema is this program's.
    ``source``: the file ``data`` was read from; the stored bytes are left there (``store.runs.OnDisk``).
    """
    cut = unparsed.cut_history(data)
    if cut is not None:
        rest, history = cut
        tables = unparsed.cut_tables(rest, unparsed.PIECEWISE, [*TABLES, "_default"])
        skeleton, cuts = tables if tables is not None else (rest, {})
        runs = _RunsKept(source, cuts.values())
        try:
            document = orjson.loads(skeleton)
            as_written = runs(document, skeleton) and document[META_TABLE]["1"]["schema_version"] == SCHEMA_VERSION
        except (orjson.JSONDecodeError, orjson.JSONEncodeError, RecursionError, TypeError, KeyError):
            as_written = False  # read whole below, which says what is wrong
        if as_written:
            _check_meta(_meta_of(document, path), path)
            _check_tables(document, path)
            start = len(rest) - len(b"{}}")
            kept: Part = history if source is None else OnDisk(source, start, len(history))
            left = {name: _left(data, source, where) for name, where in cuts.items()}
            return ParsedBoard(document, runs.by_table, kept, unparsed.last_doc_id(history), left)
    runs = _RunsKept(source)
    document = parse_document(data, path, runs=runs)
    return ParsedBoard(document, runs.by_table)


def _left(data: bytes, source: Source | None, cut: unparsed.Cut) -> Part:
    if source is None:
        return data[cut.offset : cut.offset + cut.length]
    return OnDisk(source, cut.offset, cut.length)


def parse_document(data: bytes, path: Path, *, runs: _RunsKept | None = None) -> dict[str, Any]:
    """The JSON document of a board file, checked to be ours and of a layout this version reads.

    ``runs`` keeps each table's stored bytes (``store.runs``) when the file is exactly what this program writes.
    """
    if not data.strip():
        raise StoreFileError(
            str(path),
            _(
                "{path} is empty, so it is not an outreach-tui board. Nothing was changed; remove it or use another --db."
            ).format(path=path),
        )
    try:
        document = decode(data) if runs is None else decode(data, encodes_back=runs)
    except ValueError as error:
        raise not_json(path, error) from None
    _check_meta(_meta_of(document, path), path)
    _check_tables(document, path)
    return document  # type: ignore[no-any-return]


def _meta_of(document: Any, path: Path) -> dict[str, Any]:
    meta = None
    if isinstance(document, dict) and isinstance(document.get(META_TABLE), dict):
        meta = document[META_TABLE].get("1")
    if not isinstance(meta, dict) or meta.get("format") != FILE_FORMAT:
        raise StoreFileError(
            str(path),
            _(
                "{path} is JSON but not an outreach-tui board (it has no outreach-tui meta record). "
                "It was not opened or changed; check --db or OUTREACH_TUI_DB."
            ).format(path=path),
        )
    return meta


def _check_meta(meta: dict[str, Any], path: Path) -> None:
    _check_schema_version(meta.get("schema_version"), path)
    try:
        Meta.model_validate(meta)
    except ValidationError as error:
        first = problems_of(error)[0]
        raise StoreFileError(
            str(path),
            _("{path}: the meta record is invalid ({field}: {message}); the file was not changed.").format(
                path=path, field=first[0], message=first[1]
            ),
        ) from None


def _check_schema_version(version: Any, path: Path) -> None:
    if not isinstance(version, int) or isinstance(version, bool):
        raise StoreFileError(
            str(path),
            _("{path}: the meta record has no valid schema_version; the file was not changed.").format(path=path),
        )
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            str(path),
            _(
                "{path} was written by a newer outreach-tui (file schema {found}, this program reads up to {known}). "
                "Upgrade outreach-tui to open it; the file was not changed."
            ).format(path=path, found=version, known=SCHEMA_VERSION),
        )
    if version < 1:
        raise StoreFileError(
            str(path),
            _("{path}: schema_version {found} is not valid; the file was not changed.").format(
                path=path, found=version
            ),
        )


def _check_tables(document: dict[str, Any], path: Path) -> None:
    """Refuse what the next write would silently drop: unknown tables, TinyDB's default table, extra meta records."""
    unknown = set(document) - set(TABLES) - {META_TABLE, "_default"}
    if document.get("_default"):
        unknown.add("_default")  # an empty one holds nothing to lose
    if unknown:
        raise StoreFileError(
            str(path),
            _("{path} has tables this version does not know ({tables}); the file was not changed.").format(
                path=path, tables=", ".join(sorted(display_safe(name) for name in unknown))
            ),
        )
    if set(document[META_TABLE]) != {"1"}:
        raise StoreFileError(
            str(path),
            _("{path}: the meta table holds records besides the first one; the file was not changed.").format(
                path=path
            ),
        )


def not_json(path: Path, error: ValueError) -> StoreFileError:
    """The error for a board file, or a part of one, that is not valid JSON."""
    return StoreFileError(
        str(path),
        _("{path} is not valid JSON ({reason}), so it cannot be opened. The file was not changed.").format(
            path=path, reason=display_safe(str(error))
        ),
    )
