"""The repository: the one API the board and the command line use to read and change a board file.

Every change runs as one transaction: take the file lock, re-read the file if another
session changed it, check versions and roles, apply the change, append history
events, write the file atomically, release the lock. Nothing else writes the file.

Between transactions the parsed file is kept in memory together with the file's
stamp (inode, size, mtimes). Because every writer replaces the file, an unchanged
stamp under the lock proves the memory copy is current, so a move costs one
serialisation and one durable write, not a full re-parse.
"""

from __future__ import annotations

import functools
import gc
import secrets
import string
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from random import Random
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import errors, permissions
from .errors import (
    AmbiguousReferenceError,
    ConflictError,
    NotFoundError,
    NothingToUndo,
    PermissionDenied,
    StoreFileError,
    ValidationFailed,
)
from .i18n import _, format_datetime
from .identity import Actor, current_actor
from .models import (
    FILE_FORMAT,
    MAX_ORGANIZATIONS,
    SAFE_LINE_PATTERN,
    SAFE_TEXT_PATTERN,
    SCHEMA_VERSION,
    Attendance,
    Campaign,
    Event,
    Meta,
    Organization,
    Placement,
    Role,
    Stage,
    Training,
    User,
    Visit,
    utc_now,
)
from .permissions import PERMISSIONS
from .stages import resolve_stage
from .storage import BoardFile, FileStamp, decode, encode
from .text import display_safe, fold, forbidden_characters

M = TypeVar("M", bound=BaseModel)

TABLES: dict[str, type[BaseModel]] = {
    "campaigns": Campaign,
    "organizations": Organization,
    "placements": Placement,
    "visits": Visit,
    "trainings": Training,
    "users": User,
    "events": Event,
}
META_TABLE = "meta"

_ALPHABET = string.ascii_lowercase + string.digits


class IdFactory:
    """Makes record ids such as ``org-k3j9x0q2mz``: random, so two files never collide on import."""

    def __init__(self, rng: Random | None = None) -> None:
        self._rng = rng

    def new(self, prefix: str) -> str:
        if self._rng is None:
            tail = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        else:
            tail = "".join(self._rng.choice(_ALPHABET) for _ in range(10))
        return f"{prefix}-{tail}"


def _problems(error: ValidationError, prefix: str = "") -> list[tuple[str, str]]:
    problems = []
    for item in error.errors(include_url=False):
        location = ".".join(str(part) for part in item["loc"])
        message = item["msg"]
        if item["type"] == "string_pattern_mismatch" and item["ctx"].get("pattern") in (
            SAFE_LINE_PATTERN,
            SAFE_TEXT_PATTERN,
        ):
            codes = forbidden_characters(str(item["input"]), multiline=item["ctx"]["pattern"] == SAFE_TEXT_PATTERN)
            message = _("contains characters that are not allowed: {codes}").format(
                codes=", ".join(codes) or _("control or format characters")
            )
        elif item["type"] == "string_unicode":
            message = _("contains an invalid character (a lone surrogate)")
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        problems.append((prefix + location if location else prefix.rstrip("."), message))
    return problems


def validation_failed(error: ValidationError, what: str) -> ValidationFailed:
    problems = _problems(error)
    lines = "; ".join(f"{name}: {message}" for name, message in problems)
    return ValidationFailed(_("Invalid {what}: {problems}").format(what=what, problems=lines), problems)


@functools.cache
def _adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


class _Table(Generic[M]):
    """One TinyDB table in memory: raw JSON documents by doc id plus validated models by record id."""

    def __init__(self, name: str, model: type[M], *, deferred: bool = False) -> None:
        self.name = name
        self.model = model
        self.deferred = deferred
        self.raw: dict[str, dict[str, Any]] = {}
        self._models: dict[str, M] | None = {}
        self._pending_path: Path | None = None
        self.doc_of: dict[str, str] = {}
        self.next_doc = 1
        self.dirty = False

    @property
    def by_id(self) -> dict[str, M]:
        """Validated records by id; a deferred table validates here, on first use."""
        if self._models is None:
            raw, doc_of, path = self.raw, self.doc_of, self._pending_path
            self.raw, self.doc_of, self._models, self.next_doc = {}, {}, {}, 1
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                self.load(raw, None, path or Path("?"), defer=False)
            except StoreFileError:
                # Stay unusable: every later read or write raises the same error, so an
                # invalid file is never written over.
                self.raw, self.doc_of, self._models = raw, doc_of, None
                raise
            finally:
                if was_enabled:
                    gc.enable()
        return self._models

    def load(self, raw: dict[str, Any], previous: _Table[M] | None, path: Path, *, defer: bool = True) -> None:
        if not isinstance(raw, dict):
            raise StoreFileError(
                str(path), _("{path}: table {table!r} is not a JSON object.").format(path=path, table=self.name)
            )
        key = "login" if self.model is User else "id"
        if (
            defer
            and self.deferred
            and (previous is None or not previous.validated)
            and raw
            and self._index_without_validating(raw, key)
        ):
            self.raw = raw
            self._models = None
            self._pending_path = path
            self.next_doc = max(map(int, raw)) + 1
            return
        if previous is None and raw and all(doc_id.isdigit() for doc_id in raw):
            try:
                models = _adapter(self.model).validate_python(list(raw.values()))
            except ValidationError:
                pass  # the record-by-record pass below names the bad record
            else:
                self.raw = raw
                self._models = {getattr(model, key): model for model in models}
                self.doc_of = dict(zip(self._models, raw, strict=False))  # shorter when ids repeat: checked below
                self.next_doc = max(map(int, raw)) + 1
                if len(self._models) == len(raw):
                    return
                self.raw, self._models, self.doc_of, self.next_doc = {}, {}, {}, 1
        for doc_id, doc in raw.items():
            if not doc_id.isdigit():
                raise StoreFileError(
                    str(path),
                    _("{path}: table {table!r} has a record key {key!r} that is not a number.").format(
                        path=path, table=self.name, key=display_safe(doc_id)
                    ),
                )
            old_model = None
            if previous is not None:
                old_doc = previous.raw.get(doc_id)
                if old_doc is not None and old_doc == doc:
                    old_model = previous.by_id.get(old_doc.get(key))
            if old_model is not None:
                model = old_model
            else:
                try:
                    model = self.model.model_validate(doc)
                except ValidationError as error:
                    first = _problems(error)[0]
                    raise StoreFileError(
                        str(path),
                        _(
                            "{path} failed validation and was not opened or changed: record {table}/{doc_id}, "
                            "field {field}: {message}."
                        ).format(
                            path=path,
                            table=self.name,
                            doc_id=doc_id,
                            field=display_safe(first[0]),
                            message=display_safe(first[1]),
                        ),
                    ) from None
            record_id = getattr(model, key)
            if record_id in self.by_id:
                raise StoreFileError(
                    str(path),
                    _("{path}: two records in {table} have the id {id}; the file was not opened or changed.").format(
                        path=path, table=self.name, id=display_safe(record_id)
                    ),
                )
            self.raw[doc_id] = doc
            self.by_id[record_id] = model
            self.doc_of[record_id] = doc_id
            self.next_doc = max(self.next_doc, int(doc_id) + 1)

    def _index_without_validating(self, raw: dict[str, Any], key: str) -> bool:
        """Map ids to doc ids from the raw documents; False if anything looks off (then validate now)."""
        index: dict[str, str] = {}
        for doc_id, doc in raw.items():
            record_id = doc.get(key) if isinstance(doc, dict) else None
            if not doc_id.isdigit() or not isinstance(record_id, str) or record_id in index:
                return False
            index[record_id] = doc_id
        self.doc_of = index
        return True

    @property
    def validated(self) -> bool:
        return self._models is not None

    def put(self, record: M) -> M:
        key = record.login if isinstance(record, User) else record.id  # type: ignore[attr-defined]
        doc_id = self.doc_of.get(key)
        if doc_id is None:
            doc_id = str(self.next_doc)
            self.next_doc += 1
            self.doc_of[key] = doc_id
        # Defaults are left out of the file: it stays small and fast to parse.
        self.raw[doc_id] = record.model_dump(mode="json", exclude_defaults=True)
        self.by_id[key] = record
        self.dirty = True
        return record

    def delete(self, key: str) -> None:
        doc_id = self.doc_of.pop(key)
        self.dirty = True
        del self.raw[doc_id]
        del self.by_id[key]

    def get(self, key: str) -> M | None:
        return self.by_id.get(key)

    def values(self) -> Iterable[M]:
        return self.by_id.values()

    def __len__(self) -> int:
        return len(self.by_id)


