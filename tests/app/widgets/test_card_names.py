"""Cards of one column never read the same: aliases, names cut where they differ, numbers last."""

from __future__ import annotations

from rich.cells import cell_len

from outreach_tui.widgets import MIN_COLUMN_WIDTH
from outreach_tui.widgets.card_names import CardNames, cut_end
from tests.app.harness import SIZE, RecordingApp, column, organization, run
from tests.boards import TODAY, demo_board, wide_board

WIDTH = 23
"""The cells a name gets in a column at 80 columns."""


def orgs(*names: str, **fields):
    return [organization(name, id=f"org-test{index:04d}", **fields) for index, name in enumerate(names)]


def test_names_that_share_a_long_front_show_the_part_that_differs():
    committees = orgs(*(f"Comité de Derechos Humanos de {state}" for state in ("Tabasco", "Chiapas", "Oaxaca")))
    labels = CardNames().distinct(committees, WIDTH)
    assert len(set(cut_end(org.name, WIDTH) for org in committees)) == 1
    assert sorted(labels.values()) == ["Comité… Chiapas", "Comité… Oaxaca", "Comité… Tabasco"]


def test_the_alias_comes_first_and_a_short_name_stays_whole():
    frayba = organization("Centro de Derechos Humanos Fray Bartolomé de las Casas", aliases=["Frayba"])
    short = organization("Colectivo Raíces", id="org-test0002")
    labels = CardNames().distinct([frayba, short], WIDTH)
    assert labels[frayba.id] == "Frayba · Centro de Der…"
    assert labels[short.id] == "Colectivo Raíces"


def test_the_same_name_twice_gets_numbers_and_every_name_fits():
    twins = orgs("Casa del Migrante Belén", "Casa del Migrante Belén", "Casa del Migrante Belén Tapachula Sur")
    labels = CardNames().distinct(twins, WIDTH)
    assert len(set(labels.values())) == 3
    assert all(cell_len(label) <= WIDTH for label in labels.values())
    assert sum("#" in label for label in labels.values()) == 2


def test_a_card_moving_in_renames_only_what_it_meets_and_leaving_keeps_the_rest_apart():
    names = CardNames()
    committees = orgs("Comité de Derechos Humanos de Tabasco", "Albergue Belén")
    names.distinct(committees, WIDTH)
    assert names.labels[committees[0].id] == "Comité de Derechos Hum…"
    arriving = organization("Comité de Derechos Humanos de Chiapas", id="org-test0099")
    names.add(arriving)
    assert names.labels[arriving.id] == "Comité… Chiapas"
    assert names.labels[committees[0].id] == "Comité… Tabasco"
    assert names.labels[committees[1].id] == "Albergue Belén"
    names.remove(arriving.id)
    assert arriving.id not in names.labels and len(set(names.labels.values())) == 2


def test_no_two_cards_of_a_column_read_the_same_on_a_large_board_at_80_columns(tmp_path):
    repo = demo_board(tmp_path, organizations=300)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            collided = False
            for index in range(3):
                cards = column(app, index)
                width = cards.scrollable_content_region.width - 1
                shown = [cards.card_lines(card)[0].text for card in cards.cards]
                assert len(set(shown)) == len(shown)
                assert all(cell_len(name) <= width for name in shown)
                collided |= len({cut_end(card.organization.name, width) for card in cards.cards}) < len(shown)
            assert collided  # the demo's names do read the same when cut at the end

    run(scenario())


def test_cards_stay_told_apart_in_columns_at_their_narrowest(tmp_path):
    repo = wide_board(tmp_path, organizations=300)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        # 88 cells: four columns of the narrowest width side by side, the other three scrolled to.
        async with app.run_test(size=(88, 24)) as pilot:
            for index in range(7):
                cards = column(app, index)
                assert app.focused is cards
                assert cards.parent is not None and cards.parent.region.width == MIN_COLUMN_WIDTH
                shown = [cards.card_lines(card)[0].text for card in cards.cards]
                assert len(set(shown)) == len(shown), index
                # The border (not on the last column shown), the scrollbar and the mark: 19 or 20 cells for a name.
                room = cards.size.width - 2
                assert room == MIN_COLUMN_WIDTH - (2 if cards.parent.has_class("-last-shown") else 3)
                assert all(cell_len(name) <= room for name in shown)
                await pilot.press("l")

    run(scenario())
