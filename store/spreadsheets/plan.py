"""What an import would do, row by row, before anything is written: the dry run and the commit share it.

Each row is new, a duplicate (of an organization on the board, or of an earlier row of the
file), or has problems. A duplicate of the board is skipped, fills the board's empty fields, or
updates them with the file's values, as the person chose; nothing is merged silently, and every
match is kept so both records can be shown side by side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..changes.training_rule import reaches_training
from ..document import BoardDocument
from ..duplicates import name_key
from ..i18n import _
from ..models import Campaign, Organization, Stage
from ..stages import stage_label
from ..text import display_safe, fold

if TYPE_CHECKING:
    # Rows are read before a plan is made: the command line's --on-duplicate choices need only this module.
    from .mapping import ColumnMapping
    from .rows import CellIssue, ImportRow

OnDuplicate = Literal["skip", "fill", "update"]
ON_DUPLICATE: tuple[OnDuplicate, ...] = ("skip", "fill", "update")
Action = Literal["new", "update", "unchanged", "skip", "duplicate_in_file", "error"]
EMPTY_VALUES: tuple[Any, ...] = ("", "unknown", None, [], {})
LIST_FIELDS = ("aliases", "languages", "tags")


@dataclass
class RowPlan:
    row: ImportRow
    action: Action
    match: Organization | None = None
    """The organization on the board this row is a duplicate of."""
    same_as_row: int | None = None
    """For a duplicate inside the file: the earlier row it repeats."""
    changes: dict[str, Any] = field(default_factory=dict)
    """For an update: the organization's fields as they will be."""
    place_on: Stage | None = None
    """The stage of the new card this row puts on the campaign's board, if any."""
    move_to: Stage | None = None
    """For an update: the stage its existing card moves to."""
    problems: list[CellIssue] = field(default_factory=list)
    """The row's problems: those of its cells, and those of what it would do on this board (the training rule)."""

    def __post_init__(self) -> None:
        self.problems = [*self.row.problems, *self.problems]


@dataclass
class ImportPlan:
    rows: list[RowPlan]
    campaign: Campaign | None
    on_duplicate: OnDuplicate
    mapping: ColumnMapping | None = None
    """The mapping the rows were read through (set by ``importing.plan_table``)."""

    @property
    def counts(self) -> Counter[str]:
        return Counter(plan.action for plan in self.rows)

    @property
    def problems(self) -> list[CellIssue]:
        return [issue for plan in self.rows for issue in plan.problems]

    @property
    def duplicates(self) -> int:
        return sum(1 for plan in self.rows if plan.match is not None or plan.same_as_row is not None)

    def writes(self) -> list[RowPlan]:
        return [plan for plan in self.rows if plan.action in ("new", "update")]


def plan_import(
    doc: BoardDocument,
    rows: Iterable[ImportRow],
    *,
    campaign: Campaign | None,
    stage: Stage | None = None,
    on_duplicate: OnDuplicate = "skip",
    without_training: bool = False,
) -> ImportPlan:
    """The plan for ``rows`` on this board; ``stage`` is where new cards go when a row names none."""
    matcher = _Matcher(doc)
    plans: list[RowPlan] = []
    for row in rows:
        plan = _plan_row(doc, matcher, row, campaign, stage, on_duplicate)
        if plan.action != "error" and campaign is not None:
            _check_training_rule(doc, plan, campaign, without_training)
        if plan.problems:
            plan.action = "error"
        plans.append(plan)
    return ImportPlan(plans, campaign, on_duplicate)


def _plan_row(
    doc: BoardDocument,
    matcher: _Matcher,
    row: ImportRow,
    campaign: Campaign | None,
    stage: Stage | None,
    on_duplicate: OnDuplicate,
) -> RowPlan:
    if row.problems:
        return RowPlan(row, "error")
    earlier = matcher.earlier_row(row)
    match = matcher.on_board(row)
    matcher.remember(row)
    if earlier is not None:
        return RowPlan(row, "duplicate_in_file", match=match, same_as_row=earlier)
    if match is None:
        wanted = row.stage or stage or (campaign.stages[0] if campaign else None)
        return RowPlan(row, "new", place_on=wanted if campaign else None)
    if on_duplicate == "skip":
        return RowPlan(row, "skip", match=match)
    plan = RowPlan(row, "unchanged", match=match, changes=_changes(match, row.organization, on_duplicate))
    if campaign is not None:
        _card_change(doc, plan, campaign, row.stage or stage, on_duplicate)
    if plan.changes or plan.place_on or plan.move_to:
        plan.action = "update"
    return plan


def _card_change(
    doc: BoardDocument, plan: RowPlan, campaign: Campaign, wanted: Stage | None, on_duplicate: OnDuplicate
) -> None:
    assert plan.match is not None
    card = doc.placements.in_campaign(campaign.id).get(plan.match.id)
    if card is None:
        plan.place_on = wanted or campaign.stages[0]
    elif on_duplicate == "update" and wanted is not None and wanted.key != card.stage and not card.off_board:
        plan.move_to = wanted


