"""Pydantic models of a campaign board, validated on every read and every write.

The models are strict (no silent coercion of ``"false"`` to ``False``), refuse
unknown fields, and refuse control and format characters in text. Only
organization-level data is kept: staff contacts of an organization, never lists of
individual workers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from .i18n import _

SCHEMA_VERSION = 6
"""Version of the board file layout this code reads and writes (older layouts are upgraded on reading).

2: board settings (language, time zone) and stage labels per language.
3: a campaign's active-partner stage, its retired stages, and its start and end dates.
4: the team's public keys and the encrypted-exports rule in the board settings.
5: each history event links to the one before it by its hash (``store.chain``).
6: a contact retention in the board settings, and events recording forgotten contacts."""

FILE_FORMAT: Literal["outreach-tui"] = "outreach-tui"
"""Value of ``format`` in the meta record that marks a file as ours."""

MAX_ORGANIZATIONS = 50_000
"""The most organizations one board file holds (adding and importing stop there)."""

MAX_ATTENDEES = 10_000
"""The most people one organization can send to one training."""


MAX_INTEGER = 2**53 - 1
"""The largest whole number a board stores (versions, goals): every JSON reader keeps it exact."""

Version = Annotated[int, Field(ge=1, le=MAX_INTEGER)]
"""A record's version: 1 when created, one more on every change."""
Count = Annotated[int, Field(ge=0, le=MAX_INTEGER)]
"""A whole number of things (a goal)."""

# Checked by pydantic-core's Rust regex engine: a Python validator per string made
# opening a 20,000-organization board several times slower.
# \p{C} is Cc, Cf, Cs, Co and Cn together; spelling those out one by one hit a
# regex-engine bug that let private-use characters through.
# Zero-width non-joiner and joiner (U+200C, U+200D) are ordinary inside a word (Persian
# "می‌خواهم", emoji sequences such as 👩‍💻): one of them is allowed between two visible
# characters; anywhere else, like every other format character, it is refused.
_WORD_CHAR = r"[^\p{C}\p{Z}]"
_JOINED = rf"{_WORD_CHAR}(?:[\u200c\u200d]{_WORD_CHAR})+"
SAFE_LINE_PATTERN = rf"^(?:[^\p{{C}}\p{{Zl}}\p{{Zp}}]*{_JOINED})*[^\p{{C}}\p{{Zl}}\p{{Zp}}]*$"
SAFE_TEXT_PATTERN = rf"^(?:[\t\n[^\p{{C}}\p{{Zl}}\p{{Zp}}]]*{_JOINED})*[\t\n[^\p{{C}}\p{{Zl}}\p{{Zp}}]]*$"

JSON_NESTING_LIMIT = 16
"""How deep a value recorded in a history event may nest (field values nest two or three levels)."""

Line = Annotated[str, Field(max_length=200, pattern=SAFE_LINE_PATTERN)]
"""Free one-line text (may be empty)."""
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=SAFE_LINE_PATTERN)]
"""A required one-line name: trimmed, 1-200 characters."""
Text = Annotated[str, Field(max_length=20_000, pattern=SAFE_TEXT_PATTERN)]
"""Multi-line free text (notes, findings)."""
Day = Annotated[date, Field(strict=False)]
Timestamp = Annotated[AwareDatetime, Field(strict=False)]
Identifier = Annotated[str, Field(pattern=r"^[a-z]+-[a-z0-9]{4,40}$")]
StageKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Login = Annotated[str, Field(min_length=1, max_length=64, pattern=SAFE_LINE_PATTERN)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
"""A catalog language such as ``es`` (which languages exist is checked where one is set)."""
AgePublicKey = Annotated[str, Field(pattern=r"^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$")]
"""An age X25519 public key (bech32, ``age1`` and 58 more characters)."""
ChainHash = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
"""An event's hash in the history's chain: 128 bits of SHA-256 in hex (``store.chain``)."""
TimeZoneName = Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,3}$")]
"""An IANA time zone name such as ``America/Mexico_City`` (never a path)."""

OrganizationType = Literal[
    "human_rights_center",
    "migrant_services",
    "legal_clinic",
    "community_network",
    "faith_based",
    "union",
    "womens_group",
    "environmental",
    "other",
]
LegalCapacity = Literal["in_house", "cooperating_attorneys", "none", "unknown"]
OutreachCapacity = Literal["none", "local", "regional", "national", "unknown"]
Tristate = Literal["yes", "no", "unknown"]
OffBoardState = Literal["not_a_fit", "paused"]
CampaignStatus = Literal["planning", "active", "completed"]
Role = Literal["coordinator", "trainer", "viewer"]

