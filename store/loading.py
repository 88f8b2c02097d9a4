"""Reading the board file: checking what it is, validating its records, and keeping the copy current.

Between transactions the parsed file is kept in memory together with the file's
stamp (inode, size, mtimes). Because every writer replaces the file, an unchanged
stamp proves the memory copy is current, so a move costs one serialisation and one
durable write, not a full re-parse.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, TypeAdapter, ValidationError

from .document import META_TABLE, TABLES, BoardDocument, Table, record_key
from .errors import SchemaTooNewError, StoreFileError
from .i18n import _
from .integrity import check_opened
from .models import FILE_FORMAT, SCHEMA_VERSION, Meta, User
from .runs import encode_runs
from .storage import decode, encode
from .text import display_safe
from .upgrade import upgraded
from .validation import problems_of

M = TypeVar("M", bound=BaseModel)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Parsing builds ~100,000 containers; the cyclic collector would rescan them
    again and again (it tripled load time on a 20,000-organization board)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Hand what was just built to the oldest generation unscanned: otherwise the
            # first allocation after enable() scans every new container at once (~150 ms at
            # 20,000 organizations). Full collections still reach them, as before.
            gc.freeze()
            gc.enable()
            gc.unfreeze()


# -- what the file is ---------------------------------------------------------------


class _RunsKept:
    """The check that a parsed file encodes back to its very bytes, keeping each table's runs on the way."""

    def __init__(self) -> None:
        self.by_table: dict[str, dict[int, bytes]] = {}

    def __call__(self, parsed: Any, data: bytes) -> bool:
        if not isinstance(parsed, dict):
            return encode(parsed) == data
        found: dict[str, dict[int, bytes]] = {}
        at = 0
        # Piece by piece against the file's bytes, so no copy of the whole file is made.
        for piece in self._pieces(parsed, found):
            if not data.startswith(piece, at):
                return False
            at += len(piece)
        if at != len(data):
            return False
        self.by_table = found
        return True

    @staticmethod
    def _pieces(parsed: dict[str, Any], found: dict[str, dict[int, bytes]]) -> Iterator[bytes]:
        """What ``encode(parsed)`` would give, in pieces; each table's runs are kept in ``found`` on the way."""
        separator = b"{"
        for name, value in parsed.items():
            yield separator + orjson.dumps(name) + b":"
            separator = b","
            runs = encode_runs(value) if name in TABLES and isinstance(value, dict) else None
            if runs is None:
                yield encode(value)
                continue
            found[name] = runs
            yield b"{"
            for index, part in enumerate(runs.values()):
                if index:
                    yield b","
                yield part
            yield b"}"
        yield b"}" if parsed else b"{}"


@dataclass(slots=True)
class ParsedBoard:
    """A board file parsed (``document``, still at the file's schema) and the stored bytes of its tables."""

    document: dict[str, Any]
    runs: dict[str, dict[int, bytes]]


def parse_board(data: bytes, path: Path) -> ParsedBoard:
    """``parse_document``, keeping the tables' stored bytes when the file is exactly what this program writes."""
    runs = _RunsKept()
    document = parse_document(data, path, runs=runs)
    return ParsedBoard(document, runs.by_table)


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
        raise StoreFileError(
            str(path),
            _("{path} is not valid JSON ({reason}), so it cannot be opened. The file was not changed.").format(
                path=path, reason=display_safe(str(error))
            ),
        ) from None
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


# -- the records ----------------------------------------------------------------------


def read_document(parsed: ParsedBoard, path: Path, previous: BoardDocument | None) -> BoardDocument:
    """The validated document of a ``parse_board`` result; records equal to ``previous``'s are reused.

    Each table's documents are let go once validated, so the whole file is never held
    twice, parsed and validated (the history, whose validation is deferred, is let go
    as it is validated).
    """
    document = parsed.document
    file_meta = dict(document[META_TABLE]["1"])
    # An upgrade changes the documents in memory: their bytes are no longer the file's.
    runs = parsed.runs if file_meta.get("schema_version") == SCHEMA_VERSION else {}
    document = upgraded(document)
    parsed.document, parsed.runs = {}, {}
    doc = BoardDocument(path)
    doc.meta_raw = document[META_TABLE]["1"]
    doc.file_meta = file_meta
    for name, table in doc.tables.items():
        raw = document.pop(name, {})
        load_table(table, raw, previous.tables[name] if previous else None, path, runs.get(name))
        del raw
    check_opened(doc)
    return doc


