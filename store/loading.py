"""Reading the board file's records: validating them into the copy in memory (``store.parsing`` checks the file).

Between transactions the copy is kept in memory together with the file's stamp
(inode, size, mtimes). Because every writer replaces the file, an unchanged stamp
proves the copy is current, so a move costs one journal append, not a full re-parse.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import unparsed
from .document import META_TABLE, BoardDocument, Table, record_key
from .errors import StoreFileError
from .i18n import _
from .integrity import check_opened
from .models import SCHEMA_VERSION, User
from .parsing import ParsedBoard, not_json
from .runs import OnDisk, Part, StaleRun, bytes_of, kept_at, run_of
from .runs import same as same_run
from .sharing import share_field_sets
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
    history, last_doc, cut = parsed.history, parsed.history_last_doc, parsed.cut
    parsed.document, parsed.runs, parsed.history, parsed.cut = {}, {}, None, {}
    doc = BoardDocument(path)
    doc.meta_raw = document[META_TABLE]["1"]
    doc.file_meta = file_meta
    for name, table in doc.tables.items():
        raw = document.pop(name, {})
        before = previous.tables[name] if previous else None
        if name == unparsed.HISTORY and history is not None:
            if before is None or not before.validated:
                _defer_unparsed(table, history, last_doc, path)
                continue
            raw, runs[name] = _parsed_history(history, path)  # the copy read before had validated it
        if name in cut:
            _load_piecewise(table, cut.pop(name), before, path)
            continue
        load_table(table, raw, before, path, runs.get(name))
        del raw
    check_opened(doc)
    return doc


def _load_piecewise(table: Table[M], part: Part, previous: Table[M] | None, path: Path) -> None:
    """Fill ``table`` from its bytes, validating a piece at a time as they are parsed (``unparsed.pieces``).

    Bytes this program did not write so are parsed whole, strictly, as the rest of such a file is.
    """
    data = _history_bytes(part, path)
    by_id: dict[str, M] = {}
    doc_of: dict[str, str] = {}
    runs: dict[int, Part] = {}
    try:
        for documents, more_runs, start in unparsed.pieces(data):
            more: dict[int, Part] = dict(more_runs)
            if isinstance(part, OnDisk):
                kept_at(part.source, part.offset + start - 1, more)
            loaded = _validated_reusing(table, documents, previous, more) if _all_record_keys(list(documents)) else None
            if loaded is None:
                raise unparsed.NotAsWritten  # the strict pass names the bad record
            repeated = next((key for key in loaded[0] if key in by_id), None)
            if repeated is not None:
                raise _repeated_id(path, table, repeated)
            by_id.update(loaded[0])
            doc_of.update(loaded[1])
            unparsed.add_runs(runs, more)
    except unparsed.NotAsWritten:
        try:
            raw = decode(data)
        except ValueError as error:
            raise not_json(path, error) from None
        del data
        load_table(table, raw, previous, path)
        return
    table.fill(by_id, doc_of, runs)


def _defer_unparsed(table: Table[M], history: Part, last_doc: int, path: Path) -> None:
    parse = functools.partial(_parsed_history, path=path)
    table.defer_unparsed(history, last_doc, parse, functools.partial(_validate_deferred, table, path))


def _history_bytes(history: Part, path: Path) -> bytes:
    """A table's bytes (the history's), read from the board file if they were left there."""
    try:
        return bytes_of(history)
    except StaleRun:
        raise changed_in_place(path) from None


class ChangedInPlace(StoreFileError):
    """The board file was written in place while its bytes were still to be read."""


def changed_in_place(path: Path) -> StoreFileError:
    """The error for a board file another program wrote in place while its bytes were still to be read."""
    return ChangedInPlace(
        str(path),
        _(
            "{path} was changed in place by another program while this board was open; "
            "nothing was written. Open the board again."
        ).format(path=path),
    )


def _parsed_history(history: Part, path: Path) -> tuple[dict[str, Any], dict[int, Part]]:
    """The history's documents by doc id and their runs (none for a file this program did not write so)."""
    data = _history_bytes(history, path)
    try:
        documents, runs = unparsed.parsed_whole(data)
    except unparsed.NotAsWritten:
        pass
    else:
        if isinstance(history, OnDisk):
            kept_at(history.source, history.offset, runs)
        return documents, runs
    try:
        documents = decode(data)
    except ValueError as error:
        raise not_json(path, error) from None
    if not isinstance(documents, dict):
        raise StoreFileError(
            str(path), _("{path}: table {table!r} is not a JSON object.").format(path=path, table=unparsed.HISTORY)
        )
    return documents, {}


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
    runs: dict[int, Part] | None = None,
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
        loaded = _validated_reusing(table, raw, previous, runs)
        if loaded is not None:
            table.fill(*loaded, runs)
            return
    _load_one_by_one(table, raw, path)