# The one list of each enumeration: forms, the command line and the board read these.
CAMPAIGN_STATUSES: tuple[CampaignStatus, ...] = get_args(CampaignStatus)
OFF_BOARD_STATES: tuple[OffBoardState, ...] = get_args(OffBoardState)
ROLES: tuple[Role, ...] = get_args(Role)


class Model(BaseModel):
    """Base of every stored record: strict, closed, and immutable once built."""

    # Attribute docstrings describe the fields in the snapshot's JSON Schema (``store.field_docs``).
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, str_strip_whitespace=True)


class Place(Model):
    country: Line = ""
    """Country, e.g. "México" or "United States"."""
    state: Line = ""
    """State or department, e.g. "Chiapas"."""
    municipality: Line = ""
    """Municipality or city."""

    def label(self) -> str:
        return ", ".join(part for part in (self.municipality, self.state, self.country) if part)


class Contact(Model):
    """A staff contact of the organization (never a worker)."""

    name: Name
    role: Line = ""
    phone: Annotated[Line, Field(max_length=40)] = ""
    email: Annotated[Line, Field(max_length=120)] = ""


class WorkersReached(Model):
    estimate: Annotated[int, Field(ge=0, le=100_000_000)]
    """Estimated number of workers the organization reaches."""
    basis: Line = ""
    """Where the estimate comes from."""
    as_of: Day | None = None
    """When the estimate was made."""


class Organization(Model):
    """A potential or actual partner organization."""

    id: Identifier
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    """Acronyms and short names."""
    type: OrganizationType = "other"
    place: Place = Field(default_factory=Place)
    legal_capacity: LegalCapacity = "unknown"
    outreach_capacity: OutreachCapacity = "unknown"
    education_program: Tristate = "unknown"
    """Runs a grassroots human-rights education program."""
    education_note: Line = ""
    works_with_migrants: Tristate = "unknown"
    languages: list[Name] = Field(default_factory=list)
    workers_reached: WorkersReached | None = None
    tags: list[Name] = Field(default_factory=list)
    notes: Text = ""
    contacts: list[Contact] = Field(default_factory=list)
    archived: bool = False
    created_at: Timestamp
    updated_at: Timestamp
    version: Version = 1

    @property
    def workers(self) -> int:
        return self.workers_reached.estimate if self.workers_reached else 0


class Stage(Model):
    key: StageKey
    """Stays the same whatever the stage is called: cards and history name stages by key."""
    label: Name
    """The label shown in a language ``labels`` does not name."""
    labels: Annotated[dict[LanguageCode, Name], Field(max_length=8)] = Field(default_factory=dict)
    """The label in each language that has its own, e.g. ``{"es": "Contactada"}``."""

    def label_in(self, language: str) -> str:
        return self.labels.get(language, self.label)


DEFAULT_STAGES = (
    Stage(key="contacted", label="Contacted", labels={"es": "Contactada"}),
    Stage(key="trained", label="Trained", labels={"es": "Capacitada"}),
    Stage(key="active", label="Active partner", labels={"es": "Aliada activa"}),
)


class Goals(Model):
    active_partners: Count | None = None
    """Target number of active partners."""
    workers_reached: Count | None = None
    """Target number of workers reached by active partners."""


MAX_STAGES = 12
"""The most stages one campaign's board has."""
MAX_RETIRED_STAGES = 40
"""The most retired stages a campaign keeps the labels of."""