MAX_RECORD_KEY_DIGITS = 15
"""Record keys are TinyDB document numbers: 1 to 15 ASCII digits, no leading zero."""


def _is_record_key(doc_id: str) -> bool:
    return 0 < len(doc_id) <= MAX_RECORD_KEY_DIGITS and doc_id.isascii() and doc_id.isdigit() and doc_id[0] != "0"


def _all_record_keys(keys: list[str]) -> bool:
    """``_is_record_key`` for every key, in a few C-speed passes (a large board has 100,000 keys)."""
    if not keys:
        return True
    joined = "".join(keys)
    return (
        joined.isascii()
        and joined.isdigit()
        and min(map(len, keys)) > 0
        and max(map(len, keys)) <= MAX_RECORD_KEY_DIGITS
        and "0" not in map(itemgetter(0), keys)
    )


def _key_field(table: Table[Any]) -> str:
    return "login" if table.model is User else "id"


def load_table(
    table: Table[M],
    raw: Any,
    previous: Table[M] | None,
    path: Path,
    runs: dict[int, bytes] | None = None,
    *,
    defer: bool = True,
) -> None:
    """Fill ``table`` from the file's ``raw`` table, or raise ``StoreFileError`` naming the bad record.

    ``runs``: the table's stored bytes (``store.runs``), when the file holds exactly what it would write.
    """
    if not isinstance(raw, dict):
        raise StoreFileError(
            str(path), _("{path}: table {table!r} is not a JSON object.").format(path=path, table=table.name)
        )
    keys_ok = _all_record_keys(list(raw))
    if defer and table.deferred and (previous is None or not previous.validated) and raw and keys_ok:
        table.defer(raw, functools.partial(_validate_deferred, table, path), runs)
        return
    if keys_ok:
        by_id = _validated_at_once(table, list(raw.values()))
        if by_id is not None and len(by_id) == len(raw):
            if previous is not None and previous.validated:
                _reuse_unchanged(by_id, previous.by_id)
            table.fill(by_id, dict(zip(by_id, raw, strict=True)), runs)
            return
    _load_one_by_one(table, raw, path)


@functools.cache
def _adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _validated_at_once(table: Table[M], docs: list[Any]) -> dict[str, M] | None:
    """The records of ``docs`` by id, validated in one pydantic call (fast); None when a record needs naming.

    A repeated id shows as fewer records than documents.
    """
    try:
        models = _adapter(table.model).validate_python(docs)
    except ValidationError:
        return None  # the record-by-record pass names the bad record
    _share_field_sets(models)
    return dict(zip(map(attrgetter(_key_field(table)), models), models, strict=True))


def _share_field_sets(models: list[M]) -> None:
    """Let records that set the same fields share one set of their names.

    Pydantic gives every record a set of the fields it was given (about 700 bytes each,
    a quarter of a record's memory). The models are frozen, so nothing adds to a set,
    and pydantic copies it before changing a copy's.
    """
    shared: dict[frozenset[str], set[str]] = {}
    for model in models:
        fields = model.__pydantic_fields_set__
        object.__setattr__(model, "__pydantic_fields_set__", shared.setdefault(frozenset(fields), fields))


def _reuse_unchanged(by_id: dict[str, M], previous: dict[str, M]) -> None:
    """Keep the records ``previous`` already held where they are equal: what was shown of them stays valid."""
    for key, record in by_id.items():
        old = previous.get(key)
        if old is not None and old.__dict__ == record.__dict__:
            by_id[key] = old


