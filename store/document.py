"""The board file in memory: its tables of validated records, each record held once."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import orjson
from pydantic import BaseModel, TypeAdapter

from .models import BoardSettings, Campaign, Event, Organization, Placement, Training, User, Visit
from .runs import documents_of, grouped, run_of, spliced
from .storage import FileStamp

M = TypeVar("M", bound=BaseModel)

TABLES: dict[str, type[BaseModel]] = {
    # First after the meta record, so a start-up peek at the settings finds them early in the file.
    "settings": BoardSettings,
    "campaigns": Campaign,
    "organizations": Organization,
    "placements": Placement,
    "visits": Visit,
    "trainings": Training,
    "users": User,
    "events": Event,
}
"""The TinyDB tables of a board file and the model of their records."""

META_TABLE = "meta"
"""The table whose record ``"1"`` marks the file as a board (see ``models.Meta``)."""

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
        self.runs: dict[int, bytes] = {}
        """The stored bytes of the records, by run, for the runs unchanged since read or written."""
        self._models: dict[str, M] | None = {}
        self._pending: dict[str, Any] = {}
        """Documents not validated yet, by doc id (only while ``_models`` is None)."""
        self.unparsed: bytes | None = None
        """The table as the file holds it, not even parsed yet (``_pending`` then holds the journal's documents)."""
        self._parse: Callable[[bytes], tuple[dict[str, Any], dict[int, bytes]]] | None = None
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

    def fill(self, models: dict[str, M], doc_of: dict[str, str], runs: dict[int, bytes] | None = None) -> None:
        """Hold ``models`` (by record id), each at its doc id in ``doc_of``; ``runs``: their stored bytes."""
        self._models, self.doc_of, self._pending, self.unparsed = models, doc_of, {}, None
        self.key_at = dict(zip(doc_of.values(), doc_of, strict=True))
        self.next_doc = max(map(int, self.key_at), default=0) + 1
        self.runs = runs if runs is not None else {}
        self._validate_later = None
        self._changed()

    def defer(self, raw: dict[str, Any], validate: Callable[[], None], runs: dict[int, bytes] | None = None) -> None:
        """Hold ``raw`` documents (by doc id) unvalidated; ``validate`` fills the table on first use."""
        self._models, self._pending, self.doc_of, self.key_at = None, raw, {}, {}
        self.next_doc = max(map(int, raw), default=0) + 1
        self.runs = runs if runs is not None else {}
        self.unparsed = None
        self._validate_later = validate
        self._changed()

    def defer_unparsed(
        self,
        data: bytes,
        last_doc: int,
        parse: Callable[[bytes], tuple[dict[str, Any], dict[int, bytes]]],
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

    def encoded(self) -> list[bytes]:
        """The table as the board file stores it, ``{"doc id": document, ...}`` in doc-id order, in pieces."""
        return spliced(self.runs, self.doc_ids(), self._encode_run)

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
            yield from (documents_of(part) if part is not None else documents_of(self._encode_run(doc_ids))).items()

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


class PlacementTable(Table[Placement]):
    """The cards, with an index by campaign and organization kept up to date by every put and delete."""

    def __init__(self) -> None:
        super().__init__("placements", Placement)
        self._by_campaign: dict[str, dict[str, Placement]] | None = None

    def in_campaign(self, campaign_id: str) -> dict[str, Placement]:
        """The campaign's cards by organization id, in file order (do not change the result)."""
        if self._by_campaign is None:
            index: dict[str, dict[str, Placement]] = {}
            # A copy: an export in a worker thread may read while the board writes.
            for placement in list(self.by_id.values()):
                index.setdefault(placement.campaign_id, {}).setdefault(placement.organization_id, placement)
            self._by_campaign = index
        return self._by_campaign.get(campaign_id, {})

    def _changed(self) -> None:
        super()._changed()
        self._by_campaign = None

    def _replaced(self, before: Placement | None, after: Placement | None) -> None:
        super()._replaced(before, after)
        index = self._by_campaign
        if index is None:
            return
        if before is not None:
            cards = index.get(before.campaign_id, {})
            if cards.get(before.organization_id) is before:
                if after is not None and (after.campaign_id, after.organization_id) == (
                    before.campaign_id,
                    before.organization_id,
                ):
                    cards[before.organization_id] = after  # keeps its place in file order
                    return
                del cards[before.organization_id]
        if after is not None:
            index.setdefault(after.campaign_id, {}).setdefault(after.organization_id, after)


class BoardDocument:
    """The whole board file: its meta record and tables, plus the stamp of the file it was read from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meta_raw: dict[str, Any] = {}
        # The history is the bulk of a large board and is not needed to show it: it is
        # validated after the board is on screen (finish_loading) or before the first write.
        self.tables: dict[str, Table[Any]] = {
            name: PlacementTable() if name == "placements" else Table(name, model, deferred=name == "events")
            for name, model in TABLES.items()
        }
        self.stamp: FileStamp | None = None
        self.file_meta: dict[str, Any] = {}
        """The meta record as the checkpoint on disk holds it (before any upgrade in memory)."""
        self.generation = 0

    @property
    def settings(self) -> Table[BoardSettings]:
        """At most one record, ``"board"``; a board that never changed its settings has none."""
        return self.tables["settings"]

    @property
    def campaigns(self) -> Table[Campaign]:
        return self.tables["campaigns"]

    @property
    def organizations(self) -> Table[Organization]:
        return self.tables["organizations"]

    @property
    def placements(self) -> PlacementTable:
        return cast(PlacementTable, self.tables["placements"])

    @property
    def visits(self) -> Table[Visit]:
        return self.tables["visits"]

    @property
    def trainings(self) -> Table[Training]:
        return self.tables["trainings"]

    @property
    def users(self) -> Table[User]:
        return self.tables["users"]

    @property
    def events(self) -> Table[Event]:
        return self.tables["events"]

    @property
    def dirty(self) -> bool:
        """Whether a table holds a change not yet written to the file."""
        return any(table.dirty for table in self.tables.values())

    def start_change(self) -> None:
        """From here on, each table records which of its records a change puts or deletes."""
        for table in self.tables.values():
            table.changed = set()
            table.touched = set()

    def journal_changes(self) -> dict[str, dict[str, Any]] | None:
        """What the change since ``start_change`` wrote, by table and doc id (None: deleted).

        None when the change cannot be journaled: it set a table wholesale or changed the
        meta record (an upgrade), so the whole file must be written.
        """
        if self.meta_raw != self.file_meta:
            return None
        changes: dict[str, dict[str, Any]] = {}
        for name, table in self.tables.items():
            if table.changed is None:
                return None
            if table.touched:
                changes[name] = {doc_id: table.document_at(doc_id) for doc_id in sorted(table.touched, key=int)}
        return changes

    def mark_written(self) -> None:
        for table in self.tables.values():
            table.dirty = False

    def finish_loading(self) -> None:
        """Validate every table whose validation opening deferred (raises ``StoreFileError``)."""
        for table in self.tables.values():
            table.by_id  # noqa: B018 - validates a deferred table

    def encoded(self, meta: dict[str, Any] | None = None) -> list[bytes]:
        """The TinyDB document to write, in pieces to write one after the other (``meta``: another meta record).

        Unchanged records are the bytes kept for them (``store.runs``): no copy of the whole file is made.
        """
        parts = [b'{"' + META_TABLE.encode() + b'":{"1":', orjson.dumps(self.meta_raw if meta is None else meta), b"}"]
        for name, table in self.tables.items():
            parts.append(b"," + orjson.dumps(name) + b":")
            parts += table.encoded()
        parts.append(b"}")
        return parts

    def as_json(self) -> dict[str, Any]:
        """The TinyDB document to write, parsed (for tools and tests; writing uses ``encoded``)."""
        return orjson.loads(b"".join(self.encoded()))  # type: ignore[no-any-return]