class Campaign(Model):
    id: Identifier
    name: Name
    description: Text = ""
    stages: Annotated[list[Stage], Field(min_length=1, max_length=MAX_STAGES)] = Field(
        default_factory=lambda: list(DEFAULT_STAGES)
    )
    training_stage: StageKey = "trained"
    """Attending a training moves an organization to this stage."""
    active_stage: StageKey
    """Cards in this stage count as active partners for goals and reports (default: the last stage).

    Required in the model, so it is always stored: a default left out of the file would be read
    back as the last stage of a campaign whose last stage is another."""
    retired_stages: Annotated[list[Stage], Field(max_length=MAX_RETIRED_STAGES)] = Field(default_factory=list)
    """Stages removed from the board: kept so the history that names them still reads with their labels."""
    starts_on: Day | None = None
    """The day the campaign starts, if set."""
    ends_on: Day | None = None
    """The day the campaign ends, if set (never before it starts)."""
    goals: Goals = Field(default_factory=Goals)
    status: CampaignStatus = "active"
    created_at: Timestamp
    updated_at: Timestamp
    version: Version = 1

    @model_validator(mode="before")
    @classmethod
    def _default_active_stage(cls, data: Any) -> Any:
        """Without an active-partner stage named, the last stage is it ("active" with the default stages)."""
        if not isinstance(data, dict) or "active_stage" in data:
            return data
        stages = data.get("stages", DEFAULT_STAGES)
        last = stages[-1] if isinstance(stages, list | tuple) and stages else None
        key = last.key if isinstance(last, Stage) else last.get("key") if isinstance(last, dict) else None
        return {**data, "active_stage": key} if isinstance(key, str) else data

    @model_validator(mode="after")
    def _stages_consistent(self) -> Campaign:
        keys = [stage.key for stage in self.stages]
        if len(set(keys)) != len(keys):
            raise ValueError(_("stage keys must be unique"))
        if self.training_stage not in keys:
            raise ValueError(_("training stage {key!r} is not one of the stages").format(key=self.training_stage))
        if self.active_stage not in keys:
            raise ValueError(_("active-partner stage {key!r} is not one of the stages").format(key=self.active_stage))
        retired = [stage.key for stage in self.retired_stages]
        if set(retired) & set(keys) or len(set(retired)) != len(retired):
            raise ValueError(_("a retired stage is listed twice or is still one of the stages"))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError(_("the campaign cannot end before it starts"))
        return self

    def stage(self, key: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.key == key), None)

    def known_stage(self, key: str) -> Stage | None:
        """The stage ``key`` names, on the board or retired (history names both)."""
        return self.stage(key) or next((stage for stage in self.retired_stages if stage.key == key), None)

    def stage_index(self, key: str) -> int:
        return next((i for i, stage in enumerate(self.stages) if stage.key == key), -1)


class OffBoard(Model):
    state: OffBoardState
    reason: Name


class Placement(Model):
    """An organization's card on one campaign's board."""

    id: Identifier
    organization_id: Identifier
    campaign_id: Identifier
    stage: StageKey
    off_board: OffBoard | None = None
    """Set when the card left the board as not a fit or paused."""
    stage_since: Timestamp
    owner: Line = ""
    """Coordinator responsible for the card."""
    next_follow_up: Day | None = None
    version: Version = 1
    updated_at: Timestamp
    updated_by: Line = ""


class Visit(Model):
    """A follow-up visit to an organization."""

    id: Identifier
    organization_id: Identifier
    campaign_id: Identifier
    date: Day
    visitors: list[Name] = Field(default_factory=list)
    people_met: list[Name] = Field(default_factory=list)
    """Staff of the organization met during the visit."""
    findings: Text = ""
    fit: Annotated[int, Field(ge=1, le=5)]
    """Fit rating from 1 (poor) to 5 (excellent)."""
    recommendation: Line = ""
    next_follow_up: Day | None = None
    created_at: Timestamp
    created_by: Line = ""
    version: Version = 1


class Attendance(Model):
    organization_id: Identifier
    attendees: Annotated[int, Field(ge=1, le=MAX_ATTENDEES)] = 1


class Training(Model):
    """A training event; attending makes an organization trained."""

    id: Identifier
    campaign_id: Identifier
    date: Day
    place: Line = ""
    trainers: list[Name] = Field(default_factory=list)
    topic: Line = ""
    attendance: Annotated[list[Attendance], Field(min_length=1)]
    created_at: Timestamp
    created_by: Line = ""
    version: Version = 1

    @model_validator(mode="after")
    def _no_repeated_organizations(self) -> Training:
        ids = [item.organization_id for item in self.attendance]
        if len(set(ids)) != len(ids):
            raise ValueError(_("an organization is listed twice in the attendance"))
        return self


EventKind = Literal[
    "file_created",
    "campaign_created",
    "campaign_edited",
    "campaign_removed",
    "organization_added",
    "organization_edited",
    "organization_archived",
    "organization_removed",
    "organization_restored",
    "placed",
    "moved",
    "off_board",
    "restored",
    "placement_edited",
    "placement_removed",
    "visit_logged",
    "visit_removed",
    "training_recorded",
    "training_removed",
    "user_set",
    "user_removed",
    "imported",
    "spreadsheet_imported",
    "exported",
    "settings_changed",
    "merged",
    "unmerged",
    "undone",
    "history_acknowledged",
    "contacts_forgotten",
]