class _State:
    """The whole file, parsed and validated."""

    def __init__(self) -> None:
        self.meta_raw: dict[str, Any] = {}
        # The history is the bulk of a large board and is not needed to show it: it is
        # validated after the board is on screen (finish_loading) or before the first write.
        self.tables: dict[str, _Table[Any]] = {
            name: _Table(name, model, deferred=name == "events") for name, model in TABLES.items()
        }
        self.stamp: FileStamp | None = None
        self.generation = 0

    @property
    def campaigns(self) -> _Table[Campaign]:
        return self.tables["campaigns"]

    @property
    def organizations(self) -> _Table[Organization]:
        return self.tables["organizations"]

    @property
    def placements(self) -> _Table[Placement]:
        return self.tables["placements"]

    @property
    def visits(self) -> _Table[Visit]:
        return self.tables["visits"]

    @property
    def trainings(self) -> _Table[Training]:
        return self.tables["trainings"]

    @property
    def users(self) -> _Table[User]:
        return self.tables["users"]

    @property
    def events(self) -> _Table[Event]:
        return self.tables["events"]

    def document(self) -> dict[str, Any]:
        document: dict[str, Any] = {META_TABLE: {"1": self.meta_raw}}
        for name, table in self.tables.items():
            document[name] = table.raw
        return document


# -- board views -------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Card:
    """An organization as it stands on one campaign's board."""

    organization: Organization
    placement: Placement

    @property
    def id(self) -> str:
        return self.organization.id

    @cached_property
    def search_text(self) -> str:
        org = self.organization
        parts = [org.name, *org.aliases, org.place.label(), *org.tags]
        return fold("\n".join(parts))

    def matches(self, folded_query: str) -> bool:
        return folded_query in self.search_text


@dataclass(frozen=True)
class Column:
    stage: Stage
    cards: list[Card]

    @property
    def workers(self) -> int:
        return sum(card.organization.workers for card in self.cards)


@dataclass(frozen=True)
class Board:
    campaign: Campaign
    columns: list[Column]
    off_board: list[Card]

    def column(self, stage_key: str) -> Column | None:
        return next((column for column in self.columns if column.stage.key == stage_key), None)

    def card(self, organization_id: str) -> Card | None:
        for column in self.columns:
            for card in column.cards:
                if card.id == organization_id:
                    return card
        return next((card for card in self.off_board if card.id == organization_id), None)


def card_order(card: Card) -> tuple[datetime, str]:
    # casefold, not fold(): this runs for every card of a 20,000-card board on each rebuild.
    return (card.placement.stage_since, card.organization.name.casefold())


@dataclass(frozen=True)
class Counts:
    campaigns: int
    organizations: int
    archived: int
    placements: int
    visits: int
    trainings: int
    events: int
    users: int


@dataclass
class UndoResult:
    """What an undo reverted, in words a user understands."""

    description: str
    organization_ids: list[str] = field(default_factory=list)


# -- permissions ------------------------------------------------------------------

ACTIONS = PERMISSIONS
"""Former name of ``store.permissions.PERMISSIONS``."""

TRAINER_ORGANIZATION_FIELDS = frozenset({"notes"})
TRAINER_PLACEMENT_FIELDS = frozenset({"next_follow_up"})


