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
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .document import META_TABLE, TABLES, BoardDocument, Table, record_key
from .errors import SchemaTooNewError, StoreFileError
from .i18n import _
from .integrity import check_opened
from .models import FILE_FORMAT, SCHEMA_VERSION, Meta, User
from .storage import decode
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


def parse_document(data: bytes, path: Path) -> dict[str, Any]:
    """The JSON document of a board file, checked to be ours and of a layout this version reads."""
    if not data.strip():
        raise StoreFileError(
            str(path),
            _(
                "{path} is empty, so it is not an outreach-tui board. Nothing was changed; remove it or use another --db."
            ).format(path=path),
        )
    try:
        document = decode(data)
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


def read_document(data: bytes, path: Path, previous: BoardDocument | None) -> BoardDocument:
    """The validated document of ``data``; records equal to ``previous``'s are reused, not re-validated."""
    parsed = parse_document(data, path)
    file_meta = dict(parsed[META_TABLE]["1"])
    document = upgraded(parsed)
    doc = BoardDocument(path)
    doc.meta_raw = document[META_TABLE]["1"]
    doc.file_meta = file_meta
    for name, table in doc.tables.items():
        load_table(table, document.get(name, {}), previous.tables[name] if previous else None, path)
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


def load_table(table: Table[M], raw: Any, previous: Table[M] | None, path: Path, *, defer: bool = True) -> None:
    """Fill ``table`` from the file's ``raw`` table, or raise ``StoreFileError`` naming the bad record."""
    if not isinstance(raw, dict):
        raise StoreFileError(
            str(path), _("{path}: table {table!r} is not a JSON object.").format(path=path, table=table.name)
        )
    if defer and table.deferred and (previous is None or not previous.validated) and raw:
        doc_of = _index_without_validating(raw, _key_field(table))
        if doc_of is not None:
            table.defer(raw, doc_of, functools.partial(_validate_deferred, table, raw, doc_of, path))
            return
    if previous is None and raw and _all_record_keys(list(raw)) and _load_at_once(table, raw):
        return
    _load_one_by_one(table, raw, previous, path)


def _index_without_validating(raw: dict[str, Any], key: str) -> dict[str, str] | None:
    """Map ids to doc ids from the raw documents; None if anything looks off (then validate now)."""
    if not _all_record_keys(list(raw)):
        return None
    index: dict[str, str] = {}
    for doc_id, doc in raw.items():
        record_id = doc.get(key) if isinstance(doc, dict) else None
        if not isinstance(record_id, str) or record_id in index:
            return None
        index[record_id] = doc_id
    return index


def _validate_deferred(table: Table[M], raw: dict[str, Any], doc_of: dict[str, str], path: Path) -> None:
    table.clear()
    with collector_paused():
        try:
            load_table(table, raw, None, path, defer=False)
        except StoreFileError:
            # Stay unusable: every later read or write raises the same error, so an
            # invalid file is never written over.
            table.defer(raw, doc_of, functools.partial(_validate_deferred, table, raw, doc_of, path))
            raise


@functools.cache
def _adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _load_at_once(table: Table[M], raw: dict[str, Any]) -> bool:
    """Validate the whole table in one pydantic call (fast); False when a record needs naming."""
    try:
        models = _adapter(table.model).validate_python(list(raw.values()))
    except ValidationError:
        return False  # the record-by-record pass names the bad record
    by_id = dict(zip(map(attrgetter(_key_field(table)), models), models, strict=True))
    if len(by_id) != len(raw):
        return False  # a repeated id: the record-by-record pass names it
    table.fill(raw, by_id, dict(zip(by_id, raw, strict=True)))
    return True


def _load_one_by_one(table: Table[M], raw: dict[str, Any], previous: Table[M] | None, path: Path) -> None:
    key = _key_field(table)
    for doc_id, doc in raw.items():
        if not _is_record_key(doc_id):
            raise _bad_key(path, table, doc_id)
        record = _unchanged_record(previous, doc_id, doc, key) or _validate_record(table, doc_id, doc, path)
        if record_key(record) in table.by_id:
            raise StoreFileError(
                str(path),
                _("{path}: two records in {table} have the id {id}; the file was not opened or changed.").format(
                    path=path, table=table.name, id=display_safe(record_key(record))
                ),
            )
        table.add_loaded(doc_id, doc, record)


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


def _unchanged_record(previous: Table[M] | None, doc_id: str, doc: Any, key: str) -> M | None:
    if previous is None:
        return None
    old_doc = previous.raw.get(doc_id)
    if old_doc is None or old_doc != doc:
        return None
    return previous.by_id.get(old_doc.get(key))  # type: ignore[arg-type]


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