_VALIDATION_CHUNK = 4096
"""How many deferred documents are validated at a time (and let go once validated)."""


def _validate_deferred(table: Table[M], path: Path) -> None:
    pending = table.pending()
    runs = table.runs
    by_id: dict[str, M] = {}
    doc_of: dict[str, str] = {}
    with collector_paused():
        try:
            doc_ids = list(pending)
            if not _all_record_keys(doc_ids):
                _load_one_by_one(Table(table.name, table.model), pending, path)
            for start in range(0, len(doc_ids), _VALIDATION_CHUNK):
                chunk = doc_ids[start : start + _VALIDATION_CHUNK]
                _add_validated(table, chunk, [pending[doc_id] for doc_id in chunk], by_id, doc_of, path)
                for doc_id in chunk:
                    del pending[doc_id]
        except StoreFileError:
            # Stay unusable, holding every document as before: every later read or write
            # raises the same error, so an invalid file is never written over.
            table.defer(_restored(table, by_id, doc_of, pending), functools.partial(_validate_deferred, table, path))
            raise
    table.fill(by_id, doc_of, runs)


def _add_validated(
    table: Table[M], doc_ids: list[str], docs: list[Any], by_id: dict[str, M], doc_of: dict[str, str], path: Path
) -> None:
    models = _validated_at_once(table, docs)
    if models is None or len(models) != len(docs):
        _load_one_by_one(Table(table.name, table.model), dict(zip(doc_ids, docs, strict=True)), path)
    assert models is not None
    repeated = next((key for key in models if key in by_id), None)
    if repeated is not None:
        raise _repeated_id(path, table, repeated)
    by_id.update(models)
    doc_of.update(zip(models, doc_ids, strict=True))


def _restored(table: Table[M], by_id: dict[str, M], doc_of: dict[str, str], pending: dict[str, Any]) -> dict[str, Any]:
    """The documents of a deferred table whose validation failed part way: those validated, then the rest."""
    restored = {doc_of[key]: record.model_dump(mode="json", exclude_defaults=True) for key, record in by_id.items()}
    restored.update(pending)
    return dict(sorted(restored.items(), key=lambda item: int(item[0])))


def _load_one_by_one(table: Table[M], raw: dict[str, Any], path: Path) -> None:
    """Validate record by record: slow, but names the first bad record (or fills ``table`` when none is)."""
    for doc_id, doc in raw.items():
        if not _is_record_key(doc_id):
            raise _bad_key(path, table, doc_id)
        record = _validate_record(table, doc_id, doc, path)
        if record_key(record) in table.by_id:
            raise _repeated_id(path, table, record_key(record))
        table.add_loaded(doc_id, record)


def _repeated_id(path: Path, table: Table[Any], record_id: str) -> StoreFileError:
    return StoreFileError(
        str(path),
        _("{path}: two records in {table} have the id {id}; the file was not opened or changed.").format(
            path=path, table=table.name, id=display_safe(record_id)
        ),
    )


def _bad_key(path: Path, table: Table[Any], doc_id: str) -> StoreFileError:
    return StoreFileError(
        str(path),
        _(
            "{path}: table {table!r} has a record key {key!r} that is not a record number "
            "(1 to {digits} digits); the file was not changed."
        ).format(path=path, table=table.name, key=_shortened(display_safe(doc_id)), digits=MAX_RECORD_KEY_DIGITS),
    )


def _shortened(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validate_record(table: Table[M], doc_id: str, doc: Any, path: Path) -> M:
    try:
        return table.model.model_validate(doc)
    except ValidationError as error:
        first = problems_of(error)[0]
        raise StoreFileError(
            str(path),
            _(
                "{path} failed validation and was not opened or changed: record {table}/{doc_id}, "
                "field {field}: {message}."
            ).format(
                path=path,
                table=table.name,
                doc_id=doc_id,
                field=display_safe(first[0]),
                message=display_safe(first[1]),
            ),
        ) from None