class Repository:
    """A board file opened for reading and changing. See the module docstring."""

    def __init__(self, board_file: BoardFile, actor: Actor, ids: IdFactory, clock: Callable[[], datetime]) -> None:
        self.file = board_file
        self.actor = actor
        self._ids = ids
        self._clock = clock
        self._state = _State()
        self._cache: dict[str, Any] = {}

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        shared: bool = False,
        actor: Actor | None = None,
        ids: IdFactory | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> Repository:
        """Open the board file at ``path``; with ``create`` make a new empty board if it is missing.

        Raises ``StoreFileError`` (naming the file) if it is not a valid board file;
        the file is then left untouched.
        """
        repo = cls(BoardFile(path, shared=shared), actor or current_actor(), ids or IdFactory(), clock)
        if not repo.file.exists():
            if not create:
                raise StoreFileError(
                    str(repo.path),
                    _("There is no board file at {path}. Create one with 'outreach-tui init' or pass --db.").format(
                        path=repo.path
                    ),
                )
            repo._create()
        else:
            repo._reload(force=True)
        return repo

    @property
    def path(self) -> Path:
        return self.file.path

    def _create(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, mode=0o700)
            except OSError as error:
                raise StoreFileError(
                    str(self.path),
                    _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=error.strerror),
                ) from None
        with self.file.lock():
            if self.file.exists():
                # Another session created it between our check and the lock.
                self._reload(force=True)
                return
            now = self._clock()
            state = _State()
            state.meta_raw = Meta(
                format=FILE_FORMAT, schema_version=SCHEMA_VERSION, created_at=now, created_by=self.actor.label()
            ).model_dump(mode="json")
            group = self._ids.new("grp")
            state.events.put(
                Event(
                    id=self._ids.new("ev"),
                    group=group,
                    at=now,
                    actor=self.actor.login,
                    on_behalf=self.actor.on_behalf,
                    kind="file_created",
                    entity="file",
                )
            )
            state.stamp = self.file.write_bytes(encode(state.document()))
            self._state = state
            self._cache.clear()

    def _parse(self, data: bytes) -> dict[str, Any]:
        path = self.path
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
        version = meta.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise StoreFileError(
                str(path),
                _("{path}: the meta record has no valid schema_version; the file was not changed.").format(path=path),
            )
        if version > SCHEMA_VERSION:
            raise errors.SchemaTooNewError(
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
        try:
            Meta.model_validate(meta)
        except ValidationError as error:
            first = _problems(error)[0]
            raise StoreFileError(
                str(path),
                _("{path}: the meta record is invalid ({field}: {message}); the file was not changed.").format(
                    path=path, field=first[0], message=first[1]
                ),
            ) from None
        unknown = set(document) - set(TABLES) - {META_TABLE, "_default"}
        if unknown:
            raise StoreFileError(
                str(path),
                _("{path} has tables this version does not know ({tables}); the file was not changed.").format(
                    path=path, tables=", ".join(sorted(display_safe(name) for name in unknown))
                ),
            )
        return document

    def _reload(self, *, force: bool = False) -> bool:
        """Re-read the file if it changed on disk (or always, with ``force``). Returns whether it did."""
        if not force and self._state.stamp is not None and self.file.stamp() == self._state.stamp:
            return False
        # Parsing builds ~100,000 containers; the cyclic collector would rescan them
        # again and again (it tripled load time on a 20,000-organization board).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._read(force)
        finally:
            if gc_was_enabled:
                gc.enable()

    def _read(self, force: bool) -> bool:
        data, stamp = self.file.read_bytes()
        document = self._parse(data)
        previous = self._state if self._state.stamp is not None else None
        state = _State()
        state.meta_raw = document[META_TABLE]["1"]
        for name, table in state.tables.items():
            table.load(document.get(name, {}), previous.tables[name] if previous else None, self.path)
        self._check_references(state)
        state.stamp = stamp
        state.generation = self._state.generation + 1
        self._state = state
        self._cache.clear()
        return True

    def _check_references(self, state: _State) -> None:
        path = self.path
        for placement in state.placements.values():
            campaign = state.campaigns.get(placement.campaign_id)
            if state.organizations.get(placement.organization_id) is None or campaign is None:
                raise StoreFileError(
                    str(path),
                    _(
                        "{path}: card {id} refers to a missing organization or campaign; the file was not changed."
                    ).format(path=path, id=placement.id),
                )
            if campaign.stage(placement.stage) is None:
                raise StoreFileError(
                    str(path),
                    _("{path}: card {id} is in stage {stage!r}, which campaign {campaign} does not have.").format(
                        path=path, id=placement.id, stage=placement.stage, campaign=campaign.id
                    ),
                )

    def finish_loading(self) -> None:
        """Validate what opening deferred (the history). Raises ``StoreFileError`` if it is invalid."""
        for table in self._state.tables.values():
            table.by_id  # noqa: B018 - validates a deferred table

    def refresh(self) -> bool:
        """Pick up changes other sessions wrote. Cheap (one ``stat``) when nothing changed."""
        return self._reload()

    def changed_on_disk(self) -> bool:
        """Whether another session wrote the file since this one last read or wrote it."""
        return self.file.stamp() != self._state.stamp

    @property
    def generation(self) -> int:
        """Increases whenever the in-memory copy changes (a write or a reload)."""
        return self._state.generation

    # -- transactions ------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[_Change]:
        with self.file.lock():
            self.file.remove_stale_temp_files()
            self._reload()
            # Never write a file whose records were not all validated.
            self.finish_loading()
            change = _Change(self, self._state)
            try:
                yield change
                if not change.events and not any(table.dirty for table in self._state.tables.values()):
                    return
                for event in change.events:
                    self._state.events.put(event)
                self._state.stamp = self.file.write_bytes(encode(self._state.document()))
                self._state.generation += 1
                self._cache.clear()
                for table in self._state.tables.values():
                    table.dirty = False
            except BaseException:
                if any(table.dirty for table in self._state.tables.values()):
                    # The memory copy holds a change that was not written: re-read the
                    # file, which is the truth (unchanged records are reused, not re-validated).
                    self._cache.clear()
                    try:
                        self._reload(force=True)
                    except errors.StoreError:
                        self._state = _State()
                raise

    # -- roles -------------------------------------------------------------------

    def role(self, login: str | None = None) -> Role:
        """The role of ``login`` (default: the current actor) on this board."""
        login = login or self.actor.login
        users = self._state.users
        if len(users) == 0:
            return "coordinator"
        user = users.get(login)
        return user.role if user else "viewer"

    def _require(self, allowed: set[str], action: str) -> None:
        role = self.role()
        if role not in allowed:
            if role == "viewer" and self._state.users.get(self.actor.login) is None:
                reason = _("{login} is not a user of this board, so it can only view and export").format(
                    login=self.actor.login
                )
            else:
                reason = _("{login} is a {role}").format(login=self.actor.login, role=_(role))
            raise PermissionDenied(_("Not allowed to {action}: {reason}.").format(action=action, reason=reason))

    def require(self, action: str) -> bool:
        """Raise ``PermissionDenied`` (saying why) unless the current role may perform ``action``."""
        permissions.require(
            self.role(), action, self.actor.login, listed=self._state.users.get(self.actor.login) is not None
        )
        return True

    def can(self, action: str) -> bool:
        """Whether the current role may perform ``action`` (names as in ``store.permissions.PERMISSIONS``)."""
        return permissions.allowed(self.role(), action)

    # -- reading -----------------------------------------------------------------

    def counts(self) -> Counts:
        s = self._state
        archived = sum(1 for org in s.organizations.values() if org.archived)
        return Counts(
            campaigns=len(s.campaigns),
            organizations=len(s.organizations) - archived,
            archived=archived,
            placements=len(s.placements),
            visits=len(s.visits),
            trainings=len(s.trainings),
            events=len(s.events),
            users=len(s.users),
        )

    def campaigns(self) -> list[Campaign]:
        return sorted(self._state.campaigns.values(), key=lambda c: (c.status == "completed", fold(c.name)))

    def campaign(self, ref: str) -> Campaign:
        """A campaign by id or by exact (case-insensitive) name."""
        found = self._state.campaigns.get(ref)
        if found:
            return found
        wanted = fold(ref.strip())
        matches = [c for c in self._state.campaigns.values() if fold(c.name) == wanted]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousReferenceError(
                _("{ref!r} names {n} campaigns; use the campaign id.").format(ref=display_safe(ref), n=len(matches))
            )
        raise NotFoundError(_("No campaign {ref!r} in {path}.").format(ref=display_safe(ref), path=self.path))

    def default_campaign(self) -> Campaign | None:
        """The campaign a session opens on: the newest active one, else the newest planned one."""
        campaigns = list(self._state.campaigns.values())
        if not campaigns:
            return None
        rank = {"active": 2, "planning": 1, "completed": 0}
        return max(campaigns, key=lambda c: (rank[c.status], c.created_at))

    def organization(self, org_id: str) -> Organization:
        found = self._state.organizations.get(org_id)
        if found is None:
            raise NotFoundError(_("No organization with id {id}.").format(id=display_safe(org_id)))
        return found

    def organizations(self, *, include_archived: bool = False) -> list[Organization]:
        orgs = [o for o in self._state.organizations.values() if include_archived or not o.archived]
        return sorted(orgs, key=lambda o: fold(o.name))

    def find_organization(self, ref: str) -> Organization:
        """An organization by id, exact name or unique alias (case- and accent-insensitive)."""
        found = self._state.organizations.get(ref.strip())
        if found:
            return found
        wanted = fold(ref.strip())
        by_name = [o for o in self._state.organizations.values() if fold(o.name) == wanted]
        if not by_name:
            by_name = [o for o in self._state.organizations.values() if any(fold(a) == wanted for a in o.aliases)]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            ids = ", ".join(o.id for o in by_name[:5])
            raise AmbiguousReferenceError(
                _("{ref!r} matches {n} organizations ({ids}); use the id.").format(
                    ref=display_safe(ref), n=len(by_name), ids=ids
                )
            )
        raise NotFoundError(_("No organization {ref!r} (tried id, name and alias).").format(ref=display_safe(ref)))

    def search(self, query: str, *, include_archived: bool = False) -> list[Organization]:
        """Organizations whose name, aliases, place or tags contain ``query`` (case- and accent-insensitive)."""
        wanted = fold(query.strip())
        results = []
        for org in self.organizations(include_archived=include_archived):
            text = fold("\n".join([org.name, *org.aliases, org.place.label(), *org.tags]))
            if wanted in text:
                results.append(org)
        return results

    def _placements_by_campaign(self) -> dict[str, list[Placement]]:
        cached = self._cache.get("placements_by_campaign")
        if cached is None:
            cached = defaultdict(list)
            # A copy: an export in a worker thread may read while the board writes.
            for placement in list(self._state.placements.values()):
                cached[placement.campaign_id].append(placement)
            self._cache["placements_by_campaign"] = cached
        return cached

    def placement(self, org_id: str, campaign_id: str) -> Placement:
        for placement in self._placements_by_campaign().get(campaign_id, []):
            if placement.organization_id == org_id:
                return placement
        raise NotFoundError(
            _("{org} is not on the board of campaign {campaign}.").format(
                org=self._org_label(org_id), campaign=self._campaign_label(campaign_id)
            )
        )

    def placements_of(self, org_id: str) -> list[Placement]:
        return [p for p in self._state.placements.values() if p.organization_id == org_id]

    def card(self, org_id: str, campaign_id: str) -> Card:
        return Card(self.organization(org_id), self.placement(org_id, campaign_id))

    def board(self, campaign_id: str) -> Board:
        """The campaign's columns in stage order, cards oldest-in-stage first, plus off-board cards."""
        campaign = self.campaign(campaign_id)
        by_stage: dict[str, list[Card]] = {stage.key: [] for stage in campaign.stages}
        off_board: list[Card] = []
        orgs = self._state.organizations
        for placement in self._placements_by_campaign().get(campaign.id, []):
            org = orgs.get(placement.organization_id)
            if org is None or org.archived:
                continue
            card = Card(org, placement)
            if placement.off_board is not None:
                off_board.append(card)
            else:
                by_stage[placement.stage].append(card)
        columns = [Column(stage, sorted(by_stage[stage.key], key=card_order)) for stage in campaign.stages]
        off_board.sort(key=lambda card: fold(card.organization.name))
        return Board(campaign, columns, off_board)

    def archived_cards(self, campaign_id: str) -> list[Card]:
        """Cards of archived organizations: off every board, still part of the campaign's record."""
        orgs = self._state.organizations
        cards = [
            Card(org, placement)
            for placement in self._placements_by_campaign().get(campaign_id, [])
            if (org := orgs.get(placement.organization_id)) is not None and org.archived
        ]
        cards.sort(key=lambda card: fold(card.organization.name))
        return cards

    def follow_ups(self, campaign_id: str, *, today: date, within_days: int = 7) -> list[Card]:
        """On-board cards whose next follow-up is due within ``within_days`` or overdue, soonest first."""
        cards = []
        for column in self.board(campaign_id).columns:
            for card in column.cards:
                due = card.placement.next_follow_up
                if due is not None and (due - today).days <= within_days:
                    cards.append(card)
        cards.sort(key=lambda card: (card.placement.next_follow_up, fold(card.organization.name)))
        return cards

    def visits(self, *, organization_id: str | None = None, campaign_id: str | None = None) -> list[Visit]:
        result = [
            v
            for v in list(self._state.visits.values())
            if (organization_id is None or v.organization_id == organization_id)
            and (campaign_id is None or v.campaign_id == campaign_id)
        ]
        return sorted(result, key=lambda v: (v.date, v.created_at, v.id), reverse=True)

    def trainings(self, *, organization_id: str | None = None, campaign_id: str | None = None) -> list[Training]:
        result = [
            t
            for t in list(self._state.trainings.values())
            if (campaign_id is None or t.campaign_id == campaign_id)
            and (organization_id is None or any(a.organization_id == organization_id for a in t.attendance))
        ]
        return sorted(result, key=lambda t: (t.date, t.created_at, t.id), reverse=True)

    def history(
        self, *, organization_id: str | None = None, campaign_id: str | None = None, limit: int | None = None
    ) -> list[Event]:
        """History events, newest first."""
        events = [
            e
            for e in list(self._state.events.values())
            if (organization_id is None or e.organization_id == organization_id)
            and (campaign_id is None or e.campaign_id == campaign_id)
        ]
        # Stable sort on time keeps the written order within one second; then newest first.
        events.sort(key=lambda e: e.at)
        events.reverse()
        return events[:limit] if limit is not None else events

    def users(self) -> list[User]:
        return sorted(self._state.users.values(), key=lambda u: u.login)

    def last_change_of(self, entity: str, entity_id: str) -> Event | None:
        """The newest history event about one record (who changed it last, and when)."""
        newest = None
        for event in self._state.events.values():
            if (
                event.entity == entity
                and event.entity_id == entity_id
                and event.kind != "imported"
                and (newest is None or event.at >= newest.at)
            ):
                newest = event
        return newest

    # -- labels used in messages ----------------------------------------------------

    def _org_label(self, org_id: str) -> str:
        org = self._state.organizations.get(org_id)
        return display_safe(org.name) if org else org_id

    def _campaign_label(self, campaign_id: str) -> str:
        campaign = self._state.campaigns.get(campaign_id)
        return display_safe(campaign.name) if campaign else campaign_id

    def _conflict(self, entity: str, entity_id: str, label: str, expected: int, found: int) -> ConflictError:
        last = self.last_change_of(entity, entity_id)
        if last is not None:
            what = _describe_event(last, self)
            message = _(
                "{label} was changed by {who} at {when} ({what}) after you loaded it; your change was not applied. "
                "The board now shows the current state."
            ).format(label=label, who=display_safe(last.actor_label()), when=format_datetime(last.at), what=what)
            return ConflictError(message, changed_by=last.actor_label(), changed_at=last.at, what=what)
        return ConflictError(
            _("{label} changed (version {found}, you had {expected}); your change was not applied.").format(
                label=label, found=found, expected=expected
            )
        )

    # -- campaigns -----------------------------------------------------------------

    def create_campaign(
        self,
        name: str,
        *,
        description: str = "",
        stages: list[Stage] | None = None,
        goals: Mapping[str, Any] | None = None,
        status: str = "active",
    ) -> Campaign:
        self._require({"coordinator"}, _("create a campaign"))
        now = self._clock()
        data: dict[str, Any] = {
            "id": self._ids.new("cmp"),
            "name": name,
            "description": description,
            "goals": dict(goals or {}),
            "status": status,
            "created_at": now,
            "updated_at": now,
        }
        if stages is not None:
            data["stages"] = [s.model_dump() if isinstance(s, Stage) else s for s in stages]
            keys = [s["key"] for s in data["stages"]]
            if "trained" not in keys and keys:
                data["training_stage"] = keys[min(1, len(keys) - 1)]
        try:
            campaign = Campaign.model_validate(data)
        except ValidationError as error:
            raise validation_failed(error, _("campaign")) from None
        with self._transaction() as tx:
            if any(fold(c.name) == fold(campaign.name) for c in tx.state.campaigns.values()):
                raise ValidationFailed(
                    _("A campaign named {name!r} already exists.").format(name=display_safe(campaign.name)),
                    [("name", _("already used by another campaign"))],
                )
            tx.state.campaigns.put(campaign)
            tx.event("campaign_created", "campaign", campaign.id, campaign_id=campaign.id, version_after=1)
        return campaign

    def edit_campaign(
        self, campaign_id: str, changes: Mapping[str, Any], *, expected_version: int | None = None
    ) -> Campaign:
        self._require({"coordinator"}, _("change a campaign"))
        with self._transaction() as tx:
            campaign = self.campaign(campaign_id)
            self._check_version("campaign", campaign.id, campaign.name, expected_version, campaign.version)
            updated, diff = _apply(campaign, changes, self._clock(), _("campaign"))
            if not diff:
                return campaign
            stage_keys = {stage.key for stage in updated.stages}
            used = {p.stage for p in self._placements_by_campaign().get(campaign.id, [])}
            if used - stage_keys:
                raise ValidationFailed(
                    _("Stages {keys} still hold cards; move those cards before removing the stage.").format(
                        keys=", ".join(sorted(used - stage_keys))
                    ),
                    [("stages", _("a removed stage still holds cards"))],
                )
            tx.state.campaigns.put(updated)
            tx.event(
                "campaign_edited",
                "campaign",
                campaign.id,
                campaign_id=campaign.id,
                changes=diff,
                version_after=updated.version,
            )
        return updated

    # -- organizations -------------------------------------------------------------

    def add_organization(
        self,
        fields: Mapping[str, Any],
        *,
        campaign_id: str | None = None,
        stage: str | None = None,
        owner: str | None = None,
        next_follow_up: date | None = None,
    ) -> Organization:
        """Add an organization; with ``campaign_id`` also put its card on that campaign's board."""
        self._require({"coordinator"}, _("add an organization"))
        now = self._clock()
        data = {k: v for k, v in fields.items() if k not in {"id", "created_at", "updated_at", "version", "archived"}}
        data.update(id=self._ids.new("org"), created_at=now, updated_at=now, version=1)
        try:
            org = Organization.model_validate(data)
        except ValidationError as error:
            raise validation_failed(error, _("organization")) from None
        with self._transaction() as tx:
            if len(tx.state.organizations) >= MAX_ORGANIZATIONS:
                raise ValidationFailed(_("This board already holds 50,000 organizations, the most it supports."))
            tx.state.organizations.put(org)
            tx.event("organization_added", "organization", org.id, organization_id=org.id, version_after=1)
            if campaign_id is not None:
                self._place(tx, org, self.campaign(campaign_id), stage, owner, next_follow_up)
        return org

    def update_organization(
        self, org_id: str, changes: Mapping[str, Any], *, expected_version: int | None = None
    ) -> Organization:
        """Change fields of an organization. A stale ``expected_version`` raises ``ConflictError``."""
        role = self.role()
        if role == "trainer" and set(changes) - TRAINER_ORGANIZATION_FIELDS:
            self._require({"coordinator"}, _("edit organization details other than notes"))
        else:
            self._require({"coordinator", "trainer"}, _("edit an organization"))
        forbidden = set(changes) & {"id", "created_at", "updated_at", "version", "archived"}
        if forbidden:
            raise ValidationFailed(
                _("These fields cannot be edited: {fields}.").format(fields=", ".join(sorted(forbidden)))
            )
        with self._transaction() as tx:
            org = self.organization(org_id)
            self._check_version("organization", org.id, org.name, expected_version, org.version)
            updated, diff = _apply(org, changes, self._clock(), _("organization"))
            if not diff:
                return org
            tx.state.organizations.put(updated)
            tx.event(
                "organization_edited",
                "organization",
                org.id,
                organization_id=org.id,
                changes=diff,
                version_after=updated.version,
            )
        return updated

    def archive_organization(
        self, org_id: str, *, expected_version: int | None = None, reason: str = ""
    ) -> Organization:
        """Hide an organization from every board and list; it stays in the file and its history."""
        return self._set_archived(org_id, True, expected_version, reason)

    def unarchive_organization(self, org_id: str, *, expected_version: int | None = None) -> Organization:
        return self._set_archived(org_id, False, expected_version, "")

    def _set_archived(self, org_id: str, archived: bool, expected_version: int | None, reason: str) -> Organization:
        self._require({"coordinator"}, _("archive or restore an organization"))
        with self._transaction() as tx:
            org = self.organization(org_id)
            self._check_version("organization", org.id, org.name, expected_version, org.version)
            if org.archived == archived:
                return org
            updated, diff = _apply(org, {"archived": archived}, self._clock(), _("organization"))
            tx.state.organizations.put(updated)
            tx.event(
                "organization_archived" if archived else "organization_restored",
                "organization",
                org.id,
                organization_id=org.id,
                changes=diff,
                reason=reason,
                version_after=updated.version,
            )
        return updated

    # -- cards -----------------------------------------------------------------------

    def place(
        self,
        org_id: str,
        campaign_id: str,
        *,
        stage: str | None = None,
        owner: str | None = None,
        next_follow_up: date | None = None,
    ) -> Placement:
        """Put an existing organization on a campaign's board (one organization can be in many campaigns)."""
        self._require({"coordinator"}, _("add a card to a board"))
        with self._transaction() as tx:
            org = self.organization(org_id)
            return self._place(tx, org, self.campaign(campaign_id), stage, owner, next_follow_up)

    def _place(
        self,
        tx: _Change,
        org: Organization,
        campaign: Campaign,
        stage: str | None,
        owner: str | None,
        next_follow_up: date | None,
    ) -> Placement:
        for existing in self._placements_by_campaign().get(campaign.id, []):
            if existing.organization_id == org.id:
                raise ValidationFailed(
                    _("{org} is already on the board of {campaign}.").format(
                        org=display_safe(org.name), campaign=display_safe(campaign.name)
                    )
                )
        stage_key = stage or campaign.stages[0].key
        self._stage_of(campaign, stage_key)
        now = self._clock()
        try:
            placement = Placement.model_validate(
                {
                    "id": self._ids.new("card"),
                    "organization_id": org.id,
                    "campaign_id": campaign.id,
                    "stage": stage_key,
                    "stage_since": now,
                    "owner": owner if owner is not None else self.actor.label(),
                    "next_follow_up": next_follow_up,
                    "updated_at": now,
                    "updated_by": self.actor.label(),
                }
            )
        except ValidationError as error:
            raise validation_failed(error, _("card")) from None
        tx.state.placements.put(placement)
        self._cache.pop("placements_by_campaign", None)
        tx.event(
            "placed",
            "placement",
            placement.id,
            organization_id=org.id,
            campaign_id=campaign.id,
            to_stage=stage_key,
            version_after=1,
        )
        return placement

    def _stage_of(self, campaign: Campaign, stage: str) -> Stage:
        return resolve_stage(campaign, stage)

    def _check_version(self, entity: str, entity_id: str, label: str, expected: int | None, found: int) -> None:
        if expected is not None and expected != found:
            raise self._conflict(entity, entity_id, display_safe(label), expected, found)

    def move(
        self,
        org_id: str,
        stage: str,
        *,
        campaign_id: str,
        expected_version: int | None = None,
        reason: str = "",
    ) -> Placement:
        """Move an organization's card to ``stage`` (a stage key or label) on a campaign's board.

        ``expected_version`` is the card version the user saw; if someone changed the
        card since, ``ConflictError`` says who and when and nothing is written.
        """
        with self._transaction() as tx:
            campaign = self.campaign(campaign_id)
            target = self._stage_of(campaign, stage)
            placement = self.placement(org_id, campaign.id)
            org = self.organization(org_id)
            self._check_version("placement", placement.id, org.name, expected_version, placement.version)
            if campaign.training_stage not in (placement.stage, target.key):
                self._require({"coordinator"}, _("move a card outside the training stage"))
            else:
                self._require({"coordinator", "trainer"}, _("move a card"))
            if placement.off_board is not None:
                raise ValidationFailed(
                    _("{org} is off the board ({state}); restore it before moving it.").format(
                        org=display_safe(org.name), state=_(placement.off_board.state)
                    )
                )
            if placement.stage == target.key:
                return placement
            return self._move(tx, placement, target.key, reason)

    def _save_card(
        self, tx: _Change, before: Placement, updated: Placement, diff: dict[str, list[Any]], kind: str, **fields: Any
    ) -> Placement:
        """Store a changed card and write its history event (the one place that does both)."""
        tx.state.placements.put(updated)
        self._cache.pop("placements_by_campaign", None)
        tx.event(
            kind,
            "placement",
            before.id,
            organization_id=before.organization_id,
            campaign_id=before.campaign_id,
            changes=diff,
            version_after=updated.version,
            **fields,
        )
        return updated

    def _move(self, tx: _Change, placement: Placement, stage: str, reason: str) -> Placement:
        now = self._clock()
        updated, diff = _apply(
            placement,
            {"stage": stage, "stage_since": now, "updated_by": self.actor.label()},
            now,
            _("card"),
        )
        return self._save_card(
            tx, placement, updated, diff, "moved", from_stage=placement.stage, to_stage=stage, reason=reason
        )

    def edit_card(
        self,
        org_id: str,
        *,
        campaign_id: str,
        changes: Mapping[str, Any],
        expected_version: int | None = None,
    ) -> Placement:
        """Change the owner or the next follow-up date of a card."""
        allowed = {"owner", "next_follow_up"}
        if set(changes) - allowed:
            raise ValidationFailed(
                _("Only these card fields can be edited: {fields}.").format(fields=", ".join(sorted(allowed)))
            )
        if self.role() == "trainer" and set(changes) - TRAINER_PLACEMENT_FIELDS:
            self._require({"coordinator"}, _("change a card's owner"))
        self._require({"coordinator", "trainer"}, _("edit a card"))
        with self._transaction() as tx:
            placement = self.placement(org_id, campaign_id)
            org = self.organization(org_id)
            self._check_version("placement", placement.id, org.name, expected_version, placement.version)
            updated, diff = _apply(placement, {**changes, "updated_by": self.actor.label()}, self._clock(), _("card"))
            if set(diff) <= {"updated_by"}:
                return placement
            self._save_card(tx, placement, updated, diff, "placement_edited")
        return updated

    def set_off_board(
        self,
        org_id: str,
        *,
        campaign_id: str,
        state: str,
        reason: str,
        expected_version: int | None = None,
    ) -> Placement:
        """Take a card off the board as ``not_a_fit`` or ``paused``; a reason is required."""
        self._require({"coordinator"}, _("take a card off the board"))
        if state not in ("not_a_fit", "paused"):
            raise ValidationFailed(
                _("The state must be 'not_a_fit' or 'paused'."), [("state", _("choose not a fit or paused"))]
            )
        if not reason.strip():
            raise ValidationFailed(_("A reason is required to take a card off the board."), [("reason", _("required"))])
        with self._transaction() as tx:
            placement = self.placement(org_id, campaign_id)
            org = self.organization(org_id)
            self._check_version("placement", placement.id, org.name, expected_version, placement.version)
            updated, diff = _apply(
                placement,
                {"off_board": {"state": state, "reason": reason}, "updated_by": self.actor.label()},
                self._clock(),
                _("card"),
            )
            self._save_card(
                tx, placement, updated, diff, "off_board", from_stage=placement.stage, reason=reason.strip()
            )
        return updated

    def restore(
        self,
        org_id: str,
        *,
        campaign_id: str,
        stage: str | None = None,
        expected_version: int | None = None,
    ) -> Placement:
        """Bring an off-board card back, to ``stage`` or to the stage it left from."""
        self._require({"coordinator"}, _("restore a card"))
        with self._transaction() as tx:
            placement = self.placement(org_id, campaign_id)
            org = self.organization(org_id)
            campaign = self.campaign(campaign_id)
            self._check_version("placement", placement.id, org.name, expected_version, placement.version)
            if placement.off_board is None:
                return placement
            target = self._stage_of(campaign, stage).key if stage else placement.stage
            now = self._clock()
            update: dict[str, Any] = {"off_board": None, "updated_by": self.actor.label()}
            if target != placement.stage:
                update.update(stage=target, stage_since=now)
            updated, diff = _apply(placement, update, now, _("card"))
            self._save_card(tx, placement, updated, diff, "restored", to_stage=target)
        return updated

    # -- visits and trainings ----------------------------------------------------------

    def log_visit(self, fields: Mapping[str, Any], *, update_follow_up: bool = True) -> Visit:
        """Record a follow-up visit. Its next follow-up date also becomes the card's."""
        self._require({"coordinator", "trainer"}, _("log a visit"))
        now = self._clock()
        data = {k: v for k, v in fields.items() if k not in {"id", "created_at", "created_by", "version"}}
        data.update(id=self._ids.new("vis"), created_at=now, created_by=self.actor.label())
        try:
            visit = Visit.model_validate(data)
        except ValidationError as error:
            raise validation_failed(error, _("visit")) from None
        with self._transaction() as tx:
            self.organization(visit.organization_id)
            self.campaign(visit.campaign_id)
            tx.state.visits.put(visit)
            tx.event(
                "visit_logged",
                "visit",
                visit.id,
                organization_id=visit.organization_id,
                campaign_id=visit.campaign_id,
                version_after=1,
            )
            if update_follow_up:
                try:
                    placement = self.placement(visit.organization_id, visit.campaign_id)
                except NotFoundError:
                    placement = None
                if placement is not None and placement.next_follow_up != visit.next_follow_up:
                    updated, diff = _apply(placement, {"next_follow_up": visit.next_follow_up}, now, _("card"))
                    self._save_card(tx, placement, updated, diff, "placement_edited")
        return visit

    def record_training(self, fields: Mapping[str, Any]) -> Training:
        """Record a training; every attending organization moves to the campaign's training stage.

        Organizations already past that stage stay where they are; attendees not yet on
        the board are placed on it; off-board attendees come back. All in one write.
        """
        self._require({"coordinator", "trainer"}, _("record a training"))
        now = self._clock()
        data = {k: v for k, v in fields.items() if k not in {"id", "created_at", "created_by", "version"}}
        data["attendance"] = [
            a.model_dump() if isinstance(a, Attendance) else dict(a) for a in data.get("attendance", [])
        ]
        data.update(id=self._ids.new("trn"), created_at=now, created_by=self.actor.label())
        try:
            training = Training.model_validate(data)
        except ValidationError as error:
            raise validation_failed(error, _("training")) from None
        with self._transaction() as tx:
            campaign = self.campaign(training.campaign_id)
            training_index = campaign.stage_index(campaign.training_stage)
            for item in training.attendance:
                self.organization(item.organization_id)
            tx.state.trainings.put(training)
            tx.event("training_recorded", "training", training.id, campaign_id=campaign.id, version_after=1)
            for item in training.attendance:
                org = self.organization(item.organization_id)
                try:
                    placement = self.placement(org.id, campaign.id)
                except NotFoundError:
                    self._place(tx, org, campaign, campaign.training_stage, None, None)
                    continue
                if placement.off_board is not None:
                    updated, diff = _apply(
                        placement,
                        {"off_board": None, "updated_by": self.actor.label()},
                        now,
                        _("card"),
                    )
                    self._save_card(
                        tx,
                        placement,
                        updated,
                        diff,
                        "restored",
                        to_stage=placement.stage,
                        reason=_("attended a training"),
                    )
                    placement = updated
                if campaign.stage_index(placement.stage) < training_index:
                    self._move(tx, placement, campaign.training_stage, _("attended a training"))
        return training

    # -- users and roles -----------------------------------------------------------------

    def set_user(self, login: str, role: str) -> User:
        """Give ``login`` a role on this board. The first user added must be a coordinator."""
        self._require({"coordinator"}, _("manage users"))
        with self._transaction() as tx:
            users = tx.state.users
            if len(users) == 0 and role != "coordinator":
                raise ValidationFailed(
                    _(
                        "The first user of a board must be a coordinator (today everyone is one); "
                        "add yourself first: outreach-tui users add {login} --role coordinator"
                    ).format(login=self.actor.login)
                )
            existing = users.get(login)
            if existing is not None and existing.role == role:
                return existing
            if existing is not None and existing.role == "coordinator" and role != "coordinator":
                self._keep_a_coordinator(users, login)
            try:
                user = User.model_validate(
                    {"login": login, "role": role, "added_at": self._clock(), "added_by": self.actor.login}
                )
            except ValidationError as error:
                raise validation_failed(error, _("user")) from None
            users.put(user)
            tx.event(
                "user_set",
                "user",
                login,
                changes={"role": [existing.role if existing else None, role]},
            )
        return user

    def remove_user(self, login: str) -> None:
        self._require({"coordinator"}, _("manage users"))
        with self._transaction() as tx:
            users = tx.state.users
            existing = users.get(login)
            if existing is None:
                raise NotFoundError(_("{login} is not a user of this board.").format(login=display_safe(login)))
            if existing.role == "coordinator":
                self._keep_a_coordinator(users, login)
            users.delete(login)
            tx.event("user_removed", "user", login, changes={"role": [existing.role, None]})

    @staticmethod
    def _keep_a_coordinator(users: _Table[User], leaving: str) -> None:
        remaining = [u for u in users.values() if u.role == "coordinator" and u.login != leaving]
        others = [u for u in users.values() if u.login != leaving]
        if not remaining and others:
            raise ValidationFailed(_("A board with users needs at least one coordinator."))

    # -- undo --------------------------------------------------------------------------

    def undo(self) -> UndoResult:
        """Revert the current user's most recent change not yet undone.

        Refused with ``ConflictError`` if someone changed an affected record since.
        """
        with self._transaction() as tx:
            # Events are stored in the order they were written.
            events = list(tx.state.events.values())
            undone_groups = {e.undoes for e in events if e.kind == "undone"}
            undo_groups = {e.group for e in events if e.kind == "undone"}
            target_group = None
            for event in reversed(events):
                if event.actor != self.actor.login or event.kind == "file_created":
                    continue
                if event.group in undone_groups or event.group in undo_groups:
                    continue
                target_group = event.group
                break
            if target_group is None:
                raise NothingToUndo(_("You have no change left to undo on this board."))
            group = [e for e in events if e.group == target_group]
            if any(e.kind == "imported" for e in group):
                raise NothingToUndo(
                    _("Your last change was an import, which undo cannot revert; restore a backup instead.")
                )
            self._require_for_undo(group)
            self._ensure_untouched_since(group, events, undone_groups | undo_groups)
            description = _describe_event(group[0], self)
            affected: list[str] = []
            for event in reversed(group):
                self._revert(tx, event)
                if event.organization_id and event.organization_id not in affected:
                    affected.append(event.organization_id)
            tx.event(
                "undone",
                "file",
                "",
                undoes=target_group,
                reason=description,
                organization_id=affected[0] if len(affected) == 1 else None,
                campaign_id=group[0].campaign_id,
            )
        return UndoResult(description=description, organization_ids=affected)

    def _ensure_untouched_since(self, group: list[Event], events: list[Event], reverted: set[str | None]) -> None:
        """Refuse if anyone changed a record of ``group`` after it, except by changes already undone."""
        target = group[0].group
        position = {event.id: index for index, event in enumerate(events)}
        first = min(position[e.id] for e in group)
        touched = {(e.entity, e.entity_id) for e in group}
        for later in events[first:]:
            if later.group == target or later.group in reverted:
                continue
            if (later.entity, later.entity_id) in touched:
                label = self._entity_label(later)
                raise ConflictError(
                    _(
                        "Cannot undo: {label} was changed by {who} at {when} after your change. Nothing was changed."
                    ).format(label=label, who=display_safe(later.actor_label()), when=format_datetime(later.at)),
                    changed_by=later.actor_label(),
                    changed_at=later.at,
                )

    def _require_for_undo(self, group: list[Event]) -> None:
        if self.role() == "viewer":
            self._require({"coordinator", "trainer"}, _("undo"))
        if self.role() == "trainer" and any(
            e.entity in ("campaign", "user") or e.kind.startswith("organization_a") for e in group
        ):
            self._require({"coordinator"}, _("undo this change"))

    def _revert(self, tx: _Change, event: Event) -> None:
        table_name = {
            "campaign": "campaigns",
            "organization": "organizations",
            "placement": "placements",
            "visit": "visits",
            "training": "trainings",
            "user": "users",
        }.get(event.entity)
        if table_name is None:
            return
        table = tx.state.tables[table_name]
        record = table.get(event.entity_id)
        if event.entity == "user":
            before = event.changes.get("role", [None, None])[0]
            if before is None:
                if record is not None:
                    table.delete(event.entity_id)
            else:
                table.put(
                    User.model_validate(
                        {
                            "login": event.entity_id,
                            "role": before,
                            "added_at": self._clock(),
                            "added_by": self.actor.login,
                        }
                    )
                )
            tx.event("user_set", "user", event.entity_id, changes={"role": [record.role if record else None, before]})
            return
        label = self._entity_label(event)
        if record is None:
            raise ConflictError(_("Cannot undo: {label} no longer exists.").format(label=label))
        created = event.kind in (
            "campaign_created",
            "organization_added",
            "placed",
            "visit_logged",
            "training_recorded",
        )
        if created:
            self._ensure_unreferenced(tx, event, label)
            table.delete(event.entity_id)
            self._cache.pop("placements_by_campaign", None)
            tx.event(
                {
                    "campaign_created": "campaign_removed",
                    "organization_added": "organization_removed",
                    "placed": "placement_removed",
                    "visit_logged": "visit_removed",
                    "training_recorded": "training_removed",
                }[event.kind],
                event.entity,
                event.entity_id,
                organization_id=event.organization_id,
                campaign_id=event.campaign_id,
                reason=_("undo"),
            )
            return
        reverse = {name: values[0] for name, values in event.changes.items()}
        updated, diff = _apply(record, reverse, self._clock(), event.entity)
        table.put(updated)
        self._cache.pop("placements_by_campaign", None)
        from_stage = event.to_stage if "stage" in reverse else None
        to_stage = reverse.get("stage")
        tx.event(
            "moved" if "stage" in reverse else event.kind,
            event.entity,
            event.entity_id,
            organization_id=event.organization_id,
            campaign_id=event.campaign_id,
            from_stage=from_stage,
            to_stage=to_stage,
            reason=_("undo"),
            changes=diff,
            version_after=getattr(updated, "version", None),
        )

    def _ensure_unreferenced(self, tx: _Change, event: Event, label: str) -> None:
        state = tx.state
        if event.entity == "organization":
            used = (
                any(p.organization_id == event.entity_id for p in state.placements.values())
                or any(v.organization_id == event.entity_id for v in state.visits.values())
                or any(a.organization_id == event.entity_id for t in state.trainings.values() for a in t.attendance)
            )
        elif event.entity == "campaign":
            used = any(p.campaign_id == event.entity_id for p in state.placements.values())
        else:
            return
        if used:
            raise ConflictError(
                _("Cannot undo adding {label}: it has been used since (cards, visits or trainings).").format(
                    label=label
                )
            )

    def _entity_label(self, event: Event) -> str:
        if event.organization_id:
            return self._org_label(event.organization_id)
        if event.campaign_id:
            return self._campaign_label(event.campaign_id)
        return event.entity_id

    # -- bulk loading (demo and import) ---------------------------------------------------

    @contextmanager
    def bulk(self) -> Iterator[_Change]:
        """One transaction for many records (demo data, imports): one lock, one write.

        The caller puts fully validated records through the returned change's ``put``.
        """
        self._require({"coordinator"}, _("load many records at once"))
        with self._transaction() as tx:
            yield tx
            self._cache.pop("placements_by_campaign", None)


class _Change:
    """The events one transaction writes; they share a group id so undo can revert them together."""

    def __init__(self, repo: Repository, state: _State) -> None:
        self.repo = repo
        self.state = state
        self.group = repo._ids.new("grp")
        self.events: list[Event] = []

    def event(self, kind: str, entity: str, entity_id: str, **fields: Any) -> Event:
        actor = self.repo.actor
        event_id = self.repo._ids.new("ev")
        while self.state.events.get(event_id) is not None or any(e.id == event_id for e in self.events):
            # Never replace a history entry, however unlikely a repeated id is.
            event_id = self.repo._ids.new("ev")
        event = Event.model_validate(
            {
                "id": event_id,
                "group": self.group,
                "at": self.repo._clock(),
                "actor": actor.login,
                "on_behalf": actor.on_behalf,
                "kind": kind,
                "entity": entity,
                "entity_id": entity_id,
                **{k: v for k, v in fields.items() if v is not None or k in ("from_stage", "to_stage")},
            }
        )
        self.events.append(event)
        return event

    def put(self, table: str, record: BaseModel) -> None:
        self.state.tables[table].put(record)


def _apply(record: M, changes: Mapping[str, Any], now: datetime, what: str) -> tuple[M, dict[str, list[Any]]]:
    """``record`` with ``changes`` applied and validated, its version bumped, plus the JSON diff."""
    current = record.model_dump(mode="json")
    merged = dict(current)
    for name, value in changes.items():
        if name not in current:
            raise ValidationFailed(
                _("Unknown field {name!r} for {what}.").format(name=display_safe(name), what=what),
                [(name, _("unknown field"))],
            )
        merged[name] = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    try:
        updated = type(record).model_validate(merged)
    except ValidationError as error:
        raise validation_failed(error, what) from None
    after = updated.model_dump(mode="json")
    diff = {
        name: [current[name], after[name]]
        for name in after
        if current[name] != after[name] and name not in ("updated_at", "version")
    }
    if not diff:
        return record, {}
    bump: dict[str, Any] = {}
    if "version" in after:
        bump["version"] = after["version"] + 1
    if "updated_at" in after:
        bump["updated_at"] = now
    if bump:
        updated = updated.model_copy(update=bump)
    return updated, diff


def _describe_event(event: Event, repo: Repository) -> str:
    """One line describing a history event, for conflict messages and the undo notice."""
    org = repo._org_label(event.organization_id) if event.organization_id else ""
    campaign = repo._state.campaigns.get(event.campaign_id) if event.campaign_id else None

    def stage_label(key: str | None) -> str:
        if key is None:
            return ""
        stage = campaign.stage(key) if campaign else None
        return display_safe(stage.label) if stage else key

    kind = event.kind
    if kind == "moved":
        return _("moved {org} from {a} to {b}").format(
            org=org, a=stage_label(event.from_stage), b=stage_label(event.to_stage)
        )
    if kind == "off_board":
        return _("took {org} off the board: {reason}").format(org=org, reason=display_safe(event.reason))
    if kind == "restored":
        return _("brought {org} back to {b}").format(org=org, b=stage_label(event.to_stage))
    if kind == "placed":
        return _("put {org} on the board in {b}").format(org=org, b=stage_label(event.to_stage))
    if kind == "organization_added":
        return _("added {org}").format(org=org)
    if kind in ("organization_edited", "placement_edited", "campaign_edited"):
        fields = ", ".join(sorted(event.changes)) or _("details")
        target = org or (display_safe(campaign.name) if campaign else "")
        return _("edited {fields} of {target}").format(fields=fields, target=target)
    if kind == "organization_archived":
        return _("archived {org}").format(org=org)
    if kind == "organization_restored":
        return _("unarchived {org}").format(org=org)
    if kind == "visit_logged":
        return _("logged a visit to {org}").format(org=org)
    if kind == "training_recorded":
        return _("recorded a training")
    if kind == "campaign_created":
        return _("created campaign {name}").format(name=display_safe(campaign.name) if campaign else event.entity_id)
    if kind in ("user_set", "user_removed"):
        before, after = event.changes.get("role", [None, None])
        return _("changed the role of {login}: {before} → {after}").format(
            login=display_safe(event.entity_id), before=before or "—", after=after or "—"
        )
    if kind == "undone":
        return _("undid: {what}").format(what=display_safe(event.reason))
    if kind == "imported":
        return _("imported {what}").format(what=display_safe(event.reason))
    return kind.replace("_", " ")


def describe_event(event: Event, repo: Repository) -> str:
    """Public form of the one-line event description used by the history views."""
    return _describe_event(event, repo)
