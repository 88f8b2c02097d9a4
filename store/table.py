"""One table of the board file in memory: its validated records, each held once, and their stored bytes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from typing import Any, Generic, TypeVar, cast

import orjson
from pydantic import BaseModel, TypeAdapter

from .models import User
from .runs import OnDisk, Part, StaleRun, contents, documents_of, grouped, run_of, spliced

M = TypeVar("M", bound=BaseModel)

_EPOCHS = count(1)
"""Numbers every table's epochs, across documents: a mark taken on one copy never matches another."""
LOG_LIMIT = 4096
"""Records a table's change log keeps before it starts a new epoch (a screen behind it then shows everything anew)."""


def record_key(record: BaseModel) -> str:
    """The id a record is known by: a user's login, every other record's ``id``."""
    return record.login if isinstance(record, User) else cast(str, getattr(record, "id"))  # noqa: B009


class Table(Generic[M]):
    """One TinyDB table: validated records by record id, and where each sits in the file (its doc id).

    Records are held once, as models; what the file stores is produced when writing
    (``store.runs`` keeps the bytes of unchanged records). A table can hold its documents
    unvalidated for a while (the history of a large board): the first read of ``by_id``
    validates them through ``validate_later``, and they are dropped as they are validated.
    """

    def __init__(self, name: str, model: type[M], *, deferred: bool = False) -> None:
        self.name = name
        self.model = model
        self.deferred = deferred
        """Whether opening may leave this table's validation for later."""
        self.doc_of: dict[str, str] = {}
        self.key_at: dict[str, str] = {}
        """Record id by doc id: the reverse of ``doc_of``."""
        self.next_doc = 1
        self.dirty = False
        self.changed: set[str] | None = None
        """Record ids put or deleted since ``start_change``; None: set wholesale, anything may differ."""
        self.touched: set[str] = set()
        """Doc ids put or deleted since ``start_change``: what the change's journal record holds."""
        self.runs: dict[int, Part] = {}
        """The stored bytes of the records, by run, for the runs unchanged since read or written."""
        self._models: dict[str, M] | None = {}
        self._pending: dict[str, Any] = {}
        """Documents not validated yet, by doc id (only while ``_models`` is None)."""
        self.unparsed: Part | None = None
        """The table as the file holds it, not even parsed yet (``_pending`` then holds the journal's documents)."""
        self._parse: Callable[[Part], tuple[dict[str, Any], dict[int, Part]]] | None = None
        self._validate_later: Callable[[], None] | None = None
        self.epoch = next(_EPOCHS)
        """Changes whenever the table is set wholesale: a change log of an earlier epoch says nothing."""
        self.log: list[M] = []
        """The records put, replaced or deleted one at a time in this epoch, in order (as after the change;
        a deleted one as it was): what a screen showing the board needs to show anew (``store.board_changes``)."""

    @property
    def by_id(self) -> dict[str, M]:
        """Validated records by id; a deferred table validates here, on first use."""
        if self._models is None:
            assert self._validate_later is not None
            self._validate_later()
            assert self._models is not None
        return self._models

    @property
    def validated(self) -> bool:
        return self._models is not None

    def clear(self) -> None:
        self.doc_of, self.key_at, self._models, self._pending, self.next_doc = {}, {}, {}, {}, 1
        self.runs, self.unparsed = {}, None
        self._validate_later = None
        self._changed()

    def fill(self, models: dict[str, M], doc_of: dict[str, str], runs: dict[int, Part] | None = None) -> None:
        """Hold ``models`` (by record id), each at its doc id in ``doc_of``; ``runs``: their stored bytes."""
        self._models, self.doc_of, self._pending, self.unparsed = models, doc_of, {}, None
        self.key_at = dict(zip(doc_of.values(), doc_of, strict=True))
        self.next_doc = max(map(int, self.key_at), default=0) + 1
        self.runs = runs if runs is not None else {}
        self._validate_later = None
        self._changed()

    def defer(self, raw: dict[str, Any], validate: Callable[[], None], runs: dict[int, Part] | None = None) -> None:
        """Hold ``raw`` documents (by doc id) unvalidated; ``validate`` fills the table on first use."""
        self._models, self._pending, self.doc_of, self.key_at = None, raw, {}, {}
        self.next_doc = max(map(int, raw), default=0) + 1
        self.runs = runs if runs is not None else {}
        self.unparsed = None
        self._validate_later = validate
        self._changed()

    def defer_unparsed(
        self,
        data: Part,
        last_doc: int,
        parse: Callable[[Part], tuple[dict[str, Any], dict[int, Part]]],
        validate: Callable[[], None],
    ) -> None:
        """Hold the table's bytes (``{"doc id": document, ...}``, the last at ``last_doc``) unparsed.

        ``validate`` fills the table on first use; ``parse`` gives the documents and their runs
        when they are wanted before (documents another session writes meanwhile are kept aside).
        """
        self.defer({}, validate)
        self.unparsed, self._parse, self.next_doc = data, parse, last_doc + 1

    def pending(self) -> dict[str, Any]:
        """The documents still to validate, by doc id (parsed here if they were not yet)."""
        if self.unparsed is not None:
            assert self._parse is not None
            documents, runs = self._parse(self.unparsed)
            for doc_id in self._pending:
                runs.pop(run_of(doc_id), None)
            # As when they were applied to the parsed table: a document replaces its own, a new one comes last.
            documents.update(self._pending)
            self._pending, self.runs, self.unparsed = documents, runs, None
        return self._pending

    def journal_documents(self) -> dict[str, Any]:
        """The documents applied from the journal while the table stays unparsed, by doc id."""
        return self._pending if self.unparsed is not None else {}

    def add_loaded(self, doc_id: str, record: M) -> None:
        """Hold one record read from the file (at ``doc_id``)."""
        key = record_key(record)
        self.by_id[key] = record
        self.doc_of[key] = doc_id
        self.key_at[doc_id] = key
        self.next_doc = max(self.next_doc, int(doc_id) + 1)
        self._changed()

    def put(self, record: M) -> M:
        """Add or replace ``record`` (by its id)."""
        key = record_key(record)
        doc_id = self.doc_of.get(key)
        if doc_id is None:
            doc_id = str(self.next_doc)
            self.next_doc += 1
            self.doc_of[key] = doc_id
            self.key_at[doc_id] = key
        self.touched.add(doc_id)
        self.runs.pop(run_of(doc_id), None)
        previous = self.by_id.get(key)
        self.by_id[key] = record
        self.dirty = True
        if self.changed is not None:
            self.changed.add(key)
        self._replaced(previous, record)
        return record

    def delete(self, key: str) -> None:
        doc_id = self.doc_of.pop(key)
        del self.key_at[doc_id]
        self.touched.add(doc_id)
        self.runs.pop(run_of(doc_id), None)
        self.dirty = True
        if self.changed is not None:
            self.changed.add(key)
        previous = self.by_id.pop(key)
        self._replaced(previous, None)

    def get(self, key: str) -> M | None:
        return self.by_id.get(key)

    def record_at(self, doc_id: str) -> M | None:
        """The validated record at ``doc_id`` (the table must be validated)."""
        key = self.key_at.get(doc_id)
        return None if key is None else self.by_id.get(key)

    def document_at(self, doc_id: str) -> dict[str, Any] | None:
        """The record at ``doc_id`` as the file stores it: defaults left out, so the file stays small and quick."""
        if self._models is None:
            pending = self.pending().get(doc_id)
            return pending if isinstance(pending, dict) else None
        record = self.record_at(doc_id)
        return None if record is None else record.model_dump(mode="json", exclude_defaults=True)

    def load_doc(self, doc_id: str, doc: dict[str, Any], key: str, record: M | None) -> None:
        """Hold a document another session wrote (``record``: None while the table's validation is deferred)."""
        self.runs.pop(run_of(doc_id), None)
        self.next_doc = max(self.next_doc, int(doc_id) + 1)
        if record is None:
            self._pending[doc_id] = doc
            return
        models = self.by_id
        old_key = self.key_at.get(doc_id)
        if old_key is not None and old_key != key:
            del self.doc_of[old_key]
            self._replaced(models.pop(old_key, None), None)
        old_doc = self.doc_of.get(key)
        if old_doc is not None and old_doc != doc_id:
            del self.key_at[old_doc]
        self.doc_of[key] = doc_id
        self.key_at[doc_id] = key
        previous = models.get(key)
        models[key] = record
        self._replaced(previous, record)

    def drop_doc(self, doc_id: str) -> bool:
        """Forget a document another session deleted; False when it is not here."""
        if self._models is None:
            found = self.pending().pop(doc_id, None) is not None
        else:
            key = self.key_at.pop(doc_id, None)
            found = key is not None
            if key is not None:
                del self.doc_of[key]
                self._replaced(self._models.pop(key, None), None)
        if found:
            self.runs.pop(run_of(doc_id), None)
        return found

    def doc_ids(self) -> Iterable[str]:
        return self.pending().keys() if self._models is None else self.key_at.keys()

    def encoded(self) -> Iterator[bytes]:
        """The table as the board file stores it, ``{"doc id": document, ...}`` in doc-id order, in pieces.

        The runs that need it are encoded here; those in a file are read as the pieces are taken
        (``StaleRun`` when that file was changed in place: ``forget_stale_runs`` first).
        """
        return contents(self.encoded_parts())

    def encoded_parts(self) -> list[Part]:
        """``encoded``, with the runs that lie in a file left there."""
        return spliced(self.runs, self.doc_ids(), self._encode_run)

    def forget_stale_runs(self) -> None:
        """Forget the runs whose file was changed in place since: they are encoded from the records again."""
        stale = [run for run, part in self.runs.items() if isinstance(part, OnDisk) and not part.source.unchanged()]
        for run in stale:
            del self.runs[run]

    def _encode_run(self, doc_ids: list[str]) -> bytes:
        if self._models is None:
            documents = [self._pending[doc_id] for doc_id in doc_ids]
        else:
            records = [self._models[self.key_at[doc_id]] for doc_id in doc_ids]
            documents = _dumper(self.model).dump_python(records, mode="json", exclude_defaults=True)
        return orjson.dumps(dict(zip(doc_ids, documents, strict=True)))[1:-1]

    def documents(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every record as the file stores it, in doc-id order, a run at a time (not all at once in memory)."""
        for run, doc_ids in grouped(self.doc_ids()):
            part = self.runs.get(run)
            try:
                documents = documents_of(part if part is not None else self._encode_run(doc_ids))
            except StaleRun:
                del self.runs[run]
                documents = documents_of(self._encode_run(doc_ids))
            yield from documents.items()

    def values(self) -> Iterable[M]:
        return self.by_id.values()

    def __len__(self) -> int:
        return len(self.by_id)

    def _changed(self) -> None:
        """Hook: the table's contents were set wholesale."""
        self.changed = None
        self._new_epoch()

    def _new_epoch(self) -> None:
        self.epoch = next(_EPOCHS)
        if self.log:
            self.log = []

    def _replaced(self, before: M | None, after: M | None) -> None:
        """Hook: one record was added, replaced or deleted."""
        record = after if after is not None else before
        if record is not None:
            if len(self.log) >= LOG_LIMIT:
                self._new_epoch()
            self.log.append(record)


@functools.cache
def _dumper(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]
