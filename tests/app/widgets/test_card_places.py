"""The place line of cards: municipality and state, "…" where cut, different places never cut alike."""

from __future__ import annotations

from rich.cells import cell_len

from outreach_tui.widgets.card_places import CardPlaces, PlaceEntry, cut_place, place_text
from store import Place
from tests.app.harness import RecordingApp, column, run
from tests.boards import TODAY, demo_board


def test_the_place_is_municipality_and_state_and_the_country_only_when_neither_is_known():
    assert place_text(Place(country="México", state="Chiapas", municipality="Tapachula")) == "Tapachula, Chiapas"
    assert place_text(Place(country="México", state="Chiapas")) == "Chiapas"
    assert place_text(Place(country="México")) == "México"
    assert place_text(Place()) == ""


def test_a_place_that_does_not_fit_ends_in_an_ellipsis_within_its_room():
    assert cut_place("Nuevo Laredo, Tamaulipas", 30) == "Nuevo Laredo, Tamaulipas"
    assert cut_place("Nuevo Laredo, Tamaulipas", 10) == "Nuevo Lar…"
    # Cut just after the comma: the comma goes, the ellipsis stays.
    assert cut_place("San Luis Río Colorado, Sonora", 23) == "San Luis Río Colorado…"


def test_different_places_cut_alike_are_cut_where_they_differ():
    entries = [
        PlaceEntry("a", "San Cristóbal de las Casas, Chiapas", 12),
        PlaceEntry("b", "San Cristóbal Ecatepec, México", 12),
        PlaceEntry("c", "San Cristóbal de las Casas, Chiapas", 12),
    ]
    assert cut_place(entries[0].place, 12) == cut_place(entries[1].place, 12)
    labels = CardPlaces().distinct(entries)
    assert labels == {"a": "San… de las…", "b": "San… Ecatep…", "c": "San… de las…"}
    assert all(cell_len(label) <= 12 for label in labels.values())


def test_places_that_share_only_their_first_word_keep_what_differs():
    entries = [PlaceEntry("a", "Nogales, Sonora", 10), PlaceEntry("b", "Nogales, Arizona", 10)]
    assert CardPlaces().distinct(entries) == {"a": "No… Sonora", "b": "N… Arizona"}


def test_a_card_moving_in_cuts_again_only_the_places_it_meets():
    places = CardPlaces()
    places.distinct([PlaceEntry("a", "San Cristóbal de las Casas, Chiapas", 12), PlaceEntry("b", "Tapachula", 12)])
    assert places.labels == {"a": "San Cristób…", "b": "Tapachula"}
    places.add(PlaceEntry("c", "San Cristóbal Ecatepec, México", 12))
    assert places.labels == {"a": "San… de las…", "b": "Tapachula", "c": "San… Ecatep…"}
    places.remove("c")
    assert "c" not in places.labels and places.labels["b"] == "Tapachula"


def test_at_80_columns_every_place_line_fits_its_card_and_a_cut_one_ends_in_an_ellipsis(tmp_path):
    repo = demo_board(tmp_path, organizations=60)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            cut = 0
            for index in range(3):
                cards = column(app, index)
                width = cards.scrollable_content_region.width
                for card in cards.cards:
                    meta = cards.card_lines(card)[1].text
                    whole = place_text(card.organization.place)
                    assert cell_len(meta) + 1 <= width, meta
                    if not meta.endswith(whole):
                        cut += 1
                        # Cut with "…", or left out whole when a long follow-up date leaves it no room.
                        assert meta.endswith("…") or "·" not in meta, meta
            assert cut > 0

    run(scenario())


def test_places_kept_up_to_date_are_cut_as_a_column_placed_anew_is():
    entries = [
        PlaceEntry("a", "San Cristóbal de las Casas, Chiapas", 12),
        PlaceEntry("b", "San Cristóbal Ecatepec, México", 12),
        PlaceEntry("c", "San Cristóbal de las Casas, Chiapas", 12),
        PlaceEntry("d", "Nogales, Sonora", 10),
        PlaceEntry("e", "Nogales, Arizona", 10),
        PlaceEntry("f", "東京都新宿区, 東京", 8),
        PlaceEntry("g", "東京都渋谷区, 東京", 8),
    ]
    places = CardPlaces()
    places.distinct(entries)
    for gone in ("b", "e", "f"):
        places.remove(gone)
        entries = [entry for entry in entries if entry.card_id != gone]
        assert places.labels == CardPlaces().distinct(entries)
    assert places.labels["a"] == "San Cristób…"
    places.add(PlaceEntry("b", "San Cristóbal Ecatepec, México", 12))
    assert places.labels["a"] == "San… de las…"