def _validated_reusing(
    table: Table[M], raw: dict[str, Any], previous: Table[M] | None, runs: dict[int, Part] | None
) -> tuple[dict[str, M], dict[str, str]] | None:
    """The records of ``raw`` and their doc ids, or None when a record needs naming.

    A run whose bytes ``previous`` holds too holds the very documents ``previous``
    validated: its records are taken over without validating them again (a board read
    whole again after another session's checkpoint validates only what changed).
    """
    same = set()
    if previous is not None and previous.validated and runs:
        same = {run for run, part in runs.items() if same_run(previous.runs.get(run), part)}
    fresh = {doc_id: doc for doc_id, doc in raw.items() if run_of(doc_id) not in same} if same else raw
    validated = _validated_at_once(table, list(fresh.values()))
    if validated is None or len(validated) != len(fresh):
        return None
    if previous is not None and previous.validated:
        _reuse_unchanged(validated, previous.by_id)
    if not same:
        return validated, dict(zip(validated, raw, strict=True))
    assert previous is not None
    at = iter(validated.values())
    by_id: dict[str, M] = {}
    doc_of: dict[str, str] = {}
    for doc_id in raw:  # in the file's order
        record = previous.record_at(doc_id) if run_of(doc_id) in same else next(at)
        assert record is not None
        by_id[record_key(record)] = record
        doc_of[record_key(record)] = doc_id
    return (by_id, doc_of) if len(by_id) == len(raw) else None


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
    share_field_sets(models)
    return dict(zip(map(attrgetter(_key_field(table)), models), models, strict=True))


def _reuse_unchanged(by_id: dict[str, M], previous: dict[str, M]) -> None:
    """Keep the records ``previous`` already held where they are equal: what was shown of them stays valid."""
    for key, record in by_id.items():
        old = previous.get(key)
        if old is not None and old.__dict__ == record.__dict__:
            by_id[key] = old


_VALIDATION_CHUNK = 4096
"""How many deferred documents are validated at a time (and let go once validated)."""


def _validate_deferred(table: Table[M], path: Path) -> None:
    if table.unparsed is not None:
        with collector_paused(), suppress(unparsed.NotAsWritten):
            _validate_unparsed(table, table.unparsed, path)
            return
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


def _validate_unparsed(table: Table[M], history: Part, path: Path) -> None:
    """Validate the history a piece at a time as it is parsed; the journal's documents replace the file's.

    The runs of a history left in the board file stay there (``store.runs.OnDisk``).
    """
    from_journal = table.journal_documents()
    by_id: dict[str, M] = {}
    doc_of: dict[str, str] = {}
    runs: dict[int, Part] = {}
    data = _history_bytes(history, path)
    for documents, more_runs, start in unparsed.pieces(data):
        if not _all_record_keys(list(documents)):
            raise unparsed.NotAsWritten
        for doc_id in from_journal.keys() & documents.keys():
            documents[doc_id] = from_journal[doc_id]
        more: dict[int, Part] = dict(more_runs)
        if isinstance(history, OnDisk):
            kept_at(history.source, history.offset + start - 1, more)
        unparsed.add_runs(runs, more)
        _add_validated(table, list(documents), list(documents.values()), by_id, doc_of, path)
    held = set(doc_of.values())
    added = [doc_id for doc_id in from_journal if doc_id not in held]
    _add_validated(table, added, [from_journal[doc_id] for doc_id in added], by_id, doc_of, path)
    for doc_id in from_journal:
        runs.pop(run_of(doc_id), None)
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