Entity = Literal["file", "board", "campaign", "organization", "placement", "visit", "training", "user"]


class Event(Model):
    """One entry of the append-only history."""

    id: Identifier
    group: Identifier
    """Events written by one change share a group; undo reverts a whole group."""
    at: Timestamp
    actor: Login
    """Login name of the process's account."""
    on_behalf: Line = ""
    """Person named by OUTREACH_TUI_USER on a shared account."""
    kind: EventKind
    entity: Entity
    entity_id: Line = ""
    organization_id: Identifier | None = None
    campaign_id: Identifier | None = None
    from_stage: StageKey | None = None
    to_stage: StageKey | None = None
    reason: Text = ""
    training_id: Identifier | None = None
    """For a card reaching the training stage: the training it attended."""
    without_training: bool = False
    """For a card reaching the training stage: it went without a training, for ``reason``."""
    changes: dict[str, list[Any]] = Field(default_factory=dict)
    """Changed fields as ``field: [before, after]`` (JSON values)."""
    version_after: Version | None = None
    """Version of the entity after this change (for undo checks)."""
    undoes: Identifier | None = None
    """For ``undone`` events: the group that was reverted."""
    passed_over: list[Identifier] = Field(default_factory=list)
    """For ``undone`` events: newer groups of the same person that undo went past, because others had changed
    their records since; later undos keep going past them while they stay that way."""
    prev: ChainHash | None = None
    """The hash of the event before this one in the board's history (``store.chain``); None only outside a
    board (a snapshot's history)."""

    @field_validator("changes")
    @classmethod
    def _storable_values(cls, changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for values in changes.values():
            _check_storable(values, 1)
        return changes

    def actor_label(self) -> str:
        return f"{self.on_behalf} via {self.actor}" if self.on_behalf else self.actor


def _check_storable(value: Any, depth: int) -> None:
    """Refuse a JSON value a board file cannot store: integers beyond ``MAX_INTEGER``, deep nesting."""
    if depth > JSON_NESTING_LIMIT:
        raise ValueError(_("nests deeper than {n} levels").format(n=JSON_NESTING_LIMIT))
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not -MAX_INTEGER <= value <= MAX_INTEGER:
        raise ValueError(_("holds a number larger than {max}").format(max=MAX_INTEGER))
    if isinstance(value, list):
        for item in value:
            _check_storable(item, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            _check_storable(item, depth + 1)


class User(Model):
    """A login name with a role on this board file."""

    login: Login
    role: Role
    added_at: Timestamp
    added_by: Login


BOARD_SETTINGS_ID: Literal["board"] = "board"
"""The id of the one settings record of a board (and of the history events that change it)."""


class BoardSettings(Model):
    """Settings of the whole board, chosen by a coordinator."""

    id: Literal["board"] = BOARD_SETTINGS_ID
    language: LanguageCode | None = None
    """The language of people whose own choice and environment name none; None: English."""
    time_zone: TimeZoneName | None = None
    """The zone times are shown in (they are stored in UTC); None: the server's."""
    team_keys: dict[Name, AgePublicKey] = {}
    """The team's age public keys by person: ``export --to-team`` encrypts to all of them."""
    require_encrypted_exports: bool = False
    """Whether every full and partner export must be encrypted (they hold names of exposed organizations)."""
    contact_retention_days: Annotated[int, Field(ge=1, le=36_500)] | None = None
    """How long after an organization left (archived, or off every board) its staff contacts may stay."""
    version: Version = 1


class Meta(Model):
    """The first record of the file: marks it as ours and says its layout version."""

    format: Literal["outreach-tui"]
    schema_version: Annotated[int, Field(ge=1, le=MAX_INTEGER)]
    created_at: Timestamp
    created_by: Line = ""
    checkpoint: Line = ""
    """Id of this version of the file; its journal (``<file>.journal``) names the checkpoint it follows."""
    follows: Line = ""
    """The checkpoint this one replaced: its journal, left by a writer killed meanwhile, is already folded in."""
    sequence: Count = 0
    """The number of the last journaled change this checkpoint holds."""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
