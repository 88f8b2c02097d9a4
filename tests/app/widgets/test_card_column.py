"""The card column paints only what is on screen, and only text that is safe for a terminal."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from outreach_tui.widgets import CardColumn
from store import Card
from tests.app.harness import card, organization, run

HOSTILE = "Casa\x1b[2J\u202eRoja\x07"
"""Escape sequence, bidi override and bell: what another tool could have stored."""


class ColumnApp(App[None]):
    def __init__(self, cards: list[Card]) -> None:
        super().__init__()
        self.cards = cards

    def compose(self) -> ComposeResult:
        yield CardColumn("contacted")

    def on_mount(self) -> None:
        column = self.query_one(CardColumn)
        column.today = date(2026, 11, 24)
        column.set_cards(self.cards)


def hostile_card() -> Card:
    # model_copy(update=...) skips validation, as a record written by another program would.
    org = organization().model_copy(update={"name": HOSTILE})
    place = org.place.model_copy(update={"municipality": "Tapa\x1b]0;x\x07chula"})
    shown = card(org.model_copy(update={"place": place}))
    return Card(shown.organization, shown.placement.model_copy(update={"owner": "an\x1ba"}))


def test_card_text_reaches_the_terminal_without_control_or_format_characters():
    async def scenario():
        app = ColumnApp([hostile_card()])
        async with app.run_test(size=(40, 10)) as pilot:
            await pilot.pause()
            column = app.query_one(CardColumn)
            rows = [column.render_line(y).text for y in range(3)]
            assert "Casa[2JRoja" in rows[0], rows
            assert "Tapa]0;xchula" in rows[1], rows
            assert rows[2].rstrip().endswith("ana"), rows
            for text in rows:
                assert not any(char in text for char in "\x1b\x07\u202e"), repr(text)

    run(scenario())


def test_cards_name_the_month_and_year_of_their_follow_up_and_fit_a_column_at_80_columns():
    due = card(organization(), next_follow_up=date(2026, 12, 26))
    overdue = card(organization("Albergue Belén", id="org-test0002"), next_follow_up=date(2026, 11, 14))
    next_year = card(organization("Centro Obrero", id="org-test0003"), next_follow_up=date(2027, 1, 4))

    async def scenario():
        app = ColumnApp([due, overdue, next_year])
        # A board column at 80x24 gives a card about 24 cells.
        async with app.run_test(size=(25, 12)) as pilot:
            await pilot.pause()
            column = app.query_one(CardColumn)
            meta = [column.render_line(y).text.rstrip() for y in (1, 5, 9)]
            assert meta == [
                " due Dec 26, 2026",
                " overdue Nov 14, 2026!",
                " due Jan 4, 2027 · Tapac…",
            ], meta

    run(scenario())
