"""One stage of the board as a virtual list of cards.

A board can hold 20,000 organizations, so the column is a Line API widget: it
paints only the rows on screen and never mounts a widget per card (a widget per
card took seconds to start at 1,000 cards). Strips are cached per card, so moving
the cursor repaints two cards, not the column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import Card
from store.i18n import _, format_date, language, today
from store.text import display_safe

from ..bindings import COLUMN_BINDINGS
from .card_names import CardNames, cells
from .card_places import CardPlaces, PlaceEntry, place_text

CARD_HEIGHT = 4
"""Rows per card: name, place and follow-up, badges and owner, a gap."""

LEGAL_BADGE = {"in_house": "L+", "cooperating_attorneys": "L~", "none": "L-", "unknown": "L?"}
OUTREACH_BADGE = {"national": "O3", "regional": "O2", "local": "O1", "none": "O-", "unknown": "O?"}
TRISTATE_BADGE = {"yes": "+", "no": "-", "unknown": "?"}


def card_badges(card: Card) -> str:
    """Compact capacity badges, ASCII so they read the same over any SSH session (see the help screen)."""
    org = card.organization
    return " ".join(
        (
            LEGAL_BADGE[org.legal_capacity],
            OUTREACH_BADGE[org.outreach_capacity],
            "E" + TRISTATE_BADGE[org.education_program],
            "M" + TRISTATE_BADGE[org.works_with_migrants],
        )
    )


MIN_PLACE_CELLS = 4
"""The narrowest place worth showing after the follow-up date on a card's second line."""


@lru_cache(maxsize=4096)
def follow_up_words(follow_up: date, today: date, language: str) -> str:
    """What a place line says before the place ("overdue Nov 9, 2026! · ") in ``language``.

    Cached (a date takes Babel 90 µs): a column places all its cards, 20,000 on a large board.
    """
    # The date comes first so narrow columns never cut it off; "overdue" is a word, not just a colour.
    overdue = follow_up < today
    due = format_date(follow_up)
    word = _("overdue") if overdue else _("due")
    return f"{word} {due}{'!' if overdue else ''} · "


def _index_of(cards: list[Card], organization_id: str, near: int) -> int | None:
    """Where ``organization_id``'s card is: looked for first where a change leaves it (where it was, or
    last: a card moved in arrives last), then everywhere (a column of 20,000 cards, once)."""
    for index in (near, near - 1, near + 1, len(cards) - 1):
        if 0 <= index < len(cards) and cards[index].organization.id == organization_id:
            return index
    return next((index for index, card in enumerate(cards) if card.organization.id == organization_id), None)


@dataclass(frozen=True)
class CardLine:
    """One row of a card: text plus the component class that styles it."""

    text: str
    component: str


