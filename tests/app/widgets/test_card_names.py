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


# -- the rounds, worked out whole (the slow path) against the column kept up to date -------------

TRICKY = [
    *(f"Comité de Derechos Humanos de {place}" for place in ("Tabasco", "Chiapas", "Tabasco Norte", "Tab")),
    "Casa del Migrante Belén",
    "Casa del Migrante Belén",
    "Casa del Migrante Belén Tapachula Sur",
    "東京都労働者センター新宿支部",
    "東京都労働者センター渋谷支部",
    "Casa 🏠 del Migrante 🌵 Norte",
    "Casa 🏠 del Migrante 🌵 Sur",
    "e\u0301cole Normale Supe\u0301rieure de Travail",
    "école Normale Supérieure de Travail",
    "Pastoral Social de Ciudad Juárez (Ciudad Juárez, 18)",
    "Pastoral Social de Tijuana (Tijuana, 18)",
    "Pastoral Social de Ciudad Juárez (Ciudad Juárez, 3)",
    "Workers' Center of Los Angeles (Los Angeles, 2)",
    "Workers' Legal Clinic of Los Angeles (Los Angeles, 2)",
    "Workers' Legal Clinic of Los Angeles (Los Angeles, 12)",
    "A",
    "A #1",
]


def whole_rounds(organizations, width):
    """The names as ``CardNames`` defines them, each round worked out over the whole column."""
    from outreach_tui.widgets import card_names as names

    labels = {org.id: cut_end(names.full_label(org), width) for org in organizations}
    by_id = {org.id: org for org in organizations}
    rounds = [labels]
    for level in range(1, names.NUMBERED + names.NUMBERINGS):
        holders: dict[str, list[str]] = {}
        for org_id, label in labels.items():
            holders.setdefault(label, []).append(org_id)
        new = {}
        for label, ids in holders.items():
            group = [by_id[org_id] for org_id in sorted(ids)]
            if len(group) == 1:
                found = [label]
            elif level == names.DIFFERING:
                found = names.where_they_differ(group, width)
            elif level == names.ENDS:
                found = names.name_ends(group, width)
            elif level == names.CUT_FOR_NUMBER:
                found = [cut_end(label, max(1, width - names.MARK_CELLS))] * len(group)
            else:
                before = rounds[names.ENDS if level == names.NUMBERED else level - 1]
                found = names.numbered(group, before, width)
            new.update(zip((org.id for org in group), found, strict=True))
        labels = new
        rounds.append(labels)
    return labels


def test_a_column_kept_up_to_date_names_its_cards_as_the_rounds_worked_out_whole_do():
    import random

    column = orgs(*TRICKY, aliases=[])
    column[1] = organization(TRICKY[1], id=column[1].id, aliases=["CDH"])
    shuffle = random.Random(7)
    for width in (6, 9, 12, 19, 23, 36):
        names = CardNames()
        assert names.distinct(column, width) == whole_rounds(column, width)
        assert len(set(names.labels.values())) == len(column), width
        assert all(cell_len(label) <= width for label in names.labels.values())
        kept = list(column)
        for _step in range(30):
            if kept and shuffle.random() < 0.5:
                gone = kept.pop(shuffle.randrange(len(kept)))
                names.remove(gone.id)
            else:
                org = shuffle.choice(column)
                kept = [other for other in kept if other.id != org.id] + [org]
                names.add(org)
            assert names.labels == whole_rounds(kept, width), width


def test_the_rounds_name_a_column_as_before_where_only_one_group_collides():
    # Checked against the names this board showed before the rounds (each group on its own).
    committees = orgs(*(f"Comité de Derechos Humanos de {state}" for state in ("Tabasco", "Chiapas")), "Albergue Belén")
    assert CardNames().distinct(committees, WIDTH) == {
        "org-test0000": "Comité… Tabasco",
        "org-test0001": "Comité… Chiapas",
        "org-test0002": "Albergue Belén",
    }
    twins = orgs("Casa del Migrante Belén", "Casa del Migrante Belén")
    assert CardNames().distinct(twins, WIDTH) == {
        "org-test0000": "Casa… Migrante Belén #1",
        "org-test0001": "Casa… Migrante Belén #2",
    }


def test_a_card_leaving_gives_the_cards_it_was_told_apart_from_their_names_back():
    names = CardNames()
    committees = orgs("Comité de Derechos Humanos de Tabasco", "Comité de Derechos Humanos de Chiapas")
    names.distinct(committees, WIDTH)
    assert names.labels[committees[0].id] == "Comité… Tabasco"
    names.remove(committees[1].id)
    assert names.labels == {committees[0].id: "Comité de Derechos Hum…"}


def test_names_are_cut_at_the_end_by_their_cells_whatever_their_characters():
    from rich.cells import set_cell_size

    for text in [*TRICKY, "東\u0301東\u0301東\u0301東\u0301", "Señora Ñandú Über", "x" * 40]:
        for width in range(1, 30):
            expected = text if cell_len(text) <= width else set_cell_size(text, max(0, width - 1)).rstrip() + "…"
            assert cut_end(text, width) == expected, (text, width)


def test_an_alias_shows_only_where_it_reads_differently_from_the_name():
    cases = {
        ("Comité", "COMITE"): "Comité",
        ("Straße", "STRASSE"): "Straße",  # folding "ß" gives "ss": the alias is longer and still the same
        ("Centro Frayba", "CF"): "CF · Centro Frayba",
        ("東京センター", "Tokyo"): "Tokyo · 東京センター",
        ("Casa del Migrante", "casa del migrante"): "Casa del Migrante",
    }
    for index, ((name, alias), shown) in enumerate(cases.items()):
        org = organization(name, id=f"org-test{index:04d}", aliases=[alias])
        assert CardNames().distinct([org], 40) == {org.id: shown}, (name, alias)
