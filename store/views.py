"""What the board and the command line show: cards, columns, a board, counts and an undo's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from .models import Campaign, Organization, Placement, Stage
from .text import fold


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
    """One stage of a board with its cards in display order."""

    stage: Stage
    cards: list[Card]

    @cached_property
    def workers(self) -> int:
        """The workers the column's organizations reach (worked out once: a column is never changed)."""
        return sum(card.organization.workers for card in self.cards)


@dataclass(frozen=True)
class Board:
    """A campaign's columns in stage order plus the cards taken off the board."""

    campaign: Campaign
    columns: list[Column]
    off_board: list[Card]

    def column(self, stage_key: str) -> Column | None:
        return next((column for column in self.columns if column.stage.key == stage_key), None)

    @property
    def active_partners(self) -> Column:
        """The column whose cards count as the campaign's active partners, for its goals and reports."""
        found = self.column(self.campaign.active_stage)
        assert found is not None  # Campaign checks that its active-partner stage is one of its stages
        return found

    def card(self, organization_id: str) -> Card | None:
        return self.by_id.get(organization_id)

    @cached_property
    def by_id(self) -> dict[str, Card]:
        """Every card of the board, on it or off it, by organization id (do not change the result)."""
        cards = {card.id: card for card in self.off_board}
        for column in self.columns:
            cards.update((card.id, card) for card in column.cards)
        return cards

    @classmethod
    def indexed(cls, campaign: Campaign, columns: list[Column], off_board: list[Card], by_id: dict[str, Card]) -> Board:
        """A board whose cards ``by_id`` already indexes (as ``by_id`` would work them out)."""
        board = cls(campaign, columns, off_board)
        vars(board)["by_id"] = by_id
        return board


def card_order(card: Card) -> tuple[datetime, str]:
    """Oldest in its stage first, then by name."""
    # casefold, not fold(): this runs for every card of a 20,000-card board on each rebuild.
    return (card.placement.stage_since, card.organization.name.casefold())


def card_order_in_file(card: Card, doc_number: int) -> tuple[datetime, str, int]:
    """``card_order``, then the card's place in the board file (``doc_number``): the order of a column, whole."""
    return (*card_order(card), doc_number)


@dataclass(frozen=True)
class Counts:
    """How many records of each kind a board file holds."""

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
    skipped: list[str] = field(default_factory=list)
    """Newer changes passed over because someone changed their records since."""
    next_description: str | None = None
    """The change the next undo acts on, if any."""