class CardColumn(ScrollView, can_focus=True):
    """The cards of one stage, with a cursor on the selected one."""

    COMPONENT_CLASSES = {
        "card--name",
        "card--meta",
        "card--badges",
        "card--cursor",
        "card--marked",
        "card--overdue",
    }

    BINDINGS = COLUMN_BINDINGS

    cursor: reactive[int] = reactive(0, repaint=False, always_update=True)

    def __init__(self, stage_key: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stage_key = stage_key
        self.cards: list[Card] = []
        self.marked: frozenset[str] = frozenset()
        self.today = today()
        self._lines: LRUCache[tuple[str, int, int, int, bool, bool, bool, int, str, str], Strip] = LRUCache(1024)
        self._column: list[Card] = []
        self._namer = CardNames()
        self._places = CardPlaces()
        self._names_width = 0
        self._base_style: Style | None = None
        self._look: tuple[Style, ...] = ()
        """The styles the kept rows were painted with (``_card_look``)."""
        self._gone: set[str] = set()
        """The organizations whose card the last change took out of this column, until the next ``set_cards``."""

    # -- data ---------------------------------------------------------------------

    def set_cards(self, cards: list[Card], *, keep: str | None = None) -> None:
        """Show ``cards``; keep the selection on organization ``keep`` (or the current one) if present."""
        wanted = keep if keep is not None else (self.selected.id if self.selected else None)
        before, self.cards = self.cards, cards
        gone, self._gone = self._gone, set()
        self._set_rows(len(cards) * CARD_HEIGHT)
        index = 0
        if wanted is not None:
            # A card that left is not looked for (through 20,000 cards): the cursor stays where it was.
            found = None if wanted in gone else _index_of(cards, wanted, self.cursor)
            index = min(self.cursor, len(cards) - 1) if found is None else found
        self.cursor = max(0, index)
        self._refresh_changed(before, cards)

    def _refresh_changed(self, before: list[Card], after: list[Card]) -> None:
        """Repaint from the first card on screen that differs: a change off screen repaints nothing."""
        top = int(self.scroll_offset.y) // CARD_HEIGHT
        bottom = top + self.scrollable_content_region.height // CARD_HEIGHT + 2
        for index in range(top, bottom):
            if (before[index] if index < len(before) else None) is not (after[index] if index < len(after) else None):
                self.refresh_lines(index * CARD_HEIGHT, (bottom - index) * CARD_HEIGHT)
                return

    def _set_rows(self, rows: int) -> None:
        size = Size(self.size.width, rows)
        if size == self.virtual_size:
            return
        if self.is_mounted and self.show_vertical_scrollbar == (rows > self.container_size.height) and self.size:
            # The scrollbar stays (or stays away): setting the size the usual way would lay out
            # the whole screen again, which costs more than the rest of a move on a large board.
            self.set_reactive(CardColumn.virtual_size, size)
            self.vertical_scrollbar.window_virtual_size = rows
            if self.scroll_y > self.max_scroll_y:
                self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        else:
            self.virtual_size = size

    def name_cards(self, column: list[Card]) -> None:
        """Give each card of the whole column (filtered or not) a name no other card of it shows.

        Called when the column's cards change, not for a filter, so a keystroke stays cheap.
        """
        self._column = column
        self._names_width = 0
        self._rename()

    def cards_changed(self, column: list[Card], *, left: Iterable[Card], arrived: Iterable[Card]) -> None:
        """Follow a change of some of the column's cards: name those that ``arrived`` (or changed) and
        forget those that ``left``, renaming only the cards they meet."""
        self._column = column
        self._gone = {card.id for card in left}.difference(card.id for card in arrived)
        if not self._names_width:
            return
        for card in left:
            self._namer.remove(card.id)
            self._places.remove(card.id)
        for card in arrived:
            self._namer.add(card.organization)
            self._places.add(self._place_entry(card))

    def _names_room(self) -> int:
        # The width as if the scrollbar showed, so a filter that hides or shows it never
        # renames a whole column; one cell for the mark.
        return self.size.width - self.styles.scrollbar_size_vertical - 1

    @property
    def named(self) -> bool:
        """Whether the cards have their names for the column's width (a hidden column has none to fit)."""
        return bool(self._names_width) or self._names_room() <= 0

    def _rename(self, *, repaint: bool = True) -> None:
        width = self._names_room()
        if width <= 0 or width == self._names_width:
            return
        self._names_width = width
        self._namer.distinct([card.organization for card in self._column], width)
        self._place_cards(repaint=repaint)

    def _place_cards(self, *, repaint: bool = True) -> None:
        self._places.distinct(self._place_entries(self._column))
        self._lines.clear()
        if repaint:
            self.refresh()

    def _place_entry(self, card: Card) -> PlaceEntry:
        room = self._names_width - cells(self.follow_up_words(card)[0])
        return PlaceEntry(card.id, place_text(card.organization.place), max(1, room))

    def _place_entries(self, cards: list[Card]) -> Iterator[PlaceEntry]:
        """``_place_entry`` for every card of a column, the room worked out once per follow-up date."""
        rooms: dict[date | None, int] = {}
        today, words_language = self.today, language()
        for card in cards:
            follow_up = card.placement.next_follow_up
            room = rooms.get(follow_up)
            if room is None:
                words = "" if follow_up is None else follow_up_words(follow_up, today, words_language)
                room = rooms[follow_up] = max(1, self._names_width - cells(words))
            org = card.organization
            yield PlaceEntry(org.id, place_text(org.place), room)

    def set_marked(self, marked: frozenset[str]) -> None:
        if marked != self.marked:
            self.marked = marked
            self.refresh()

    @property
    def selected(self) -> Card | None:
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor]
        return None

    def select(self, organization_id: str) -> bool:
        for index, card in enumerate(self.cards):
            if card.id == organization_id:
                self.cursor = index
                return True
        return False

    # -- cursor ---------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.cards) - 1)) if self.cards else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old * CARD_HEIGHT, CARD_HEIGHT)
        self.refresh_lines(new * CARD_HEIGHT, CARD_HEIGHT)
        if self.cards:
            self.scroll_to_region(
                Region(0, new * CARD_HEIGHT, 1, CARD_HEIGHT), animate=False, immediate=True, force=True
            )

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // CARD_HEIGHT)

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.cards) - 1

    def on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_offset.y)
        index = row // CARD_HEIGHT
        if 0 <= index < len(self.cards):
            self.focus()
            self.cursor = index

    def on_focus(self) -> None:
        self.refresh_lines(self.cursor * CARD_HEIGHT, CARD_HEIGHT)

    def on_blur(self) -> None:
        self.refresh_lines(self.cursor * CARD_HEIGHT, CARD_HEIGHT)

    def on_resize(self) -> None:
        self._lines.clear()
        self._set_rows(len(self.cards) * CARD_HEIGHT)
        self._rename()

    def language_changed(self) -> None:
        """Paint every card again: "due" / "vence" and dates follow the language, and so does the room left for places."""
        if self._names_width:
            self._place_cards()
        else:
            self._lines.clear()
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Looked at again before the next row is painted (``_card_look``): the kept rows go only if
        # the cards' colours changed, not on every restyle, such as the focus coming or going.
        self._base_style = None

    def _card_look(self) -> tuple[Style, ...]:
        """The styles the rows are painted with: when they change, no kept row is right any more."""
        components = (self.get_component_rich_style(name, partial=True) for name in sorted(self.COMPONENT_CLASSES))
        return (self.rich_style, self.get_component_rich_style("card--cursor"), *components)

    # -- painting -------------------------------------------------------------------

    def follow_up_words(self, card: Card) -> tuple[str, bool]:
        """What the place line says before the place ("overdue Nov 9! · "), and whether it is overdue."""
        follow_up = card.placement.next_follow_up
        if follow_up is None:
            return "", False
        return follow_up_words(follow_up, self.today, language()), follow_up < self.today

    def card_lines(self, card: Card) -> list[CardLine]:
        org = card.organization
        words, overdue = self.follow_up_words(card)
        place = self._places.labels.get(card.id) or place_text(org.place)
        # Beside a long date in a narrow column the place would be cut to a lone "…": leave it out.
        if words and self._names_width - cells(words) < MIN_PLACE_CELLS:
            place = ""
        meta = f"{words}{place}".rstrip(" ·")
        owner = display_safe(card.placement.owner)
        return [
            CardLine(self._namer.labels.get(card.id) or display_safe(org.name), "card--name"),
            CardLine(meta, "card--overdue" if overdue else "card--meta"),
            CardLine(f"{card_badges(card)} {owner}".rstrip(), "card--badges"),
        ]

    def render_line(self, y: int) -> Strip:
        if self._names_width != self._names_room():
            # The column's first paint (or one at a new width): named now, so the first frame already
            # shows the cards' final names instead of a frame of whole names and another once resized.
            self._rename(repaint=False)
        width = self.scrollable_content_region.width
        row = y + int(self.scroll_offset.y)
        index, line = divmod(row, CARD_HEIGHT)
        base = self._base_style
        if base is None:
            # Worked out once per style change, not per row: it walks the styles of every ancestor.
            base = self._base_style = self.rich_style
            look = self._card_look()
            if look != self._look:
                self._look = look
                self._lines.clear()
        if index >= len(self.cards) or line >= CARD_HEIGHT - 1:
            return Strip.blank(width, base)
        card = self.cards[index]
        is_cursor = index == self.cursor
        focused = self.has_focus
        marked = card.id in self.marked
        # Versions, name and place in the key: an edited or renamed card paints anew, an unchanged one comes from the cache.
        name = self._namer.labels.get(card.id, "")
        place = self._places.labels.get(card.id, "")
        key = (
            card.id,
            card.placement.version,
            card.organization.version,
            line,
            is_cursor,
            focused,
            marked,
            width,
            name,
            place,
        )
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        text_line = self.card_lines(card)[line]
        style = base + self.get_component_rich_style(text_line.component, partial=True)
        if is_cursor and focused:
            style += self.get_component_rich_style("card--cursor")
        elif is_cursor:
            style += Style(reverse=False, underline=line == 0)
        if marked:
            style += self.get_component_rich_style("card--marked", partial=True)
        prefix = ("*" if marked else " ") if line == 0 else " "
        text = prefix + text_line.text
        if cell_len(text) > width:
            text = set_cell_size(text, max(0, width - 1)).rstrip(" ,…") + "…"
        strip = Strip([Segment(text, style)]).adjust_cell_length(width, style)
        self._lines[key] = strip
        return strip