def _changes(org: Organization, wanted: dict[str, Any], on_duplicate: OnDuplicate) -> dict[str, Any]:
    """The fields of ``org`` the row changes: empty ones only when filling, any that differ when updating."""
    current = org.model_dump(mode="json")
    changes: dict[str, Any] = {}
    for name, value in wanted.items():
        if name == "place":
            merged = {**current["place"], **_take(current["place"], value, on_duplicate)}
            if merged != current["place"]:
                changes["place"] = merged
        elif name == "contacts":
            contacts = _contacts(current["contacts"], value, on_duplicate)
            if contacts != current["contacts"]:
                changes["contacts"] = contacts
        elif name in LIST_FIELDS:
            merged_list = _union(current[name], value) if on_duplicate == "update" or not current[name] else None
            if merged_list is not None and merged_list != current[name]:
                changes[name] = merged_list
        elif name == "workers_reached":
            estimate = {**(current[name] or {}), **value}
            if (on_duplicate == "update" or current[name] is None) and estimate != current[name]:
                changes[name] = estimate
        elif _replaces(current[name], value, on_duplicate, name):
            changes[name] = value
    return changes


def _take(current: dict[str, Any], wanted: dict[str, Any], on_duplicate: OnDuplicate) -> dict[str, Any]:
    return {name: value for name, value in wanted.items() if _replaces(current.get(name), value, on_duplicate, name)}


def _replaces(current: Any, value: Any, on_duplicate: OnDuplicate, name: str) -> bool:
    if current == value:
        return False
    empty = current in EMPTY_VALUES or (name == "type" and current == "other")
    return on_duplicate == "update" or empty


def _union(current: list[str], wanted: list[str]) -> list[str]:
    known = {fold(item) for item in current}
    return [*current, *(item for item in wanted if fold(item) not in known)]


def _contacts(current: list[dict[str, Any]], wanted: list[dict[str, Any]], on_duplicate: OnDuplicate) -> list[Any]:
    """The file's contact is added, or, updating, fills or replaces the details of the board's contact of that name."""
    result = [dict(contact) for contact in current]
    for contact in wanted:
        same = next((c for c in result if fold(c["name"]) == fold(contact["name"])), None)
        if same is None:
            if on_duplicate == "update" or not result:
                result.append({"role": "", "phone": "", "email": "", **contact})
            continue
        same.update(_take(same, contact, on_duplicate))
    return result


def _check_training_rule(doc: BoardDocument, plan: RowPlan, campaign: Campaign, without_training: bool) -> None:
    """A card that would enter the training stage or pass it needs a training, or the import's stated reason."""
    card_from = None
    target = plan.place_on
    if plan.move_to is not None:
        target = plan.move_to
        assert plan.match is not None
        card = doc.placements.in_campaign(campaign.id).get(plan.match.id)
        card_from = card.stage if card is not None else None
    if target is None or without_training or not reaches_training(campaign, card_from, target.key):
        return
    from .rows import CellIssue

    plan.problems.append(
        CellIssue(
            plan.row.number,
            plan.row.stage_column,
            plan.row.stage_text,
            _(
                "a card gets to {stage} through a training; record the training after the import, or import with "
                "--without-training --reason TEXT"
            ).format(stage=display_safe(stage_label(campaign, target.key))),
        )
    )


class _Matcher:
    """Finds the organization on the board, or the earlier row, that a row repeats."""

    def __init__(self, doc: BoardDocument) -> None:
        self.doc = doc
        self.by_key: dict[str, list[Organization]] = {}
        for org in doc.organizations.values():
            for key in _keys(org.name, org.aliases):
                self.by_key.setdefault(key, []).append(org)
        self.rows: dict[str, list[ImportRow]] = {}

    def on_board(self, row: ImportRow) -> Organization | None:
        if row.org_id and (org := self.doc.organizations.get(row.org_id)) is not None:
            return org
        state = _state(row.organization)
        for key in _keys(row.name, row.organization.get("aliases", [])):
            for org in self.by_key.get(key, []):
                if _same_place(state, org.place.state):
                    return org
        return None

    def earlier_row(self, row: ImportRow) -> int | None:
        state = _state(row.organization)
        for key in _keys(row.name, row.organization.get("aliases", [])):
            for other in self.rows.get(key, []):
                if _same_place(state, _state(other.organization)):
                    return other.number
        return None

    def remember(self, row: ImportRow) -> None:
        for key in _keys(row.name, row.organization.get("aliases", [])):
            self.rows.setdefault(key, []).append(row)


def _keys(name: str, aliases: Iterable[str]) -> set[str]:
    return {name_key(item) for item in (name, *aliases) if item.strip()}


def _state(org: dict[str, Any]) -> str:
    return str(org.get("place", {}).get("state", ""))


def _same_place(first: str, second: str) -> bool:
    """Two organizations of one name in different states are different organizations (a shelter in each town)."""
    return not first or not second or fold(first) == fold(second)
