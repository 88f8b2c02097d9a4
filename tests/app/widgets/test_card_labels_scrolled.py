"""What a column paints for each card, scrolled from its first card to its last, is the name and the place
the rounds give when worked out over the whole column (the eager computation), also after another
session's change."""

from __future__ import annotations

from typing import Any

from outreach_tui.widgets import CardColumn
from outreach_tui.widgets.card_column import CARD_HEIGHT
from outreach_tui.widgets.card_places import CardPlaces, PlaceEntry, place_text
from tests.app.harness import RecordingApp, column, run
from tests.app.widgets.test_card_names import TRICKY, whole_rounds
from tests.boards import TODAY, demo_board, open_board

TRICKY_MORE = [
    *TRICKY,
    # Equal up to the cut at 80 columns (a name gets 22 cells), different after it.
    "Comité de Derechos Humanos de Tabasco y Chiapas",
    "Comité de Derechos Humanos de Tabasco y Campeche",
    "Comité… Tabasco",
    "東京都労働者センター新宿支部第二",
    "Casa 🏠 del Migrante 🌵 Norte",
]


def add_tricky(repo: Any, campaign_id: str, names: list[str]) -> None:
    for name in names:
        repo.add_organization(
            {"name": name, "type": "migrant_services", "place": {"country": "México", "municipality": "Tapachula"}},
            campaign_id=campaign_id,
            allow_duplicate=True,
        )


def names_room(cards: CardColumn) -> int:
    return cards.size.width - cards.styles.scrollbar_size_vertical - 1


def eager_places(cards: CardColumn, room: int) -> dict[str, str]:
    entries = []
    for card in cards.cards:
        words, _overdue = cards.follow_up_words(card)
        entries.append(PlaceEntry(card.id, place_text(card.organization.place), max(1, room - len(words))))
    return CardPlaces().distinct(entries)


async def painted_down_to_the_end(pilot: Any, cards: CardColumn) -> dict[str, tuple[str, str]]:
    """Each card's first two painted lines (the mark cell left out), paging from the first card to the last."""
    seen: dict[str, tuple[str, str]] = {}
    await pilot.press("home")
    while True:
        top = int(cards.scroll_offset.y)
        for y in range(cards.scrollable_content_region.height):
            index, line = divmod(top + y, CARD_HEIGHT)
            if index < len(cards.cards) and line == 0 and y + 1 < cards.scrollable_content_region.height:
                name = cards.render_line(y).text[1:].rstrip()
                meta = cards.render_line(y + 1).text[1:].rstrip()
                seen[cards.cards[index].id] = (name, meta)
        if cards.cursor == len(cards.cards) - 1:
            return seen
        await pilot.press("pagedown")


def expected(cards: CardColumn) -> dict[str, tuple[str, str]]:
    room = names_room(cards)
    names = whole_rounds([card.organization for card in cards.cards], room)
    places = eager_places(cards, room)
    shown = {}
    for card in cards.cards:
        words, _overdue = cards.follow_up_words(card)
        place = places[card.id] if room - len(words) >= 4 or not words else ""
        shown[card.id] = (names[card.id], f"{words}{place}".rstrip(" ·"))
    return shown


def test_every_card_scrolled_into_view_shows_the_names_and_places_of_the_whole_column(tmp_path):
    repo = demo_board(tmp_path, organizations=400)
    campaign_id = repo.default_campaign().id
    add_tricky(repo, campaign_id, TRICKY_MORE)
    other = open_board(repo.path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            cards = column(app, 0)
            assert len(cards.cards) > 200
            painted = await painted_down_to_the_end(pilot, cards)
            assert len(painted) == len(cards.cards)
            assert painted == expected(cards)
            # Another session adds names that meet the ones shown, and renames one to read like another.
            add_tricky(
                other, campaign_id, ["Comité de Derechos Humanos de Tabasco y Chiapas", "東京都労働者センター渋谷支部"]
            )
            renamed = cards.cards[3].organization
            other.update_organization(renamed.id, {"name": cards.cards[5].organization.name}, allow_duplicate=True)
            app.check_for_changes()
            await pilot.pause()
            painted = await painted_down_to_the_end(pilot, cards)
            assert len(painted) == len(cards.cards)
            assert painted == expected(cards)

    run(scenario())
