"""The board file in memory: its tables of validated records, each record held once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import orjson
from pydantic import BaseModel

from .models import BoardSettings, Campaign, Event, Organization, Placement, Training, User, Visit
from .runs import Part, Source, contents, kept_at
from .sharing import share_more
from .storage import FileStamp
from .table import LOG_LIMIT, M, Table, record_key

__all__ = ["LOG_LIMIT", "META_TABLE", "TABLES", "BoardDocument", "M", "PlacementTable", "Table", "record_key"]

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
        self._shared: dict[str, int] = {}
        """The epoch of each table whose records were last made to share alike parts."""

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
        """Validate every table whose validation opening deferred (raises ``StoreFileError``).

        Then the records read share what they hold alike (``store.sharing``), once per table read:
        opening leaves that for now, when the board is shown.
        """
        for table in self.tables.values():
            table.by_id  # noqa: B018 - validates a deferred table
        for name, table in self.tables.items():
            if self._shared.get(name) != table.epoch:
                share_more(list(table.by_id.values()))
                self._shared[name] = table.epoch

    def encoded(self, meta: dict[str, Any] | None = None) -> Iterator[bytes]:
        """The TinyDB document to write, in pieces to write one after the other (``meta``: another meta record).

        Unchanged records are the bytes kept for them (``store.runs``): no copy of the whole file is made.
        The runs that need it are encoded here, before the first piece is taken; those in a file are
        read as the pieces are taken (``StaleRun`` when that file was changed in place since).
        """
        return contents(self._encoded_parts(meta))

    def _encoded_parts(self, meta: dict[str, Any] | None) -> list[Part]:
        parts: list[Part] = [self._meta_part(meta)]
        for name, table in self.tables.items():
            parts.append(self._table_mark(name))
            parts += table.encoded_parts()
        parts.append(b"}")
        return parts

    def _meta_part(self, meta: dict[str, Any] | None) -> bytes:
        return b'{"' + META_TABLE.encode() + b'":{"1":' + orjson.dumps(self.meta_raw if meta is None else meta) + b"}"

    @staticmethod
    def _table_mark(name: str) -> bytes:
        return b"," + orjson.dumps(name) + b":"

    def forget_stale_runs(self) -> None:
        """Before writing: the runs whose file was changed in place since are encoded from the records again."""
        for table in self.tables.values():
            table.forget_stale_runs()

    def keep_runs_in(self, source: Source) -> None:
        """Just after ``encoded()`` was written whole as ``source``: every run now lies there, not in memory.

        Where each run lies follows the layout ``encoded`` gives; a file of another size keeps them as they were.
        """
        at = len(self._meta_part(None))
        placed: list[tuple[Table[Any], dict[int, Part]]] = []
        for name, table in self.tables.items():
            if table.unparsed is not None or not table.validated:
                return  # its runs are not all there: written from its documents
            runs = dict(table.runs)
            at = kept_at(source, at + len(self._table_mark(name)), runs)
            placed.append((table, runs))
        if at + 1 != source.size:
            return
        for table, runs in placed:
            table.runs = runs

    def as_json(self) -> dict[str, Any]:
        """The TinyDB document to write, parsed (for tools and tests; writing uses ``encoded``)."""
        return orjson.loads(b"".join(self.encoded()))  # type: ignore[no-any-return]
